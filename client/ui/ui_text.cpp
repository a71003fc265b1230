// The UI text table.
#include "client/ui/ui_text.hpp"

namespace motcua::ui {

namespace {
constexpr text_entry table[] = {
    {text_key::app_title, "MộtCửa Offline", "MộtCửa Offline"},
    {text_key::online, "Đang có mạng", "Online"},
    {text_key::offline, "Đang ngoại tuyến", "Offline"},
    {text_key::sync_now, "Đồng bộ ngay", "Sync now"},
    {text_key::syncing, "Đang gửi…", "Sending…"},
    {text_key::switch_language, "English", "Tiếng Việt"},
    {text_key::send_to, "Nơi nhận hồ sơ", "Sent to"},
    {text_key::required_note, "Mục có dấu * là bắt buộc.", "Fields marked * are required."},
    {text_key::submit, "Nộp hồ sơ", "Submit"},
    {text_key::clear_form, "Xoá nội dung", "Clear form"},
    {text_key::draft_saving, "Đang lưu bản nháp…", "Saving draft…"},
    {text_key::draft_saved_at, "Đã lưu bản nháp lúc", "Draft saved at"},
    {text_key::draft_save_failed, "Không lưu được bản nháp trên máy này", "The draft could not be saved on this device"},
    {text_key::my_dossiers, "Hồ sơ của tôi", "My dossiers"},
    {text_key::nothing_sent_yet, "Chưa có hồ sơ nào được nộp.", "Nothing submitted yet."},
    {text_key::state_queued, "Đã xếp hàng, chưa được tiếp nhận", "Queued, not yet received"},
    {text_key::state_queued_offline, "Đã xếp hàng, chưa được tiếp nhận — sẽ tự gửi khi có mạng",
     "Queued, not yet received — it will be sent when online"},
    {text_key::state_sending, "Đang gửi tới cơ quan…", "Sending to the office…"},
    {text_key::uploading_attachments, "Đang gửi tệp đính kèm", "Sending attachments"},
    {text_key::attachments, "Giấy tờ đính kèm", "Attached papers"},
    {text_key::add_attachment, "Đính kèm ảnh hoặc tệp PDF", "Attach a photo or PDF"},
    {text_key::attachment_limits, "Ảnh JPEG, PNG hoặc tệp PDF, mỗi tệp tối đa 10 MB.",
     "JPEG or PNG photos or PDF files, at most 10 MB each."},
    {text_key::remove, "Bỏ", "Remove"},
    {text_key::state_received, "Đã tiếp nhận", "Received"},
    {text_key::state_failed, "Bị từ chối — cần bạn xem lại", "Refused — needs your attention"},
    {text_key::dossier_code, "Mã hồ sơ", "Dossier code"},
    {text_key::due_date, "Ngày hẹn trả kết quả", "Result due on"},
    {text_key::next_try, "Lần thử tiếp theo sau", "Next try in"},
    {text_key::submitted_toast, "Hồ sơ đã được ký và xếp hàng gửi đi.", "The dossier was signed and queued."},
    {text_key::fix_problems, "Hồ sơ chưa nộp được: hãy sửa các mục được đánh dấu bên dưới.",
     "Not submitted yet: please fix the fields marked below."},
    {text_key::check_warnings, "Xin xem lại các lưu ý bên dưới; nếu đúng như vậy, bấm \"Nộp hồ sơ\" lần nữa để nộp.",
     "Please read the notes below; if they are right, press \"Submit\" again to submit."},
    {text_key::storage_not_persistent,
     "Trình duyệt có thể xoá dữ liệu của ứng dụng khi thiếu dung lượng.",
     "The browser may clear this app's data when space runs low."},
    {text_key::update_ready, "Đã có phiên bản mới của ứng dụng; bản nháp của bạn được giữ nguyên.",
     "A new version of the app is ready; your draft is kept."},
    {text_key::data_procedures, " thủ tục, ", " procedures, "},
    {text_key::data_units, " đơn vị hành chính (Hà Nội) trên máy này", " administrative units (Hà Nội) on this device"},
    {text_key::update_now, "Dùng phiên bản mới", "Use the new version"},
    {text_key::storage_used, "Dữ liệu lưu trên máy", "Stored on this device"},
    {text_key::storage_kept, "trình duyệt cam kết giữ lâu dài", "the browser keeps it for good"},
    {text_key::open_elsewhere, "Ứng dụng đang mở ở một thẻ hoặc cửa sổ khác", "The app is open in another tab or window"},
    {text_key::open_elsewhere_detail,
     "Để không mất những gì đã nhập, mỗi lúc chỉ một thẻ được dùng dữ liệu trên máy. Bấm \"Dùng ở đây\": thẻ kia lưu lại rồi nhường cho thẻ này.",
     "So that nothing typed is lost, one tab at a time uses the data on this device. Press \"Use here\": the other tab saves, then hands over to this one."},
    {text_key::settings, "Cài đặt", "Settings"},
    {text_key::back, "← Quay lại", "← Back"},
    {text_key::language, "Ngôn ngữ", "Language"},
    {text_key::text_size, "Cỡ chữ", "Text size"},
    {text_key::text_normal, "Thường", "Normal"},
    {text_key::text_large, "Lớn", "Large"},
    {text_key::text_larger, "Rất lớn", "Larger"},
    {text_key::high_contrast, "Tương phản cao (chữ đen đậm, viền rõ)", "High contrast (black text, strong borders)"},
    {text_key::back_again_to_leave, "Bấm Quay lại lần nữa để thoát ứng dụng", "Press Back again to leave the app"},
    {text_key::take_over, "Dùng ở đây", "Use here"},
    {text_key::taking_over, "Đang chờ thẻ kia lưu lại…", "Waiting for the other tab to save…"},
};
} // namespace

std::span<const text_entry> all_texts() { return table; }

std::string_view text(text_key key, language lang) {
    for (const auto& e : table)
        if (e.key == key) return lang == language::vi ? e.vi : e.en;
    return "?";
}

} // namespace motcua::ui
