// Reading unit lists: RFC 4180 CSV, and every kind of mistake reported with its line.
#include "shared/units/csv.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace motcua;
using namespace motcua::units;

namespace {

const std::string header = "code,name,type,parent_code\n";

// A small 3-level list: a city, two districts, three communes.
const std::string small = header + "01,Thành phố Hà Nội,Thành phố Trung ương,\n"
                                   "001,Quận Ba Đình,Quận,01\n"
                                   "268,Quận Hà Đông,Quận,01\n"
                                   "00001,Phường Phúc Xá,Phường,001\n"
                                   "00004,Phường Trúc Bạch,Phường,001\n"
                                   "09538,Phường Quang Trung,Phường,268\n";

error parse_error(const std::string& text, structure_info s = three_level_2025()) {
    auto r = parse_units_csv(text, std::move(s));
    REQUIRE_FALSE(r.ok());
    return r.err();
}

// The message names the line, in both languages.
void check_line(const error& e, int line) {
    CHECK(e.vi.find("Dòng " + std::to_string(line) + ":") == 0);
    CHECK(e.en.find("Line " + std::to_string(line) + ":") == 0);
}

} // namespace

TEST_CASE("CSV records: quoted fields hold commas, doubled quotes and line breaks") {
    auto r = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\",\n\"\",x\r\nlast");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 3);
    CHECK((*r)[0].fields == std::vector<std::string>{"a", "b, c", "say \"hi\"", "two\nlines", ""});
    CHECK((*r)[0].line == 1);
    CHECK((*r)[1].fields == std::vector<std::string>{"", "x"});
    CHECK((*r)[1].line == 3); // the quoted line break moved the count on
    CHECK((*r)[2].fields == std::vector<std::string>{"last"});
    CHECK((*r)[2].line == 4);
}

TEST_CASE("CSV records: a byte order mark, CRLF and empty lines are accepted") {
    auto r = parse_csv("\xEF\xBB\xBF"
                       "a,b\r\n\r\n\nc,d\r\n");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].fields == std::vector<std::string>{"a", "b"});
    CHECK((*r)[1].fields == std::vector<std::string>{"c", "d"});
    CHECK((*r)[1].line == 4);
}

TEST_CASE("CSV records: misplaced or unclosed quotes are refused with their line") {
    auto unclosed = parse_csv("a,b\nc,\"never closed\nmore");
    REQUIRE_FALSE(unclosed.ok());
    CHECK(unclosed.err().code == "units_csv_quote");
    check_line(unclosed.err(), 2);

    auto inside = parse_csv("a,b\nc,d\"e\n");
    REQUIRE_FALSE(inside.ok());
    CHECK(inside.err().code == "units_csv_quote");
    check_line(inside.err(), 2);

    auto after = parse_csv("\"a\"b,c\n");
    REQUIRE_FALSE(after.ok());
    CHECK(after.err().code == "units_csv_quote");
    check_line(after.err(), 1);
}

TEST_CASE("a valid list loads with levels, parents, validity and tree order") {
    auto r = parse_units_csv(small, three_level_2025());
    REQUIRE(r.ok());
    const unit_set& set = *r;
    REQUIRE(set.size() == 6);
    CHECK(set.root_count() == 1);
    const admin_unit* city = set.find("01");
    const admin_unit* ward = set.find("09538");
    REQUIRE(city);
    REQUIRE(ward);
    CHECK(city->level == unit_level::province);
    CHECK(city->parent_code.empty());
    CHECK(city->type == "Thành phố Trung ương");
    CHECK(set.find("268")->level == unit_level::district);
    CHECK(ward->level == unit_level::commune);
    CHECK(ward->name == "Phường Quang Trung");
    CHECK(ward->parent_code == "268");
    CHECK(ward->structure_id() == "3level");
    CHECK(ward->valid_from() == civil_date{2025, 3, 1});
    CHECK(ward->valid_until() == civil_date{2025, 6, 30});
    // Children follow each other, in file order.
    const auto districts = set.children(*city);
    REQUIRE(districts.size() == 2);
    CHECK(districts[0].code == "001");
    CHECK(districts[1].code == "268");
    CHECK(set.children(districts[0]).size() == 2);
    CHECK(set.find("0001") == nullptr);
    CHECK(set.find("") == nullptr);
}

TEST_CASE("rows may come in any order; quoted names and decomposed accents are kept as NFC") {
    auto r = parse_units_csv(header + "00001,\"Xã A, B\",Xã,001\n"
                                      "001,Huye\u0302\u0323n X,Huyện,01\n"
                                      "01,Tỉnh Y,Tỉnh,\n",
                             three_level_2025());
    REQUIRE(r.ok());
    CHECK(r->units()[0].code == "01"); // tree order: the province first
    CHECK(r->find("00001")->name == "Xã A, B");
    CHECK(r->find("001")->name == "Huy\u1EC7n X");
}

TEST_CASE("a 2-level list puts communes straight under provinces") {
    auto r = parse_units_csv(header + "01,Thành phố Hà Nội,Thành phố,\n"
                                      "00004,Phường Ba Đình,Phường,01\n",
                             two_level_2025());
    REQUIRE(r.ok());
    CHECK(r->find("00004")->level == unit_level::commune);
    CHECK(r->find("00004")->structure_id() == "2level");
    CHECK_FALSE(r->find("00004")->valid_until().has_value());
}

TEST_CASE("a wrong header is refused") {
    CHECK(parse_error("").code == "units_csv_header");
    CHECK(parse_error("code,name,type\n01,A,Tỉnh\n").code == "units_csv_header");
    const error e = parse_error("ma,ten,loai,cha\n01,A,Tỉnh,\n");
    CHECK(e.code == "units_csv_header");
    check_line(e, 1);
}

TEST_CASE("a line without four fields is refused with its number") {
    const error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện\n");
    CHECK(e.code == "units_csv_columns");
    check_line(e, 3);
    CHECK(e.en.find("3 fields") != std::string::npos);
    CHECK(parse_error(header + "01,Tỉnh A,Tỉnh,,\n").code == "units_csv_columns");
}

TEST_CASE("empty code, name or type is refused") {
    error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n,Huyện B,Huyện,01\n");
    CHECK(e.code == "units_empty_field");
    check_line(e, 3);
    CHECK(e.en.find("code") != std::string::npos);
    e = parse_error(header + "01,,Tỉnh,\n");
    CHECK(e.code == "units_empty_field");
    CHECK(e.en.find("name") != std::string::npos);
    CHECK(parse_error(header + "01,Tỉnh A,,\n").code == "units_empty_field");
}

TEST_CASE("codes with anything but digits are refused") {
    error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n0A1,Huyện B,Huyện,01\n");
    CHECK(e.code == "units_code_not_digits");
    check_line(e, 3);
    CHECK(e.en.find("\"0A1\"") != std::string::npos);
    e = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện, 01\n");
    CHECK(e.code == "units_code_not_digits");
    CHECK(e.en.find("parent") != std::string::npos);
    CHECK(parse_error(header + "-1,Tỉnh A,Tỉnh,\n").code == "units_code_not_digits");
}

TEST_CASE("a repeated code is refused, naming both lines") {
    const error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện,01\n"
                                         "002,Huyện C,Huyện,01\n001,Huyện D,Huyện,01\n");
    CHECK(e.code == "units_duplicate_code");
    check_line(e, 5);
    CHECK(e.en.find("line 3") != std::string::npos);
    CHECK(e.vi.find("dòng 3") != std::string::npos);
}

TEST_CASE("a parent missing from the list is refused") {
    const error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện,01\n"
                                         "00001,Xã C,Xã,009\n");
    CHECK(e.code == "units_unknown_parent");
    check_line(e, 4);
    CHECK(e.en.find("\"009\"") != std::string::npos);
}

TEST_CASE("parents that loop are refused, showing the loop") {
    const error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện,002\n"
                                         "002,Huyện C,Huyện,001\n");
    CHECK(e.code == "units_cycle");
    check_line(e, 3);
    CHECK(e.en.find("001 → 002 → 001") != std::string::npos);

    const error self = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện,001\n");
    CHECK(self.code == "units_cycle");
    CHECK(self.en.find("001 → 001") != std::string::npos);
}

TEST_CASE("a code whose length does not match its level is refused") {
    // A commune code where a district belongs.
    error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n00001,Xã B,Xã,01\n");
    CHECK(e.code == "units_code_length");
    check_line(e, 3);
    CHECK(e.en.find("district code has 3") != std::string::npos);
    CHECK(e.vi.find("cấp huyện") != std::string::npos);
    // A province with three digits; a commune with three.
    CHECK(parse_error(header + "001,Tỉnh A,Tỉnh,\n").code == "units_code_length");
    e = parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện,01\n002,Xã C,Xã,001\n");
    CHECK(e.code == "units_code_length");
    check_line(e, 4);
    // In the 2-level shape a district code directly under a province is a wrong commune code.
    CHECK(parse_error(header + "01,Tỉnh A,Tỉnh,\n001,Huyện B,Huyện,01\n", two_level_2025()).code ==
          "units_code_length");
}

TEST_CASE("more levels than the structure has are refused") {
    const error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n00001,Xã B,Xã,01\n"
                                         "00002,Thôn C,Thôn,00001\n",
                                two_level_2025());
    CHECK(e.code == "units_too_deep");
    check_line(e, 4);
}

TEST_CASE("a list with no unit, or with bytes that are not UTF-8, is refused") {
    CHECK(parse_error(header).code == "units_empty");
    CHECK(parse_error(header + "01,T\xE1nh A,Tỉnh,\n").code == "units_bad_utf8");
}

TEST_CASE("the earliest line with a problem is the one reported") {
    // Two districts with four-digit codes, on lines 3 and 4.
    const error e = parse_error(header + "01,Tỉnh A,Tỉnh,\n0002,Huyện B,Huyện,01\n"
                                         "0003,Huyện C,Huyện,01\n");
    CHECK(e.code == "units_code_length");
    check_line(e, 3);
}
