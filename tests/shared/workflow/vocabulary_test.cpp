#include "shared/workflow/vocabulary.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace motcua::workflow;

TEST_CASE("status codes are the national portal's 1 to 10, each with its own name") {
    std::set<std::string> vi, en;
    for (int c = first_status_code; c <= last_status_code; ++c) {
        auto s = static_cast<dossier_status>(c);
        CHECK(code_of(s) == c);
        CHECK(vi.insert(std::string(name_of(s).vi)).second);
        CHECK(en.insert(std::string(name_of(s).en)).second);
    }
    CHECK(name_of(dossier_status::returned).vi == "Đã trả kết quả");
    CHECK_FALSE(is_status_code(0));
    CHECK_FALSE(is_status_code(11));
    CHECK(name_of(static_cast<dossier_status>(11)).en == "Unknown status");
}

TEST_CASE("refused, withdrawn, stopped and returned are the final statuses") {
    std::set<int> final_codes;
    for (int c = first_status_code; c <= last_status_code; ++c)
        if (is_terminal(static_cast<dossier_status>(c))) final_codes.insert(c);
    CHECK(final_codes == std::set<int>{3, 7, 8, 10});
}

TEST_CASE("every move and role has a Vietnamese and an English name") {
    std::set<std::string> names;
    for (int m = 0; m < move_count; ++m) {
        auto l = name_of(static_cast<move>(m));
        CHECK_FALSE(l.vi.empty());
        CHECK_FALSE(l.en.empty());
        CHECK(names.insert(std::string(l.en)).second);
    }
    for (int r = 0; r < role_count; ++r)
        CHECK_FALSE(name_of(static_cast<role>(r)).vi.empty());
    CHECK(is_official(role::leader));
    CHECK_FALSE(is_official(role::citizen));
    CHECK_FALSE(is_official(role::system));
}
