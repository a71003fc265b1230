#include "shared/calendar/holidays.hpp"

#include "tests/shared/calendar/days_off_file.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua;
using namespace motcua::calendar;

namespace {
std::set<civil_date> dates_of(const std::vector<day_off>& days) {
    std::set<civil_date> s;
    for (const auto& d : days)
        s.insert(d.date);
    return s;
}

days_off_table table_of(const std::string& rows) {
    auto r = parse_days_off_table("date,kind,occasion,name_vi,name_en,source,confirmed\n" + rows);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().en));
    return *r;
}

days_off_table real_table() {
    const auto csv = testing::read_days_off_csv();
    REQUIRE_MESSAGE(csv.has_value(), "shared/data/calendar/days_off.csv not found");
    auto r = parse_days_off_table(*csv);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().en));
    return *r;
}
} // namespace

TEST_CASE("the defaults of 2024: Tết from the last day of the year, weekend days given back") {
    const auto days = holidays(2024);
    CHECK(dates_of(days) == std::set<civil_date>{
                                {2024, 1, 1},
                                {2024, 2, 9},
                                {2024, 2, 10},
                                {2024, 2, 11},
                                {2024, 2, 12},
                                {2024, 2, 13},
                                {2024, 2, 14},
                                {2024, 2, 15}, // Sat+Sun back
                                {2024, 4, 18},
                                {2024, 4, 30},
                                {2024, 5, 1},
                                {2024, 9, 1},
                                {2024, 9, 2},
                                {2024, 9, 3}, // 1/9 is a Sunday
                            });
    for (const auto& d : days) {
        CAPTURE(to_iso(d.date));
        CHECK_FALSE(d.name_vi.empty());
        CHECK_FALSE(d.name_en.empty());
        CHECK_FALSE(d.source.empty());
    }
    CHECK(days[1].basis == day_off_basis::tet_default);
    CHECK(days[1].name_vi == "Tết Âm lịch (30 tháng Chạp)");
    CHECK(days[6].basis == day_off_basis::compensatory);
    CHECK(days[6].name_vi == "Nghỉ bù Tết Âm lịch (10/2 là thứ Bảy)");
    CHECK(days[6].name_en == "Day off in lieu of Lunar New Year (10 February is a Saturday)");
}

TEST_CASE("holidays on a weekend give the next working day not already off (2023)") {
    const auto days = holidays(2023);
    const auto set = dates_of(days);
    CHECK(set.count({2023, 1, 2}));  // 1/1 was a Sunday
    CHECK(set.count({2023, 4, 29})); // Hùng Kings, Saturday
    CHECK(set.count({2023, 5, 2}));  // ... given back after 30/4 and 1/5
    CHECK(set.count({2023, 5, 3}));  // 30/4 was a Sunday
    CHECK(set.count({2023, 9, 4}));  // 2/9 was a Saturday
    CHECK_FALSE(set.count({2023, 5, 4}));
    CHECK(days.size() == 17);
}

TEST_CASE("National Day has two days from 2021 only, 1/9 by default") {
    CHECK(dates_of(holidays(2027)).count({2027, 9, 1}));
    CHECK_FALSE(dates_of(holidays(2020)).count({2020, 9, 1}));
    CHECK(holidays(2020).size() == 12); // 1/1, 5 Tết + 2 given back, Hùng Kings, 30/4, 1/5, 2/9
}

TEST_CASE("a decided occasion takes its days from the table; the other occasions keep theirs") {
    const auto table = table_of("2025-01-27,holiday,tet,Tết (28 Chạp),Tet,Test,yes\n"
                                "2025-01-28,holiday,tet,Tết (29 Chạp),Tet,Test,yes\n"
                                "2025-01-29,holiday,tet,Tết (mùng 1),Tet,Test,yes\n"
                                "2025-01-30,holiday,tet,Tết (mùng 2),Tet,Test,yes\n"
                                "2025-01-31,holiday,tet,Tết (mùng 3),Tet,Test,no\n"
                                "2025-05-02,holiday,april_30_may_1,Hoán đổi,Swap,Test,yes\n"
                                "2025-04-26,working_day,april_30_may_1,Làm bù,Make-up,Test,yes\n"
                                "2025-01-01,not_holiday,new_year,Không nghỉ,Not off,Test,yes\n");
    const auto cal = calendar_for(2025, table);
    const auto off = dates_of(cal.days_off);
    // The default Tết days and the day given back for Saturday 1/2 are gone.
    CHECK_FALSE(off.count({2025, 2, 1}));
    CHECK_FALSE(off.count({2025, 2, 3}));
    CHECK(off.count({2025, 1, 27}));
    CHECK_FALSE(off.count({2025, 1, 1}));
    // Fixed dates and undecided occasions stay.
    CHECK(off.count({2025, 4, 7}));
    CHECK(off.count({2025, 4, 30}));
    CHECK(off.count({2025, 5, 1}));
    CHECK(off.count({2025, 5, 2}));
    CHECK(off.count({2025, 9, 1}));
    CHECK(off.count({2025, 9, 2}));
    REQUIRE(cal.working_days.size() == 1);
    CHECK(cal.working_days[0].date == civil_date{2025, 4, 26});
    for (const auto& d : cal.days_off) {
        if (d.date == civil_date{2025, 1, 31}) {
            CHECK(d.basis == day_off_basis::table);
            CHECK_FALSE(d.confirmed);
            CHECK(d.name_vi == "Tết (mùng 3)");
        }
    }
    const days_off span = days_off_for(2024, 2026, table);
    CHECK(span.holidays.count({2024, 2, 9})); // 2024 keeps its defaults
    CHECK(span.holidays.count({2025, 1, 27}));
    CHECK(span.working_days == std::set<civil_date>{{2025, 4, 26}});
}

TEST_CASE("a table entry on a date the law also fixes is listed once, under the table's name") {
    const auto table = table_of("2026-09-02,holiday,national_day,Quốc khánh,National Day,T,yes\n");
    const auto cal = calendar_for(2026, table);
    int count = 0;
    for (const auto& d : cal.days_off)
        count += d.date == civil_date{2026, 9, 2};
    CHECK(count == 1);
    // The table decides 2026's National Day, so the default 1/9 is not added.
    CHECK_FALSE(dates_of(cal.days_off).count({2026, 9, 1}));
}

TEST_CASE("the real table: the official breaks of 2024-2026") {
    const auto table = real_table();
    const days_off off = days_off_for(2024, 2026, table);
    auto weekdays_off = [&](civil_date from, civil_date to) {
        std::set<civil_date> s;
        for (civil_date d = from; d <= to; d = add_days(d, 1))
            if (!is_working_day(d, off)) s.insert(d);
        return s;
    };
    // "Nghỉ 8/2–14/2/2024", "25/1–2/2/2025", "14/2–22/2/2026": off from the first day to the
    // last, and work on the days either side.
    const std::pair<civil_date, civil_date> breaks[] = {
        {{2024, 2, 8}, {2024, 2, 14}},  {{2025, 1, 25}, {2025, 2, 2}},
        {{2026, 2, 14}, {2026, 2, 22}}, {{2024, 4, 27}, {2024, 5, 1}},
        {{2025, 4, 30}, {2025, 5, 4}},  {{2026, 4, 25}, {2026, 4, 27}},
        {{2026, 4, 30}, {2026, 5, 3}},  {{2024, 8, 31}, {2024, 9, 3}},
        {{2025, 8, 30}, {2025, 9, 2}},  {{2026, 8, 29}, {2026, 9, 2}},
        {{2026, 1, 1}, {2026, 1, 4}},
    };
    for (const auto& [from, to] : breaks) {
        CAPTURE(to_iso(from));
        CHECK(is_working_day(add_days(from, -1), off));
        CHECK(is_working_day(add_days(to, 1), off));
        const auto s = weekdays_off(from, to);
        CHECK(s.size() == std::size_t(days_from_civil(to) - days_from_civil(from) + 1));
    }
    CHECK(is_working_day({2024, 5, 4}, off));  // Saturday made up for 29/4
    CHECK(is_working_day({2026, 1, 10}, off)); // Saturday made up for 2/1
    CHECK(is_working_day({2026, 8, 22}, off)); // Saturday made up for 31/8
    CHECK(is_working_day({2024, 2, 15}, off)); // the default would have given it back
    CHECK(is_working_day({2025, 2, 3}, off));
}

TEST_CASE("deadlines around Tết, 30/4-1/5 and 2/9 with the real table") {
    const auto table = real_table();
    struct deadline_case {
        civil_date received;
        int working_days;
        civil_date due;
    };
    const deadline_case cases[] = {
        // Tết 2025: off Mon 27/1 to Fri 31/1.
        {{2025, 1, 24}, 1, {2025, 2, 3}},
        {{2025, 1, 23}, 2, {2025, 2, 3}},
        {{2025, 1, 22}, 5, {2025, 2, 5}},
        {{2025, 1, 29}, 1, {2025, 2, 3}}, // received on Tết itself
        {{2025, 1, 24}, 0, {2025, 1, 24}},
        {{2025, 1, 25}, 0, {2025, 2, 3}}, // a period ending on a day off moves on
        // Tết 2026: off Mon 16/2 to Fri 20/2.
        {{2026, 2, 13}, 1, {2026, 2, 23}},
        {{2026, 2, 11}, 3, {2026, 2, 23}},
        {{2026, 2, 12}, 10, {2026, 3, 5}},
        // New Year 2026: 1/1 and the swapped 2/1 off, Saturday 10/1 worked.
        {{2025, 12, 30}, 3, {2026, 1, 6}},
        {{2025, 12, 31}, 1, {2026, 1, 5}},
        {{2026, 1, 9}, 1, {2026, 1, 10}},
        // 30/4-1/5 2024: Monday 29/4 swapped for Saturday 4/5.
        {{2024, 4, 26}, 1, {2024, 5, 2}},
        {{2024, 4, 25}, 3, {2024, 5, 3}},
        {{2024, 5, 3}, 1, {2024, 5, 4}},
        // 30/4-1/5 2025: Friday 2/5 swapped (for Saturday 26/4, unconfirmed).
        {{2025, 4, 29}, 1, {2025, 5, 5}},
        {{2025, 4, 25}, 1, {2025, 4, 26}},
        // Hùng Kings 2026 on a Sunday, given back Monday 27/4; then 30/4-1/5 Thu-Fri.
        {{2026, 4, 24}, 1, {2026, 4, 28}},
        {{2026, 4, 29}, 1, {2026, 5, 4}},
        {{2026, 4, 24}, 5, {2026, 5, 6}},
        // 2/9: 2024 with 3/9, 2025 with 1/9, 2026 with 1/9 and 31/8 swapped for 22/8.
        {{2024, 8, 30}, 1, {2024, 9, 4}},
        {{2025, 8, 29}, 1, {2025, 9, 3}},
        {{2026, 8, 28}, 1, {2026, 9, 3}},
        {{2026, 8, 21}, 1, {2026, 8, 22}},
        {{2026, 8, 27}, 5, {2026, 9, 8}},
        // 2027 is not in the table: the defaults (2/9 Thursday, 1/9 Wednesday).
        {{2027, 8, 31}, 1, {2027, 9, 3}},
    };
    for (const auto& c : cases) {
        CAPTURE(to_iso(c.received));
        CAPTURE(c.working_days);
        CHECK(to_iso(deadline(c.received, c.working_days, table)) == to_iso(c.due));
    }
}

TEST_CASE("a long period runs over as many years as it needs") {
    const days_off_table none;
    const civil_date due = deadline({2024, 1, 2}, 600, none);
    CHECK(due == due_date({2024, 1, 2}, 600, days_off_for(2024, 2027, none)));
    CHECK(due.year == 2026);
}
