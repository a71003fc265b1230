// Several structures of the hierarchy side by side (3-level until 30/6/2025, 2-level from
// 1/7/2025): look a unit up by code on a date, walk the tree, search by name.
#pragma once

#include "shared/units/unit.hpp"

#include <deque>

namespace motcua::units {

struct search_result {
    const admin_unit* found;
    match_kind kind;
    std::vector<const admin_unit*> path; // the unit's parent, … up to its province (empty for one)
};

class registry {
  public:
    // Adds a structure. Refused if its id is already here or its days overlap another's.
    status add(unit_set set);

    std::size_t size() const { return sets_.size(); }
    const unit_set& set_at(std::size_t i) const { return sets_[i]; }

    const unit_set* structure_in_force(civil_date on) const; // null if none is
    const unit_set* structure(std::string_view id) const;    // null if unknown
    const unit_set* set_of(const admin_unit& u) const;       // null if not from here

    // The unit with this code in the structure in force on that date.
    const admin_unit* find(std::string_view code, civil_date on) const;
    const admin_unit* find_in(std::string_view structure_id, std::string_view code) const;
    bool exists(std::string_view code, civil_date on) const { return find(code, on) != nullptr; }

    std::span<const admin_unit> children(const admin_unit& u) const;
    const admin_unit* parent(const admin_unit& u) const;
    // The unit, its parent, … its province: Phường Quang Trung → Quận Hà Đông → Thành phố Hà Nội.
    std::vector<const admin_unit*> path_to_root(const admin_unit& u) const;

    // Names matching text in the structure in force on that date, best first (unit_set::search).
    std::vector<search_result> search(std::string_view text, civil_date on,
                                      std::size_t limit = 20) const;

  private:
    std::deque<unit_set> sets_; // a deque: adding never moves the sets already here
};

} // namespace motcua::units
