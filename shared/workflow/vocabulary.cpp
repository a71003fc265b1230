// Names of statuses, roles and moves, as officers and citizens read them.
#include "shared/workflow/vocabulary.hpp"

namespace motcua::workflow {

namespace {
// Indexed by status code - 1.
constexpr label status_names[] = {
    {"Mới nộp", "Newly submitted"},
    {"Đã tiếp nhận", "Accepted"},
    {"Không được tiếp nhận", "Not accepted (refused)"},
    {"Đang xử lý", "Processing"},
    {"Yêu cầu bổ sung hồ sơ", "Supplement requested"},
    {"Yêu cầu thanh toán phí, lệ phí", "Payment requested"},
    {"Công dân đã rút hồ sơ", "Withdrawn by the citizen"},
    {"Dừng xử lý", "Processing stopped"},
    {"Đã xử lý xong", "Processed"},
    {"Đã trả kết quả", "Result returned"},
};

constexpr label role_names[] = {
    {"Công dân, tổ chức", "Citizen"},
    {"Cán bộ tiếp nhận (Bộ phận Một cửa)", "Receiving officer (one-stop desk)"},
    {"Chuyên viên xử lý", "Processing specialist"},
    {"Lãnh đạo", "Leader"},
    {"Hệ thống", "System"},
};

constexpr label move_names[] = {
    {"Nộp hồ sơ", "Submit"},
    {"Tiếp nhận hồ sơ", "Accept"},
    {"Yêu cầu bổ sung hồ sơ", "Request a supplement"},
    {"Bổ sung hồ sơ", "Supplement"},
    {"Từ chối tiếp nhận, giải quyết", "Refuse"},
    {"Chuyển hồ sơ (liên thông)", "Transfer (inter-agency)"},
    {"Nhận xử lý", "Start processing"},
    {"Yêu cầu thanh toán", "Request payment"},
    {"Thanh toán phí, lệ phí", "Pay"},
    {"Phê duyệt, ký", "Approve"},
    {"Trả kết quả", "Return the result"},
    {"Rút hồ sơ", "Withdraw"},
    {"Dừng xử lý", "Stop processing"},
    {"Xin lỗi và hẹn lại ngày trả kết quả", "Apologise and set a new date"},
};

static_assert(sizeof status_names / sizeof status_names[0] == last_status_code);
static_assert(sizeof role_names / sizeof role_names[0] == role_count);
static_assert(sizeof move_names / sizeof move_names[0] == move_count);
} // namespace

label name_of(dossier_status s) {
    int c = code_of(s);
    if (!is_status_code(c)) return {"Trạng thái không xác định", "Unknown status"};
    return status_names[c - 1];
}

label name_of(role r) {
    auto i = static_cast<int>(r);
    if (i < 0 || i >= role_count) return {"Vai trò không xác định", "Unknown role"};
    return role_names[i];
}

label name_of(move m) {
    auto i = static_cast<int>(m);
    if (i < 0 || i >= move_count) return {"Thao tác không xác định", "Unknown move"};
    return move_names[i];
}

bool is_status_code(int code) {
    return code >= first_status_code && code <= last_status_code;
}

bool is_terminal(dossier_status s) {
    return s == dossier_status::refused || s == dossier_status::withdrawn ||
           s == dossier_status::stopped || s == dossier_status::returned;
}

bool is_official(role r) {
    return r == role::receiving_officer || r == role::specialist || r == role::leader;
}

} // namespace motcua::workflow
