// Building a unit_set from rows: every check of codes, parents and levels lives here, so the CSV
// parser and the asset decoder accept exactly the same sets.
#include "shared/units/unit.hpp"

#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace motcua::units {

std::string_view level_name(unit_level l) {
    switch (l) {
    case unit_level::province:
        return "province";
    case unit_level::district:
        return "district";
    case unit_level::commune:
        return "commune";
    }
    return "commune";
}

std::string_view level_name_vi(unit_level l) {
    switch (l) {
    case unit_level::province:
        return "tỉnh";
    case unit_level::district:
        return "huyện";
    case unit_level::commune:
        return "xã";
    }
    return "xã";
}

std::size_t code_length(unit_level l) {
    switch (l) {
    case unit_level::province:
        return 2;
    case unit_level::district:
        return 3;
    case unit_level::commune:
        return 5;
    }
    return 5;
}

bool structure_info::in_force_on(civil_date d) const {
    return valid_from <= d && (!valid_until || d <= *valid_until);
}

std::optional<unit_level> structure_info::level_at(int tree_depth) const {
    if (depth == 3 && tree_depth >= 0 && tree_depth <= 2) {
        return static_cast<unit_level>(tree_depth);
    }
    if (depth == 2 && tree_depth == 0) return unit_level::province;
    if (depth == 2 && tree_depth == 1) return unit_level::commune;
    return std::nullopt;
}

structure_info three_level_2025() {
    return {"3level", 3, civil_date{2025, 3, 1}, civil_date{2025, 6, 30}};
}

structure_info two_level_2025() {
    return {"2level", 2, civil_date{2025, 7, 1}, std::nullopt};
}

namespace {

bool all_digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// "Dòng 12: …" / "Line 12: …", or records for an asset.
error row_error(row_origin origin, std::size_t line, std::string code, const std::string& vi,
                const std::string& en) {
    const std::string n = std::to_string(line);
    if (origin == row_origin::csv_line) {
        return {std::move(code), "Dòng " + n + ": " + vi, "Line " + n + ": " + en};
    }
    return {std::move(code), "Bản ghi " + n + ": " + vi, "Record " + n + ": " + en};
}

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

// Checks one row's own fields; names and types come out NFC.
std::optional<error> check_fields(unit_row& r, row_origin origin) {
    if (r.code.empty() || r.name.empty() || r.type.empty()) {
        const char* vi = r.code.empty() ? "mã" : r.name.empty() ? "tên" : "loại";
        const char* en = r.code.empty() ? "code" : r.name.empty() ? "name" : "type";
        return row_error(origin, r.line, "units_empty_field",
                         std::string("thiếu ") + vi + " đơn vị, cột này không được để trống.",
                         std::string("the unit's ") + en + " is empty; it is required.");
    }
    if (!all_digits(r.code)) {
        return row_error(origin, r.line, "units_code_not_digits",
                         "mã đơn vị " + quoted(r.code) + " chỉ được gồm chữ số (0–9).",
                         "the unit code " + quoted(r.code) + " must be digits only (0–9).");
    }
    if (!all_digits(r.parent_code)) {
        return row_error(origin, r.line, "units_code_not_digits",
                         "mã đơn vị cha " + quoted(r.parent_code) + " chỉ được gồm chữ số (0–9).",
                         "the parent code " + quoted(r.parent_code) +
                             " must be digits only (0–9).");
    }
    if (!text::is_valid_utf8(r.name) || !text::is_valid_utf8(r.type)) {
        return row_error(origin, r.line, "units_bad_utf8",
                         "tên hoặc loại đơn vị không phải văn bản UTF-8 hợp lệ.",
                         "the unit's name or type is not valid UTF-8 text.");
    }
    if (!text::is_nfc(r.name)) r.name = text::to_nfc(r.name);
    if (!text::is_nfc(r.type)) r.type = text::to_nfc(r.type);
    return std::nullopt;
}

} // namespace

result<unit_set> unit_set::from_rows(structure_info s, std::vector<unit_row> rows,
                                     row_origin origin) {
    if (s.depth != 2 && s.depth != 3) {
        return error{"units_bad_structure", "Cấu trúc " + quoted(s.id) + " phải có 2 hoặc 3 cấp.",
                     "The structure " + quoted(s.id) + " must have 2 or 3 levels."};
    }
    if (rows.empty()) {
        return error{"units_empty", "Danh sách đơn vị hành chính không có đơn vị nào.",
                     "The list of administrative units has no units."};
    }
    if (rows.size() > 0xFFFFFFF) {
        return error{"units_too_many", "Danh sách đơn vị hành chính quá lớn.",
                     "The list of administrative units is too large."};
    }
    for (unit_row& r : rows) {
        if (auto e = check_fields(r, origin)) return *e;
    }
    const std::size_t n = rows.size();

    // Codes sorted (stable, so the first occurrence of a code comes first).
    std::vector<std::uint32_t> by_code(n);
    std::iota(by_code.begin(), by_code.end(), 0u);
    std::stable_sort(by_code.begin(), by_code.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return rows[a].code < rows[b].code; });
    {
        std::size_t worst = n; // the duplicate that comes earliest in the source
        for (std::size_t i = 1; i < n; ++i) {
            if (rows[by_code[i]].code == rows[by_code[i - 1]].code) {
                if (worst == n || rows[by_code[i]].line < rows[worst].line) worst = by_code[i];
            }
        }
        if (worst != n) {
            const unit_row& r = rows[worst];
            const auto first = std::lower_bound(
                by_code.begin(), by_code.end(), r.code,
                [&](std::uint32_t i, const std::string& c) { return rows[i].code < c; });
            const std::string other = std::to_string(rows[*first].line);
            return row_error(
                origin, r.line, "units_duplicate_code",
                "mã đơn vị " + quoted(r.code) + " bị trùng, đã có ở " +
                    (origin == row_origin::csv_line ? "dòng " : "bản ghi ") + other + ".",
                "the unit code " + quoted(r.code) + " is repeated; it is already on " +
                    (origin == row_origin::csv_line ? "line " : "record ") + other + ".");
        }
    }
    auto index_of = [&](std::string_view code) -> std::int64_t {
        const auto it =
            std::lower_bound(by_code.begin(), by_code.end(), code,
                             [&](std::uint32_t i, std::string_view c) { return rows[i].code < c; });
        if (it == by_code.end() || rows[*it].code != code) return -1;
        return *it;
    };

    // Parents, and children grouped by parent (in source order).
    std::vector<std::int32_t> parent(n, -1);
    std::vector<std::uint32_t> child_start(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (rows[i].parent_code.empty()) continue;
        const std::int64_t p = index_of(rows[i].parent_code);
        if (p < 0) {
            return row_error(origin, rows[i].line, "units_unknown_parent",
                             "đơn vị cha " + quoted(rows[i].parent_code) + " của " +
                                 quoted(rows[i].code) + " không có trong danh sách.",
                             "the parent " + quoted(rows[i].parent_code) + " of " +
                                 quoted(rows[i].code) + " is not in the list.");
        }
        parent[i] = static_cast<std::int32_t>(p);
        ++child_start[p + 1];
    }
    std::partial_sum(child_start.begin(), child_start.end(), child_start.begin());
    std::vector<std::uint32_t> children(child_start[n]);
    {
        std::vector<std::uint32_t> fill(child_start.begin(), child_start.end() - 1);
        for (std::size_t i = 0; i < n; ++i) {
            if (parent[i] >= 0) children[fill[parent[i]]++] = static_cast<std::uint32_t>(i);
        }
    }

    // Breadth-first from the provinces: the tree order, with each unit's children together.
    std::vector<std::uint32_t> order;
    order.reserve(n);
    std::vector<int> depth(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        if (parent[i] < 0) {
            order.push_back(static_cast<std::uint32_t>(i));
            depth[i] = 0;
        }
    }
    const std::size_t roots = order.size();
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::uint32_t u = order[k];
        for (std::uint32_t c = child_start[u]; c < child_start[u + 1]; ++c) {
            order.push_back(children[c]);
            depth[children[c]] = depth[u] + 1;
        }
    }
    if (order.size() != n) {
        // Not reached from a province: it is on a loop of parents or hangs below one.
        std::size_t first = n;
        for (std::size_t i = 0; i < n; ++i) {
            if (depth[i] < 0 && (first == n || rows[i].line < rows[first].line)) first = i;
        }
        std::vector<char> seen(n, 0);
        std::size_t u = first;
        while (!seen[u]) {
            seen[u] = 1;
            u = static_cast<std::size_t>(parent[u]);
        }
        std::string chain = rows[u].code;
        for (std::size_t v = static_cast<std::size_t>(parent[u]);; v = parent[v]) {
            chain += " → " + rows[v].code;
            if (v == u) break;
        }
        return row_error(
            origin, rows[first].line, "units_cycle",
            "đơn vị " + quoted(rows[first].code) +
                " không thuộc tỉnh nào vì các mã cha tạo thành vòng lặp: " + chain + ".",
            "the unit " + quoted(rows[first].code) +
                " belongs to no province because its parents form a loop: " + chain + ".");
    }

    // Levels follow the depth in the tree; each level has its code length.
    std::vector<unit_level> level(n);
    {
        std::size_t worst = n;
        bool too_deep = false;
        for (std::size_t i = 0; i < n; ++i) {
            const auto l = s.level_at(depth[i]);
            const bool bad = !l || rows[i].code.size() != code_length(*l);
            if (l) level[i] = *l;
            if (bad && (worst == n || rows[i].line < rows[worst].line)) {
                worst = i;
                too_deep = !l;
            }
        }
        if (worst != n) {
            const unit_row& r = rows[worst];
            if (too_deep) {
                return row_error(origin, r.line, "units_too_deep",
                                 "đơn vị " + quoted(r.code) + " nằm ở cấp thứ " +
                                     std::to_string(depth[worst] + 1) + ", nhưng cấu trúc " +
                                     quoted(s.id) + " chỉ có " + std::to_string(s.depth) + " cấp.",
                                 "the unit " + quoted(r.code) + " is on level " +
                                     std::to_string(depth[worst] + 1) + ", but the structure " +
                                     quoted(s.id) + " has only " + std::to_string(s.depth) +
                                     " levels.");
            }
            const unit_level l = level[worst];
            const std::string want = std::to_string(code_length(l));
            return row_error(origin, r.line, "units_code_length",
                             "mã " + quoted(r.code) + " có " + std::to_string(r.code.size()) +
                                 " chữ số, nhưng đơn vị cấp " + std::string(level_name_vi(l)) +
                                 " phải có mã " + want + " chữ số.",
                             "the code " + quoted(r.code) + " has " +
                                 std::to_string(r.code.size()) + " digits, but a " +
                                 std::string(level_name(l)) + " code has " + want + ".");
        }
    }

    // Storage: codes and names in tree order, each distinct type once.
    unit_set set;
    set.structure_ = std::make_unique<structure_info>(std::move(s));
    std::vector<std::string_view> types;
    std::vector<std::uint32_t> type_of(n);
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < n; ++i) {
        bytes += rows[i].code.size() + rows[i].name.size();
        auto t = std::find(types.begin(), types.end(), std::string_view(rows[i].type));
        if (t == types.end()) {
            types.push_back(rows[i].type);
            bytes += rows[i].type.size();
            t = types.end() - 1;
        }
        type_of[i] = static_cast<std::uint32_t>(t - types.begin());
    }
    set.text_.reserve(bytes); // never reallocated below: the views stay valid
    auto store = [&](std::string_view v) {
        const std::size_t at = set.text_.size();
        set.text_.insert(set.text_.end(), v.begin(), v.end());
        return std::string_view(set.text_.data() + at, v.size());
    };
    std::vector<std::string_view> type_views;
    for (std::string_view t : types)
        type_views.push_back(store(t));

    std::vector<std::uint32_t> position(n); // source row → tree order
    for (std::size_t k = 0; k < n; ++k)
        position[order[k]] = static_cast<std::uint32_t>(k);
    set.units_.resize(n);
    set.root_count_ = roots;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t i = order[k];
        admin_unit& u = set.units_[k];
        u.code = store(rows[i].code);
        u.name = store(rows[i].name);
        u.type = type_views[type_of[i]];
        u.level = level[i];
        u.structure_ = set.structure_.get();
        u.parent_ = parent[i] < 0 ? -1 : static_cast<std::int32_t>(position[parent[i]]);
        u.child_count_ = child_start[i + 1] - child_start[i];
        u.first_child_ = u.child_count_ ? position[children[child_start[i]]] : 0;
    }
    for (admin_unit& u : set.units_) {
        if (u.parent_ >= 0) u.parent_code = set.units_[u.parent_].code;
    }
    set.by_code_.resize(n);
    for (std::size_t k = 0; k < n; ++k)
        set.by_code_[k] = position[by_code[k]];
    set.build_search_index();
    return set;
}

bool unit_set::owns(const admin_unit& u) const {
    return !units_.empty() && &u >= units_.data() && &u < units_.data() + units_.size();
}

const admin_unit* unit_set::find(std::string_view code) const {
    const auto it =
        std::lower_bound(by_code_.begin(), by_code_.end(), code,
                         [&](std::uint32_t i, std::string_view c) { return units_[i].code < c; });
    if (it == by_code_.end() || units_[*it].code != code) return nullptr;
    return &units_[*it];
}

const admin_unit* unit_set::parent(const admin_unit& u) const {
    if (!owns(u) || u.parent_ < 0) return nullptr;
    return &units_[u.parent_];
}

std::span<const admin_unit> unit_set::children(const admin_unit& u) const {
    if (!owns(u)) return {};
    return std::span<const admin_unit>(units_.data() + u.first_child_, u.child_count_);
}

std::vector<const admin_unit*> unit_set::path_to_root(const admin_unit& u) const {
    std::vector<const admin_unit*> path;
    if (!owns(u)) return path;
    for (const admin_unit* p = &u; p; p = parent(*p))
        path.push_back(p);
    return path;
}

std::size_t unit_set::memory_bytes() const {
    return sizeof(*this) + sizeof(structure_info) + structure_->id.capacity() + text_.capacity() +
           units_.capacity() * sizeof(admin_unit) + by_code_.capacity() * sizeof(std::uint32_t) +
           keys_.capacity() + key_begin_.capacity() * sizeof(std::uint32_t) + name_skip_.capacity();
}

} // namespace motcua::units
