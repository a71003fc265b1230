// Editing the rows of a repeating group (members of a company, children of a family) in the
// flat value map, where row N of group g holds the keys "g.N.sub": add a row, remove one, move
// one, and find the rows a person added and left empty. Rows stay numbered from 0 without gaps,
// as group_size and the submission expect.
#pragma once

#include "shared/forms/form.hpp"

#include <cstddef>
#include <vector>

namespace motcua::forms {

// Appends an empty row (each sub-field present, ""), unless the group holds max_items already.
// Returns whether a row was added.
bool add_group_item(const field_def& group, values& typed);
// Removes row `index`; the rows after it move up one. Nothing happens for an index past the end.
void remove_group_item(const field_def& group, values& typed, std::size_t index);
// Moves row `from` to place `to` (the rows between shift by one). Out-of-range indices do nothing.
void move_group_item(const field_def& group, values& typed, std::size_t from, std::size_t to);

// Rows of every group in `typed` whose every sub-field is blank: an error keyed "g.N" (code
// "empty_item"), since a blank row would leave a gap in the numbering once empty values are
// dropped, and the person most likely meant to fill it or forgot to remove it.
std::vector<field_problem> empty_group_items(const form_def& form, const values& typed);

} // namespace motcua::forms
