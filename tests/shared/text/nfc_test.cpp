// NFC: Vietnamese typed decomposed, Hangul, exclusions, singletons, and conformance cases
// computed by Python's unicodedata (nfc_cases.inc, from tools/gen/nfc_cases.py).
#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

using namespace motcua::text;

namespace {

std::string utf8(std::u32string_view s) {
    std::string out;
    for (char32_t cp : s)
        append_utf8(out, cp);
    return out;
}

struct pair_case {
    std::u32string_view input;
    std::u32string_view nfc;
};

struct decomposition_case {
    std::u32string_view cp;
    std::u32string_view nfd;
    std::u32string_view nfc;
};

constexpr decomposition_case decomposition_cases[] = {
#define MOTCUA_NFC_DECOMPOSITIONS
#include "tests/shared/text/nfc_cases.inc"
#undef MOTCUA_NFC_DECOMPOSITIONS
};

constexpr pair_case random_cases[] = {
#define MOTCUA_NFC_CASES
#include "tests/shared/text/nfc_cases.inc"
#undef MOTCUA_NFC_CASES
};

// Checks to_nfc and that is_nfc agrees with it, on the string and on its NFC.
void check_nfc(std::u32string_view input, std::u32string_view expected) {
    const std::string in = utf8(input);
    const std::string want = utf8(expected);
    const std::string got = to_nfc(in);
    CHECK(got == want);
    CHECK(is_nfc(in) == (got == in));
    CHECK(is_nfc(got));
}

} // namespace

TEST_CASE("Nguyen Van Duc typed decomposed in any canonical order comes out precomposed") {
    const std::string precomposed = "Nguy\u1EC5n V\u0103n \u0110\u1EE9c";
    CHECK(is_nfc(precomposed));
    const std::u32string forms[] = {
        U"Nguye\u0302\u0303n Va\u0306n \u0110u\u031B\u0301c", // full NFD
        U"Nguy\u00EA\u0303n V\u0103n \u0110\u01B0\u0301c",    // half composed
        U"Nguye\u0302\u0303n Va\u0306n \u0110u\u0301\u031Bc", // acute before horn (220 < 230)
        U"Nguy\u1EC5n V\u0103n \u0110\u00FA\u031Bc",          // ú then the horn
    };
    for (const std::u32string& f : forms) {
        CAPTURE(utf8(f));
        CHECK(to_nfc(utf8(f)) == precomposed);
        CHECK_FALSE(is_nfc(utf8(f)));
    }
}

TEST_CASE("marks of different classes compose in any order, equal classes keep their order") {
    // ộ = o + dot below (220) + circumflex (230); both orders are canonically equivalent.
    CHECK(to_nfc(utf8(U"o\u0323\u0302")) == utf8(U"\u1ED9"));
    CHECK(to_nfc(utf8(U"o\u0302\u0323")) == utf8(U"\u1ED9"));
    // ễ = e + circumflex + tilde (both 230); the other order is a different text.
    CHECK(to_nfc(utf8(U"e\u0302\u0303")) == utf8(U"\u1EC5"));
    CHECK(to_nfc(utf8(U"e\u0303\u0302")) == utf8(U"\u1EBD\u0302"));
}

TEST_CASE("every Vietnamese precomposed letter round-trips NFD to NFC") {
    std::vector<char32_t> letters;
    for (char32_t cp = 0x1EA0; cp <= 0x1EF9; ++cp)
        letters.push_back(cp);
    for (char32_t cp : U"\u01A0\u01A1\u01AF\u01B0\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                       U"\u00C0\u00C1\u00C2\u00C3\u00C8\u00C9\u00CA\u00CC\u00CD\u00D2\u00D3\u00D4"
                       U"\u00D5\u00D9\u00DA\u00DD\u00E0\u00E1\u00E2\u00E3\u00E8\u00E9\u00EA\u00EC"
                       U"\u00ED\u00F2\u00F3\u00F4\u00F5\u00F9\u00FA\u00FD") {
        if (cp != 0) letters.push_back(cp);
    }
    CHECK(letters.size() == 90 + 12 + 32);
    for (char32_t cp : letters) {
        CAPTURE(static_cast<unsigned>(cp));
        const canonical_decomposition d = decompose(cp);
        const std::u32string nfd(d.code_points, d.size);
        const std::string one = utf8(std::u32string(1, cp));
        CHECK(to_nfc(utf8(nfd)) == one);
        CHECK(to_nfc(one) == one);
        CHECK(is_nfc(one));
        if (nfd.size() == 3 && combining_class(nfd[1]) != combining_class(nfd[2])) {
            const std::u32string swapped{nfd[0], nfd[2], nfd[1]};
            CHECK(to_nfc(utf8(swapped)) == one);
        }
    }
}

TEST_CASE("Hangul jamo compose algorithmically into syllables") {
    check_nfc(U"\u1112\u1161\u11AB\u1100\u116E\u11A8", U"\uD55C\uAD6D"); // 한국
    check_nfc(U"\uAC00\u11A8", U"\uAC01");                               // LV + T
    check_nfc(U"\uAC01\u11A8", U"\uAC01\u11A8");                         // LVT takes no more T
    check_nfc(U"\u1100\u1161", U"\uAC00");
    check_nfc(U"\u1100\u0301\u1161", U"\u1100\u0301\u1161"); // a mark blocks L + V
    CHECK(decompose(0xD7A3).size == 3);
}

TEST_CASE("composition exclusions stay decomposed") {
    check_nfc(U"\u0958", U"\u0915\u093C");
    check_nfc(U"\u0915\u093C", U"\u0915\u093C");
    check_nfc(U"\uFB1D", U"\u05D9\u05B4");
}

TEST_CASE("singletons are replaced: the angstrom sign becomes A with ring") {
    check_nfc(U"\u212B", U"\u00C5");
    check_nfc(U"\u2126", U"\u03A9");
    check_nfc(U"\uF900", U"\u8C48");
    check_nfc(U"\U0002F800", U"\u4E3D");
    check_nfc(U"\U0002F803", U"\U00020122");
}

TEST_CASE("ill-formed UTF-8 comes out as U+FFFD and is never NFC") {
    CHECK(to_nfc("a\xFF"
                 "b") == "a\xEF\xBF\xBD"
                         "b");
    CHECK(to_nfc("e\xCC") == "e\xEF\xBF\xBD");
    CHECK(to_nfc("\xE0\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(to_nfc("e\xCC\x81\xFF") == "\xC3\xA9\xEF\xBF\xBD");
    CHECK_FALSE(is_nfc("a\xFF"));
    CHECK_FALSE(is_nfc("\xED\xA0\x80"));
}

TEST_CASE("ASCII and empty text are NFC and come back unchanged") {
    CHECK(is_nfc(""));
    CHECK(to_nfc("").empty());
    const std::string ascii = "Ho so so 123/2024, phuong Ha Dong; {\"a\":1}\n";
    CHECK(is_nfc(ascii));
    CHECK(to_nfc(ascii) == ascii);
}

TEST_CASE("a leading combining mark is kept and does not break later composition") {
    check_nfc(U"\u0301a\u0301", U"\u0301\u00E1");
    check_nfc(U"\u0323\u0301", U"\u0323\u0301");
    check_nfc(U"\u0301\u0323", U"\u0323\u0301");
}

TEST_CASE("a long run of marks is reordered without going quadratic") {
    std::u32string input = U"a";
    for (int i = 0; i < 20000; ++i)
        input += U"\u0301\u0323";
    std::u32string expected = U"\u1EA1"; // ạ: the first dot below composes
    expected += std::u32string(19999, U'\u0323');
    expected += std::u32string(20000, U'\u0301');
    check_nfc(input, expected);
}

TEST_CASE("combining classes match the Unicode data") {
    CHECK(combining_class(U'a') == 0);
    CHECK(combining_class(0x0301) == 230);
    CHECK(combining_class(0x0323) == 220);
    CHECK(combining_class(0x031B) == 216);
    CHECK(combining_class(0x0345) == 240);
    CHECK(combining_class(0x1D165) == 216);
    CHECK(combining_class(0x10FFFF) == 0);
    CHECK(unicode_version() == "14.0.0");
}

TEST_CASE("every decomposition agrees with Python's NFD and NFC") {
    CHECK(std::size(decomposition_cases) > 2000);
    for (const decomposition_case& c : decomposition_cases) {
        CAPTURE(static_cast<unsigned>(c.cp[0]));
        const canonical_decomposition d = decompose(c.cp[0]);
        CHECK(std::u32string_view(d.code_points, d.size) == c.nfd);
        check_nfc(c.cp, c.nfc);
        check_nfc(c.nfd, c.nfc);
    }
}

TEST_CASE("every other code point is NFC on its own") {
    std::unordered_set<char32_t> changes;
    for (const decomposition_case& c : decomposition_cases) {
        if (c.cp != c.nfc) changes.insert(c.cp[0]);
    }
    CHECK(changes.size() > 1000);
    std::size_t failures = 0;
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || changes.count(cp) != 0) continue;
        const std::string s = utf8(std::u32string(1, cp));
        if (!is_nfc(s) || to_nfc(s) != s) ++failures;
    }
    CHECK(failures == 0);
}

TEST_CASE("pseudo-random mixes of letters, marks and jamo agree with Python's NFC") {
    CHECK(std::size(random_cases) == 2500);
    for (const pair_case& c : random_cases) {
        CAPTURE(utf8(c.input));
        check_nfc(c.input, c.nfc);
        // Surrounding text must not change how a troubled stretch is normalised.
        const std::string framed = "x " + utf8(c.input) + " y";
        CHECK(to_nfc(framed) == "x " + utf8(c.nfc) + " y");
    }
}
