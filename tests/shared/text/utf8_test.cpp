// UTF-8 decoding, encoding and validation: strictness and U+FFFD counts as in Unicode §3.9.
#include "shared/text/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace motcua::text;

namespace {

std::vector<char32_t> decode_all(std::string_view s) {
    std::vector<char32_t> out;
    for (char32_t cp : code_points(s))
        out.push_back(cp);
    return out;
}

constexpr char32_t fffd = replacement_character;

} // namespace

TEST_CASE("decode_utf8 reads one to four byte sequences and reports their size") {
    const decoded_char a = decode_utf8("A");
    CHECK(a.code_point == U'A');
    CHECK(a.size == 1);
    CHECK(a.valid);
    const decoded_char d = decode_utf8("\xC4\x90x"); // Đ
    CHECK(d.code_point == 0x110);
    CHECK(d.size == 2);
    const decoded_char e = decode_utf8("\xE1\xBB\x87"); // ệ
    CHECK(e.code_point == 0x1EC7);
    CHECK(e.size == 3);
    const decoded_char g = decode_utf8("\xF0\x9D\x85\x9E"); // U+1D15E
    CHECK(g.code_point == 0x1D15E);
    CHECK(g.size == 4);
    CHECK(decode_utf8("\xF4\x8F\xBF\xBF").code_point == 0x10FFFF);
}

TEST_CASE("decode_utf8 of empty input consumes nothing") {
    const decoded_char d = decode_utf8("");
    CHECK(d.size == 0);
    CHECK_FALSE(d.valid);
}

TEST_CASE("overlong forms are rejected") {
    for (std::string_view s : {"\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF",
                               "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF"}) {
        CAPTURE(s);
        CHECK_FALSE(decode_utf8(s).valid);
        CHECK_FALSE(is_valid_utf8(s));
    }
}

TEST_CASE("encoded surrogates and code points beyond U+10FFFF are rejected") {
    for (std::string_view s :
         {"\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xFE"}) {
        CAPTURE(s);
        CHECK_FALSE(decode_utf8(s).valid);
        CHECK_FALSE(is_valid_utf8(s));
    }
    CHECK(is_valid_utf8("\xED\x9F\xBF\xEE\x80\x80")); // U+D7FF and U+E000 are fine
}

TEST_CASE("each maximal ill-formed subpart becomes one U+FFFD, as Python and browsers decode") {
    // Expected values are Python's bytes.decode("utf-8", "replace").
    CHECK(decode_all("\xE0\x80\x80") == std::vector<char32_t>{fffd, fffd, fffd});
    CHECK(decode_all("\xF0\x90\x80"
                     "A") == std::vector<char32_t>{fffd, U'A'});
    CHECK(decode_all("\xE1\xBB") == std::vector<char32_t>{fffd});
    CHECK(decode_all("\xED\xA0\x80") == std::vector<char32_t>{fffd, fffd, fffd});
    CHECK(decode_all("a\x80\xBF"
                     "b") == std::vector<char32_t>{U'a', fffd, fffd, U'b'});
    CHECK(decode_all("\xC3") == std::vector<char32_t>{fffd});
    CHECK(decode_all("\xC3\xC3\xA9") == std::vector<char32_t>{fffd, 0xE9});
    CHECK(decode_all("\xF4\x90\x80\x80") == std::vector<char32_t>{fffd, fffd, fffd, fffd});
}

TEST_CASE("the code point iterator flags the positions it replaced") {
    std::vector<bool> valid;
    const code_points cps("a\xFF\xC3\xA0");
    for (auto it = cps.begin(); it != cps.end(); ++it)
        valid.push_back(it.valid());
    CHECK(valid == std::vector<bool>{true, false, true});
    CHECK(decode_all("").empty());
}

TEST_CASE("every scalar value round-trips through append_utf8 and decode_utf8") {
    std::string buf;
    std::size_t failures = 0;
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        buf.clear();
        append_utf8(buf, cp);
        const decoded_char d = decode_utf8(buf);
        const std::size_t expected_size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (!d.valid || d.code_point != cp || d.size != buf.size() || buf.size() != expected_size) {
            ++failures;
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("append_utf8 writes U+FFFD for surrogates and values beyond U+10FFFF") {
    std::string out;
    append_utf8(out, 0xD800);
    append_utf8(out, 0x110000);
    CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("is_valid_utf8 accepts well-formed text and rejects a truncated tail") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("Nguy\xE1\xBB\x85n V\xC4\x83n \xC4\x90\xE1\xBB\xA9"
                        "c"));
    CHECK_FALSE(is_valid_utf8("Nguy\xE1\xBB"));
    CHECK_FALSE(is_valid_utf8(std::string_view("\xC3", 1)));
}
