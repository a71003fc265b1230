#include "client/app/navigator.hpp"

#include <doctest/doctest.h>

using namespace motcua::client;

TEST_CASE("screens stack up and back goes down one at a time, never past home") {
    navigator nav({"home", ""});
    CHECK(nav.at_home());
    CHECK_FALSE(nav.back());
    nav.open({"settings", ""});
    nav.open({"form", "d1"});
    CHECK(nav.depth() == 3);
    nav.open({"form", "d2"}); // the same screen again: replaced, not stacked
    CHECK(nav.depth() == 3);
    CHECK(nav.current() == route{"form", "d2"});
    const auto g = nav.generation();
    CHECK(nav.back());
    CHECK(nav.generation() != g);
    CHECK(nav.current().screen == "settings");
    CHECK(nav.back());
    CHECK(nav.at_home());
    CHECK_FALSE(nav.back());
}

TEST_CASE("a link opens its screen over home, so back leads home") {
    navigator nav({"home", ""});
    nav.open({"settings", ""});
    nav.open_from_link({"form", "0190aaaa-0000-7000-8000-000000000001"});
    CHECK(nav.depth() == 2);
    CHECK(nav.back());
    CHECK(nav.at_home());
    nav.open_from_link({"home", ""});
    CHECK(nav.depth() == 1);
}

TEST_CASE("a hash names a screen and a parameter of safe characters, and nothing else") {
    CHECK(route_from_hash("#/settings") == route{"settings", ""});
    CHECK(route_from_hash("#/form/0190a-b") == route{"form", "0190a-b"});
    CHECK(route_from_hash("#/settings/") == route{"settings", ""});
    CHECK(to_hash({"form", "x1"}) == "#/form/x1");
    CHECK(route_from_hash(to_hash({"form", "x1"})) == route{"form", "x1"});
    for (const char* bad : {"", "#", "#/", "settings", "#settings", "#/../etc", "#/a/b/c", "#/<script>", "#/a%2Fb",
                            "#/form/ x", "#/a b"})
        CHECK_MESSAGE(!route_from_hash(bad), bad);
}
