// Normalising and validating form values.
#include "shared/forms/form.hpp"

#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

namespace motcua::forms {

namespace {

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (is_space) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

error field_error(const field_def& f, std::string_view vi, std::string_view en) {
    return error{"field_invalid", std::string(f.label_vi) + ": " + std::string(vi),
                 std::string(f.label_en) + ": " + std::string(en)};
}

} // namespace

const field_def* form_def::find(std::string_view id) const {
    for (const auto& f : fields)
        if (f.id == id) return &f;
    return nullptr;
}

result<std::string> normalize(const field_def& field, std::string_view typed) {
    if (!text::is_valid_utf8(typed))
        return field_error(field, "có ký tự không đọc được.", "contains unreadable characters.");
    std::string value = collapse_spaces(text::to_nfc(typed));
    if (field.kind == field_kind::date && !value.empty()) {
        auto d = parse_vn_date(value);
        if (!d) d = parse_iso_date(value);
        if (!d)
            return field_error(field, "hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2025.",
                               "enter the date as day/month/year, e.g. 05/09/2025.");
        value = to_iso(*d);
    }
    return value;
}

std::vector<field_problem> validate(const form_def& form, const values& normalized, civil_date today) {
    std::vector<field_problem> problems;
    auto add = [&](const field_def& f, std::string_view vi, std::string_view en) {
        problems.push_back({std::string(f.id), field_error(f, vi, en)});
    };
    for (const auto& f : form.fields) {
        auto it = normalized.find(std::string(f.id));
        std::string_view v = it == normalized.end() ? std::string_view{} : std::string_view(it->second);
        if (v.empty()) {
            if (f.required) add(f, "chưa điền; mục này là bắt buộc.", "missing; this field is required.");
            continue;
        }
        if (count_chars(v) > f.max_length) {
            add(f, "dài quá mức cho phép.", "is longer than allowed.");
            continue;
        }
        switch (f.kind) {
        case field_kind::text: break;
        case field_kind::date: {
            auto d = parse_iso_date(v);
            if (!d) add(f, "ngày không hợp lệ.", "is not a valid date.");
            else if (*d > today) add(f, "không được là một ngày trong tương lai.", "cannot be in the future.");
            break;
        }
        case field_kind::choice: {
            bool known = false;
            for (const auto& o : f.options) known = known || o.value == v;
            if (!known) add(f, "lựa chọn không có trong danh sách.", "is not one of the choices.");
            break;
        }
        }
    }
    for (const auto& [k, v] : normalized) {
        if (!form.find(k))
            problems.push_back({k, error{"field_unknown", "Trường không có trong mẫu đơn: " + k,
                                         "Field not in the form: " + k}});
    }
    return problems;
}

} // namespace motcua::forms
