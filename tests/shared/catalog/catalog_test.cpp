#include "shared/catalog/catalog.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua;

TEST_CASE("the catalog file loads with at least 25 procedures across the three levels") {
    const auto& c = catalog::builtin();
    REQUIRE(c.procedures().size() >= 25);
    std::set<catalog::handling_level> levels;
    for (const auto& p : c.procedures()) {
        levels.insert(p.level_3tier);
        CHECK_FALSE(p.name_vi.empty());
        CHECK_FALSE(p.name_en.empty());
        CHECK_FALSE(p.documents.empty());
        CHECK_FALSE(p.fees.empty());
        CHECK((p.online_level == 3 || p.online_level == 4));
        CHECK_FALSE(p.forms.empty());
        CHECK(p.level_2tier != catalog::handling_level::district);
    }
    CHECK(levels.size() == 3);
}

TEST_CASE("the procedures the domain notes name are in the catalog") {
    const auto& c = catalog::builtin();
    for (const char* name : {"Đăng ký khai sinh", "Đăng ký khai tử", "Đăng ký kết hôn",
                             "Cấp Giấy xác nhận tình trạng hôn nhân", "Cấp bản sao trích lục hộ tịch",
                             "Đăng ký thành lập hộ kinh doanh", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
                             "Cấp giấy phép hoạt động đối với phòng khám chuyên khoa"}) {
        bool found = false;
        for (const auto& p : c.procedures()) found = found || p.name_vi == name;
        CHECK_MESSAGE(found, name);
    }
    const auto* linked = c.find("2.002621");
    REQUIRE(linked);
    CHECK(linked->linked_steps.size() == 3);
}

TEST_CASE("a bad entry is reported with its place and what is wrong") {
    auto with = [](const std::string& procedure) {
        return catalog::parse_catalog("{\"procedures\": [" + procedure + "]}");
    };
    const std::string good_head = R"({"code":"1.1","name_vi":"A","name_en":"A","field_vi":"F","field_en":"F",
      "level_3tier":"commune","level_2tier":"commune","online_level":3,"online_scope":"mot_phan",
      "receiving_agency":"000.00.10.H26","receiving_agency_vi":"X","fees":[],"documents":[],)";
    const std::string form = R"("forms":[{"version":1,"title_vi":"T","title_en":"T","fields":[
      {"id":"a","label_vi":"A","label_en":"A","kind":"text"}]}]})";
    CHECK(with(good_head + R"("processing_working_days":3,)" + form));

    auto e = with(good_head + R"("processing_working_days":"ba",)" + form);
    REQUIRE_FALSE(e);
    CHECK(e.err().en.find("entry 1 (1.1)") != std::string::npos);
    CHECK(e.err().en.find("processing_working_days") != std::string::npos);

    e = with(good_head + R"("processing_working_days":3,"forms":[{"version":1,"title_vi":"T","title_en":"T",
      "fields":[{"id":"a","label_vi":"A","label_en":"A","kind":"colour"}]}]})");
    REQUIRE_FALSE(e);
    CHECK(e.err().en.find("field 1 (a)") != std::string::npos);
    CHECK(e.err().en.find("unknown kind 'colour'") != std::string::npos);

    e = catalog::parse_catalog("{\"procedures\": [\n{\"code\": \"1\",\n\"name_vi\" \"x\"}]}");
    REQUIRE_FALSE(e);
    CHECK(e.err().en.find("line 3") != std::string::npos);
}
