#include "client/app/preferences.hpp"

#include <doctest/doctest.h>

using namespace motcua::client;

TEST_CASE("preferences come back as they were kept, and unreadable ones fall back to the default") {
    preferences p;
    CHECK(preferences::from_text(p.to_text()) == p);
    p.english = true;
    p.text = preferences::text_size::larger;
    p.high_contrast = true;
    CHECK(preferences::from_text(p.to_text()) == p);
    CHECK(p.text_scale() == doctest::Approx(1.5));
    for (const char* junk : {"", "garbage", "text=9", "lang=fr;text=-1;contrast=maybe", ";;=;"})
        CHECK(preferences::from_text(junk) == preferences{});
}
