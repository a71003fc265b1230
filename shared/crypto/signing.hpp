// Ed25519 signatures and BLAKE2b-256 hashes (libsodium). Keys come from a seed the caller
// supplies, so this stays pure: the platform side draws the randomness.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace motcua::crypto {

using public_key = std::array<std::uint8_t, 32>;
using secret_key = std::array<std::uint8_t, 64>; // libsodium layout: seed then public key
using key_seed = std::array<std::uint8_t, 32>;
using signature = std::array<std::uint8_t, 64>;
using digest = std::array<std::uint8_t, 32>;

struct key_pair {
    public_key pk{};
    secret_key sk{};
};

// Call once before any other function here (safe to call again).
void init();

key_pair key_pair_from_seed(const key_seed& seed);
signature sign(std::span<const std::uint8_t> message, const secret_key& sk);
bool verify(std::span<const std::uint8_t> message, const signature& sig, const public_key& pk);
digest hash(std::span<const std::uint8_t> message);

// Constant-time comparison, for secrets and MACs.
bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

} // namespace motcua::crypto
