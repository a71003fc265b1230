// A small anchored pattern language for form fields, the same on every device (std::regex is
// large in wasm and differs between standard libraries). Supports literals, '.', character
// classes [a-z0-9] and [^…], \d \w \s, groups ( … ) with alternation '|', and the quantifiers
// ? * + {n} {n,} {n,m}. The whole value must match.
#pragma once

#include <string_view>

namespace motcua::forms {

// False for a malformed pattern as well: check patterns with pattern_is_valid when loading.
bool pattern_matches(std::string_view pattern, std::string_view value);
bool pattern_is_valid(std::string_view pattern);

} // namespace motcua::forms
