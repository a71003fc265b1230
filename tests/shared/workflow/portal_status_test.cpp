#include "shared/workflow/portal_status.hpp"

#include "tests/shared/workflow/workflow_fixtures.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

using namespace motcua;
using namespace motcua::workflow;
using namespace motcua::workflow::testing;

TEST_CASE("each status, here or at another unit, has exactly one portal word") {
    for (int c = first_status_code; c <= last_status_code; ++c)
        for (auto where : {location::receiving_unit, location::other_unit}) {
            int matches = 0;
            for (const auto& row : portal_word_table())
                if (code_of(row.status) == c && (row.where == location::any || row.where == where))
                    ++matches;
            CHECK_MESSAGE(matches == 1, "status " << c);
        }
}

TEST_CASE("the words are the eleven the national portal knows, each used once") {
    const std::map<std::string, int> expected = {
        {"receiving", 1},      {"new", 2},       {"denied", 3}, {"processing", 4},
        {"interoperating", 4}, {"waiting", 5},   {"paying", 6}, {"cancelled", 7},
        {"unresolved", 8},     {"releasing", 9}, {"done", 10},
    };
    std::set<std::string> seen;
    for (const auto& row : portal_word_table()) {
        std::string w(row.word);
        CHECK(seen.insert(w).second);
        REQUIRE(expected.count(w) == 1);
        CHECK(code_of(row.status) == expected.at(w));
    }
    CHECK(seen.size() == expected.size());
}

TEST_CASE("a dossier being processed at another unit is reported as interoperating") {
    CHECK(portal_word(dossier_status::processing, location::receiving_unit) == "processing");
    CHECK(portal_word(dossier_status::processing, location::other_unit) == "interoperating");
    CHECK(portal_word(dossier_status::processed, location::other_unit) == "releasing");
    walker w;
    auto s = w.accepted();
    auto out = by(move::transfer, role::receiving_officer);
    out.to_unit = district;
    s = w.step(s, out);
    CHECK(portal_word(s) == "interoperating");
    CHECK(portal_code(s) == 4);
}
