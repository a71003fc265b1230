// The real lists load with their official counts; lookups by (structure, code) and by date.
#include "shared/units/registry.hpp"
#include "tests/shared/units/data_files.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace motcua;
using namespace motcua::units;
using namespace motcua::units::test;

namespace {

std::map<unit_level, std::size_t> count_levels(const unit_set& set) {
    std::map<unit_level, std::size_t> n;
    for (const admin_unit& u : set.units())
        ++n[u.level];
    return n;
}

std::map<std::string_view, std::size_t> count_types(const unit_set& set) {
    std::map<std::string_view, std::size_t> n;
    for (const admin_unit& u : set.units())
        ++n[u.type];
    return n;
}

registry hanoi() {
    registry reg;
    REQUIRE(reg.add(load_units_file(hanoi_3level, three_level_2025())).ok());
    REQUIRE(reg.add(load_units_file(hanoi_2level, two_level_2025())).ok());
    return reg;
}

std::vector<std::string_view> names(const std::vector<const admin_unit*>& path) {
    std::vector<std::string_view> out;
    for (const admin_unit* u : path)
        out.push_back(u->name);
    return out;
}

const civil_date last_3level{2025, 6, 30};
const civil_date first_2level{2025, 7, 1};

} // namespace

TEST_CASE("Hà Nội 3-level: the city, 30 districts, 526 communes") {
    const unit_set set = load_units_file(hanoi_3level, three_level_2025());
    CHECK(set.size() == 557);
    const auto n = count_levels(set);
    CHECK(n.at(unit_level::province) == 1);
    CHECK(n.at(unit_level::district) == 30);
    CHECK(n.at(unit_level::commune) == 526);
    CHECK(set.children(*set.find("01")).size() == 30);
}

TEST_CASE("Hà Nội 2-level: the city and 126 communes, 51 phường and 75 xã") {
    const unit_set set = load_units_file(hanoi_2level, two_level_2025());
    CHECK(set.size() == 127);
    const auto n = count_levels(set);
    CHECK(n.at(unit_level::province) == 1);
    CHECK(n.count(unit_level::district) == 0);
    CHECK(n.at(unit_level::commune) == 126);
    const auto types = count_types(set);
    CHECK(types.at("Phường") == 51);
    CHECK(types.at("Xã") == 75);
    CHECK(set.children(*set.find("01")).size() == 126);
}

TEST_CASE("the whole country: 63 + 696 + 10,047 units, then 34 + 3,321") {
    const unit_set three = load_units_file(vn_3level, three_level_2025());
    CHECK(three.size() == 10806);
    auto n = count_levels(three);
    CHECK(n.at(unit_level::province) == 63);
    CHECK(n.at(unit_level::district) == 696);
    CHECK(n.at(unit_level::commune) == 10047);
    CHECK(three.root_count() == 63);

    const unit_set two = load_units_file(vn_2level, two_level_2025());
    CHECK(two.size() == 3355);
    n = count_levels(two);
    CHECK(n.at(unit_level::province) == 34);
    CHECK(n.at(unit_level::commune) == 3321);
    CHECK(n.count(unit_level::district) == 0);
}

TEST_CASE("the structure in force changes between 30/6/2025 and 1/7/2025") {
    const registry reg = hanoi();
    REQUIRE(reg.structure_in_force(last_3level));
    CHECK(reg.structure_in_force(last_3level)->structure().id == "3level");
    REQUIRE(reg.structure_in_force(first_2level));
    CHECK(reg.structure_in_force(first_2level)->structure().id == "2level");
    CHECK(reg.structure_in_force({2025, 3, 1})->structure().id == "3level");
    CHECK(reg.structure_in_force({2040, 1, 1})->structure().id == "2level");
    CHECK(reg.structure_in_force({2025, 2, 28}) == nullptr); // before the 3-level snapshot
}

TEST_CASE("a reused commune code means a different unit in each structure") {
    const registry reg = hanoi();
    REQUIRE(reg.find("00004", last_3level));
    CHECK(reg.find("00004", last_3level)->name == "Phường Trúc Bạch");
    CHECK(reg.find("00004", last_3level)->structure_id() == "3level");
    REQUIRE(reg.find("00004", first_2level));
    CHECK(reg.find("00004", first_2level)->name == "Phường Ba Đình");
    CHECK(reg.find("00004", first_2level)->structure_id() == "2level");
    CHECK(reg.find_in("3level", "00004")->name == "Phường Trúc Bạch");
    CHECK(reg.find_in("2level", "00004")->name == "Phường Ba Đình");
    CHECK(reg.find_in("4level", "00004") == nullptr);
    CHECK(reg.find_in("2level", "99999") == nullptr);
    CHECK(reg.find("00004", {2025, 2, 28}) == nullptr);
}

TEST_CASE("districts exist until 30/6/2025 and not from 1/7/2025") {
    const registry reg = hanoi();
    CHECK(reg.exists("268", last_3level)); // Quận Hà Đông
    CHECK_FALSE(reg.exists("268", first_2level));
    CHECK(reg.exists("01", last_3level));
    CHECK(reg.exists("01", first_2level));
    CHECK_FALSE(reg.exists("00001", first_2level)); // Phường Phúc Xá was merged away
    CHECK(reg.exists("00001", last_3level));
}

TEST_CASE("a ward's path goes through its district to the city") {
    const registry reg = hanoi();
    const admin_unit* ward = reg.find_in("3level", "09538");
    REQUIRE(ward);
    CHECK(names(reg.path_to_root(*ward)) ==
          std::vector<std::string_view>{"Phường Quang Trung", "Quận Hà Đông", "Thành phố Hà Nội"});
    CHECK(reg.parent(*ward)->code == "268");
    CHECK(ward->parent_code == "268");
    const admin_unit* new_ward = reg.find_in("2level", "09556");
    REQUIRE(new_ward);
    CHECK(names(reg.path_to_root(*new_ward)) ==
          std::vector<std::string_view>{"Phường Hà Đông", "Thành phố Hà Nội"});
    const admin_unit* city = reg.find_in("2level", "01");
    CHECK(reg.path_to_root(*city).size() == 1);
    CHECK(reg.parent(*city) == nullptr);
}

TEST_CASE("children are the units whose parent is the unit") {
    const registry reg = hanoi();
    const admin_unit* ha_dong = reg.find_in("3level", "268");
    REQUIRE(ha_dong);
    const auto wards = reg.children(*ha_dong);
    CHECK(wards.size() == 15);
    for (const admin_unit& w : wards) {
        CHECK(w.parent_code == "268");
        CHECK(w.level == unit_level::commune);
        CHECK(reg.parent(w) == ha_dong);
    }
    CHECK(reg.children(wards[0]).empty());
}

TEST_CASE("every unit of the country is its parent's child, once") {
    const unit_set set = load_units_file(vn_3level, three_level_2025());
    std::size_t as_children = 0;
    for (const admin_unit& u : set.units()) {
        for (const admin_unit& c : set.children(u)) {
            CHECK(set.parent(c) == &u);
            ++as_children;
        }
        CHECK(set.find(u.code) == &u);
    }
    CHECK(as_children == set.size() - set.root_count());
}

TEST_CASE("units of another registry are not found in this one") {
    const registry a = hanoi();
    const registry b = hanoi();
    const admin_unit* in_b = b.find_in("3level", "268");
    REQUIRE(in_b);
    CHECK(a.set_of(*in_b) == nullptr);
    CHECK(a.children(*in_b).empty());
    CHECK(a.path_to_root(*in_b).empty());
}

TEST_CASE("a structure cannot be added twice or overlap another") {
    registry reg = hanoi();
    auto again = reg.add(load_units_file(hanoi_2level, two_level_2025()));
    REQUIRE_FALSE(again.ok());
    CHECK(again.err().code == "units_structure_exists");

    structure_info overlapping = two_level_2025();
    overlapping.id = "2level-bis";
    overlapping.valid_from = {2025, 6, 30};
    auto overlap = reg.add(load_units_file(hanoi_2level, overlapping));
    REQUIRE_FALSE(overlap.ok());
    CHECK(overlap.err().code == "units_structures_overlap");
    CHECK(reg.size() == 2);
}

TEST_CASE("units found through the registry stay valid while more structures are added") {
    registry reg;
    REQUIRE(reg.add(load_units_file(hanoi_3level, three_level_2025())).ok());
    const admin_unit* ward = reg.find_in("3level", "09538");
    REQUIRE(reg.add(load_units_file(hanoi_2level, two_level_2025())).ok());
    CHECK(ward->name == "Phường Quang Trung");
    CHECK(reg.path_to_root(*ward).size() == 3);
}
