// A key that a device and the server share without sending it: X25519 of one side's secret key
// and the other's public key (both Ed25519 keys, converted), hashed with both public keys. It keys
// the MAC on a registered device's requests, which costs a hash instead of an Ed25519 check.
#pragma once

#include "shared/crypto/signing.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace motcua::crypto {

using mac_key = std::array<std::uint8_t, 32>;
using mac = std::array<std::uint8_t, 32>;

// The same key on both sides: `own` is the caller's key pair, `peer` the other side's public
// key; `device` and `server` name who is who, so the two sides hash in the same order. nullopt
// when a public key is not a usable curve point (the exchange would give a known result).
std::optional<mac_key> shared_mac_key(const key_pair& own, const public_key& peer, const public_key& device,
                                      const public_key& server);

// Keyed BLAKE2b-256 of `message`.
mac keyed_hash(std::span<const std::uint8_t> message, const mac_key& key);

} // namespace motcua::crypto
