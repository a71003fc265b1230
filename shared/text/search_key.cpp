// Accent- and case-insensitive search keys; see search_key.hpp.
#include "shared/text/search_key.hpp"

#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace motcua::text {
namespace {

#define MOTCUA_TEXT_CASE_TABLES
#include "shared/text/unicode_tables.inc"
#undef MOTCUA_TEXT_CASE_TABLES

char32_t to_lower(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp > 0x1FFFF) return cp;
    const std::uint32_t key = (static_cast<std::uint32_t>(cp) << 15) | 0x7FFF;
    const std::uint32_t* it = std::upper_bound(std::begin(lower_runs), std::end(lower_runs), key);
    if (it == std::begin(lower_runs)) return cp;
    const std::uint32_t run = it[-1];
    const char32_t first = run >> 15;
    const char32_t count = ((run >> 8) & 0x7F) + 1;
    const char32_t stride = (run & 0x80) ? 2 : 1;
    if (cp >= first + stride * count || (cp - first) % stride != 0) return cp;
    return static_cast<char32_t>(static_cast<std::int32_t>(cp) + lower_deltas[run & 0x7F]);
}

// The Unicode White_Space property (PropList.txt), which has not changed since Unicode 6.3.
bool is_white_space(char32_t cp) {
    if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
    if (cp < 0x85) return false;
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Invisible characters that keyboards and copy-paste slip into names.
bool is_ignorable(char32_t cp) {
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

// Nonzero class catches nearly every mark; the blocks add enclosing marks and CGJ (class 0).
bool is_mark(char32_t cp) {
    if (cp < 0x300) return false;
    return combining_class(cp) != 0 || cp <= 0x36F || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

bool is_hangul_syllable(char32_t cp) {
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

} // namespace

std::string search_key(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool space_pending = false;
    bool ascii = true;
    auto emit = [&](char32_t cp) {
        if (space_pending && !out.empty()) out.push_back(' ');
        space_pending = false;
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else {
            ascii = false;
            append_utf8(out, cp);
        }
    };
    for (char32_t cp : code_points(utf8)) {
        if (is_white_space(cp)) {
            space_pending = true;
        } else if (cp < 0x80) {
            emit(to_lower(cp));
        } else if (is_ignorable(cp)) {
            continue;
        } else if (is_hangul_syllable(cp)) {
            emit(cp); // no marks to drop; decomposing would only force a recomposition
        } else {
            const canonical_decomposition d = decompose(cp);
            for (std::uint8_t i = 0; i < d.size; ++i) {
                const char32_t c = d.code_points[i];
                if (is_mark(c)) continue;
                emit(c == 0x110 || c == 0x111 ? U'd' : to_lower(c));
            }
        }
    }
    // Starters that compose with each other (Hangul jamo, some Indic vowel signs) may remain.
    if (!ascii && !is_nfc(out)) return to_nfc(out);
    return out;
}

} // namespace motcua::text
