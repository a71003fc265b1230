#include "shared/text/name_order.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using namespace motcua::text;

namespace {
std::vector<std::string> sorted(std::vector<std::string> names) {
    std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return compare_names(a, b) < 0;
    });
    return names;
}

// memcmp order, shorter first on a common prefix: what SQLite's BLOB ORDER BY does.
int memcmp_order(const std::string& a, const std::string& b) {
    const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (c != 0) return c < 0 ? -1 : 1;
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}
} // namespace

TEST_CASE("names are ordered by the given name first") {
    CHECK(compare_names("Nguyễn Văn An", "Trần Thị Bình") < 0);
    CHECK(compare_names("Trần Thị Bình", "Lê Văn Đức") < 0);
    CHECK(compare_names("Nguyễn Văn An", "Lê Văn Đức") < 0);
    CHECK(compare_names("Lê Văn Đức", "Nguyễn Văn An") > 0);
    // The given name decides even when the family names are in the other order.
    CHECK(compare_names("Vũ Thị Anh", "Bùi Văn Bảo") < 0);
}

TEST_CASE("with the same given name, the family name and then the middle names decide") {
    CHECK(
        sorted({"Nguyễn Văn An", "Nguyễn Thị An", "Lê Văn An", "Nguyễn An", "An"}) ==
        std::vector<std::string>{"An", "Lê Văn An", "Nguyễn An", "Nguyễn Thị An", "Nguyễn Văn An"});
}

TEST_CASE("đ is a letter after d, and the vowels with marks follow their base") {
    CHECK(compare_names("Nguyễn Thị Đào", "Trần Văn Dũng") > 0);
    CHECK(compare_names("Dương", "Dũng") > 0); // ư after u
    CHECK(compare_names("Hưng", "Hùng") > 0);
    CHECK(compare_names("Ân", "Ăng") > 0); // a < ă < â
    CHECK(compare_names("Ăng", "Anh") > 0);
    CHECK(compare_names("Ơn", "Ông") > 0); // o < ô < ơ
    CHECK(compare_names("Ông", "Oanh") > 0);
    CHECK(compare_names("Ê", "Em") > 0);
    CHECK(compare_names("Giang", "Đức") > 0); // g after đ
}

TEST_CASE("a list of given names comes out in Vietnamese dictionary order") {
    const std::vector<std::string> expected{
        "An",   "Anh",  "Ánh",   "Ân",   "Bảo",   "Bình", "Chi",    "Cường", "Dũng",  "Dương",
        "Đào",  "Đức",  "Giang", "Hà",   "Hải",   "Hòa",  "Hùng",   "Hưng",  "Khánh", "Lan",
        "Linh", "Minh", "Nam",   "Ngọc", "Nhung", "Oanh", "Phương", "Quân",  "Sơn",   "Tâm",
        "Thảo", "Thư",  "Trang", "Tuấn", "Uyên",  "Vân",  "Xuân",   "Yến"};
    std::vector<std::string> shuffled(expected.rbegin(), expected.rend());
    std::rotate(shuffled.begin(), shuffled.begin() + 17, shuffled.end());
    CHECK(sorted(shuffled) == expected);
}

TEST_CASE("tones order none, huyền, hỏi, ngã, sắc, nặng, after the letters of the word") {
    CHECK(sorted({"Mạ", "Má", "Mã", "Mả", "Mà", "Ma"}) ==
          std::vector<std::string>{"Ma", "Mà", "Mả", "Mã", "Má", "Mạ"});
    CHECK(compare_names("Anh", "Ánh") < 0);
    CHECK(compare_names("Ánh", "Anhh") < 0); // letters first: the tone only breaks a tie
    CHECK(compare_names("Nguyễn Thị Anh", "Lê Thị Ánh") < 0);
    CHECK(compare_names("Lê Thị Anh", "Lê Thị Ánh") < 0);
    // A word's tone counts before the words after it.
    CHECK(compare_names("Hà Văn An", "Ha Thị An") > 0);
}

TEST_CASE("case, normalisation form, spacing and the place of the tone mark do not matter") {
    CHECK(compare_names("NGUYỄN VĂN AN", "nguyễn văn an") == 0);
    // "Nguyễn Thị Ánh" typed decomposed (e + circumflex + tilde, A + acute).
    const std::string decomposed = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh";
    CHECK(compare_names(decomposed, "Nguyễn Thị Ánh") == 0);
    CHECK(name_sort_key(decomposed) == name_sort_key("Nguyễn Thị Ánh"));
    // Marks in a non-canonical order (breve typed before the dot below).
    CHECK(compare_names("Đa\xCC\x86\xCC\xA3ng", "Đặng") == 0);
    CHECK(compare_names("Hòa", "Hoà") == 0);
    CHECK(compare_names("Thủy", "Thuỷ") == 0);
    CHECK(compare_names("  Trần\tVăn   Bình ", "Trần Văn Bình") == 0);
    CHECK(compare_names("Trần\xC2\xA0Văn Bình", "Trần Văn Bình") == 0); // no-break space
    CHECK(compare_names("\xC3\x90\xE1\xBB\xA9\x63", "Đức") == 0);       // Ð (eth) typed for Đ
    CHECK(compare_names("Trần Văn Bình", "Trần Văn Binh") != 0);
}

TEST_CASE("punctuation inside names is ignored, digits come before letters") {
    CHECK(compare_names("H'Hen Niê", "HHen Niê") == 0);
    CHECK(compare_names("H’Hen Niê", "H'Hen Niê") == 0);
    CHECK(compare_names("Nguyễn-Trần Văn An", "NguyễnTrần Văn An") == 0);
    CHECK(compare_names("Tổ 7", "Tổ A") < 0);
    CHECK(compare_names("Nguyễn Văn Anh", "Nguyễn Văn Αnh") < 0); // Greek alpha after letters
}

TEST_CASE("memcmp order of sort keys is the order of compare_names") {
    const std::vector<std::string> names{"Nguyễn Văn An",
                                         "Trần Thị Bình",
                                         "Lê Văn Đức",
                                         "Nguyễn Thị Đào",
                                         "Trần Văn Dũng",
                                         "Lê Thị Ánh",
                                         "Lê Thị Anh",
                                         "Phạm An",
                                         "An",
                                         "Hoàng Văn Hòa",
                                         "Hoàng Văn Hoà",
                                         "H'Hen Niê",
                                         "Võ Thị Yến",
                                         "Đặng Quốc Bảo",
                                         "Mạc Thị Mã",
                                         "",
                                         "Nguyễn Văn Αnh",
                                         "Tổ 7",
                                         "Bùi Thị Ân",
                                         "Bùi Thị Ăng"};
    for (const auto& a : names)
        for (const auto& b : names) {
            INFO(a << " vs " << b);
            CHECK(memcmp_order(name_sort_key(a), name_sort_key(b)) == compare_names(a, b));
            CHECK(compare_names(a, b) == -compare_names(b, a));
        }
    CHECK(name_sort_key("").empty());
    CHECK(compare_names("", "An") < 0);
}
