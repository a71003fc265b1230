// Public holidays under the Labour Code 2019 (Art. 112) and Decree 145/2020, computed for any year,
// and the effective days off once the yearly decisions of the days-off table are applied.
#pragma once

#include "shared/calendar/days_off_table.hpp"
#include "shared/calendar/working_days.hpp"

#include <string>
#include <vector>

namespace motcua::calendar {

// Why a day is off.
enum class day_off_basis {
    law,          // a fixed date of Art. 112(1): 1/1, 10/3 lunar, 30/4, 1/5, 2/9
    tet_default,  // one of the five Tết days by the default rule (the table overrides it)
    second_day,   // the day next to 2/9 by the default rule (the table overrides it)
    compensatory, // a working day off in lieu of a holiday on a Saturday or Sunday (Art. 112(3))
    table,        // an entry of the days-off table
};

struct day_off {
    civil_date date;
    occasion about = occasion::other;
    day_off_basis basis = day_off_basis::law;
    std::string name_vi;
    std::string name_en;
    std::string source;    // the decision, for table entries; the article of law otherwise
    bool confirmed = true; // false for table entries marked confirmed=no
};

// The defaults for a Gregorian year, sorted by date, with no yearly decision applied:
// - 1/1, 10/3 lunar (Hùng Kings), 30/4, 1/5, 2/9;
// - Tết: the last day of the lunar year and the first four days of the new one (the usual
//   choice; the Prime Minister sets the actual five days each year, so the table overrides it);
// - the day next to 2/9, from 2021 (Labour Code 2019): 1/9 by default, the day chosen in 2022,
//   2023, 2025 and 2026 (3/9 was chosen in 2021 and 2024);
// - for each of these on a Saturday or Sunday, the next working day that is not already off.
// Valid for the years of the lunar calendar (1900–2199).
std::vector<day_off> holidays(int year);

// One year as it is: the defaults with the table's decisions for that year applied.
struct year_calendar {
    int year = 0;
    std::vector<day_off> days_off;     // sorted by date
    std::vector<day_off> working_days; // make-up working days on weekends, sorted by date
};
year_calendar calendar_for(int year, const days_off_table& overrides);

// The days off and make-up working days of the years year_from..year_to (inclusive), for
// is_working_day and due_date.
days_off days_off_for(int year_from, int year_to, const days_off_table& overrides);

// due_date over the calendar of as many years as the period needs.
civil_date deadline(civil_date received, int working_days, const days_off_table& overrides);

} // namespace motcua::calendar
