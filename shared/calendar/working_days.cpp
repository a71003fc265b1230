// Deadline counting over working days.
#include "shared/calendar/working_days.hpp"

namespace motcua::calendar {

bool is_working_day(civil_date d, const days_off& off) {
    if (off.working_days.count(d)) return true;
    if (off.holidays.count(d)) return false;
    int wd = weekday(d);
    return wd != 0 && wd != 6;
}

civil_date due_date(civil_date received, int working_days, const days_off& off) {
    civil_date d = received;
    if (working_days <= 0) {
        while (!is_working_day(d, off)) d = add_days(d, 1);
        return d;
    }
    for (int counted = 0; counted < working_days;) {
        d = add_days(d, 1);
        if (is_working_day(d, off)) ++counted;
    }
    return d;
}

} // namespace motcua::calendar
