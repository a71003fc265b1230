// Turning what a person typed into the canonical value of a field.
#include "shared/forms/form.hpp"

#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

namespace motcua::forms {

namespace {

std::string collapse_spaces(std::string_view s, bool keep_newlines) {
    std::string out;
    bool space = false, newline = false;
    for (char c : s) {
        bool is_newline = c == '\n';
        bool is_space = c == ' ' || c == '\t' || c == '\r' || is_newline;
        if (is_space) {
            if (!out.empty()) {
                space = true;
                newline = newline || (keep_newlines && is_newline);
            }
            continue;
        }
        if (space) out.push_back(newline ? '\n' : ' ');
        space = newline = false;
        out.push_back(c);
    }
    return out;
}

error field_error(const field_def& f, std::string_view vi, std::string_view en) {
    return error{"field_invalid", f.label_vi + ": " + std::string(vi), f.label_en + ": " + std::string(en)};
}

// Digits only, dropping the separators people type (spaces, dots, commas, dashes).
std::string digits_of(std::string_view s, bool keep_plus) {
    std::string out;
    for (char c : s) {
        if (c >= '0' && c <= '9') out.push_back(c);
        else if (c == '+' && keep_plus && out.empty()) out.push_back(c);
        else if (c != ' ' && c != '.' && c != ',' && c != '-' && c != '(' && c != ')') return {};
    }
    return out;
}

} // namespace

result<std::string> normalize(const field_def& field, std::string_view typed) {
    if (!text::is_valid_utf8(typed))
        return field_error(field, "có ký tự không đọc được.", "contains unreadable characters.");
    std::string value = collapse_spaces(text::to_nfc(typed), field.kind == field_kind::long_text);
    if (value.empty()) return value;
    switch (field.kind) {
    case field_kind::date: {
        auto d = parse_vn_date(value);
        if (!d) d = parse_iso_date(value);
        if (!d)
            return field_error(field, "hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2025.",
                               "enter the date as day/month/year, e.g. 05/09/2025.");
        return to_iso(*d);
    }
    case field_kind::money: {
        // 1.500.000 or 1,500,000 or 1500000 (đồng): separators carry no meaning here.
        std::string v = value;
        for (std::string_view unit : {"đồng", "VND", "vnd", "đ"})
            if (v.size() > unit.size() && v.compare(v.size() - unit.size(), unit.size(), unit) == 0)
                v.erase(v.size() - unit.size());
        std::string d = digits_of(v, false);
        if (d.empty()) return field_error(field, "hãy nhập số tiền bằng chữ số, ví dụ 50.000.", "enter the amount in digits, e.g. 50,000.");
        d.erase(0, std::min(d.find_first_not_of('0'), d.size() - 1));
        return d;
    }
    case field_kind::citizen_id:
    case field_kind::old_id: {
        std::string d = digits_of(value, false);
        return d.empty() ? field_error(field, "chỉ gồm các chữ số.", "digits only.") : result<std::string>(d);
    }
    case field_kind::phone: {
        std::string d = digits_of(value, true);
        return d.empty() ? field_error(field, "chỉ gồm các chữ số.", "digits only.") : result<std::string>(d);
    }
    case field_kind::email: {
        for (auto& c : value)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        return value;
    }
    case field_kind::number: {
        // The Vietnamese way: '.' groups thousands, ',' starts the decimals (1.234,5).
        std::string v;
        for (char c : value)
            if (c != ' ' && c != '.') v.push_back(c == ',' ? '.' : c);
        return v;
    }
    default: return value;
    }
}

} // namespace motcua::forms
