#include "shared/encoding/base64.hpp"

#include <doctest/doctest.h>

#include <array>

using namespace motcua;

TEST_CASE("hex reads back what to_hex wrote, and nothing looser") {
    std::array<std::uint8_t, 3> out{};
    REQUIRE(encoding::from_hex("00a1ff", out));
    CHECK(out == std::array<std::uint8_t, 3>{0x00, 0xa1, 0xff});
    CHECK(encoding::to_hex(out) == "00a1ff");
    CHECK_FALSE(encoding::from_hex("00A1FF", out)); // one spelling per value: names stay unique
    CHECK_FALSE(encoding::from_hex("00a1f", out));
    CHECK_FALSE(encoding::from_hex("00a1ffee", out));
    CHECK_FALSE(encoding::from_hex("00a1fg", out));
}
