#include "shared/text/words.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

using namespace motcua;
using namespace motcua::text;

TEST_CASE("units and tens are read as officials write them") {
    CHECK(number_in_words(0) == "không");
    CHECK(number_in_words(1) == "một");
    CHECK(number_in_words(4) == "bốn");
    CHECK(number_in_words(5) == "năm");
    CHECK(number_in_words(10) == "mười");
    CHECK(number_in_words(11) == "mười một");
    CHECK(number_in_words(14) == "mười bốn");
    CHECK(number_in_words(15) == "mười lăm");
    CHECK(number_in_words(20) == "hai mươi");
    CHECK(number_in_words(21) == "hai mươi mốt");
    CHECK(number_in_words(24) == "hai mươi tư");
    CHECK(number_in_words(25) == "hai mươi lăm");
    CHECK(number_in_words(55) == "năm mươi lăm");
    CHECK(number_in_words(91) == "chín mươi mốt");
    CHECK(number_in_words(99) == "chín mươi chín");
}

TEST_CASE("a zero tens digit is read 'linh', and a group after a larger one in full") {
    CHECK(number_in_words(100) == "một trăm");
    CHECK(number_in_words(101) == "một trăm linh một");
    CHECK(number_in_words(104) == "một trăm linh bốn");
    CHECK(number_in_words(105) == "một trăm linh năm");
    CHECK(number_in_words(110) == "một trăm mười");
    CHECK(number_in_words(115) == "một trăm mười lăm");
    CHECK(number_in_words(1000) == "một nghìn");
    CHECK(number_in_words(1005) == "một nghìn không trăm linh năm");
    CHECK(number_in_words(1010) == "một nghìn không trăm mười");
    CHECK(number_in_words(1995) == "một nghìn chín trăm chín mươi lăm");
    CHECK(number_in_words(2000) == "hai nghìn");
    CHECK(number_in_words(2026) == "hai nghìn không trăm hai mươi sáu");
    CHECK(number_in_words(10000) == "mười nghìn");
    CHECK(number_in_words(21500) == "hai mươi mốt nghìn năm trăm");
    CHECK(number_in_words(150000) == "một trăm năm mươi nghìn");
}

TEST_CASE("millions and billions skip groups of zeros") {
    CHECK(number_in_words(1000000) == "một triệu");
    CHECK(number_in_words(1000005) == "một triệu không trăm linh năm");
    CHECK(number_in_words(1005000) == "một triệu không trăm linh năm nghìn");
    CHECK(number_in_words(2500000) == "hai triệu năm trăm nghìn");
    CHECK(number_in_words(1000000000) == "một tỷ");
    CHECK(number_in_words(1000000001) == "một tỷ không trăm linh một");
    CHECK(number_in_words(3200000000) == "ba tỷ hai trăm triệu");
    CHECK(number_in_words(1000000000000) == "một nghìn tỷ");
    CHECK(number_in_words(1000000000000000000) == "một tỷ tỷ");
}

TEST_CASE("negative numbers start with 'âm', the most negative one included") {
    CHECK(number_in_words(-5) == "âm năm");
    CHECK(number_in_words(-2026) == "âm hai nghìn không trăm hai mươi sáu");
    std::int64_t min = std::numeric_limits<std::int64_t>::min(); // -9 223 372 036 854 775 808
    CHECK(number_in_words(min) ==
          "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu "
          "tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám");
    CHECK(number_in_words(std::numeric_limits<std::int64_t>::max()) ==
          "chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu "
          "tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy");
}

TEST_CASE("the date of birth in words follows the birth registration form") {
    CHECK(date_in_words({2025, 9, 5}) ==
          "Ngày năm, tháng chín, năm hai nghìn không trăm hai mươi lăm");
    CHECK(date_in_words({2026, 1, 1}) ==
          "Ngày một, tháng một, năm hai nghìn không trăm hai mươi sáu");
    CHECK(date_in_words({2024, 4, 24}) ==
          "Ngày hai mươi tư, tháng tư, năm hai nghìn không trăm hai mươi tư");
    CHECK(date_in_words({1990, 12, 31}) ==
          "Ngày ba mươi mốt, tháng mười hai, năm một nghìn chín trăm chín mươi");
    CHECK(date_in_words({2003, 11, 15}) ==
          "Ngày mười lăm, tháng mười một, năm hai nghìn không trăm linh ba");
    CHECK(date_in_words({2025, 2, 29}).empty());
}

TEST_CASE("sums of money are read in đồng") {
    CHECK(money_in_words(50000) == "năm mươi nghìn đồng");
    CHECK(money_in_words(0) == "không đồng");
    CHECK(money_in_words(1500000) == "một triệu năm trăm nghìn đồng");
    CHECK(capitalize_first(money_in_words(50000)) == "Năm mươi nghìn đồng");
}

TEST_CASE("capitalize_first upper-cases a Vietnamese first letter and leaves the rest") {
    CHECK(capitalize_first("âm năm") == "Âm năm");
    CHECK(capitalize_first("đồng") == "Đồng");
    CHECK(capitalize_first("ở đây") == "Ở đây");
    CHECK(capitalize_first("u\xCC\x9B\xCC\x81t") == "Ứt"); // decomposed ứ
    CHECK(capitalize_first("Đã") == "Đã");
    CHECK(capitalize_first("123") == "123");
    CHECK(capitalize_first("").empty());
}
