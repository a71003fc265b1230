#include "shared/core/http_date.hpp"

#include <doctest/doctest.h>

using namespace motcua;

TEST_CASE("an IMF-fixdate gives unix seconds") {
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK(parse_http_date("Tue, 24 Nov 2026 07:50:00 GMT") == 1795506600);
}

TEST_CASE("other date shapes and impossible dates are refused") {
    CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994"));
    CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 24:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Xyz 1994 08:49:37 GMT"));
    CHECK_FALSE(parse_http_date(""));
}

TEST_CASE("formatting an HTTP date and reading it back gives the same second") {
    CHECK(format_http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
    for (std::int64_t t : {0LL, 951782400LL, 1795506600LL, 4102444799LL})
        CHECK(parse_http_date(format_http_date(t)) == t);
}
