#include "shared/identity/contact.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::identity;

namespace {
std::vector<std::string> codes(const phone_check& c) {
    std::vector<std::string> out;
    for (const auto& p : c.problems)
        out.push_back(p.code);
    return out;
}
std::string email_code(std::string_view a) {
    auto s = check_email(a);
    return s ? "" : s.err().code;
}
} // namespace

TEST_CASE("mobile numbers are accepted as people type them and normalised to 0xxxxxxxxx") {
    for (const char* typed :
         {"0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678",
          "+84912345678", "84912345678", "0084 912 345 678", "(+84) 912-345-678"}) {
        INFO(typed);
        auto c = check_phone(typed);
        CHECK(c.valid);
        CHECK(c.normalized == "0912345678");
        CHECK_FALSE(c.suggestion);
        CHECK(c.problems.empty());
    }
    for (const char* lead : {"03", "05", "07", "08", "09"})
        CHECK(check_phone(std::string(lead) + "61234567").valid);
}

TEST_CASE("numbers that are not Vietnamese mobiles say why") {
    CHECK(codes(check_phone("0412345678")) == std::vector<std::string>{"phone_prefix"});
    CHECK(codes(check_phone("0612345678")) == std::vector<std::string>{"phone_prefix"});
    CHECK(codes(check_phone("024 3825 1234")) == std::vector<std::string>{"phone_landline"});
    CHECK(codes(check_phone("+84 24 3825 1234")) == std::vector<std::string>{"phone_landline"});
    CHECK(codes(check_phone("+1 202 555 0100")) == std::vector<std::string>{"phone_foreign"});
    CHECK(codes(check_phone("091234567")) == std::vector<std::string>{"phone_length"});
    CHECK(codes(check_phone("091234567890")) == std::vector<std::string>{"phone_length"});
    CHECK(codes(check_phone("0912abc678")) == std::vector<std::string>{"phone_characters"});
    CHECK(codes(check_phone("")) == std::vector<std::string>{"phone_missing"});
    CHECK(codes(check_phone(" - ")) == std::vector<std::string>{"phone_missing"});
    auto bad = check_phone("0412345678");
    CHECK_FALSE(bad.valid);
    CHECK(bad.normalized.empty());
}

TEST_CASE("old 11-digit numbers get their new number as the suggestion") {
    auto c = check_phone("01689 123 456");
    CHECK_FALSE(c.valid);
    CHECK(codes(c) == std::vector<std::string>{"phone_renumbered"});
    REQUIRE(c.suggestion);
    CHECK(*c.suggestion == "0389123456");
    CHECK(check_phone(*c.suggestion).valid);
    CHECK(*check_phone("+84 168 912 3456").suggestion == "0389123456");
    CHECK(*check_phone("841689123456").suggestion == "0389123456");

    const std::map<std::string, std::string> expected{
        {"0162", "032"}, {"0163", "033"}, {"0164", "034"}, {"0165", "035"}, {"0166", "036"},
        {"0167", "037"}, {"0168", "038"}, {"0169", "039"}, {"0120", "070"}, {"0121", "079"},
        {"0122", "077"}, {"0126", "076"}, {"0128", "078"}, {"0123", "083"}, {"0124", "084"},
        {"0125", "085"}, {"0127", "081"}, {"0129", "082"}, {"0186", "056"}, {"0188", "058"},
        {"0199", "059"}};
    CHECK(renumbered_mobile_prefixes().size() == expected.size());
    for (const auto& [old_prefix, new_prefix] : expected) {
        auto r = check_phone(old_prefix + "7654321");
        INFO(old_prefix);
        REQUIRE(r.suggestion);
        CHECK(*r.suggestion == new_prefix + "7654321");
    }
    auto unknown = check_phone("01301234567");
    CHECK(codes(unknown) == std::vector<std::string>{"phone_prefix"});
    CHECK_FALSE(unknown.suggestion);
}

TEST_CASE("a leading 0 after +84, or a missing leading 0, is pointed out with the fix") {
    auto c = check_phone("+84 0912 345 678");
    CHECK_FALSE(c.valid);
    CHECK(codes(c) == std::vector<std::string>{"phone_country_code_zero"});
    CHECK(c.suggestion == std::optional<std::string>("0912345678"));
    CHECK(check_phone("840912345678").suggestion == std::optional<std::string>("0912345678"));
    auto old = check_phone("+84 01689 123 456");
    CHECK(codes(old) == std::vector<std::string>{"phone_country_code_zero", "phone_renumbered"});
    CHECK(old.suggestion == std::optional<std::string>("0389123456"));
    auto no_zero = check_phone("912 345 678");
    CHECK(codes(no_zero) == std::vector<std::string>{"phone_missing_zero"});
    CHECK(no_zero.suggestion == std::optional<std::string>("0912345678"));
}

TEST_CASE("ordinary and internationalised e-mail addresses are accepted") {
    for (const char* a : {"nguyenvana@gmail.com", "a.b+tag@hanoi.gov.vn", "x_y-z@sub.example.vn",
                          "người.dùng@ví-dụ.vn", "lienhe@bộ-công-an.việtnam"})
        CHECK_MESSAGE(check_email(a).ok(), a);
}

TEST_CASE("malformed e-mail addresses are refused with the reason") {
    CHECK(email_code("") == "email_missing");
    CHECK(email_code("\xFF@b.vn") == "email_encoding");
    CHECK(email_code("a b@c.vn") == "email_spaces");
    CHECK(email_code(" a@c.vn") == "email_spaces");
    CHECK(email_code("abc") == "email_at");
    CHECK(email_code("a@@b.vn") == "email_at");
    CHECK(email_code("a@b@c.vn") == "email_at");
    CHECK(email_code("@b.vn") == "email_local");
    CHECK(email_code(".a@b.vn") == "email_local");
    CHECK(email_code("a.@b.vn") == "email_local");
    CHECK(email_code("a..b@c.vn") == "email_local");
    CHECK(email_code("a,b@c.vn") == "email_local");
    CHECK(email_code(std::string(65, 'a') + "@b.vn") == "email_local");
    CHECK(email_code(std::string(64, 'a') + "@b.vn").empty());
    CHECK(email_code("a@b") == "email_domain");
    CHECK(email_code("a@b.") == "email_domain");
    CHECK(email_code("a@.vn") == "email_domain");
    CHECK(email_code("a@b..vn") == "email_domain");
    CHECK(email_code("a@-b.vn") == "email_domain");
    CHECK(email_code("a@b_c.vn") == "email_domain");
    CHECK(email_code("a@1.2.3.4") == "email_domain");
    CHECK(email_code("a@" + std::string(64, 'b') + ".vn") == "email_domain");
    std::string long_domain;
    for (char c : {'b', 'c', 'd', 'e'})
        long_domain += std::string(62, c) + ".";
    CHECK(email_code("a@" + long_domain + "vn") == "email_length"); // 256 bytes
    CHECK(email_code("a@" + long_domain.substr(4) + "vn").empty()); // 252 bytes
    auto s = check_email("abc");
    CHECK_FALSE(s.err().vi.empty());
    CHECK_FALSE(s.err().en.empty());
}
