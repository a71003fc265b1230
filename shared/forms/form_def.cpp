// Small lookups over form definitions: kind names, finding fields, visibility, groups.
#include "shared/forms/form.hpp"

namespace motcua::forms {

namespace {
constexpr std::pair<field_kind, std::string_view> kind_names[] = {
    {field_kind::text, "text"},         {field_kind::long_text, "long_text"},
    {field_kind::number, "number"},     {field_kind::money, "money"},
    {field_kind::date, "date"},         {field_kind::choice, "choice"},
    {field_kind::checkbox, "checkbox"}, {field_kind::citizen_id, "citizen_id"},
    {field_kind::old_id, "old_id"},     {field_kind::phone, "phone"},
    {field_kind::email, "email"},       {field_kind::unit, "unit"},
    {field_kind::attachment, "attachment"}, {field_kind::group, "group"},
};
} // namespace

std::string_view kind_name(field_kind k) {
    for (auto [kind, name] : kind_names)
        if (kind == k) return name;
    return "text";
}

std::optional<field_kind> kind_from_name(std::string_view name) {
    for (auto [kind, n] : kind_names)
        if (n == name) return kind;
    return std::nullopt;
}

const field_def* form_def::find(std::string_view id) const {
    for (const auto& f : fields)
        if (f.id == id) return &f;
    return nullptr;
}

bool visible(const field_def& field, const values& v) {
    if (!field.visible_if) return true;
    auto it = v.find(field.visible_if->field);
    return it != v.end() && it->second == field.visible_if->equals;
}

const field_def* field_for_key(const form_def& form, std::string_view key) {
    const field_def* f = form.find(key.substr(0, key.find('.')));
    if (!f || f->kind != field_kind::group) return f && key.find('.') == std::string_view::npos ? f : nullptr;
    const std::string_view sub = key.substr(key.rfind('.') + 1);
    for (const auto& g : f->fields)
        if (g.id == sub) return &g;
    return nullptr;
}

std::size_t group_size(const field_def& group, const values& v) {
    // Items are numbered from 0 without gaps; the first missing number ends the group.
    std::size_t n = 0;
    for (;; ++n) {
        const std::string prefix = group.id + "." + std::to_string(n) + ".";
        auto it = v.lower_bound(prefix);
        if (it == v.end() || it->first.compare(0, prefix.size(), prefix) != 0) return n;
    }
}

migration migrate(const values& old_values, const form_def& from, const form_def& to) {
    migration m;
    for (const auto& [key, value] : old_values) {
        // A group item's key is "group.N.sub": the group decides.
        const std::string top = key.substr(0, key.find('.'));
        const field_def* before = from.find(top);
        const field_def* after = to.find(top);
        bool same = before && after && before->kind == after->kind;
        if (same && before->kind == field_kind::group) {
            auto sub = key.substr(key.rfind('.') + 1);
            auto find_sub = [&](const field_def& g) -> const field_def* {
                for (const auto& f : g.fields)
                    if (f.id == sub) return &f;
                return nullptr;
            };
            const field_def* sb = find_sub(*before);
            const field_def* sa = find_sub(*after);
            same = sb && sa && sb->kind == sa->kind;
        }
        if (same) m.kept.emplace(key, value);
        else m.dropped.push_back(key);
    }
    return m;
}

} // namespace motcua::forms
