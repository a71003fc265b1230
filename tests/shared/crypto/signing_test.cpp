#include "shared/crypto/signing.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace motcua::crypto;

namespace {
key_seed seed_of(std::uint8_t b) {
    key_seed s{};
    s.fill(b);
    return s;
}
} // namespace

TEST_CASE("a signature verifies, and fails after any byte of the message changes") {
    init();
    auto kp = key_pair_from_seed(seed_of(7));
    std::vector<std::uint8_t> msg{'k', 'h', 'a', 'i', ' ', 's', 'i', 'n', 'h'};
    auto sig = sign(msg, kp.sk);
    CHECK(verify(msg, sig, kp.pk));
    for (std::size_t i = 0; i < msg.size(); ++i) {
        auto changed = msg;
        changed[i] ^= 0x01;
        CHECK_FALSE(verify(changed, sig, kp.pk));
    }
    auto longer = msg;
    longer.push_back(0);
    CHECK_FALSE(verify(longer, sig, kp.pk));
}

TEST_CASE("a signature fails under another key or after any byte of the key or signature changes") {
    init();
    auto kp = key_pair_from_seed(seed_of(7));
    std::vector<std::uint8_t> msg{1, 2, 3};
    auto sig = sign(msg, kp.sk);
    CHECK_FALSE(verify(msg, sig, key_pair_from_seed(seed_of(8)).pk));
    for (std::size_t i = 0; i < kp.pk.size(); ++i) {
        auto pk = kp.pk;
        pk[i] ^= 0x80;
        CHECK_FALSE(verify(msg, sig, pk));
    }
    for (std::size_t i = 0; i < sig.size(); ++i) {
        auto bad = sig;
        bad[i] ^= 0x01;
        CHECK_FALSE(verify(msg, bad, kp.pk));
    }
}

TEST_CASE("keys from the same seed are the same; hashes are BLAKE2b-256") {
    init();
    CHECK(key_pair_from_seed(seed_of(1)).pk == key_pair_from_seed(seed_of(1)).pk);
    CHECK(key_pair_from_seed(seed_of(1)).pk != key_pair_from_seed(seed_of(2)).pk);
    // BLAKE2b-256("abc"), from RFC 7693's reference implementation.
    std::vector<std::uint8_t> abc{'a', 'b', 'c'};
    auto d = hash(abc);
    CHECK(d[0] == 0xbd);
    CHECK(d[1] == 0xdd);
    CHECK(d[31] == 0x19);
}
