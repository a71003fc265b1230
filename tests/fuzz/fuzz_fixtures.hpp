// The fixed keys and clock the HTTP target's server runs with, shared with make_corpus so the
// seed requests carry signatures the server accepts.
#pragma once

#include "shared/crypto/signing.hpp"

#include <cstdint>
#include <string_view>

namespace motcua::fuzz {

inline constexpr std::int64_t fixed_now = 1795506600; // 2026-11-24 12:30 in Hà Nội

// What the server answers at /v1/reference/units (its decoder has a target of its own).
inline constexpr std::string_view units_body = "MCAU\x01 not checked here";

inline crypto::key_pair key_from(std::uint8_t fill) {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(fill);
    return crypto::key_pair_from_seed(seed);
}
// Seed 1, as tests/support/sample_submission.hpp's device_keys(1).
inline crypto::key_pair device_key() { return key_from(1); }
inline crypto::key_pair server_key() { return key_from(0x53); }

} // namespace motcua::fuzz
