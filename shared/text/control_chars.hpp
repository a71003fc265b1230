// Control characters (U+0000–U+001F, U+007F) in decoded text: invisible, they let two readers
// of one value see different things, so the protocol and the forms refuse them (a line break
// only where a field holds several lines). They are ASCII, so a byte scan finds them in UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motcua::text {

inline bool is_control_character(unsigned char c) { return c < 0x20 || c == 0x7f; }

// The offset of the first control character in utf8, '\n' excepted when newline_allowed;
// npos when there is none.
inline std::size_t find_control_character(std::string_view utf8, bool newline_allowed = false) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (is_control_character(c) && !(newline_allowed && c == '\n')) return i;
    }
    return std::string_view::npos;
}

// "U+000A": how a message names one, since it cannot be shown.
inline std::string control_character_name(unsigned char c) {
    const char* hex = "0123456789ABCDEF";
    return std::string("U+00") + hex[c >> 4] + hex[c & 0xf];
}

} // namespace motcua::text
