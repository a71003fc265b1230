// libsodium's X25519 and keyed BLAKE2b behind key_agreement.hpp.
#include "shared/crypto/key_agreement.hpp"

#include <sodium.h>

namespace motcua::crypto {

std::optional<mac_key> shared_mac_key(const key_pair& own, const public_key& peer, const public_key& device,
                                      const public_key& server) {
    std::array<std::uint8_t, crypto_scalarmult_curve25519_BYTES> own_x{}, peer_x{}, shared{};
    std::optional<mac_key> out;
    // The conversions refuse points not on the curve; scalarmult refuses an all-zero result
    // (a low-order peer key), which an attacker could predict.
    if (crypto_sign_ed25519_sk_to_curve25519(own_x.data(), own.sk.data()) == 0 &&
        crypto_sign_ed25519_pk_to_curve25519(peer_x.data(), peer.data()) == 0 &&
        crypto_scalarmult_curve25519(shared.data(), own_x.data(), peer_x.data()) == 0) {
        static constexpr std::uint8_t tag[] = {'M', 'C', 'K', '1'};
        crypto_generichash_state state;
        mac_key key{};
        crypto_generichash_init(&state, nullptr, 0, key.size());
        crypto_generichash_update(&state, tag, sizeof tag);
        crypto_generichash_update(&state, shared.data(), shared.size());
        crypto_generichash_update(&state, device.data(), device.size());
        crypto_generichash_update(&state, server.data(), server.size());
        crypto_generichash_final(&state, key.data(), key.size());
        out = key;
    }
    sodium_memzero(own_x.data(), own_x.size());
    sodium_memzero(shared.data(), shared.size());
    return out;
}

mac keyed_hash(std::span<const std::uint8_t> message, const mac_key& key) {
    mac m{};
    crypto_generichash(m.data(), m.size(), message.data(), message.size(), key.data(), key.size());
    return m;
}

} // namespace motcua::crypto
