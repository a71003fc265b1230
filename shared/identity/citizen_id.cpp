// Checking personal ID numbers and old ID card numbers; the table of province codes.
#include "shared/identity/citizen_id.hpp"

#include "shared/text/utf8.hpp"

#include <algorithm>

namespace motcua::identity {

namespace {
// Circular 07/2016/TT-BCA, Appendix I: codes of the provinces where a birth is registered.
constexpr birth_province provinces[] = {
    {"001", "Hà Nội"},
    {"002", "Hà Giang"},
    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},
    {"008", "Tuyên Quang"},
    {"010", "Lào Cai"},
    {"011", "Điện Biên"},
    {"012", "Lai Châu"},
    {"014", "Sơn La"},
    {"015", "Yên Bái"},
    {"017", "Hòa Bình"},
    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},
    {"022", "Quảng Ninh"},
    {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},
    {"026", "Vĩnh Phúc"},
    {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},
    {"031", "Hải Phòng"},
    {"033", "Hưng Yên"},
    {"034", "Thái Bình"},
    {"035", "Hà Nam"},
    {"036", "Nam Định"},
    {"037", "Ninh Bình"},
    {"038", "Thanh Hóa"},
    {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},
    {"044", "Quảng Bình"},
    {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},
    {"048", "Đà Nẵng"},
    {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},
    {"052", "Bình Định"},
    {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},
    {"058", "Ninh Thuận"},
    {"060", "Bình Thuận"},
    {"062", "Kon Tum"},
    {"064", "Gia Lai"},
    {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},
    {"068", "Lâm Đồng"},
    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},
    {"074", "Bình Dương"},
    {"075", "Đồng Nai"},
    {"077", "Bà Rịa - Vũng Tàu"},
    {"079", "Hồ Chí Minh"},
    {"080", "Long An"},
    {"082", "Tiền Giang"},
    {"083", "Bến Tre"},
    {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},
    {"087", "Đồng Tháp"},
    {"089", "An Giang"},
    {"091", "Kiên Giang"},
    {"092", "Cần Thơ"},
    {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},
    {"095", "Bạc Liêu"},
    {"096", "Cà Mau"},
};

// The digits of a typed number and how many other characters it had (separators aside).
struct scanned {
    std::string digits;
    int others = 0;
};

scanned scan(std::string_view s) {
    scanned r;
    for (char32_t c : text::code_points(s)) {
        if (c >= U'0' && c <= U'9')
            r.digits += char(c);
        else if (c == U' ' || c == U'.' || c == U'-' || c == U'\t' || c == 0xA0)
            continue;
        else
            ++r.others;
    }
    return r;
}

std::string str(int n) {
    return std::to_string(n);
}

error missing(id_kind kind) {
    if (kind == id_kind::old_id)
        return {"old_id_missing", "Chưa nhập số chứng minh nhân dân.",
                "The ID card number is missing."};
    return {"citizen_id_missing", "Chưa nhập số định danh cá nhân (số căn cước).",
            "The personal ID number (citizen ID number) is missing."};
}

error not_digits(id_kind kind) {
    const std::string what_vi =
        kind == id_kind::old_id ? "Số chứng minh nhân dân" : "Số định danh cá nhân";
    const std::string what_en =
        kind == id_kind::old_id ? "An ID card number" : "A personal ID number";
    return {kind == id_kind::old_id ? "old_id_characters" : "citizen_id_characters",
            what_vi + " chỉ gồm chữ số; xin bỏ chữ cái và các ký hiệu khác.",
            what_en + " has digits only; please remove letters and other symbols."};
}

error wrong_length(id_kind kind, std::size_t digits) {
    const int n = int(digits);
    if (kind == id_kind::old_id)
        return {"old_id_length",
                "Số chứng minh nhân dân cũ có 9 chữ số; số vừa nhập có " + str(n) + " chữ số.",
                "An old ID card number has 9 digits; this one has " + str(n) + "."};
    return {"citizen_id_length",
            "Số định danh cá nhân có 12 chữ số; số vừa nhập có " + str(n) + " chữ số.",
            "A personal ID number has 12 digits; this one has " + str(n) + "."};
}

// The digits, the length and the characters: what both kinds of number share.
void check_shape(id_check& c, std::string_view number, std::size_t length) {
    scanned s = scan(number);
    c.normalized = s.digits;
    if (s.digits.empty() && s.others == 0) {
        c.problems.push_back(missing(c.kind));
        return;
    }
    if (s.others > 0) c.problems.push_back(not_digits(c.kind));
    // One letter among 12 typed characters is a typo, not a wrong length as well.
    if (s.digits.size() != length && s.digits.size() + std::size_t(s.others) != length)
        c.problems.push_back(wrong_length(c.kind, s.digits.size()));
}
} // namespace

std::span<const birth_province> birth_provinces() {
    return provinces;
}

std::optional<std::string_view> birth_province_name(std::string_view code) {
    auto it =
        std::lower_bound(std::begin(provinces), std::end(provinces), code,
                         [](const birth_province& p, std::string_view c) { return p.code < c; });
    if (it == std::end(provinces) || it->code != code) return std::nullopt;
    return it->name;
}

id_check check_citizen_id(std::string_view number, std::optional<civil_date> birth,
                          std::optional<civil_date> today) {
    id_check c;
    c.kind = id_kind::citizen_id;
    check_shape(c, number, 12);
    if (c.normalized.size() != 12) return c;

    const std::string& d = c.normalized;
    citizen_id_info info;
    info.province_code = d.substr(0, 3);
    const int g = d[3] - '0';
    const int yy = (d[4] - '0') * 10 + (d[5] - '0');
    // 1900s: male 0, female 1; 2000s: 2/3; 2100s: 4/5; 2200s: 6/7; 2300s: 8/9.
    const int century = 1900 + g / 2 * 100;
    info.sex = g % 2 == 0 ? 'M' : 'F';
    info.birth_year = century + yy;

    if (auto name = birth_province_name(info.province_code)) {
        info.province_name = std::string(*name);
    } else {
        c.problems.push_back(
            {"citizen_id_province_unknown",
             "Ba chữ số đầu (" + info.province_code +
                 ") không phải mã tỉnh, thành phố nơi đăng ký khai sinh; xin đối chiếu lại với "
                 "thẻ căn cước.",
             "The first three digits (" + info.province_code +
                 ") are not the code of a province where births are registered; please check "
                 "the number against the ID card."});
    }
    if (today && century > today->year) {
        c.problems.push_back({"citizen_id_century_future",
                              "Chữ số thứ tư (" + str(g) + ") chỉ người sinh từ năm " +
                                  str(century) + " trở đi, nên chưa thể có; xin kiểm tra lại.",
                              "The fourth digit (" + str(g) + ") means born in " + str(century) +
                                  " or later, which cannot be yet; please check the number."});
    } else if (today && info.birth_year > today->year) {
        c.problems.push_back(
            {"citizen_id_birth_year_future",
             "Số này cho năm sinh " + str(info.birth_year) +
                 ", chưa đến; xin kiểm tra lại chữ số thứ tư đến thứ sáu.",
             "This number gives " + str(info.birth_year) +
                 " as the birth year, which is still to come; please check the fourth to sixth "
                 "digits."});
    }
    if (birth && is_valid(*birth)) {
        if (birth->year / 100 * 100 != century)
            c.problems.push_back(
                {"citizen_id_century_mismatch",
                 "Chữ số thứ tư (" + str(g) + ") chỉ người sinh trong các năm " + str(century) +
                     "–" + str(century + 99) + ", không khớp với năm sinh đã khai.",
                 "The fourth digit (" + str(g) + ") means born in " + str(century) + "–" +
                     str(century + 99) + ", which does not match the date of birth given."});
        if (birth->year % 100 != yy)
            c.problems.push_back(
                {"citizen_id_year_mismatch",
                 "Chữ số thứ năm và thứ sáu (" + d.substr(4, 2) +
                     ") là hai số cuối của năm sinh, không khớp với năm sinh đã khai.",
                 "The fifth and sixth digits (" + d.substr(4, 2) +
                     ") are the last two digits of the birth year and do not match the date of "
                     "birth given."});
    }
    c.info = std::move(info);
    return c;
}

id_check check_old_id(std::string_view number) {
    id_check c;
    c.kind = id_kind::old_id;
    check_shape(c, number, 9);
    return c;
}

id_check check_id_number(std::string_view number, std::optional<civil_date> birth,
                         std::optional<civil_date> today) {
    if (scan(number).digits.size() == 9) return check_old_id(number);
    return check_citizen_id(number, birth, today);
}

std::string mask_citizen_id(std::string_view number) {
    const std::string digits = scan(number).digits;
    if (digits.size() < 9) return std::string(digits.size(), '*');
    return std::string(digits.size() - 3, '*') + digits.substr(digits.size() - 3);
}

} // namespace motcua::identity
