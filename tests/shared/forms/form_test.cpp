#include "shared/forms/form.hpp"

#include "shared/catalog/catalog.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace motcua;
using forms::field_kind;

namespace {
const forms::form_def& birth_form(std::uint32_t version = 2) {
    return *catalog::builtin().find("1.001193")->form_version(version);
}

std::vector<std::string> fields_of(const std::vector<forms::field_problem>& problems,
                                   forms::severity level = forms::severity::error) {
    std::vector<std::string> out;
    for (const auto& p : problems)
        if (p.level == level) out.push_back(p.field);
    return out;
}

forms::values complete_birth_v2() {
    return {{"requester_name", "Nguyễn Văn Đức"},
            {"requester_id", "001089012345"},
            {"requester_relationship", "cha"},
            {"child_name", "Nguyễn Thị Mai Anh"},
            {"child_birth_date", "2026-11-20"},
            {"child_sex", "nu"},
            {"birth_place", "Bệnh viện Phụ sản Hà Nội"},
            {"child_ethnicity", "Kinh"},
            {"mother_name", "Trần Thị Hoa"},
            {"mother_birth_year", "1995"}};
}

forms::field_def field(field_kind kind) {
    forms::field_def f;
    f.id = "x";
    f.label_vi = "Mục";
    f.label_en = "Item";
    f.kind = kind;
    return f;
}
} // namespace

TEST_CASE("typed values are made canonical: NFC, spaces collapsed, dates as ISO, money as digits") {
    const auto& form = birth_form(1);
    CHECK(*forms::normalize(*form.find("child_name"), "  Nguye\xcc\x82\xcc\x83n   Va\xcc\x86n  ") == "Nguyễn Văn");
    CHECK(*forms::normalize(*form.find("child_birth_date"), "5/9/2025") == "2025-09-05");
    auto bad = forms::normalize(*form.find("child_birth_date"), "hôm qua");
    REQUIRE_FALSE(bad);
    CHECK(bad.err().vi.find("ngày/tháng/năm") != std::string::npos);
    CHECK(*forms::normalize(field(field_kind::money), "1.500.000 đ") == "1500000");
    CHECK(*forms::normalize(field(field_kind::money), "50,000") == "50000");
    CHECK(*forms::normalize(field(field_kind::number), "1.234,5") == "1234.5");
    CHECK(*forms::normalize(field(field_kind::phone), "0912 345.678") == "0912345678");
    CHECK(*forms::normalize(field(field_kind::citizen_id), "001 089 012345") == "001089012345");
    CHECK(*forms::normalize(field(field_kind::email), "An.Nguyen@Example.VN") == "an.nguyen@example.vn");
}

TEST_CASE("validation reports every problem at once, tied to its field, in both languages") {
    forms::values v{{"child_birth_date", "2030-01-01"}, {"child_sex", "khac"}};
    auto problems = forms::validate(birth_form(1), v, civil_date{2026, 11, 24});
    CHECK(fields_of(problems) == std::vector<std::string>{"requester_name", "child_name", "child_sex",
                                                          "birth_place", "child_birth_date"});
    for (const auto& p : problems) {
        CHECK_FALSE(p.message.vi.empty());
        CHECK_FALSE(p.message.en.empty());
    }
}

TEST_CASE("a complete birth registration has no problems; unknown fields are refused") {
    auto v = complete_birth_v2();
    CHECK(forms::validate(birth_form(), v, civil_date{2026, 11, 24}).empty());
    v["citizen_note"] = "x";
    CHECK(fields_of(forms::validate(birth_form(), v, civil_date{2026, 11, 24})) ==
          std::vector<std::string>{"citizen_note"});
}

TEST_CASE("a birth registered more than 60 days late is a warning, not a refusal") {
    auto v = complete_birth_v2();
    v["child_birth_date"] = "2026-08-01";
    auto problems = forms::validate(birth_form(), v, civil_date{2026, 11, 24});
    CHECK(fields_of(problems).empty());
    CHECK(fields_of(problems, forms::severity::warning) == std::vector<std::string>{"child_birth_date"});
    CHECK_FALSE(forms::has_errors(problems));
    v["child_birth_date"] = "2026-10-01"; // 54 days: no warning
    CHECK(forms::validate(birth_form(), v, civil_date{2026, 11, 24}).empty());
}

TEST_CASE("a field shown only under a condition is required only when shown") {
    auto v = complete_birth_v2();
    CHECK(forms::validate(birth_form(), v, civil_date{2026, 11, 24}).empty());
    v["parents_married"] = "1";
    CHECK(fields_of(forms::validate(birth_form(), v, civil_date{2026, 11, 24})) ==
          std::vector<std::string>{"marriage_certificate_no"});
    v["marriage_certificate_no"] = "12/2020";
    CHECK(forms::validate(birth_form(), v, civil_date{2026, 11, 24}).empty());
}

TEST_CASE("the date of birth in words is computed, not typed") {
    auto v = complete_birth_v2();
    forms::compute(birth_form(), v);
    REQUIRE(v.count("child_birth_date_words"));
    CHECK(v["child_birth_date_words"].find("hai mươi") != std::string::npos);
    CHECK(v["child_birth_date_words"].find("hai nghìn không trăm hai mươi sáu") != std::string::npos);
    CHECK(forms::validate(birth_form(), v, civil_date{2026, 11, 24}).empty());
}

TEST_CASE("numbers and money are checked against their range") {
    auto v = complete_birth_v2();
    v["mother_birth_year"] = "1850";
    CHECK(fields_of(forms::validate(birth_form(), v, civil_date{2026, 11, 24})) ==
          std::vector<std::string>{"mother_birth_year"});
    v["mother_birth_year"] = "nineteen";
    CHECK(fields_of(forms::validate(birth_form(), v, civil_date{2026, 11, 24})) ==
          std::vector<std::string>{"mother_birth_year"});
}

TEST_CASE("identity-shaped fields are checked: citizen ID, phone") {
    auto v = complete_birth_v2();
    v["requester_id"] = "999089012345"; // no province 999
    v["requester_phone"] = "01234567";
    auto errs = fields_of(forms::validate(birth_form(), v, civil_date{2026, 11, 24}));
    std::sort(errs.begin(), errs.end());
    CHECK(errs == std::vector<std::string>{"requester_id", "requester_phone"});
}

TEST_CASE("a repeating group checks each item, with the item's number in the field path") {
    const auto* business = catalog::builtin().find("1.001612");
    REQUIRE(business);
    const auto& form = business->current_form();
    forms::values v{{"applicant_name", "Lê Văn Tám"},
                    {"applicant_id", "001089012345"},
                    {"address", "Số 1 Hàng Bài"},
                    {"business_name", "Tạp hoá Tám"},
                    {"business_address", "Số 1 Hàng Bài"},
                    {"business_unit", "00070"},
                    {"capital_vnd", "50000000"},
                    {"activities", "Bán lẻ tạp hoá"},
                    {"members.0.name", "Lê Thị Chín"},
                    {"members.0.id", "001189012345"},
                    {"members.1.id", "12"}};
    CHECK(forms::group_size(*form.find("members"), v) == 2);
    auto errs = fields_of(forms::validate(form, v, civil_date{2026, 11, 24}));
    std::sort(errs.begin(), errs.end());
    CHECK(errs == std::vector<std::string>{"members.1.id", "members.1.name"});
}

TEST_CASE("a draft made with an older form version keeps what still fits and names the rest") {
    const auto* p = catalog::builtin().find("1.001193");
    forms::values old{{"requester_name", "A"}, {"child_name", "B"}, {"retired_field", "C"}};
    auto m = forms::migrate(old, *p->form_version(1), *p->form_version(2));
    CHECK(m.kept == forms::values{{"requester_name", "A"}, {"child_name", "B"}});
    CHECK(m.dropped == std::vector<std::string>{"retired_field"});
}
