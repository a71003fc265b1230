// The yearly decisions on days off (the Tết break, swapped days, make-up Saturdays) as data, read
// from CSV (shared/data/calendar/days_off.csv). They override the computed defaults per occasion.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace motcua::calendar {

enum class entry_kind {
    holiday,     // a day off (a Tết day, a swapped day, a compensatory day)
    working_day, // a make-up working day on a Saturday or Sunday
    not_holiday, // a day the defaults compute as off that is not off that year
};

// The holiday an entry belongs to. When the table has any entry for (year, occasion), its entries
// replace the days the defaults derive for that occasion: the five Tết days, the second day of
// 2/9 and the compensatory days. The fixed dates of the law (1/1, 10/3 lunar, 30/4, 1/5, 2/9)
// stay unless an entry says not_holiday.
enum class occasion { new_year, tet, hung_kings, april_30_may_1, national_day, other };

struct days_off_entry {
    civil_date date;
    entry_kind kind = entry_kind::holiday;
    occasion about = occasion::other;
    std::string name_vi;
    std::string name_en;
    std::string source;    // the decision it comes from
    bool confirmed = true; // false: recorded from memory or news, not checked against the text
    int line = 0;          // line in the CSV, for messages
};

struct days_off_table {
    std::vector<days_off_entry> entries; // in file order

    // Whether the table has any entry for this occasion in this year.
    bool decides(int year, occasion o) const;
};

// Parses the CSV: a header naming the columns date,kind,occasion,name_vi,name_en,source,confirmed
// (any order), then one entry a line; fields may be quoted ("a, b"). Checks every line and
// reports the first problem with its line number: a bad date, kind, occasion or yes/no, an empty
// name or source, a date listed twice, a make-up working day that is not a Saturday or Sunday, a
// not_holiday date that the defaults do not compute as off.
result<days_off_table> parse_days_off_table(std::string_view csv);

std::string_view to_string(entry_kind k);
std::string_view to_string(occasion o);

} // namespace motcua::calendar
