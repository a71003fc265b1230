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
// A version-7 UUID (RFC 9562): the unix time in milliseconds, then 74 random bits. Ids made later
// sort later, so a database's unique index on them grows at its end instead of in random pages
// (fewer pages written per commit); the time it shows is the submission's own created_at anyway.
uuid uuid_v7(std::int64_t unix_ms, std::array<std::uint8_t, 16> random);
std::string to_string(const uuid& id);
// Only the canonical form (lowercase, hyphenated), so one id has one spelling on the wire.
std::optional<uuid> parse_uuid(std::string_view text);

} // namespace motcua
