// motcua calendar: Tết, lunar dates, the year's days off and deadlines in working days, with the
// yearly decisions read from shared/data/calendar/days_off.csv.
#include "tools/cli/command.hpp"

#include "shared/calendar/holidays.hpp"
#include "shared/calendar/lunar.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace motcua::cli {

namespace {

const char* const calendar_usage =
    "calendar needs one of: tet YEAR | lunar YYYY-MM-DD | holidays YEAR | due YYYY-MM-DD DAYS";

const std::string year_range =
    std::to_string(calendar::lunar_first_year) + "-" + std::to_string(calendar::lunar_last_year);

// Digits only, no sign, no spaces; nullopt if anything else or too large.
std::optional<int> parse_count(const std::string& s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<int> parse_year(const std::string& s) {
    auto y = parse_count(s);
    if (!y || *y < calendar::lunar_first_year || *y > calendar::lunar_last_year)
        return std::nullopt;
    return y;
}

// A date as YYYY-MM-DD, or as people write it (DD/MM/YYYY), within the calendar's years.
std::optional<civil_date> parse_date(const std::string& s) {
    auto d = parse_iso_date(s);
    if (!d) d = parse_vn_date(s);
    if (!d || d->year < calendar::lunar_first_year || d->year > calendar::lunar_last_year)
        return std::nullopt;
    return d;
}

// The table, or the exit status after saying (one line) what is wrong with it.
std::optional<calendar::days_off_table> load_table(io& io, int& status) {
    const auto path = io.data_dir / "calendar" / "days_off.csv";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        status = bad_argument(io, "cannot read the days-off table " + path.string());
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto table = calendar::parse_days_off_table(text.str());
    if (!table.ok()) {
        status = bad_argument(io, path.string() + ": " + table.err().en);
        return std::nullopt;
    }
    return *table;
}

std::string_view basis_name(calendar::day_off_basis b) {
    switch (b) {
    case calendar::day_off_basis::law:
        return "law";
    case calendar::day_off_basis::tet_default:
        return "tet_default";
    case calendar::day_off_basis::second_day:
        return "second_day";
    case calendar::day_off_basis::compensatory:
        return "compensatory";
    case calendar::day_off_basis::table:
        return "table";
    }
    return "law";
}

nlohmann::json day_json(const calendar::day_off& d, const char* kind) {
    return {{"date", to_iso(d.date)},
            {"kind", kind},
            {"occasion", std::string(calendar::to_string(d.about))},
            {"basis", std::string(basis_name(d.basis))},
            {"name_vi", d.name_vi},
            {"name_en", d.name_en},
            {"source", d.source},
            {"confirmed", d.confirmed}};
}

int tet_cmd(const args& a, io& io) {
    if (a.size() != 2) return bad_argument(io, "usage: calendar tet YEAR");
    const auto year = parse_year(a[1]);
    if (!year) return bad_argument(io, "'" + a[1] + "' is not a year in " + year_range);
    const civil_date d = calendar::tet(*year);
    if (io.json) {
        io.out << nlohmann::json{{"year", *year},
                                 {"date", to_iso(d)},
                                 {"can_chi", calendar::can_chi_of_year(*year)}}
                      .dump()
               << "\n";
    } else {
        io.out << to_iso(d) << "\n";
    }
    return 0;
}

int lunar_cmd(const args& a, io& io) {
    if (a.size() != 2) return bad_argument(io, "usage: calendar lunar YYYY-MM-DD");
    const auto d = parse_date(a[1]);
    if (!d) return bad_argument(io, "'" + a[1] + "' is not a date (YYYY-MM-DD) in " + year_range);
    const calendar::lunar_date l = calendar::to_lunar(*d);
    if (io.json) {
        io.out << nlohmann::json{{"date", to_iso(*d)},
                                 {"day", l.day},
                                 {"month", l.month},
                                 {"year", l.year},
                                 {"leap", l.leap},
                                 {"can_chi", calendar::can_chi_of_year(l.year)},
                                 {"text", calendar::describe_vi(l)}}
                      .dump()
               << "\n";
    } else {
        // e.g. "10/3/2024 (âm lịch), mùng 10 tháng 3 năm Giáp Thìn"
        io.out << l.day << "/" << l.month << "/" << l.year
               << (l.leap ? " (âm lịch, tháng nhuận), " : " (âm lịch), ")
               << calendar::describe_vi(l) << "\n";
    }
    return 0;
}

int holidays_cmd(const args& a, io& io) {
    if (a.size() != 2) return bad_argument(io, "usage: calendar holidays YEAR");
    const auto year = parse_year(a[1]);
    if (!year) return bad_argument(io, "'" + a[1] + "' is not a year in " + year_range);
    int status = 0;
    const auto table = load_table(io, status);
    if (!table) return status;
    const calendar::year_calendar cal = calendar::calendar_for(*year, *table);
    if (io.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& d : cal.days_off)
            out.push_back(day_json(d, "holiday"));
        for (const auto& d : cal.working_days)
            out.push_back(day_json(d, "working_day"));
        io.out << out.dump() << "\n";
        return 0;
    }
    for (const auto& d : cal.days_off) {
        io.out << to_iso(d.date) << "  " << d.name_vi << (d.confirmed ? "" : " (chưa xác nhận)")
               << "\n";
    }
    // Make-up working days after the days off, marked, so a reader does not take them as off.
    for (const auto& d : cal.working_days) {
        io.out << to_iso(d.date) << "  làm việc: " << d.name_vi
               << (d.confirmed ? "" : " (chưa xác nhận)") << "\n";
    }
    return 0;
}

int due_cmd(const args& a, io& io) {
    if (a.size() != 3) return bad_argument(io, "usage: calendar due RECEIVED_DATE WORKING_DAYS");
    const auto received = parse_date(a[1]);
    if (!received) {
        return bad_argument(io, "'" + a[1] + "' is not a date (YYYY-MM-DD) in " + year_range);
    }
    const auto days = parse_count(a[2]);
    if (!days || *days > 3650) {
        return bad_argument(io, "'" + a[2] + "' is not a number of working days (0-3650)");
    }
    int status = 0;
    const auto table = load_table(io, status);
    if (!table) return status;
    const civil_date due = calendar::deadline(*received, *days, *table);
    if (io.json) {
        io.out << nlohmann::json{{"received", to_iso(*received)},
                                 {"working_days", *days},
                                 {"due", to_iso(due)}}
                      .dump()
               << "\n";
    } else {
        io.out << to_iso(due) << "\n";
    }
    return 0;
}

} // namespace

int cmd_calendar(const args& a, io& io) {
    if (a.empty()) return bad_argument(io, calendar_usage);
    if (a[0] == "tet") return tet_cmd(a, io);
    if (a[0] == "lunar") return lunar_cmd(a, io);
    if (a[0] == "holidays") return holidays_cmd(a, io);
    if (a[0] == "due") return due_cmd(a, io);
    return bad_argument(io, "unknown 'calendar " + a[0] + "'; " + calendar_usage);
}

} // namespace motcua::cli
