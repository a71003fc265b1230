// The announced days off (Tết breaks, swaps, make-up days) this build carries.
#pragma once

#include "shared/calendar/days_off_table.hpp"

namespace motcua::calendar {

const days_off_table& builtin_days_off();

} // namespace motcua::calendar
