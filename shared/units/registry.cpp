// The registry of structures: which one is in force on a date, and lookups through it.
#include "shared/units/registry.hpp"

namespace motcua::units {
namespace {

bool overlap(const structure_info& a, const structure_info& b) {
    const bool a_ends_before_b = a.valid_until && *a.valid_until < b.valid_from;
    const bool b_ends_before_a = b.valid_until && *b.valid_until < a.valid_from;
    return !a_ends_before_b && !b_ends_before_a;
}

} // namespace

status registry::add(unit_set set) {
    const structure_info& s = set.structure();
    for (const unit_set& other : sets_) {
        const structure_info& o = other.structure();
        if (o.id == s.id) {
            return error{"units_structure_exists",
                         "Cấu trúc đơn vị hành chính \"" + s.id + "\" đã được nạp.",
                         "The unit structure \"" + s.id + "\" is already loaded."};
        }
        if (overlap(o, s)) {
            return error{"units_structures_overlap",
                         "Cấu trúc \"" + s.id + "\" có hiệu lực trùng thời gian với \"" + o.id +
                             "\": mỗi ngày chỉ được có một cấu trúc.",
                         "The structure \"" + s.id + "\" is in force on days that \"" + o.id +
                             "\" also covers: each day must have one structure only."};
        }
    }
    sets_.push_back(std::move(set));
    return ok_status();
}

const unit_set* registry::structure_in_force(civil_date on) const {
    for (const unit_set& s : sets_) {
        if (s.structure().in_force_on(on)) return &s;
    }
    return nullptr;
}

const unit_set* registry::structure(std::string_view id) const {
    for (const unit_set& s : sets_) {
        if (s.structure().id == id) return &s;
    }
    return nullptr;
}

const unit_set* registry::set_of(const admin_unit& u) const {
    for (const unit_set& s : sets_) {
        if (s.owns(u)) return &s;
    }
    return nullptr;
}

const admin_unit* registry::find(std::string_view code, civil_date on) const {
    const unit_set* s = structure_in_force(on);
    return s ? s->find(code) : nullptr;
}

const admin_unit* registry::find_in(std::string_view structure_id, std::string_view code) const {
    const unit_set* s = structure(structure_id);
    return s ? s->find(code) : nullptr;
}

std::span<const admin_unit> registry::children(const admin_unit& u) const {
    const unit_set* s = set_of(u);
    return s ? s->children(u) : std::span<const admin_unit>();
}

const admin_unit* registry::parent(const admin_unit& u) const {
    const unit_set* s = set_of(u);
    return s ? s->parent(u) : nullptr;
}

std::vector<const admin_unit*> registry::path_to_root(const admin_unit& u) const {
    const unit_set* s = set_of(u);
    return s ? s->path_to_root(u) : std::vector<const admin_unit*>();
}

std::vector<search_result> registry::search(std::string_view text, civil_date on,
                                            std::size_t limit) const {
    std::vector<search_result> out;
    const unit_set* s = structure_in_force(on);
    if (!s) return out;
    for (const unit_match& m : s->search(text, limit)) {
        std::vector<const admin_unit*> path;
        for (const admin_unit* p = s->parent(*m.found); p; p = s->parent(*p))
            path.push_back(p);
        out.push_back({m.found, m.kind, std::move(path)});
    }
    return out;
}

} // namespace motcua::units
