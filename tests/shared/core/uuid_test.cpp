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
