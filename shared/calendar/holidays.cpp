// Computed public holidays and the merge with the days-off table.
#include "shared/calendar/holidays.hpp"

#include "shared/calendar/lunar.hpp"

#include <algorithm>
#include <set>

namespace motcua::calendar {

namespace {

// The Labour Code 2019 (in force 1/1/2021) added the second day of the National Day holiday.
constexpr int national_day_two_days_from = 2021;
// The default second day: 1 September (see holidays() in the header for the record).
constexpr int national_day_default_second_day = 1;

const char* const weekday_vi[] = {"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư",
                                  "thứ Năm",  "thứ Sáu", "thứ Bảy"};
const char* const weekday_en[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                  "Thursday", "Friday", "Saturday"};
const char* const month_en[] = {"January",   "February", "March",    "April",
                                "May",       "June",     "July",     "August",
                                "September", "October",  "November", "December"};

const char* const law_source = "Bộ luật Lao động 2019, Điều 112 khoản 1";
const char* const tet_source =
    "Bộ luật Lao động 2019, Điều 112 khoản 1 (mặc định; ngày cụ thể do Thủ tướng quyết định)";
const char* const compensatory_source = "Bộ luật Lao động 2019, Điều 112 khoản 3";

bool is_weekend(civil_date d) {
    const int w = weekday(d);
    return w == 0 || w == 6;
}

std::string vi_day_month(civil_date d) {
    return std::to_string(d.day) + "/" + std::to_string(d.month);
}
std::string en_day_month(civil_date d) {
    return std::to_string(d.day) + " " + month_en[d.month - 1];
}

// A computed day, with the short name its compensatory day refers to.
struct computed {
    day_off day;
    std::string short_vi;
    std::string short_en;
};

computed make(civil_date date, occasion about, day_off_basis basis, std::string short_vi,
              std::string short_en, std::string detail_vi, std::string detail_en,
              const char* source) {
    computed c;
    c.day.date = date;
    c.day.about = about;
    c.day.basis = basis;
    c.day.name_vi = short_vi + " (" + detail_vi + ")";
    c.day.name_en = short_en + " (" + detail_en + ")";
    c.day.source = source;
    c.short_vi = std::move(short_vi);
    c.short_en = std::move(short_en);
    return c;
}

std::string tet_detail_vi(const lunar_date& l) {
    if (l.month == 12) return std::to_string(l.day) + " tháng Chạp";
    return "mùng " + std::to_string(l.day) + " tháng Giêng";
}
std::string tet_detail_en(const lunar_date& l) {
    if (l.month == 12) return "last day of the lunar year";
    return "day " + std::to_string(l.day) + " of the lunar year";
}

// The fixed dates, the default Tết days and second day of 2/9 (unless the table decides those
// occasions), the table's own days off, then compensatory days for the occasions it leaves open.
std::vector<day_off> build(int year, const days_off_table* table) {
    auto decided = [&](occasion o) { return table && table->decides(year, o); };
    std::vector<computed> days;

    days.push_back(make({year, 1, 1}, occasion::new_year, day_off_basis::law, "Tết Dương lịch",
                        "New Year's Day", "1/1", "1 January", law_source));
    if (auto hk = from_lunar({10, 3, year, false})) {
        days.push_back(make(*hk, occasion::hung_kings, day_off_basis::law, "Giỗ Tổ Hùng Vương",
                            "Hung Kings' Commemoration Day", "mùng 10 tháng 3 âm lịch",
                            "10th day of the 3rd lunar month", law_source));
    }
    days.push_back(make({year, 4, 30}, occasion::april_30_may_1, day_off_basis::law,
                        "Ngày Chiến thắng", "Reunification Day", "30/4", "30 April", law_source));
    days.push_back(make({year, 5, 1}, occasion::april_30_may_1, day_off_basis::law,
                        "Ngày Quốc tế Lao động", "International Labour Day", "1/5", "1 May",
                        law_source));
    days.push_back(make({year, 9, 2}, occasion::national_day, day_off_basis::law, "Quốc khánh",
                        "National Day", "2/9", "2 September", law_source));
    if (!decided(occasion::tet)) {
        const civil_date first = tet(year);
        for (int i = -1; i <= 3; ++i) {
            const civil_date d = add_days(first, i);
            const lunar_date l = to_lunar(d);
            days.push_back(make(d, occasion::tet, day_off_basis::tet_default, "Tết Âm lịch",
                                "Lunar New Year", tet_detail_vi(l), tet_detail_en(l), tet_source));
        }
    }
    if (year >= national_day_two_days_from && !decided(occasion::national_day)) {
        const civil_date d{year, 9, national_day_default_second_day};
        days.push_back(make(d, occasion::national_day, day_off_basis::second_day, "Quốc khánh",
                            "National Day", "ngày liền kề, " + vi_day_month(d),
                            "adjacent day, " + en_day_month(d), law_source));
    }

    std::set<civil_date> removed;
    if (table) {
        for (const auto& e : table->entries) {
            if (e.date.year != year) continue;
            if (e.kind == entry_kind::not_holiday) removed.insert(e.date);
            if (e.kind != entry_kind::holiday) continue;
            computed c;
            c.day = {e.date,    e.about,  day_off_basis::table, e.name_vi,
                     e.name_en, e.source, e.confirmed};
            days.push_back(std::move(c));
        }
    }

    // One entry a date: a table entry wins; two holidays of the law on one date (Hùng Kings on
    // 30/4 in some leap years) share it, named together.
    std::stable_sort(days.begin(), days.end(), [](const computed& a, const computed& b) {
        if (a.day.date != b.day.date) return a.day.date < b.day.date;
        return (a.day.basis == day_off_basis::table) > (b.day.basis == day_off_basis::table);
    });
    std::vector<computed> merged;
    for (auto& c : days) {
        if (removed.count(c.day.date)) continue;
        if (!merged.empty() && merged.back().day.date == c.day.date) {
            auto& m = merged.back();
            if (m.day.basis != day_off_basis::table && m.day.name_vi != c.day.name_vi) {
                m.day.name_vi += "; " + c.day.name_vi;
                m.day.name_en += "; " + c.day.name_en;
            }
            continue;
        }
        merged.push_back(std::move(c));
    }

    std::set<civil_date> off;
    for (const auto& c : merged)
        off.insert(c.day.date);
    std::vector<day_off> out;
    for (const auto& c : merged) {
        out.push_back(c.day);
        if (c.day.basis == day_off_basis::table || !is_weekend(c.day.date)) continue;
        if (decided(c.day.about)) continue; // the table lists that occasion's days in lieu
        civil_date d = add_days(c.day.date, 1);
        while (is_weekend(d) || off.count(d))
            d = add_days(d, 1);
        off.insert(d);
        const int w = weekday(c.day.date);
        day_off comp;
        comp.date = d;
        comp.about = c.day.about;
        comp.basis = day_off_basis::compensatory;
        comp.name_vi = "Nghỉ bù " + c.short_vi + " (" + vi_day_month(c.day.date) + " là " +
                       weekday_vi[w] + ")";
        comp.name_en = "Day off in lieu of " + c.short_en + " (" + en_day_month(c.day.date) +
                       " is a " + weekday_en[w] + ")";
        comp.source = compensatory_source;
        out.push_back(std::move(comp));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const day_off& a, const day_off& b) { return a.date < b.date; });
    return out;
}

} // namespace

std::vector<day_off> holidays(int year) {
    return build(year, nullptr);
}

year_calendar calendar_for(int year, const days_off_table& overrides) {
    year_calendar cal;
    cal.year = year;
    cal.days_off = build(year, &overrides);
    for (const auto& e : overrides.entries) {
        if (e.date.year != year || e.kind != entry_kind::working_day) continue;
        cal.working_days.push_back(
            {e.date, e.about, day_off_basis::table, e.name_vi, e.name_en, e.source, e.confirmed});
    }
    std::stable_sort(cal.working_days.begin(), cal.working_days.end(),
                     [](const day_off& a, const day_off& b) { return a.date < b.date; });
    return cal;
}

days_off days_off_for(int year_from, int year_to, const days_off_table& overrides) {
    days_off out;
    for (int y = year_from; y <= year_to; ++y) {
        const year_calendar cal = calendar_for(y, overrides);
        for (const auto& d : cal.days_off)
            out.holidays.insert(d.date);
        for (const auto& d : cal.working_days)
            out.working_days.insert(d.date);
    }
    return out;
}

civil_date deadline(civil_date received, int working_days, const days_off_table& overrides) {
    // At least ~240 working days a year, so this many years always hold the whole period.
    const int years = 1 + std::max(working_days, 0) / 200;
    return due_date(received, working_days,
                    days_off_for(received.year, received.year + years, overrides));
}

} // namespace motcua::calendar
