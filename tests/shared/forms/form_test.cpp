#include "shared/forms/form.hpp"

#include "shared/catalog/catalog.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
const forms::form_def& birth_form() { return catalog::find_procedure("1.001193")->form; }
} // namespace

TEST_CASE("typed values are made canonical: NFC, spaces collapsed, dates as ISO") {
    const auto& form = birth_form();
    CHECK(*forms::normalize(*form.find("child_name"), "  Nguye\xcc\x82\xcc\x83n   Va\xcc\x86n  ") == "Nguyễn Văn");
    CHECK(*forms::normalize(*form.find("child_birth_date"), "5/9/2025") == "2025-09-05");
    auto bad = forms::normalize(*form.find("child_birth_date"), "hôm qua");
    REQUIRE_FALSE(bad);
    CHECK(bad.err().vi.find("ngày/tháng/năm") != std::string::npos);
}

TEST_CASE("validation reports every problem at once, tied to its field") {
    const auto& form = birth_form();
    forms::values v{{"child_birth_date", "2030-01-01"}, {"child_sex", "khac"}};
    auto problems = forms::validate(form, v, {2026, 11, 24});
    std::vector<std::string> fields;
    for (const auto& p : problems) fields.push_back(p.field);
    CHECK(fields == std::vector<std::string>{"requester_name", "child_name", "child_birth_date",
                                             "child_sex", "birth_place"});
    for (const auto& p : problems) {
        CHECK_FALSE(p.message.vi.empty());
        CHECK_FALSE(p.message.en.empty());
    }
}

TEST_CASE("a complete birth registration has no problems; unknown fields are refused") {
    const auto& form = birth_form();
    forms::values v{{"requester_name", "Nguyễn Văn Đức"},
                    {"child_name", "Nguyễn Thị Mai Anh"},
                    {"child_birth_date", "2026-11-20"},
                    {"child_sex", "nu"},
                    {"birth_place", "Bệnh viện Phụ sản Hà Nội"}};
    CHECK(forms::validate(form, v, {2026, 11, 24}).empty());
    v["citizen_id"] = "001200012345";
    auto problems = forms::validate(form, v, {2026, 11, 24});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "citizen_id");
}
