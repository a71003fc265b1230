// UUIDs as the client's idempotency key: 16 bytes, written in the canonical lowercase form.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

struct uuid {
    std::array<std::uint8_t, 16> bytes{};
    friend bool operator==(const uuid&, const uuid&) = default;
};

// A version-4 UUID from 16 random bytes the caller drew.
uuid uuid_v4_from_random(std::array<std::uint8_t, 16> random);
std::string to_string(const uuid& id);
// Only the canonical form (lowercase, hyphenated), so one id has one spelling on the wire.
std::optional<uuid> parse_uuid(std::string_view text);

} // namespace motcua
