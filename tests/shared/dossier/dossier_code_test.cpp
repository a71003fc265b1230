#include "shared/dossier/dossier_code.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::dossier;

TEST_CASE("a dossier code has the shape agency-YYMMDD-NNNN") {
    auto code = format_dossier_code({"000.00.10.H26", {2025, 7, 1}, 1});
    REQUIRE(code);
    CHECK(*code == "000.00.10.H26-250701-0001");
    CHECK(*format_dossier_code({"000.21.22.H26", {2026, 11, 24}, 9999}) == "000.21.22.H26-261124-9999");
}

TEST_CASE("dossier codes parse back to what made them") {
    for (int seq : {1, 42, 999, 1000, 9999}) {
        dossier_code c{"000.00.10.H26", {2026, 2, 28}, seq};
        auto text = format_dossier_code(c);
        REQUIRE(text);
        auto back = parse_dossier_code(*text);
        REQUIRE(back);
        CHECK(*back == c);
    }
}

TEST_CASE("sequence numbers outside 1..9999, bad agencies and bad dates are refused") {
    CHECK_FALSE(format_dossier_code({"000.00.10.H26", {2025, 7, 1}, 0}));
    CHECK_FALSE(format_dossier_code({"000.00.10.H26", {2025, 7, 1}, 10000}));
    CHECK_FALSE(format_dossier_code({"H26", {2025, 7, 1}, 1}));
    CHECK_FALSE(format_dossier_code({"000.00.10.h26", {2025, 7, 1}, 1}));
    CHECK_FALSE(format_dossier_code({"000.00.10.H26", {2025, 2, 30}, 1}));
    CHECK_FALSE(parse_dossier_code("000.00.10.H26-250230-0001"));
    CHECK_FALSE(parse_dossier_code("000.00.10.H26-250701-0000"));
    CHECK_FALSE(parse_dossier_code("000.00.10.H26-250701-001"));
    CHECK_FALSE(parse_dossier_code("000.00.10.H26_250701_0001"));
}
