// Unicode Normalization Form C, so that text typed decomposed on one phone and precomposed on
// another is stored, compared and signed as the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::text {

// The NFC form of utf8; each ill-formed UTF-8 subpart becomes U+FFFD first. Text that is
// already NFC is only scanned and copied.
std::string to_nfc(std::string_view utf8);

// Whether to_nfc(utf8) == utf8 (so false for ill-formed UTF-8). Pure ASCII answers at once.
bool is_nfc(std::string_view utf8);

// The canonical combining class of cp; 0 for starters (and for anything unassigned).
std::uint8_t combining_class(char32_t cp) noexcept;

// The full canonical decomposition of one code point, Hangul included; a code point without one
// decomposes to itself. Four slots always suffice.
struct canonical_decomposition {
    char32_t code_points[4];
    std::uint8_t size;
};
canonical_decomposition decompose(char32_t cp) noexcept;

// The Unicode version the tables were generated from, e.g. "14.0.0".
std::string_view unicode_version() noexcept;

} // namespace motcua::text
