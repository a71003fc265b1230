#include "shared/core/date.hpp"

#include <doctest/doctest.h>

using namespace motcua;

TEST_CASE("days and civil dates convert both ways") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(civil_from_days(0) == civil_date{1970, 1, 1});
    for (std::int64_t z = -800000; z < 800000; z += 997) CHECK(days_from_civil(civil_from_days(z)) == z);
    CHECK(weekday({2026, 11, 24}) == 2); // a Tuesday
    CHECK(weekday({2025, 1, 29}) == 3);
}

TEST_CASE("the Vietnamese day of an instant is taken at UTC+7") {
    // 2026-11-24 16:59:59 UTC is 23:59:59 in Hà Nội; one second later it is the 25th.
    CHECK(vietnam_date_of(1795539599) == civil_date{2026, 11, 24});
    CHECK(vietnam_date_of(1795539600) == civil_date{2026, 11, 25});
}

TEST_CASE("dates typed the Vietnamese way are read, impossible dates are not") {
    CHECK(parse_vn_date("05/09/2025") == civil_date{2025, 9, 5});
    CHECK(parse_vn_date("5/9/2025") == civil_date{2025, 9, 5});
    CHECK(parse_vn_date(" 5-9-2025 ") == civil_date{2025, 9, 5});
    CHECK(parse_vn_date("29.02.2024") == civil_date{2024, 2, 29});
    CHECK_FALSE(parse_vn_date("29/02/2025"));
    CHECK_FALSE(parse_vn_date("31/04/2025"));
    CHECK_FALSE(parse_vn_date("05/09/25"));
    CHECK_FALSE(parse_vn_date("05/13/2025"));
    CHECK_FALSE(parse_vn_date("ngày 5"));
    CHECK(parse_iso_date("2025-09-05") == civil_date{2025, 9, 5});
    CHECK_FALSE(parse_iso_date("2025-9-5"));
    CHECK(to_vn({2025, 9, 5}) == "05/09/2025");
    CHECK(to_iso({2025, 9, 5}) == "2025-09-05");
}
