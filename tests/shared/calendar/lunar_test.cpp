#include "shared/calendar/lunar.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::calendar;

TEST_CASE("Tết falls on the dates of Vietnam's official calendar") {
    CHECK(tet(2024) == civil_date{2024, 2, 10});
    CHECK(tet(2025) == civil_date{2025, 1, 29});
    CHECK(tet(2026) == civil_date{2026, 2, 17});
    const civil_date published[] = {
        {2000, 2, 5},  {2001, 1, 24}, {2002, 2, 12}, {2003, 2, 1},  {2004, 1, 22}, {2005, 2, 9},
        {2006, 1, 29}, {2007, 2, 17}, {2008, 2, 7},  {2009, 1, 26}, {2010, 2, 14}, {2011, 2, 3},
        {2012, 1, 23}, {2013, 2, 10}, {2014, 1, 31}, {2015, 2, 19}, {2016, 2, 8},  {2017, 1, 28},
        {2018, 2, 16}, {2019, 2, 5},  {2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22},
        {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13},
    };
    for (const auto& d : published) {
        CAPTURE(d.year);
        CHECK(tet(d.year) == d);
    }
}

TEST_CASE(
    "Vietnam's Tết differs from China's where the new moon falls between 23:00 and 24:00 UTC+7") {
    CHECK(tet(1985) == civil_date{1985, 1, 21}); // China: 1985-02-20
    CHECK(tet(2007) == civil_date{2007, 2, 17}); // China: 2007-02-18
    CHECK(tet(2030) == civil_date{2030, 2, 2});  // China: 2030-02-03
    CHECK(to_lunar({2007, 2, 18}) == lunar_date{2, 1, 2007, false});
    CHECK(to_lunar({1985, 2, 20}) == lunar_date{1, 2, 1985, false});
}

TEST_CASE("Hùng Kings' day is the 10th of the 3rd lunar month") {
    CHECK(from_lunar({10, 3, 2024, false}) == civil_date{2024, 4, 18});
    CHECK(from_lunar({10, 3, 2025, false}) == civil_date{2025, 4, 7});
    CHECK(from_lunar({10, 3, 2026, false}) == civil_date{2026, 4, 26});
    // After the leap 2nd month of 2023 it came late, on 30 April's eve.
    CHECK(from_lunar({10, 3, 2023, false}) == civil_date{2023, 4, 29});
    CHECK(to_lunar({2024, 4, 18}) == lunar_date{10, 3, 2024, false});
}

TEST_CASE("leap months repeat the month before them") {
    CHECK(leap_month(2023) == 2);
    CHECK(leap_month(2025) == 6);
    CHECK(leap_month(2024) == 0);
    CHECK(leap_month(2026) == 0);
    CHECK(leap_month(2020) == 4);
    CHECK(leap_month(2033) == 11); // the leap 11th month of the "2033 problem"
    CHECK(to_lunar({2023, 2, 20}) == lunar_date{1, 2, 2023, false});
    CHECK(to_lunar({2023, 3, 22}) == lunar_date{1, 2, 2023, true});
    CHECK(to_lunar({2023, 4, 20}) == lunar_date{1, 3, 2023, false});
    CHECK(to_lunar({2025, 7, 25}) == lunar_date{1, 6, 2025, true});
    CHECK(from_lunar({1, 2, 2023, true}) == civil_date{2023, 3, 22});
    CHECK(lunar_month_length(2023, 2, true) == 29);
    CHECK(lunar_month_length(2023, 2, false) == 30);
}

TEST_CASE("from_lunar refuses days that do not exist") {
    CHECK_FALSE(from_lunar({1, 3, 2023, true}).has_value());  // 2023's leap month is the 2nd
    CHECK_FALSE(from_lunar({1, 1, 2024, true}).has_value());  // 2024 has no leap month
    CHECK_FALSE(from_lunar({30, 2, 2023, true}).has_value()); // that month has 29 days
    CHECK(from_lunar({30, 2, 2023, false}) == civil_date{2023, 3, 21});
    CHECK_FALSE(from_lunar({0, 1, 2024, false}).has_value());
    CHECK_FALSE(from_lunar({1, 13, 2024, false}).has_value());
    CHECK_FALSE(from_lunar({1, 1, 1899, false}).has_value());
    CHECK_FALSE(from_lunar({1, 1, 2200, false}).has_value());
    CHECK(lunar_month_length(2023, 3, true) == 0);
}

TEST_CASE("a new moon just after midnight starts the month on the right day") {
    // Đức's published code answers "day 0" on these two days.
    CHECK(to_lunar({2054, 5, 7}) == lunar_date{30, 3, 2054, false});
    CHECK(to_lunar({2062, 4, 9}) == lunar_date{30, 2, 2062, false});
}

TEST_CASE("every day of 1900-2199 has one lunar date, and the months follow each other") {
    const std::int64_t first = days_from_civil(tet(1900));
    const std::int64_t end = days_from_civil(tet(2200));
    lunar_date prev = to_lunar(civil_from_days(first));
    REQUIRE(prev == lunar_date{1, 1, 1900, false});
    int month_length = 1, months_in_year = 1, failures = 0;
    for (std::int64_t z = first + 1; z < end && failures < 5; ++z) {
        const civil_date d = civil_from_days(z);
        const lunar_date l = to_lunar(d);
        bool ok;
        if (l.day == prev.day + 1) {
            ok = l.month == prev.month && l.leap == prev.leap && l.year == prev.year;
            ++month_length;
        } else {
            ok = l.day == 1 && (month_length == 29 || month_length == 30);
            if (l.year == prev.year) {
                ok = ok && ((l.month == prev.month && l.leap && !prev.leap) ||
                            (l.month == prev.month + 1 && !l.leap));
                ++months_in_year;
            } else {
                const bool leap_year = leap_month(prev.year) != 0;
                ok = ok && l.year == prev.year + 1 && l.month == 1 && !l.leap &&
                     months_in_year == (leap_year ? 13 : 12) && tet(l.year) == d;
                months_in_year = 1;
            }
            month_length = 1;
        }
        ok = ok && from_lunar(l) == d;
        if (!ok) {
            ++failures;
            FAIL_CHECK("lunar calendar broken at " << to_iso(d));
        }
        prev = l;
    }
    CHECK(failures == 0);
}

TEST_CASE("years are named by the sexagenary cycle") {
    CHECK(can_chi_of_year(2024) == "Giáp Thìn");
    CHECK(can_chi_of_year(2025) == "Ất Tỵ");
    CHECK(can_chi_of_year(2026) == "Bính Ngọ");
    CHECK(can_chi_of_year(1984) == "Giáp Tý");
    CHECK(can_chi_of_year(1945) == "Ất Dậu");
    CHECK(describe_vi({10, 3, 2024, false}) == "mùng 10 tháng 3 năm Giáp Thìn");
    CHECK(describe_vi({15, 2, 2023, true}) == "15 tháng 2 nhuận năm Quý Mão");
    CHECK(describe_vi({30, 12, 2025, false}) == "30 tháng Chạp năm Ất Tỵ");
    CHECK(describe_vi({1, 1, 2026, false}) == "mùng 1 tháng Giêng năm Bính Ngọ");
}
