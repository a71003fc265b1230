// Formatting and parsing of dossier codes.
#include "shared/dossier/dossier_code.hpp"

#include <cstdio>

namespace motcua::dossier {

namespace {
bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

error bad_code(std::string_view what_vi, std::string_view what_en) {
    return error{"dossier_code_invalid", "Mã hồ sơ không hợp lệ: " + std::string(what_vi) + ".",
                 "Invalid dossier code: " + std::string(what_en) + "."};
}
} // namespace

bool is_valid_agency_code(std::string_view c) {
    // 000.00.10.H26
    if (c.size() != 13 || c[3] != '.' || c[6] != '.' || c[9] != '.') return false;
    return digits(c.substr(0, 3)) && digits(c.substr(4, 2)) && digits(c.substr(7, 2)) &&
           c[10] >= 'A' && c[10] <= 'Z' && digits(c.substr(11, 2));
}

result<std::string> format_dossier_code(const dossier_code& code) {
    if (!is_valid_agency_code(code.agency))
        return bad_code("mã cơ quan sai định dạng", "malformed agency code");
    if (!is_valid(code.received) || code.received.year < 2000 || code.received.year > 2099)
        return bad_code("ngày tiếp nhận không hợp lệ", "invalid receiving date");
    if (code.sequence < 1 || code.sequence > max_daily_sequence)
        return bad_code("số thứ tự ngoài khoảng 1–9999", "sequence outside 1–9999");
    char buf[32];
    std::snprintf(buf, sizeof buf, "-%02d%02d%02d-%04d", code.received.year % 100,
                  code.received.month, code.received.day, code.sequence);
    return code.agency + buf;
}

result<dossier_code> parse_dossier_code(std::string_view text) {
    // agency (13) '-' YYMMDD (6) '-' NNNN (4)
    if (text.size() != 25 || text[13] != '-' || text[20] != '-')
        return bad_code("sai độ dài hoặc dấu gạch", "wrong length or separators");
    dossier_code code;
    code.agency = std::string(text.substr(0, 13));
    if (!is_valid_agency_code(code.agency))
        return bad_code("mã cơ quan sai định dạng", "malformed agency code");
    auto date = text.substr(14, 6);
    auto seq = text.substr(21, 4);
    if (!digits(date) || !digits(seq)) return bad_code("ngày hoặc số thứ tự không phải chữ số", "date or sequence not digits");
    auto two = [&](std::size_t i) { return (date[i] - '0') * 10 + (date[i + 1] - '0'); };
    code.received = civil_date{2000 + two(0), two(2), two(4)};
    if (!is_valid(code.received)) return bad_code("ngày tiếp nhận không hợp lệ", "invalid receiving date");
    code.sequence = (seq[0] - '0') * 1000 + (seq[1] - '0') * 100 + (seq[2] - '0') * 10 + (seq[3] - '0');
    if (code.sequence < 1) return bad_code("số thứ tự phải từ 0001", "sequence must start at 0001");
    return code;
}

} // namespace motcua::dossier
