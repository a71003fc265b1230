#include "client/ui/ui_text.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua::ui;

TEST_CASE("every text key has a Vietnamese and an English text, once") {
    std::set<int> seen;
    for (const auto& e : all_texts()) {
        CAPTURE(int(e.key));
        CHECK(seen.insert(int(e.key)).second);
        CHECK_FALSE(e.vi.empty());
        CHECK_FALSE(e.en.empty());
    }
    for (int k = 0; k < int(text_key::count_); ++k) {
        CAPTURE(k);
        CHECK(seen.count(k) == 1);
        CHECK(text(text_key(k), language::vi) != "?");
        CHECK(text(text_key(k), language::en) != "?");
    }
}
