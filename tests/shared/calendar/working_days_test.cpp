#include "shared/calendar/working_days.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::calendar;

TEST_CASE("the receiving day is not counted and weekends are skipped") {
    days_off none;
    CHECK(due_date({2026, 11, 24}, 1, none) == civil_date{2026, 11, 25}); // Tue -> Wed
    CHECK(due_date({2026, 11, 27}, 1, none) == civil_date{2026, 11, 30}); // Fri -> Mon
    CHECK(due_date({2026, 11, 28}, 1, none) == civil_date{2026, 11, 30}); // Sat -> Mon
    CHECK(due_date({2026, 11, 24}, 5, none) == civil_date{2026, 12, 1});
}

TEST_CASE("days off passed in are skipped; make-up working days are counted") {
    days_off off;
    off.holidays = {{2026, 11, 25}};
    CHECK(due_date({2026, 11, 24}, 1, off) == civil_date{2026, 11, 26});
    off.working_days = {{2026, 11, 28}};
    CHECK(due_date({2026, 11, 27}, 1, off) == civil_date{2026, 11, 28});
}

TEST_CASE("a zero-day period ends on the day of receipt, or the next working day") {
    CHECK(due_date({2026, 11, 24}, 0, {}) == civil_date{2026, 11, 24});
    CHECK(due_date({2026, 11, 28}, 0, {}) == civil_date{2026, 11, 30});
}
