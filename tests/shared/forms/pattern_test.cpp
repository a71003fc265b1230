#include "shared/forms/pattern.hpp"

#include <doctest/doctest.h>

using motcua::forms::pattern_is_valid;
using motcua::forms::pattern_matches;

TEST_CASE("patterns match whole values: classes, groups, alternation, counts") {
    CHECK(pattern_matches("\\d{3}\\.\\d{2}", "123.45"));
    CHECK_FALSE(pattern_matches("\\d{3}", "1234"));
    CHECK(pattern_matches("(0|\\+84)[35789]\\d{8}", "+84912345678"));
    CHECK(pattern_matches("(0|\\+84)[35789]\\d{8}", "0912345678"));
    CHECK_FALSE(pattern_matches("(0|\\+84)[35789]\\d{8}", "0212345678"));
    CHECK(pattern_matches("[A-Z]{2}-\\d+", "HN-7"));
    CHECK(pattern_matches("[^0-9]*", "Hà Nội"));
    CHECK(pattern_matches("Hà (Nội|Đông)", "Hà Đông")); // code points, not bytes
    CHECK(pattern_matches("a?b*c+", "c"));
    CHECK_FALSE(pattern_matches("a?b*c+", "ab"));
    CHECK(pattern_matches("(a|ab)c", "abc")); // backtracking into the alternation
    CHECK(pattern_matches("(a*)*b", "aaab"));
}

TEST_CASE("malformed patterns are reported, and match nothing") {
    for (const char* p : {"(ab", "[a-", "a{2", "*a", "a{3,1}", "\\", "a)"}) {
        CHECK_FALSE(pattern_is_valid(p));
        CHECK_FALSE(pattern_matches(p, "a"));
    }
    CHECK(pattern_is_valid("\\d{1,3}(\\.\\d{3})*"));
}
