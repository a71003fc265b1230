#include "shared/calendar/days_off_table.hpp"

#include "tests/shared/calendar/days_off_file.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua;
using namespace motcua::calendar;

namespace {
const std::string header = "date,kind,occasion,name_vi,name_en,source,confirmed\n";

// The error of a table that must fail; fails the test if it parses.
error error_of(const std::string& csv) {
    auto r = parse_days_off_table(csv);
    REQUIRE_FALSE(r.ok());
    return r.err();
}
} // namespace

TEST_CASE("a table lists days off, make-up working days and days that are not off") {
    auto r = parse_days_off_table(
        header + "2024-04-29,holiday,april_30_may_1,Nghỉ hoán đổi,Swapped day off,\"VPCP 2450, "
                 "12/4/2024\",yes\r\n"
                 "2024-05-04,working_day,april_30_may_1,Làm bù,Make-up day,VPCP 2450,yes\r\n"
                 "\r\n"
                 "2024-02-15,not_holiday,tet,Không nghỉ,Not off,Test,no\r\n");
    REQUIRE(r.ok());
    REQUIRE(r->entries.size() == 3);
    const auto& swap = r->entries[0];
    CHECK(swap.date == civil_date{2024, 4, 29});
    CHECK(swap.kind == entry_kind::holiday);
    CHECK(swap.about == occasion::april_30_may_1);
    CHECK(swap.name_vi == "Nghỉ hoán đổi");
    CHECK(swap.source == "VPCP 2450, 12/4/2024");
    CHECK(swap.confirmed);
    CHECK(swap.line == 2);
    CHECK(r->entries[1].kind == entry_kind::working_day);
    CHECK(r->entries[2].kind == entry_kind::not_holiday);
    CHECK_FALSE(r->entries[2].confirmed);
    CHECK(r->entries[2].line == 5);
    CHECK(r->decides(2024, occasion::april_30_may_1));
    CHECK(r->decides(2024, occasion::tet));
    CHECK_FALSE(r->decides(2025, occasion::tet));
    CHECK_FALSE(r->decides(2024, occasion::national_day));
}

TEST_CASE("columns may come in any order; a BOM, quotes and decomposed text are accepted") {
    // "Tết" typed with a combining circumflex and dot below is stored precomposed (NFC).
    auto r = parse_days_off_table("\xEF\xBB\xBF"
                                  "confirmed,date,kind,occasion,source,name_en,name_vi\n"
                                  "no,2030-02-04,holiday,tet,\"say \"\"maybe\"\"\",Lunar New Year,"
                                  "Te\xCC\x82\xCC\x81t\n");
    REQUIRE(r.ok());
    REQUIRE(r->entries.size() == 1);
    CHECK(r->entries[0].name_vi == "Tết");
    CHECK(r->entries[0].source == "say \"maybe\"");
    CHECK_FALSE(r->entries[0].confirmed);
}

TEST_CASE("each problem is reported with its line number") {
    CHECK(error_of("").code == "days_off_table_invalid");
    CHECK(
        error_of("date,kind,occasion,name_vi,name_en,source\n").en.find("'confirmed' is missing") !=
        std::string::npos);
    CHECK(error_of("date,kind,occasion,name_vi,name_en,source,confirmd\n").en.find("'confirmd'") !=
          std::string::npos);

    struct bad_line {
        const char* line;
        const char* says; // in the English message
    };
    const bad_line cases[] = {
        {"2024-02-30,holiday,tet,A,B,C,yes", "'2024-02-30' is not a valid date"},
        {"24/2/2024,holiday,tet,A,B,C,yes", "write it as YYYY-MM-DD"},
        {"2024-02-08,day_off,tet,A,B,C,yes", "kind 'day_off' is unknown"},
        {"2024-02-08,holiday,lunar_new_year,A,B,C,yes", "occasion 'lunar_new_year' is unknown"},
        {"2024-02-08,holiday,tet,,B,C,yes", "'name_vi' is empty"},
        {"2024-02-08,holiday,tet,A,B,,yes", "'source' is empty"},
        {"2024-02-08,holiday,tet,A,B,C,true", "'confirmed' must be yes or no"},
        {"2024-02-08,holiday,tet,A,B,C", "has 6 fields, needs 7"},
        {"2024-02-08,holiday,tet,A,B,C,D,yes", "has 8 fields"},
        {"2024-02-08,holiday,tet,\"A,B,C,yes", "never closed"},
        {"2024-02-08,holiday,tet,A\"x,B,C,yes", "quote the whole field"},
        {"2024-02-08,holiday,tet,\xC3\x28,B,C,yes", "not UTF-8"},
        {"2024-05-06,working_day,april_30_may_1,A,B,C,yes", "is not a Saturday or Sunday"},
        {"2024-03-05,not_holiday,other,A,B,C,yes", "not a day off by default"},
        {"2300-01-01,holiday,other,A,B,C,yes", "outside 1900–2199"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const error e =
            error_of(header + "2024-01-01,holiday,new_year,A,B,C,yes\n" + c.line + "\n");
        CHECK(e.code == "days_off_table_invalid");
        CHECK(e.en.find("line 3:") != std::string::npos);
        CHECK(e.vi.find("dòng 3:") != std::string::npos);
        CHECK(e.en.find(c.says) != std::string::npos);
    }
}

TEST_CASE("a date listed twice is refused, naming the first line") {
    const error e = error_of(header + "2024-04-29,holiday,april_30_may_1,A,B,C,yes\n"
                                      "2024-04-29,working_day,april_30_may_1,A,B,C,yes\n");
    CHECK(e.en.find("line 3: 2024-04-29 is already on line 2") != std::string::npos);
}

TEST_CASE("a line break inside quotes is part of the field, and line numbers keep counting") {
    const error e = error_of(header + "2024-02-08,holiday,tet,\"two\nlines\",B,C,yes\n"
                                      "2024-02-09,holiday,tet,A,B,C,maybe\n");
    CHECK(e.en.find("line 4:") != std::string::npos);
}

TEST_CASE("the real days-off table parses and covers 2024-2026") {
    const auto csv = testing::read_days_off_csv();
    REQUIRE_MESSAGE(csv.has_value(), "shared/data/calendar/days_off.csv not found");
    auto r = parse_days_off_table(*csv);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().en));
    for (int year : {2024, 2025, 2026}) {
        CAPTURE(year);
        CHECK(r->decides(year, occasion::tet));
        CHECK(r->decides(year, occasion::national_day));
    }
    std::set<civil_date> unconfirmed;
    for (const auto& e : r->entries)
        if (!e.confirmed) unconfirmed.insert(e.date);
    // Keep this list in step with the README beside the data.
    CHECK(unconfirmed == std::set<civil_date>{{2025, 4, 26}});
}
