// The Vietnamese lunar calendar (âm lịch): Hồ Ngọc Đức's astronomical algorithm with new moons and
// solar terms computed for UTC+7, which is why some years differ from China's (UTC+8) calendar.
#pragma once

#include "shared/core/date.hpp"

#include <optional>
#include <string>

namespace motcua::calendar {

struct lunar_date {
    int day = 1;       // 1..30
    int month = 1;     // 1..12 (1 = tháng Giêng, 12 = tháng Chạp)
    int year = 1970;   // the lunar year, numbered like the Gregorian year in which its Tết falls
    bool leap = false; // a leap month (tháng nhuận) repeats the number of the month before it
    friend bool operator==(const lunar_date&, const lunar_date&) = default;
};

// The range checked against published Vietnamese calendars and by the round-trip tests; outside it
// the astronomy (Meeus's short series) drifts and from_lunar refuses.
inline constexpr int lunar_first_year = 1900;
inline constexpr int lunar_last_year = 2199;

lunar_date to_lunar(civil_date d);
// The civil date of a lunar date; nullopt if there is no such day (day 30 of a 29-day month, a
// leap flag on a month that is not leap that year, a year outside the range above).
std::optional<civil_date> from_lunar(lunar_date d);
// The first day of lunar year `year` (Tết Nguyên đán).
civil_date tet(int year);
// The leap month of lunar year `year` (1..12), or 0 if that year has none.
int leap_month(int year);
// 29 or 30; 0 if the month does not exist.
int lunar_month_length(int year, int month, bool leap = false);

// The sexagenary name of a lunar year, e.g. "Giáp Thìn" for 2024.
std::string can_chi_of_year(int year);
// As people say it: "mùng 10 tháng 3 năm Giáp Thìn", "15 tháng 2 nhuận năm Quý Mão".
std::string describe_vi(const lunar_date& d);

} // namespace motcua::calendar
