// Every error the server can answer with: a stable machine code, the HTTP status, and what a
// person reads (Vietnamese first, English second). One table, used by the server to answer
// and by the client to explain.
#pragma once

#include "shared/core/result.hpp"

#include <string_view>

namespace motcua::protocol {

struct error_kind {
    std::string_view code;
    int http_status;
    std::string_view vi;
    std::string_view en;
};

namespace errors {
inline constexpr error_kind json_malformed{
    "json_malformed", 400, "Dữ liệu gửi lên không đọc được (không đúng định dạng JSON).",
    "The request body could not be read (it is not valid JSON)."};
// JSON allows both; the protocol does not (shared/protocol/strict_json.hpp).
inline constexpr error_kind json_duplicate_key{
    "json_duplicate_key", 422, "Dữ liệu gửi lên có một trường xuất hiện hai lần trong cùng một đối tượng.",
    "The request body has a key that appears twice in one object."};
inline constexpr error_kind control_character{
    "control_character", 422, "Dữ liệu gửi lên có ký tự điều khiển (ký tự vô hình) không được phép.",
    "The request body holds a control character (an invisible character) that is not allowed."};
inline constexpr error_kind content_type_unsupported{
    "content_type_unsupported", 415, "Máy chủ chỉ nhận dữ liệu dạng application/json.",
    "The server accepts application/json only."};
inline constexpr error_kind body_too_large{
    "body_too_large", 413, "Dữ liệu gửi lên quá lớn so với giới hạn của máy chủ.",
    "The request body is larger than the server accepts."};
inline constexpr error_kind header_too_large{
    "header_too_large", 431, "Phần đầu của yêu cầu quá lớn.", "The request header is too large."};
inline constexpr error_kind request_malformed{
    "request_malformed", 400, "Yêu cầu gửi lên không đúng cấu trúc.",
    "The request is not well formed."};
inline constexpr error_kind submission_malformed{
    "submission_malformed", 422, "Hồ sơ gửi lên thiếu thông tin hoặc sai định dạng.",
    "The submission is incomplete or malformed."};
inline constexpr error_kind id_mismatch{
    "id_mismatch", 400, "Mã gửi trong đường dẫn và trong nội dung hồ sơ không khớp nhau.",
    "The submission id in the path and in the body differ."};
inline constexpr error_kind signature_invalid{
    "signature_invalid", 422,
    "Chữ ký của hồ sơ không hợp lệ: nội dung có thể đã bị thay đổi trên đường truyền.",
    "The submission's signature does not verify: its content may have been altered in transit."};
inline constexpr error_kind submission_conflict{
    "submission_conflict", 409,
    "Mã gửi này đã được dùng cho một hồ sơ có nội dung khác; hồ sơ không được ghi đè.",
    "This submission id was already used for different content; nothing was overwritten."};
inline constexpr error_kind procedure_unknown{
    "procedure_unknown", 422, "Thủ tục hoặc cơ quan tiếp nhận không có trong danh mục.",
    "The procedure or receiving agency is not in the catalog."};
inline constexpr error_kind form_version_unknown{
    "form_version_unknown", 422,
    "Mẫu đơn này đã cũ và không còn được nhận; hãy mở lại hồ sơ để điền theo mẫu mới.",
    "This form version is no longer accepted; open the dossier again to fill in the new form."};
inline constexpr error_kind protocol_unsupported{
    "protocol_unsupported", 400,
    "Phiên bản ứng dụng đã cũ; hãy tải lại trang để cập nhật rồi gửi lại.",
    "The app version is out of date; reload the page to update, then send again."};
inline constexpr error_kind not_found{"not_found", 404, "Không tìm thấy địa chỉ yêu cầu.",
                                      "Nothing is found at this address."};
inline constexpr error_kind method_not_allowed{
    "method_not_allowed", 405, "Phương thức không được hỗ trợ ở địa chỉ này.",
    "This method is not allowed at this address."};
inline constexpr error_kind timeout{"timeout", 408, "Yêu cầu gửi quá chậm nên đã bị ngắt.",
                                    "The request was too slow and was cut off."};
inline constexpr error_kind daily_capacity{
    "daily_capacity", 503, "Cơ quan đã hết số hồ sơ trong ngày; hồ sơ sẽ được gửi lại sau.",
    "The agency's dossier numbers for today are used up; the submission will be sent again later."};
inline constexpr error_kind server_error{
    "server_error", 500, "Máy chủ gặp sự cố; hồ sơ vẫn được giữ trên máy và sẽ được gửi lại.",
    "The server had a problem; the submission stays on the device and will be sent again."};
inline constexpr error_kind request_unsigned{
    "request_unsigned", 401, "Yêu cầu thiếu chữ ký của thiết bị.",
    "The request does not carry the device's signature headers."};
inline constexpr error_kind request_stale{
    "request_stale", 401, "Đồng hồ của thiết bị lệch quá nhiều so với máy chủ; ứng dụng sẽ tự chỉnh và gửi lại.",
    "The device clock is too far from the server's; the app corrects it and sends again."};
inline constexpr error_kind request_signature_invalid{
    "request_signature_invalid", 401, "Chữ ký của yêu cầu không hợp lệ.",
    "The request's signature does not verify."};
inline constexpr error_kind request_replayed{
    "request_replayed", 409, "Yêu cầu này đã được gửi trước đó và không được nhận lại.",
    "This request was already received once and is not accepted again."};
inline constexpr error_kind device_unknown{
    "device_unknown", 401, "Thiết bị chưa đăng ký với máy chủ; ứng dụng sẽ tự đăng ký rồi gửi lại.",
    "The device is not registered; the app registers it and sends again."};
inline constexpr error_kind device_mismatch{
    "device_mismatch", 403, "Hồ sơ này được ký bởi một thiết bị khác với thiết bị gửi.",
    "The submission was signed by another device than the one sending it."};
inline constexpr error_kind rate_limited{
    "rate_limited", 429, "Thiết bị gửi quá nhiều yêu cầu; ứng dụng sẽ gửi lại sau ít phút.",
    "Too many requests from this device; the app will try again shortly."};
inline constexpr error_kind server_busy{
    "server_busy", 503, "Máy chủ đang quá tải; hồ sơ vẫn được giữ trên máy và sẽ được gửi lại.",
    "The server is busy; the submission stays on the device and will be sent again."};
inline constexpr error_kind attachment_too_large{
    "attachment_too_large", 413, "Tệp đính kèm quá lớn: mỗi tệp tối đa 10 MB. Hãy chụp lại ảnh với độ phân giải thấp hơn.",
    "The attachment is too large: at most 10 MB per file. Take the photo again at a lower resolution."};
inline constexpr error_kind attachment_type_unsupported{
    "attachment_type_unsupported", 415, "Chỉ nhận tệp ảnh JPEG, PNG hoặc tệp PDF.",
    "Only JPEG or PNG images and PDF files are accepted."};
inline constexpr error_kind attachment_unknown{
    "attachment_unknown", 404, "Máy chủ chưa có tệp đính kèm này.", "The server does not hold this attachment."};
inline constexpr error_kind attachment_offset_mismatch{
    "attachment_offset_mismatch", 409, "Phần tệp gửi lên không nối tiếp phần máy chủ đã có; ứng dụng sẽ gửi tiếp từ chỗ đúng.",
    "The chunk does not continue what the server holds; the app resumes from the right place."};
inline constexpr error_kind attachment_too_long{
    "attachment_too_long", 422, "Tệp gửi lên dài hơn kích thước đã khai báo.",
    "The upload is longer than the size announced for it."};
inline constexpr error_kind attachment_hash_mismatch{
    "attachment_hash_mismatch", 422, "Tệp đính kèm bị hỏng trên đường truyền; ứng dụng sẽ gửi lại từ đầu.",
    "The attachment was damaged in transit; the app sends it again from the start."};
inline constexpr error_kind attachment_missing{
    "attachment_missing", 422, "Máy chủ chưa nhận đủ các tệp đính kèm của hồ sơ; ứng dụng sẽ gửi tiếp.",
    "The server does not yet hold every attachment of the submission; the app sends them first."};
inline constexpr error_kind chunk_too_large{
    "chunk_too_large", 413, "Một lần gửi tệp quá lớn (tối đa 256 KB mỗi phần).",
    "A chunk is too large (at most 256 KB each)."};
} // namespace errors

// The error value, with an optional detail appended to each language's message.
error make_error(const error_kind& kind, std::string_view detail_vi = {},
                 std::string_view detail_en = {});

} // namespace motcua::protocol
