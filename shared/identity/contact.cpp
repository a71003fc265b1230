// Mobile numbers and e-mail addresses as people type them on forms.
#include "shared/identity/contact.hpp"

#include "shared/text/utf8.hpp"

namespace motcua::identity {

namespace {
// The 2018–2019 conversion of 11-digit mobile numbers: the 4-digit prefix became a 3-digit one,
// the 7 digits after it stayed.
constexpr renumbered_prefix renumbered[] = {
    {"0120", "070", "MobiFone"},     {"0121", "079", "MobiFone"},     {"0122", "077", "MobiFone"},
    {"0123", "083", "VinaPhone"},    {"0124", "084", "VinaPhone"},    {"0125", "085", "VinaPhone"},
    {"0126", "076", "MobiFone"},     {"0127", "081", "VinaPhone"},    {"0128", "078", "MobiFone"},
    {"0129", "082", "VinaPhone"},    {"0162", "032", "Viettel"},      {"0163", "033", "Viettel"},
    {"0164", "034", "Viettel"},      {"0165", "035", "Viettel"},      {"0166", "036", "Viettel"},
    {"0167", "037", "Viettel"},      {"0168", "038", "Viettel"},      {"0169", "039", "Viettel"},
    {"0186", "056", "Vietnamobile"}, {"0188", "058", "Vietnamobile"}, {"0199", "059", "Gmobile"},
};

bool is_mobile_lead(char c) {
    return c == '3' || c == '5' || c == '7' || c == '8' || c == '9';
}

bool is_mobile(const std::string& n) {
    if (n.size() != 10 || n[0] != '0' || !is_mobile_lead(n[1])) return false;
    for (char c : n)
        if (c < '0' || c > '9') return false;
    return true;
}

const renumbered_prefix* old_prefix_of(std::string_view national) {
    for (const auto& r : renumbered)
        if (national.substr(0, 4) == r.old_prefix) return &r;
    return nullptr;
}

std::string str(std::size_t n) {
    return std::to_string(n);
}
} // namespace

std::span<const renumbered_prefix> renumbered_mobile_prefixes() {
    return renumbered;
}

phone_check check_phone(std::string_view number) {
    phone_check r;
    std::string digits;
    bool plus = false;
    int others = 0;
    for (char32_t c : text::code_points(number)) {
        if (c >= U'0' && c <= U'9')
            digits += char(c);
        else if (c == U'+' && digits.empty() && !plus)
            plus = true;
        else if (c == U' ' || c == U'.' || c == U'-' || c == U'(' || c == U')' || c == U'\t' ||
                 c == 0xA0)
            continue;
        else
            ++others;
    }
    if (digits.empty() && others == 0) {
        r.problems.push_back(
            {"phone_missing", "Chưa nhập số điện thoại.", "The phone number is missing."});
        return r;
    }
    if (others > 0) {
        r.problems.push_back({"phone_characters",
                              "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84); xin bỏ "
                              "chữ cái và các ký hiệu khác.",
                              "A phone number has digits only (it may start with +84); please "
                              "remove letters and other symbols."});
        return r;
    }

    // The national form, 0 first. With a country code: +84…, 0084…, or 84… of 11 or 12 digits
    // (no 10-digit national number starts with 84, and old ones were 11 digits).
    std::optional<std::string> after_country_code;
    if (plus || digits.rfind("00", 0) == 0) {
        const std::string intl = plus ? digits : digits.substr(2);
        if (intl.rfind("84", 0) != 0) {
            r.problems.push_back({"phone_foreign",
                                  "Chỉ nhận số di động Việt Nam (mã quốc gia +84).",
                                  "Only Vietnamese mobile numbers (country code +84) are "
                                  "accepted."});
            return r;
        }
        after_country_code = intl.substr(2);
    } else if (digits.rfind("84", 0) == 0 && (digits.size() == 11 || digits.size() == 12)) {
        after_country_code = digits.substr(2);
    }
    std::string national;
    if (after_country_code) {
        if (!after_country_code->empty() && (*after_country_code)[0] == '0') {
            national = *after_country_code;
            r.problems.push_back({"phone_country_code_zero",
                                  "Sau +84 không viết số 0 đầu; viết số 0 đầu thì bỏ +84.",
                                  "Leave out the leading 0 after +84, or write the 0 without "
                                  "+84."});
        } else {
            national = "0" + *after_country_code;
        }
    } else if (digits.size() == 9 && is_mobile_lead(digits[0])) {
        r.suggestion = "0" + digits;
        r.problems.push_back({"phone_missing_zero",
                              "Số di động có 10 chữ số, bắt đầu bằng 0; số này thiếu số 0 đầu.",
                              "A mobile number has 10 digits starting with 0; this one lacks the "
                              "leading 0."});
        return r;
    } else {
        national = digits;
    }

    if (is_mobile(national)) {
        if (!r.problems.empty()) r.suggestion = national;
    } else if (national.size() == 11 && national.rfind("01", 0) == 0) {
        if (const renumbered_prefix* p = old_prefix_of(national)) {
            r.suggestion = std::string(p->new_prefix) + national.substr(4);
            r.problems.push_back({"phone_renumbered",
                                  "Số 11 chữ số đầu " + std::string(p->old_prefix) +
                                      " đã đổi sang đầu " + std::string(p->new_prefix) +
                                      " (10 chữ số) từ năm 2018; xin dùng số mới.",
                                  "11-digit numbers starting " + std::string(p->old_prefix) +
                                      " moved to " + std::string(p->new_prefix) +
                                      " (10 digits) in 2018; please use the new "
                                      "number."});
        } else {
            r.problems.push_back({"phone_prefix",
                                  "Đầu số " + national.substr(0, 4) +
                                      " không có trong bảng chuyển đổi số di động 11 số; xin "
                                      "nhập số di động 10 số hiện dùng.",
                                  "The prefix " + national.substr(0, 4) +
                                      " is not among the renumbered 11-digit mobile prefixes; "
                                      "please enter the 10-digit mobile number in use."});
        }
    } else if (national.rfind("02", 0) == 0) {
        r.problems.push_back({"phone_landline",
                              "Đây là số máy cố định (đầu 02); xin nhập số di động.",
                              "This is a landline number (starting 02); please enter a mobile "
                              "number."});
    } else if (national.size() != 10) {
        r.problems.push_back({"phone_length",
                              "Số di động có 10 chữ số, bắt đầu bằng 0; số vừa nhập có " +
                                  str(national.size()) + " chữ số.",
                              "A mobile number has 10 digits starting with 0; this one has " +
                                  str(national.size()) + "."});
    } else {
        r.problems.push_back({"phone_prefix",
                              "Số di động Việt Nam bắt đầu bằng 03, 05, 07, 08 hoặc 09; số này "
                              "bắt đầu bằng " +
                                  national.substr(0, 2) + ".",
                              "Vietnamese mobile numbers start with 03, 05, 07, 08 or 09; this "
                              "one starts with " +
                                  national.substr(0, 2) + "."});
    }
    r.valid = r.problems.empty();
    if (r.valid) r.normalized = national;
    return r;
}

namespace {
error bad_email(std::string code, std::string vi, std::string en) {
    return {"email_" + code, std::move(vi), std::move(en)};
}

bool is_label_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c >= 0x80;
}
} // namespace

status check_email(std::string_view a) {
    if (a.empty())
        return bad_email("missing", "Chưa nhập địa chỉ thư điện tử.",
                         "The e-mail address is missing.");
    if (!text::is_valid_utf8(a))
        return bad_email("encoding", "Địa chỉ thư điện tử có ký tự lỗi; xin gõ lại.",
                         "The e-mail address has broken characters; please type it again.");
    for (char32_t c : text::code_points(a))
        if (c <= 0x20 || c == 0x7F || c == 0xA0 || (c >= 0x2000 && c <= 0x200F) || c == 0x3000 ||
            c == 0xFEFF)
            return bad_email("spaces", "Địa chỉ thư điện tử không có dấu cách; xin bỏ dấu cách.",
                             "An e-mail address has no spaces; please remove them.");
    const std::size_t at = a.find('@');
    if (at == std::string_view::npos || a.find('@', at + 1) != std::string_view::npos)
        return bad_email("at", "Địa chỉ thư điện tử có đúng một dấu @, ví dụ ten@example.vn.",
                         "An e-mail address has exactly one @, e.g. name@example.vn.");
    if (a.size() > 254)
        return bad_email("length", "Địa chỉ thư điện tử dài quá 254 ký tự.",
                         "The e-mail address is longer than 254 characters.");
    const std::string_view local = a.substr(0, at), domain = a.substr(at + 1);
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
        local.find("..") != std::string_view::npos ||
        local.find_first_of("()<>[]\\,;:\"") != std::string_view::npos)
        return bad_email("local", "Phần trước dấu @ của địa chỉ thư điện tử không hợp lệ.",
                         "The part before the @ of the e-mail address is not valid.");
    const error bad_domain = bad_email(
        "domain", "Phần sau dấu @ phải là tên miền có dấu chấm, ví dụ gmail.com hoặc hanoi.gov.vn.",
        "The part after the @ must be a domain name with a dot, e.g. gmail.com or hanoi.gov.vn.");
    if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string_view::npos)
        return bad_domain;
    std::string_view last_label;
    for (std::string_view rest = domain;;) {
        const std::size_t dot = rest.find('.');
        const std::string_view label = rest.substr(0, dot);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return bad_domain;
        for (char c : label)
            if (!is_label_char(static_cast<unsigned char>(c))) return bad_domain;
        last_label = label;
        if (dot == std::string_view::npos) break;
        rest.remove_prefix(dot + 1);
    }
    if (last_label.find_first_not_of("0123456789") == std::string_view::npos) return bad_domain;
    return ok_status();
}

} // namespace motcua::identity
