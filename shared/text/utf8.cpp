// Strict UTF-8 per Unicode 14 table 3-7 (well-formed byte sequences); see utf8.hpp.
#include "shared/text/utf8.hpp"

namespace motcua::text {

decoded_char decode_utf8(std::string_view utf8) noexcept {
    if (utf8.empty()) return {replacement_character, 0, false};
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const unsigned b0 = p[0];
    if (b0 < 0x80) return {b0, 1, true};

    // Table 3-7: the lead byte fixes the length and the allowed range of the second byte,
    // which is what rules out overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
    unsigned need;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    char32_t cp;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return {replacement_character, 1, false}; // 80..C1, F5..FF never start a sequence
    }

    const std::size_t n = utf8.size();
    for (unsigned i = 1; i <= need; ++i) {
        if (i >= n) return {replacement_character, static_cast<std::uint8_t>(i), false};
        const unsigned b = p[i];
        if (b < lo || b > hi) return {replacement_character, static_cast<std::uint8_t>(i), false};
        cp = (cp << 6) | (b & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    return {cp, static_cast<std::uint8_t>(need + 1), true};
}

void append_utf8(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = replacement_character;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 2);
    } else if (cp < 0x10000) {
        const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 3);
    } else {
        const char b[4] = {
            static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
            static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 4);
    }
}

bool is_valid_utf8(std::string_view utf8) noexcept {
    std::size_t i = 0;
    const std::size_t n = utf8.size();
    while (i < n) {
        if (static_cast<unsigned char>(utf8[i]) < 0x80) {
            ++i;
            continue;
        }
        const decoded_char d = decode_utf8(std::string_view(utf8.data() + i, n - i));
        if (!d.valid) return false;
        i += d.size;
    }
    return true;
}

} // namespace motcua::text
