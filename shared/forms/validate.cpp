// Validation of a whole form: per-field checks by kind, repeating groups, then cross-field rules.
#include "shared/forms/form.hpp"

#include "shared/forms/identity_fields.hpp"
#include "shared/forms/pattern.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/text/control_chars.hpp"

#include <cstdlib>

namespace motcua::forms {

namespace {

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

class checker {
  public:
    checker(const form_def& form, const values& v, const validation_context& ctx)
        : form_(form), v_(v), ctx_(ctx) {}

    std::vector<field_problem> run() {
        check_control_characters();
        for (const auto& f : form_.fields) check_field(f, f.id, v_);
        for (const auto& r : form_.rules) check_rule(r);
        check_unknown_keys();
        return std::move(problems_);
    }

  private:
    void add(const field_def& f, const std::string& key, std::string_view vi, std::string_view en,
             severity level = severity::error) {
        problems_.push_back({key, error{"field_invalid", f.label_vi + ": " + std::string(vi),
                                        f.label_en + ": " + std::string(en)},
                             level});
    }

    const std::string* value_of(const std::string& key) const {
        auto it = v_.find(key);
        return it == v_.end() || it->second.empty() ? nullptr : &it->second;
    }

    void check_field(const field_def& f, const std::string& key, const values& scope) {
        if (!visible(f, scope)) return;
        if (f.kind == field_kind::group) return check_group(f);
        if (!f.computed.empty()) return; // filled by compute(), not by the person
        const std::string* v = value_of(key);
        if (!v) {
            if (f.required) add(f, key, "chưa điền; mục này là bắt buộc.", "missing; this field is required.");
            return;
        }
        const std::size_t n = count_chars(*v);
        if (n > f.max_length) {
            add(f, key, "dài quá " + std::to_string(f.max_length) + " ký tự.",
                "longer than " + std::to_string(f.max_length) + " characters.");
            return;
        }
        if (n < f.min_length)
            add(f, key, "cần ít nhất " + std::to_string(f.min_length) + " ký tự.",
                "needs at least " + std::to_string(f.min_length) + " characters.");
        check_kind(f, key, *v);
        if (!f.pattern.empty() && !pattern_matches(f.pattern, *v))
            add(f, key, f.pattern_hint_vi.empty() ? "không đúng định dạng." : f.pattern_hint_vi,
                f.pattern_hint_en.empty() ? "is not in the expected format." : f.pattern_hint_en);
    }

    void check_kind(const field_def& f, const std::string& key, const std::string& v) {
        switch (f.kind) {
        case field_kind::date: {
            auto d = parse_iso_date(v);
            if (!d) add(f, key, "ngày không hợp lệ.", "is not a valid date.");
            break;
        }
        case field_kind::choice: {
            bool known = false;
            for (const auto& o : f.options) known = known || o.value == v;
            if (!known) add(f, key, "lựa chọn không có trong danh sách.", "is not one of the choices.");
            break;
        }
        case field_kind::checkbox:
            if (v != "1") add(f, key, "chỉ có thể đánh dấu hoặc để trống.", "can only be ticked or left empty.");
            break;
        case field_kind::number:
        case field_kind::money: {
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || (f.kind == field_kind::money && v.find('.') != std::string::npos)) {
                add(f, key, "phải là một số.", "must be a number.");
                break;
            }
            if (f.min && d < *f.min)
                add(f, key, "không được nhỏ hơn " + format_number(*f.min) + ".",
                    "must not be less than " + format_number(*f.min) + ".");
            if (f.max && d > *f.max)
                add(f, key, "không được lớn hơn " + format_number(*f.max) + ".",
                    "must not be more than " + format_number(*f.max) + ".");
            break;
        }
        case field_kind::citizen_id:
        case field_kind::old_id:
        case field_kind::phone:
        case field_kind::email: {
            std::optional<civil_date> birth;
            if (!f.birth_field.empty())
                if (const std::string* b = value_of(f.birth_field)) birth = parse_iso_date(*b);
            for (auto& e : check_identity_field(f.kind, v, birth, ctx_.today))
                problems_.push_back({key, error{e.code, f.label_vi + ": " + e.vi, f.label_en + ": " + e.en},
                                     severity::error});
            break;
        }
        case field_kind::unit: {
            bool shape = v.size() >= 2 && v.size() <= 5 && v.find_first_not_of("0123456789") == std::string::npos;
            if (!shape || (ctx_.unit_exists && !ctx_.unit_exists(v, ctx_.today)))
                add(f, key, "không phải một đơn vị hành chính đang có hiệu lực.",
                    "is not an administrative unit in force.");
            break;
        }
        case field_kind::attachment: {
            // A BLAKE2b-256 content hash, hex: the file itself travels apart, by its hash.
            bool hex = v.size() == 64 && v.find_first_not_of("0123456789abcdef") == std::string::npos;
            if (!hex) add(f, key, "tệp đính kèm không hợp lệ.", "is not a valid attachment.");
            break;
        }
        default: break;
        }
    }

    void check_group(const field_def& g) {
        const std::size_t n = group_size(g, v_);
        if (n < g.min_items) {
            if (n == 0 && g.required)
                add(g, g.id, "cần ít nhất " + std::to_string(std::max<std::size_t>(1, g.min_items)) + " mục.",
                    "needs at least " + std::to_string(std::max<std::size_t>(1, g.min_items)) + " item(s).");
            else if (n > 0)
                add(g, g.id, "cần ít nhất " + std::to_string(g.min_items) + " mục.",
                    "needs at least " + std::to_string(g.min_items) + " items.");
        }
        if (n > g.max_items)
            add(g, g.id, "nhiều nhất " + std::to_string(g.max_items) + " mục.",
                "at most " + std::to_string(g.max_items) + " items.");
        for (std::size_t i = 0; i < n; ++i) {
            // Inside an item, conditions and rules see the item's own values under plain ids.
            const std::string prefix = g.id + "." + std::to_string(i) + ".";
            values scope = v_;
            for (auto it = v_.lower_bound(prefix); it != v_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
                scope[it->first.substr(prefix.size())] = it->second;
            for (const auto& sub : g.fields) check_field(sub, prefix + sub.id, scope);
        }
    }

    std::optional<civil_date> date_of(const std::string& id) const {
        if (id == "today") return ctx_.today;
        const std::string* v = value_of(id);
        return v ? parse_iso_date(*v) : std::nullopt;
    }

    void rule_problem(const rule& r, const std::string& key) {
        problems_.push_back({key, error{r.level == severity::warning ? "rule_warning" : "rule_failed", r.message_vi,
                                        r.message_en},
                             r.level});
    }

    void check_rule(const rule& r) {
        if (r.kind == "required_one_of") {
            for (const auto& f : r.fields)
                if (value_of(f)) return;
            return rule_problem(r, r.fields.empty() ? std::string() : r.fields.front());
        }
        const field_def* f = form_.find(r.field);
        if (f && !visible(*f, v_)) return;
        auto a = date_of(r.field);
        auto b = date_of(r.other);
        if (!a || !b) return; // a missing or bad date is reported by its field
        const std::int64_t da = days_from_civil(*a), db = days_from_civil(*b);
        if (r.kind == "date_not_after" && da > db + r.days) rule_problem(r, r.field);
        else if (r.kind == "date_not_before" && da < db + r.days) rule_problem(r, r.field);
        else if (r.kind == "date_within" && (db - da > r.days || da > db)) rule_problem(r, r.field);
    }

    // Before anything else and in every value, shown or not, typed or computed: what the codec
    // lets through (a line break in "values") only a field of several lines may hold.
    void check_control_characters() {
        for (const auto& [k, v] : v_) {
            const field_def* f = field_for_key(form_, k);
            const bool newline_ok = f && f->kind == field_kind::long_text;
            const auto at = text::find_control_character(v, newline_ok);
            if (at == std::string::npos) continue;
            const auto c = static_cast<unsigned char>(v[at]);
            const std::string vi_label = f ? f->label_vi : k, en_label = f ? f->label_en : k;
            const std::string vi = c == '\n' ? "không được xuống dòng (ô này chỉ có một dòng)."
                                              : "có ký tự điều khiển không được phép (" + text::control_character_name(c) + ").";
            const std::string en = c == '\n' ? "must not hold a line break (it is a one-line field)."
                                              : "holds a control character that is not allowed (" +
                                                    text::control_character_name(c) + ").";
            problems_.push_back({k,
                                 error{std::string(protocol::errors::control_character.code), vi_label + ": " + vi,
                                       en_label + ": " + en},
                                 severity::error});
        }
    }

    void check_unknown_keys() {
        for (const auto& [k, v] : v_) {
            const std::string top = k.substr(0, k.find('.'));
            const field_def* f = form_.find(top);
            bool known = f && (k == top ? f->kind != field_kind::group : f->kind == field_kind::group);
            if (!known)
                problems_.push_back({k, error{"field_unknown", "Trường không có trong mẫu đơn: " + k,
                                              "Field not in the form: " + k},
                                     severity::error});
        }
    }

    const form_def& form_;
    const values& v_;
    const validation_context& ctx_;
    std::vector<field_problem> problems_;
};

} // namespace

std::vector<field_problem> validate(const form_def& form, const values& normalized, const validation_context& ctx) {
    return checker(form, normalized, ctx).run();
}

std::vector<field_problem> validate(const form_def& form, const values& normalized, civil_date today) {
    return validate(form, normalized, validation_context{today, {}});
}

bool has_errors(const std::vector<field_problem>& problems) {
    for (const auto& p : problems)
        if (p.level == severity::error) return true;
    return false;
}

} // namespace motcua::forms
