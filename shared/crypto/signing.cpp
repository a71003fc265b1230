// libsodium behind the small signing.hpp interface.
#include "shared/crypto/signing.hpp"

#include <sodium.h>

namespace motcua::crypto {

void init() {
    // sodium_init returns 1 when already initialised; -1 only if the library cannot work at all.
    if (sodium_init() < 0) __builtin_trap();
}

key_pair key_pair_from_seed(const key_seed& seed) {
    key_pair kp;
    crypto_sign_seed_keypair(kp.pk.data(), kp.sk.data(), seed.data());
    return kp;
}

signature sign(std::span<const std::uint8_t> message, const secret_key& sk) {
    signature sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), sk.data());
    return sig;
}

bool verify(std::span<const std::uint8_t> message, const signature& sig, const public_key& pk) {
    return crypto_sign_verify_detached(sig.data(), message.data(), message.size(), pk.data()) == 0;
}

digest hash(std::span<const std::uint8_t> message) {
    digest d{};
    crypto_generichash(d.data(), d.size(), message.data(), message.size(), nullptr, 0);
    return d;
}

bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace motcua::crypto
