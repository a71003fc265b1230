// The identity-shaped field kinds (citizen ID, old ID, phone, email), checked by shared/identity.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"
#include "shared/forms/form.hpp"

#include <optional>
#include <vector>

namespace motcua::forms {

// Every problem of the value (messages without the field's label); empty when valid.
std::vector<error> check_identity_field(field_kind kind, std::string_view value, std::optional<civil_date> birth,
                                        civil_date today);

} // namespace motcua::forms
