// Working-day arithmetic for deadlines: the day of receipt is not counted, Saturdays, Sundays
// and the given days off are skipped. Which days are off is data passed in, never built in here.
#pragma once

#include "shared/core/date.hpp"

#include <set>

namespace motcua::calendar {

// Built for a span of years by days_off_for (shared/calendar/holidays.hpp).
struct days_off {
    std::set<civil_date> holidays;     // public holidays and announced days off
    std::set<civil_date> working_days; // make-up working days that fall on a weekend
};

bool is_working_day(civil_date d, const days_off& off);
// The last day of a period of `working_days` days that starts the day after `received`.
// A period of 0 days ends on the day of receipt, or the next working day if that is a day off.
civil_date due_date(civil_date received, int working_days, const days_off& off);

} // namespace motcua::calendar
