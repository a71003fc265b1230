// Search keys: accents, đ, case and spacing must not matter when looking up a name or place.
#include "shared/text/nfc.hpp"
#include "shared/text/search_key.hpp"
#include "shared/text/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace motcua::text;

TEST_CASE("Ha Dong matches however it was typed") {
    CHECK(search_key("H\u00E0 \u0110\u00F4ng") == "ha dong");
    CHECK(search_key("ha dong") == "ha dong");
    CHECK(search_key("HA \u0110ONG") == "ha dong");
    CHECK(search_key("Ha\u0300 \u0110o\u0302ng") == "ha dong");
    CHECK(search_key("  H\u00C0\t\t\u0110\u00D4NG \n") == "ha dong");
}

TEST_CASE("Vietnamese names fold to plain lowercase ASCII") {
    CHECK(search_key("Nguy\u1EC5n V\u0103n \u0110\u1EE9c") == "nguyen van duc");
    CHECK(search_key("NGUYE\u0302\u0303N VA\u0306N \u0110U\u031B\u0301C") == "nguyen van duc");
    CHECK(search_key("Tr\u1EA7n Th\u1ECB Ph\u01B0\u01A1ng Th\u1EA3o") == "tran thi phuong thao");
    CHECK(search_key("\u1EF8 \u01AF \u01A0 \u0102 \u00C2 \u00CA \u00D4") == "y u o a a e o");
}

TEST_CASE("every Vietnamese precomposed letter folds to one ASCII letter") {
    for (char32_t cp = 0x1EA0; cp <= 0x1EF9; ++cp) {
        CAPTURE(static_cast<unsigned>(cp));
        std::string s;
        append_utf8(s, cp);
        const std::string key = search_key(s);
        REQUIRE(key.size() == 1);
        CHECK(key[0] >= 'a');
        CHECK(key[0] <= 'z');
    }
}

TEST_CASE("white space runs collapse to one space and the ends are trimmed") {
    CHECK(search_key("") == "");
    CHECK(search_key(" \t\n ") == "");
    CHECK(search_key("a\u00A0\u00A0b\u3000c\u2003d\r\ne") == "a b c d e");
    CHECK(search_key("  x  ") == "x");
    CHECK(search_key("\u0301 a \u0301 b") == "a b"); // a word of marks alone vanishes
}

TEST_CASE("zero-width characters and soft hyphens are dropped") {
    CHECK(search_key("Ha\u200BN\u00F4i") == "hanoi");
    CHECK(search_key("\uFEFFHu\u00AD\u1EBF") == "hue");
}

TEST_CASE("Latin letters of every block lowercase, keeping letters without a decomposition") {
    CHECK(search_key("\u00C0\u00C9\u00CE\u00D5\u00DC\u00C7\u00D1\u00C6\u00D8") ==
          "aeioucn\u00E6\u00F8");
    CHECK(search_key("\u0141\u00F3d\u017A \u0152 \u0178") == "\u0142odz \u0153 y"); // Ext-A
    CHECK(search_key("\u01CD\u01C4\u0187") == "a\u01C6\u0188");                     // Ext-B
    CHECK(search_key("\u1E9E \u1E40") == "\u00DF m"); // ẞ and Ṁ, Latin Extended Additional
    CHECK(search_key("\u0130stanbul") == "istanbul");
    CHECK(search_key("\uFF28\uFF21") == "\uFF48\uFF41"); // fullwidth: lowercased, not narrowed
}

TEST_CASE("Greek and Cyrillic lowercase and lose their accents") {
    CHECK(search_key("\u1F08\u03B8\u1FC6\u03BD\u03B1\u03B9 \u0391\u0398\u0397\u039D\u0391") ==
          "\u03B1\u03B8\u03B7\u03BD\u03B1\u03B9 \u03B1\u03B8\u03B7\u03BD\u03B1");
    CHECK(search_key("\u041C\u041E\u0421\u041A\u0412\u0410 \u0401") ==
          "\u043C\u043E\u0441\u043A\u0432\u0430 \u0435");
}

TEST_CASE("Hangul stays composed, even when typed as jamo") {
    CHECK(search_key("\uD55C\uAD6D") == "\uD55C\uAD6D");
    CHECK(search_key("\u1112\u1161\u11AB\u1100\u116E\u11A8") == "\uD55C\uAD6D");
}

TEST_CASE("a search key is NFC and folding it again changes nothing") {
    for (const char* s : {"Nguy\u1EC5n", "\u0B4B", "\uFB1D", "\u212B", "x\u0958y", "\u1F82"}) {
        const std::string key = search_key(s);
        CAPTURE(key);
        CHECK(is_nfc(key));
        CHECK(search_key(key) == key);
    }
}

TEST_CASE("ill-formed UTF-8 becomes U+FFFD") {
    CHECK(search_key("A\xFF"
                     "B") == "a\xEF\xBF\xBD"
                             "b");
}
