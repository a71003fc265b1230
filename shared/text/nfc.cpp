// NFC per UAX #15: a quick check skips text that is already NFC; only the stretches around
// decomposed or out-of-order characters are decomposed, reordered and recomposed.
#include "shared/text/nfc.hpp"

#include "shared/text/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace motcua::text {
namespace {

#define MOTCUA_TEXT_NFC_TABLES
#include "shared/text/unicode_tables.inc"
#undef MOTCUA_TEXT_NFC_TABLES

// Hangul syllables are composed and decomposed arithmetically (Unicode 14 §3.12).
constexpr char32_t s_base = 0xAC00;
constexpr char32_t l_base = 0x1100;
constexpr char32_t v_base = 0x1161;
constexpr char32_t t_base = 0x11A7;
constexpr char32_t l_count = 19;
constexpr char32_t v_count = 21;
constexpr char32_t t_count = 28;
constexpr char32_t n_count = v_count * t_count;
constexpr char32_t s_count = l_count * n_count;

bool is_hangul_syllable(char32_t cp) {
    return cp >= s_base && cp < s_base + s_count;
}

// A clear bit means the whole 64-code-point BMP block needs no lookup.
bool block_flagged(const std::uint64_t* blocks, char32_t cp) {
    return (blocks[cp >> 12] >> ((cp >> 6) & 63)) & 1;
}

std::uint8_t lookup_ccc(char32_t cp) {
    const std::uint32_t key = (static_cast<std::uint32_t>(cp) << 11) | 0x7FF;
    const std::uint32_t* it = std::upper_bound(std::begin(ccc_runs), std::end(ccc_runs), key);
    if (it == std::begin(ccc_runs)) return 0;
    const std::uint32_t run = *(it - 1);
    const char32_t first = run >> 11;
    const char32_t count = ((run >> 6) & 31) + 1;
    return cp < first + count ? ccc_values[run & 63] : 0;
}

std::uint8_t ccc_of(char32_t cp) {
    if (cp < 0x300 || (cp < 0x10000 && !block_flagged(nfd_blocks, cp))) return 0;
    return lookup_ccc(cp);
}

// A slot holds one decomposition: its first half, second half and primary-composite flag.
constexpr int no_slot = -1;

char32_t slot_first(int i) {
    const char32_t plane = static_cast<std::size_t>(i) >= decomposition_plane1_slot ? 0x10000 : 0;
    return plane | decomposition_firsts[i];
}
char32_t slot_second(int i) {
    const unsigned index = decomposition_meta[i] & 0x7F;
    return index == 0 ? 0 : decomposition_seconds[index - 1] & 0x1FFFFF;
}
bool slot_composes(int i) {
    return (decomposition_meta[i] >> 7) != 0;
}

// The slot of cp's decomposition, or no_slot; Hangul and CJK are handled elsewhere.
int find_slot(char32_t cp) {
    if (cp > 0x1FFFF) return no_slot;
    const std::uint32_t key = (static_cast<std::uint32_t>(cp) << 11) | 0x7FF;
    const std::uint32_t* it =
        std::upper_bound(std::begin(decomposition_runs), std::end(decomposition_runs), key);
    if (it == std::begin(decomposition_runs) || it == std::end(decomposition_runs)) return no_slot;
    const std::uint32_t i = (it[-1] & 0x7FF) + (cp - (it[-1] >> 11));
    return i < (it[0] & 0x7FF) && decomposition_firsts[i] != 0 ? static_cast<int>(i) : no_slot;
}

// The code point whose decomposition sits in slot index i.
char32_t slot_code_point(std::size_t i) {
    const std::uint32_t* it =
        std::upper_bound(std::begin(decomposition_runs), std::end(decomposition_runs), i,
                         [](std::size_t v, std::uint32_t run) { return v < (run & 0x7FF); });
    return (it[-1] >> 11) + static_cast<char32_t>(i - (it[-1] & 0x7FF));
}

// The target of a CJK compatibility ideograph, or 0.
char32_t cjk_target(char32_t cp) {
    for (const cjk_block& b : cjk_blocks) {
        if (cp >= b.first && cp < b.end) {
            const char32_t v = cjk_targets[b.offset + (cp - b.first)];
            return v != 0 && v < 0x3400 ? cjk_supplementary[v - 1] : v;
        }
    }
    return 0;
}

// Appends the full decomposition of cp; recursion only ever follows the first half.
void decompose_into(char32_t cp, canonical_decomposition& d) {
    if (cp < 0xC0 || (cp < 0x10000 && !block_flagged(nfd_blocks, cp))) {
        d.code_points[d.size++] = cp;
    } else if (is_hangul_syllable(cp)) {
        const char32_t s = cp - s_base;
        d.code_points[d.size++] = l_base + s / n_count;
        d.code_points[d.size++] = v_base + (s % n_count) / t_count;
        if (s % t_count != 0) d.code_points[d.size++] = t_base + s % t_count;
    } else if (const char32_t target = cjk_target(cp)) {
        d.code_points[d.size++] = target;
    } else if (const int slot = find_slot(cp); slot != no_slot) {
        decompose_into(slot_first(slot), d);
        if (const char32_t second = slot_second(slot)) d.code_points[d.size++] = second;
    } else {
        d.code_points[d.size++] = cp;
    }
}

enum class quick { yes, maybe, no };

// NFC_QC for a code point that the bitmap could not clear.
quick quick_check(char32_t cp) {
    if ((cp >= v_base && cp < v_base + v_count) || (cp > t_base && cp < t_base + t_count)) {
        return quick::maybe;
    }
    if (is_hangul_syllable(cp)) return quick::yes;
    if (cjk_target(cp) != 0) return quick::no;
    if (const int slot = find_slot(cp); slot != no_slot) {
        return slot_composes(slot) ? quick::yes : quick::no;
    }
    const std::uint32_t* it =
        std::lower_bound(std::begin(decomposition_seconds), std::end(decomposition_seconds), cp,
                         [](std::uint32_t s, char32_t c) { return (s & 0x1FFFFF) < c; });
    if (it != std::end(decomposition_seconds) && (*it & 0x1FFFFF) == cp && (*it >> 31) != 0) {
        return quick::maybe;
    }
    return quick::yes;
}

// The primary composite of <a, b>, or 0.
char32_t compose_pair(char32_t a, char32_t b) {
    if (b < 0x300) return 0; // every second half is a mark or a Hangul jamo
    if (a >= l_base && a < l_base + l_count && b >= v_base && b < v_base + v_count) {
        return s_base + ((a - l_base) * v_count + (b - v_base)) * t_count;
    }
    if (is_hangul_syllable(a) && (a - s_base) % t_count == 0 && b > t_base &&
        b < t_base + t_count) {
        return a + (b - t_base);
    }
    // Binary search on the first half, then a short walk over its few second halves.
    const std::uint16_t* it =
        std::lower_bound(std::begin(composition_order), std::end(composition_order), a,
                         [](std::uint16_t i, char32_t first) { return slot_first(i) < first; });
    for (; it != std::end(composition_order) && slot_first(*it) == a; ++it) {
        const char32_t second = slot_second(*it);
        if (second == b) return slot_code_point(*it);
        if (second > b) break;
    }
    return 0;
}

// Working buffer entries keep the combining class beside the code point: ccc << 21 | cp.
char32_t packed(char32_t cp) {
    return char32_t(ccc_of(cp)) << 21 | cp;
}
unsigned ccc_part(char32_t p) {
    return p >> 21;
}
char32_t cp_part(char32_t p) {
    return p & 0x1FFFFF;
}

// Stable sort of each run of non-starters by combining class (the canonical ordering).
void reorder(std::u32string& buf) {
    const std::size_t n = buf.size();
    std::size_t i = 0;
    while (i < n) {
        if (ccc_part(buf[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && ccc_part(buf[j]) != 0)
            ++j;
        if (j - i <= 16) {
            for (std::size_t k = i + 1; k < j; ++k) {
                const char32_t v = buf[k];
                std::size_t m = k;
                for (; m > i && ccc_part(buf[m - 1]) > ccc_part(v); --m)
                    buf[m] = buf[m - 1];
                buf[m] = v;
            }
        } else { // a hostile run of thousands of marks must not go quadratic: counting sort
            const std::u32string run(buf, i, j - i);
            std::size_t start[257] = {};
            for (char32_t v : run)
                ++start[ccc_part(v) + 1];
            for (std::size_t c = 1; c < 257; ++c)
                start[c] += start[c - 1];
            for (char32_t v : run)
                buf[i + start[ccc_part(v)]++] = v;
        }
        i = j;
    }
}

// Canonical composition in place; buf holds the decomposed, reordered segment.
void compose(std::u32string& buf) {
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t starter = none;
    unsigned last_ccc = 0;
    std::size_t w = 0;
    for (std::size_t r = 0; r < buf.size(); ++r) {
        const char32_t v = buf[r];
        const unsigned cc = ccc_part(v);
        if (starter != none) {
            // Blocked when something between has class 0 or at least this one's class.
            const bool adjacent = w - 1 == starter;
            if (adjacent || (last_ccc != 0 && last_ccc < cc)) {
                if (const char32_t c = compose_pair(cp_part(buf[starter]), cp_part(v))) {
                    buf[starter] = c; // composites are starters: class 0
                    continue;
                }
            }
        }
        if (cc == 0) starter = w;
        last_ccc = cc;
        buf[w++] = v;
    }
    buf.resize(w);
}

// Appends NFC(segment); the caller cuts segments so that none interacts with its neighbours.
void normalize_segment(std::string_view segment, std::u32string& buf, std::string& out) {
    buf.clear();
    for (char32_t cp : code_points(segment)) {
        canonical_decomposition d;
        d.size = 0;
        decompose_into(cp, d);
        for (std::uint8_t k = 0; k < d.size; ++k)
            buf.push_back(packed(d.code_points[k]));
    }
    reorder(buf);
    compose(buf);
    for (char32_t v : buf)
        append_utf8(out, cp_part(v));
}

struct scan_result {
    quick verdict;      // no also covers ill-formed UTF-8 and out-of-order marks
    std::size_t stable; // offset of the last code point before trouble that starts a segment
    std::size_t next;   // offset just past the code point that caused trouble
};

// s[from, to) without substr's range check, which would drag exception paths into wasm.
std::string_view slice(std::string_view s, std::size_t from, std::size_t to) {
    return std::string_view(s.data() + from, to - from);
}

bool has_high_bit(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return (w & 0x8080808080808080ull) != 0;
}

// Runs the NFC quick check from pos up to the first code point that is not plainly NFC.
// A "stable" code point (class 0, NFC_QC=Yes) never interacts with what precedes it.
scan_result scan(std::string_view s, std::size_t pos) {
    const std::size_t n = s.size();
    std::size_t stable = pos;
    unsigned last_ccc = 0;
    std::size_t i = pos;
    while (i < n) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            while (i + 8 <= n && !has_high_bit(s.data() + i))
                i += 8;
            while (i < n && static_cast<unsigned char>(s[i]) < 0x80)
                ++i;
            stable = i - 1;
            last_ccc = 0;
            continue;
        }
        const decoded_char d = decode_utf8(slice(s, i, n));
        const char32_t cp = d.code_point;
        if (!d.valid) return {quick::no, stable, i + d.size};
        if (cp < 0x10000 && !block_flagged(qc_blocks, cp)) {
            stable = i;
            last_ccc = 0;
        } else {
            const unsigned cc = lookup_ccc(cp);
            const quick q = quick_check(cp);
            if (cc != 0 && last_ccc > cc) return {quick::no, stable, i + d.size};
            if (q != quick::yes) return {q, stable, i + d.size};
            if (cc == 0) stable = i;
            last_ccc = cc;
        }
        i += d.size;
    }
    return {quick::yes, stable, n};
}

bool is_stable(char32_t cp) {
    if (cp < 0x300 || (cp < 0x10000 && !block_flagged(qc_blocks, cp))) return true;
    return lookup_ccc(cp) == 0 && quick_check(cp) == quick::yes;
}

} // namespace

std::string to_nfc(std::string_view utf8) {
    scan_result r = scan(utf8, 0);
    if (r.verdict == quick::yes) return std::string(utf8);

    std::string out;
    out.reserve(utf8.size() + utf8.size() / 4);
    std::u32string buf;
    std::size_t pos = 0;
    for (;;) {
        out.append(utf8.data() + pos, r.stable - pos);
        // The troubled stretch ends where the next stable code point begins.
        std::size_t end = r.next;
        while (end < utf8.size()) {
            const decoded_char d = decode_utf8(slice(utf8, end, utf8.size()));
            if (d.valid && is_stable(d.code_point)) break;
            end += d.size;
        }
        normalize_segment(slice(utf8, r.stable, end), buf, out);
        pos = end;
        if (pos == utf8.size()) break;
        r = scan(utf8, pos);
        if (r.verdict == quick::yes) {
            out.append(utf8.data() + pos, utf8.size() - pos);
            break;
        }
    }
    return out;
}

bool is_nfc(std::string_view utf8) {
    const scan_result r = scan(utf8, 0);
    if (r.verdict != quick::maybe) return r.verdict == quick::yes;
    return to_nfc(utf8) == utf8; // rare: a combining character that might have composed
}

std::uint8_t combining_class(char32_t cp) noexcept {
    return ccc_of(cp);
}

canonical_decomposition decompose(char32_t cp) noexcept {
    canonical_decomposition d;
    d.size = 0;
    decompose_into(cp, d);
    return d;
}

std::string_view unicode_version() noexcept {
    return unicode_data_version;
}

} // namespace motcua::text
