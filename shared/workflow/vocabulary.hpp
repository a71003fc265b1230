// The words of the one-stop workflow: the national portal's dossier status codes 1–10, who acts
// (roles), what they do (moves) and the written forms, each with its Vietnamese and English name.
#pragma once

#include <cstdint>
#include <string_view>

namespace motcua::workflow {

// The de facto status codes of the national public-service portal; the numbers are the codes.
enum class dossier_status : std::uint8_t {
    submitted = 1,            // mới nộp, not yet received
    accepted = 2,             // đã tiếp nhận (receipt and appointment issued)
    refused = 3,              // không được tiếp nhận / từ chối
    processing = 4,           // đang xử lý
    supplement_requested = 5, // chờ công dân bổ sung
    payment_requested = 6,    // chờ công dân thanh toán phí, lệ phí
    withdrawn = 7,            // công dân rút hồ sơ
    stopped = 8,              // dừng xử lý
    processed = 9,            // đã xử lý xong, chờ trả
    returned = 10,            // đã trả kết quả
};
constexpr int first_status_code = 1;
constexpr int last_status_code = 10;

enum class role : std::uint8_t {
    citizen,           // the person or organisation who files the dossier
    receiving_officer, // the one-stop desk (Bộ phận Một cửa): receives and returns results
    specialist,        // the processing officer (chuyên viên thụ lý)
    leader,            // approves and signs
    system,            // the software itself: portal sync, payment gateway, expired deadlines
};
constexpr int role_count = 5;

enum class move : std::uint8_t {
    submit,
    accept,
    request_supplement,
    supplement,
    refuse,
    transfer,
    start_processing,
    request_payment,
    pay,
    approve,
    return_result,
    withdraw,
    stop_processing,
    apologise,
};
constexpr int move_count = 14;

// The written forms of the one-stop rules. Which of them exist, and their numbers and titles,
// depend on the rule set in force (see forms.hpp).
enum class form_kind : std::uint8_t {
    receipt,            // giấy tiếp nhận hồ sơ và hẹn trả kết quả
    supplement_request, // phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    refusal,            // phiếu từ chối tiếp nhận giải quyết hồ sơ
    apology,            // phiếu xin lỗi và hẹn lại ngày trả kết quả
    stop_notice,        // phiếu dừng xử lý (2025 rules)
    process_control,    // phiếu kiểm soát quá trình giải quyết hồ sơ
    tracking_log,       // sổ theo dõi hồ sơ
};

struct label {
    std::string_view vi;
    std::string_view en;
};

label name_of(dossier_status s);
label name_of(role r);
label name_of(move m);

constexpr int code_of(dossier_status s) {
    return static_cast<int>(s);
}
bool is_status_code(int code);
// Nothing happens to a dossier after these: refused, withdrawn, stopped, result returned.
bool is_terminal(dossier_status s);
// Officials must work at the unit holding the dossier; the citizen and the system need not.
bool is_official(role r);

} // namespace motcua::workflow
