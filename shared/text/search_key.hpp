// Search keys: one folded form per name or place, so "Hà Đông", "ha dong" and "HA ĐONG" find
// each other whether the phone typed the accents precomposed or decomposed.
#pragma once

#include <string>
#include <string_view>

namespace motcua::text {

// Canonically decomposes utf8, drops combining marks (every nonzero combining class and the
// combining diacritical mark blocks), maps đ and Đ to d, lowercases (Unicode simple lowercase,
// all scripts), drops zero-width characters and soft hyphens, collapses each run of white space
// to one ASCII space and trims both ends. The result is NFC. Ill-formed UTF-8 becomes U+FFFD.
std::string search_key(std::string_view utf8);

} // namespace motcua::text
