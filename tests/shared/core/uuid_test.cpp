#include "shared/core/uuid.hpp"

#include <doctest/doctest.h>

using namespace motcua;

TEST_CASE("a v4 uuid prints in canonical form and parses back") {
    std::array<std::uint8_t, 16> r{};
    for (int i = 0; i < 16; ++i) r[i] = std::uint8_t(i * 17);
    uuid id = uuid_v4_from_random(r);
    auto text = to_string(id);
    CHECK(text.size() == 36);
    CHECK(text[14] == '4');
    CHECK((text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b'));
    auto back = parse_uuid(text);
    REQUIRE(back);
    CHECK(*back == id);
}

TEST_CASE("only the canonical spelling of a uuid is accepted") {
    CHECK(parse_uuid("123e4567-e89b-42d3-a456-426614174000"));
    CHECK_FALSE(parse_uuid("123E4567-E89B-42D3-A456-426614174000"));
    CHECK_FALSE(parse_uuid("123e4567e89b42d3a456426614174000"));
    CHECK_FALSE(parse_uuid("123e4567-e89b-42d3-a456-42661417400"));
    CHECK_FALSE(parse_uuid("123e4567-e89b-42d3-a456-42661417400g"));
    CHECK_FALSE(parse_uuid(""));
}

TEST_CASE("a v7 uuid carries its millisecond time first, so later ids sort later") {
    std::array<std::uint8_t, 16> r{};
    r.fill(0xff);
    auto a = uuid_v7(1795506600123, r);
    CHECK(to_string(a).substr(0, 15) == "01a20c88-78bb-7");
    CHECK((a.bytes[6] >> 4) == 7);
    CHECK((a.bytes[8] & 0xc0) == 0x80);
    CHECK(parse_uuid(to_string(a)) == a);
    r.fill(0x00);
    auto b = uuid_v7(1795506600124, r); // one millisecond later, smaller random bits
    CHECK(a.bytes < b.bytes);
    CHECK_FALSE(uuid_v7(1795506600124, r) == uuid_v7(1795506600124, [] {
        std::array<std::uint8_t, 16> other{};
        other[15] = 1;
        return other;
    }()));
}
