#include "shared/identity/citizen_id.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::identity;

namespace {
std::vector<std::string> codes(const id_check& c) {
    std::vector<std::string> out;
    for (const auto& p : c.problems)
        out.push_back(p.code);
    return out;
}
} // namespace

TEST_CASE("a 12-digit personal ID number tells the province, sex and birth year") {
    auto c = check_citizen_id("001303012345");
    CHECK(c.valid());
    CHECK(c.kind == id_kind::citizen_id);
    CHECK(c.normalized == "001303012345");
    REQUIRE(c.info);
    CHECK(c.info->province_code == "001");
    CHECK(c.info->province_name == "Hà Nội");
    CHECK(c.info->sex == 'F');
    CHECK(c.info->birth_year == 2003);

    auto hcm = check_citizen_id("079085001234");
    REQUIRE(hcm.info);
    CHECK(hcm.valid());
    CHECK(hcm.info->province_name == "Hồ Chí Minh");
    CHECK(hcm.info->sex == 'M');
    CHECK(hcm.info->birth_year == 1985);
    CHECK(check_citizen_id("048199000001").info->province_name == "Đà Nẵng");
    CHECK(check_citizen_id("031200000001").info->province_name == "Hải Phòng");
    CHECK(check_citizen_id("096212000001").info->province_name == "Cà Mau");
}

TEST_CASE("the fourth digit gives sex and century as in Circular 07/2016's table") {
    struct row {
        char g;
        char sex;
        int year; // with 45 as the last two digits
    };
    for (row r : std::vector<row>{{'0', 'M', 1945},
                                  {'1', 'F', 1945},
                                  {'2', 'M', 2045},
                                  {'3', 'F', 2045},
                                  {'4', 'M', 2145},
                                  {'5', 'F', 2145},
                                  {'6', 'M', 2245},
                                  {'7', 'F', 2245},
                                  {'8', 'M', 2345},
                                  {'9', 'F', 2345}}) {
        std::string n = "001";
        n += r.g;
        n += "45000001";
        auto c = check_citizen_id(n);
        REQUIRE(c.info);
        CHECK(c.info->sex == r.sex);
        CHECK(c.info->birth_year == r.year);
    }
}

TEST_CASE("spaces, dots and dashes typed between digit groups are accepted and dropped") {
    for (const char* typed : {"001 303 012345", "001.303.012.345", "  001-303-012-345 ",
                              "001\xC2\xA0"
                              "303\xC2\xA0"
                              "012345"}) {
        auto c = check_citizen_id(typed);
        INFO(typed);
        CHECK(c.valid());
        CHECK(c.normalized == "001303012345");
    }
}

TEST_CASE("every problem is reported at once") {
    // 003 is no province; 9 means the 2300s, which cannot be yet and does not match a birth in
    // 2004; and 03 does not match 2004 either.
    auto c = check_citizen_id("003 9 03 012345", civil_date{2004, 5, 6}, civil_date{2026, 1, 1});
    CHECK_FALSE(c.valid());
    CHECK(codes(c) ==
          std::vector<std::string>{"citizen_id_province_unknown", "citizen_id_century_future",
                                   "citizen_id_century_mismatch", "citizen_id_year_mismatch"});
    REQUIRE(c.info); // what the number says is still there, to show next to the problems
    CHECK(c.info->province_name.empty());
    for (const auto& p : c.problems) {
        CHECK_FALSE(p.vi.empty());
        CHECK_FALSE(p.en.empty());
        CHECK(p.vi.find(c.normalized) == std::string::npos); // messages never hold the number
        CHECK(p.en.find(c.normalized) == std::string::npos);
    }
}

TEST_CASE("a wrong length, other characters and a missing number are named") {
    auto short_one = check_citizen_id("00130301234");
    CHECK(codes(short_one) == std::vector<std::string>{"citizen_id_length"});
    CHECK(short_one.problems[0].vi.find("11") != std::string::npos);
    CHECK(short_one.problems[0].en.find("11") != std::string::npos);
    CHECK_FALSE(short_one.info);
    CHECK(codes(check_citizen_id("0013030123456")) ==
          std::vector<std::string>{"citizen_id_length"});

    // A letter O typed for a zero among 12 characters is one problem, not two.
    CHECK(codes(check_citizen_id("00130301234O")) ==
          std::vector<std::string>{"citizen_id_characters"});
    CHECK(codes(check_citizen_id("0013030123AB4")) ==
          std::vector<std::string>{"citizen_id_characters", "citizen_id_length"});
    CHECK(codes(check_citizen_id("")) == std::vector<std::string>{"citizen_id_missing"});
    CHECK(codes(check_citizen_id("  . ")) == std::vector<std::string>{"citizen_id_missing"});
}

TEST_CASE("a birth year still to come is refused only when today is given") {
    CHECK(check_citizen_id("001325012345").valid());
    CHECK(codes(check_citizen_id("001325012345", std::nullopt, civil_date{2024, 12, 31})) ==
          std::vector<std::string>{"citizen_id_birth_year_future"});
    CHECK(check_citizen_id("001325012345", std::nullopt, civil_date{2025, 1, 1}).valid());
    CHECK(codes(check_citizen_id("001445012345", std::nullopt, civil_date{2026, 3, 1})) ==
          std::vector<std::string>{"citizen_id_century_future"});
}

TEST_CASE("the declared date of birth must match the century and the year") {
    CHECK(check_citizen_id("001303012345", civil_date{2003, 12, 31}).valid());
    CHECK(codes(check_citizen_id("001303012345", civil_date{1903, 1, 1})) ==
          std::vector<std::string>{"citizen_id_century_mismatch"});
    CHECK(codes(check_citizen_id("001303012345", civil_date{2004, 1, 1})) ==
          std::vector<std::string>{"citizen_id_year_mismatch"});
    CHECK(codes(check_citizen_id("001103012345", civil_date{2004, 1, 1})) ==
          std::vector<std::string>{"citizen_id_century_mismatch", "citizen_id_year_mismatch"});
    // An impossible date of birth is the form's business, not the number's.
    CHECK(check_citizen_id("001303012345", civil_date{2004, 2, 30}).valid());
}

TEST_CASE("the province table has the 63 codes in order, the known ones included") {
    auto all = birth_provinces();
    CHECK(all.size() == 63);
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].code.size() == 3);
        CHECK_FALSE(all[i].name.empty());
        if (i > 0) CHECK(all[i - 1].code < all[i].code);
        seen.insert(all[i].code);
    }
    CHECK(seen.size() == 63);
    CHECK(birth_province_name("001") == "Hà Nội");
    CHECK(birth_province_name("079") == "Hồ Chí Minh");
    CHECK(birth_province_name("048") == "Đà Nẵng");
    CHECK(birth_province_name("031") == "Hải Phòng");
    CHECK(birth_province_name("046") == "Thừa Thiên Huế");
    CHECK_FALSE(birth_province_name("003"));
    CHECK_FALSE(birth_province_name("097"));
    CHECK_FALSE(birth_province_name("000"));
}

TEST_CASE("old ID card numbers have 9 digits") {
    auto c = check_old_id("012 345 678");
    CHECK(c.valid());
    CHECK(c.kind == id_kind::old_id);
    CHECK(c.normalized == "012345678");
    CHECK_FALSE(c.info);
    CHECK(codes(check_old_id("01234567")) == std::vector<std::string>{"old_id_length"});
    CHECK(codes(check_old_id("01234567x")) == std::vector<std::string>{"old_id_characters"});
    CHECK(codes(check_old_id("")) == std::vector<std::string>{"old_id_missing"});
}

TEST_CASE("an ID field checks 9 digits as an old ID and anything else as a personal ID") {
    CHECK(check_id_number("012345678").kind == id_kind::old_id);
    CHECK(check_id_number("012345678").valid());
    CHECK(check_id_number("001303012345").kind == id_kind::citizen_id);
    CHECK(check_id_number("0123456789").kind == id_kind::citizen_id);
    CHECK_FALSE(check_id_number("0123456789").valid());
    CHECK(codes(check_id_number("001303012345", civil_date{2004, 1, 1})) ==
          std::vector<std::string>{"citizen_id_year_mismatch"});
}

TEST_CASE("masked numbers keep only the last 3 digits") {
    CHECK(mask_citizen_id("001303012345") == "*********345");
    CHECK(mask_citizen_id("001 303 012 345") == "*********345");
    CHECK(mask_citizen_id("012345678") == "******678");
    CHECK(mask_citizen_id("12345") == "*****");
    CHECK(mask_citizen_id("").empty());
    CHECK(mask_citizen_id("0013030123x45").find("0013") == std::string::npos);
}
