// Row operations of repeating groups over the flat value map.
#include "shared/forms/groups.hpp"

#include <algorithm>
#include <string>

namespace motcua::forms {

namespace {

std::string row_prefix(const field_def& g, std::size_t i) { return g.id + "." + std::to_string(i) + "."; }

// The sub-values of row i, by sub-field id; taken out of `typed`.
values take_row(const field_def& g, values& typed, std::size_t i) {
    const std::string prefix = row_prefix(g, i);
    values row;
    auto it = typed.lower_bound(prefix);
    while (it != typed.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
        row.emplace(it->first.substr(prefix.size()), std::move(it->second));
        it = typed.erase(it);
    }
    return row;
}

void put_row(const field_def& g, values& typed, std::size_t i, values row) {
    const std::string prefix = row_prefix(g, i);
    for (auto& [sub, v] : row) typed[prefix + sub] = std::move(v);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

} // namespace

bool add_group_item(const field_def& group, values& typed) {
    const std::size_t n = group_size(group, typed);
    if (n >= group.max_items || group.fields.empty()) return false;
    for (const auto& sub : group.fields) typed[row_prefix(group, n) + sub.id] = "";
    return true;
}

void remove_group_item(const field_def& group, values& typed, std::size_t index) {
    const std::size_t n = group_size(group, typed);
    if (index >= n) return;
    take_row(group, typed, index);
    for (std::size_t i = index + 1; i < n; ++i) put_row(group, typed, i - 1, take_row(group, typed, i));
}

void move_group_item(const field_def& group, values& typed, std::size_t from, std::size_t to) {
    const std::size_t n = group_size(group, typed);
    if (from >= n || to >= n || from == to) return;
    std::vector<values> rows;
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) rows.push_back(take_row(group, typed, i));
    values moving = std::move(rows[from]);
    rows.erase(rows.begin() + std::ptrdiff_t(from));
    rows.insert(rows.begin() + std::ptrdiff_t(to), std::move(moving));
    for (std::size_t i = 0; i < n; ++i) put_row(group, typed, i, std::move(rows[i]));
}

std::vector<field_problem> empty_group_items(const form_def& form, const values& typed) {
    std::vector<field_problem> out;
    for (const auto& g : form.fields) {
        if (g.kind != field_kind::group || !visible(g, typed)) continue;
        const std::size_t n = group_size(g, typed);
        for (std::size_t i = 0; i < n; ++i) {
            const std::string prefix = row_prefix(g, i);
            bool empty = true;
            for (auto it = typed.lower_bound(prefix);
                 empty && it != typed.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
                empty = blank(it->second);
            if (!empty) continue;
            const std::string n1 = std::to_string(i + 1);
            out.push_back({g.id + "." + std::to_string(i),
                           error{"empty_item", g.label_vi + ", mục " + n1 + ": còn trống; hãy điền hoặc xoá mục này.",
                                 g.label_en + ", item " + n1 + ": is empty; fill it in or remove it."}});
        }
    }
    return out;
}

} // namespace motcua::forms
