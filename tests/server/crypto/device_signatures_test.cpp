// The table verifier must give libsodium's answer for every signature, good or bad: compared
// here on valid signatures, every kind of corruption, and the edge cases libsodium refuses.
#include "server/crypto/device_signatures.hpp"
#include "server/crypto/ed25519_table.h"

#include <doctest/doctest.h>
#include <sodium.h>

#include <random>
#include <vector>

using namespace motcua;

namespace {

struct case_maker {
    std::mt19937_64 rng{20261124};
    crypto::key_pair key() {
        crypto::key_seed seed;
        for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
        return crypto::key_pair_from_seed(seed);
    }
    std::vector<std::uint8_t> message() {
        std::vector<std::uint8_t> m(rng() % 1200);
        for (auto& b : m) b = static_cast<std::uint8_t>(rng());
        return m;
    }
};

bool libsodium_says(const std::vector<std::uint8_t>& m, const crypto::signature& sig, const crypto::public_key& pk) {
    return crypto_sign_verify_detached(sig.data(), m.data(), m.size(), pk.data()) == 0;
}

bool table_says(const std::vector<unsigned char>& table, const std::vector<std::uint8_t>& m,
                const crypto::signature& sig, const crypto::public_key& pk) {
    return motcua_ed25519_verify_with_table(table.data(), sig.data(), m.data(), m.size(), pk.data()) == 0;
}

std::vector<unsigned char> table_for(const crypto::public_key& pk) {
    std::vector<unsigned char> t(motcua_ed25519_table_bytes());
    REQUIRE(motcua_ed25519_table_init(t.data(), pk.data()) == 0);
    return t;
}

// S + L: the same signature with a scalar libsodium refuses as not canonical.
crypto::signature with_s_plus_order(crypto::signature sig) {
    static const std::uint8_t order[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                           0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                           0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
    unsigned carry = 0;
    for (int i = 0; i < 32; ++i) {
        unsigned v = sig[32 + i] + order[i] + carry;
        sig[32 + i] = static_cast<std::uint8_t>(v);
        carry = v >> 8;
    }
    return sig;
}

} // namespace

TEST_CASE("a key's table accepts exactly the signatures libsodium accepts") {
    crypto::init();
    case_maker make;
    int good = 0, refused = 0;
    for (int k = 0; k < 40; ++k) {
        auto key = make.key();
        auto other = make.key();
        auto table = table_for(key.pk);
        for (int n = 0; n < 10; ++n) {
            auto m = make.message();
            auto sig = crypto::sign(m, key.sk);
            std::vector<std::pair<std::vector<std::uint8_t>, crypto::signature>> cases{{m, sig}};
            auto flip = [&](crypto::signature s, std::size_t bit) { s[bit / 8] ^= std::uint8_t(1u << (bit % 8)); return s; };
            cases.push_back({m, flip(sig, make.rng() % 256)});       // R changed
            cases.push_back({m, flip(sig, 256 + make.rng() % 253)}); // S changed
            cases.push_back({m, with_s_plus_order(sig)});            // S not canonical
            cases.push_back({m, crypto::sign(m, other.sk)});         // another key's signature
            auto m2 = m;
            if (m2.empty()) m2.push_back(0); else m2[make.rng() % m2.size()] ^= 0x20;
            cases.push_back({m2, sig}); // the message changed
            for (const auto& [msg, s] : cases) {
                const bool expected = libsodium_says(msg, s, key.pk);
                CHECK(table_says(table, msg, s, key.pk) == expected);
                (expected ? good : refused)++;
            }
        }
    }
    CHECK(good == 400);      // every untouched signature, and only those
    CHECK(refused == 2000);
}

TEST_CASE("signatures with a small-order R are refused, as libsodium refuses them") {
    crypto::init();
    case_maker make;
    auto key = make.key();
    auto table = table_for(key.pk);
    auto m = make.message();
    auto sig = crypto::sign(m, key.sk);
    // R = the neutral element (y = 1), and R = the point of order 2 (y = -1).
    crypto::signature identity = sig, order2 = sig;
    std::fill(identity.begin(), identity.begin() + 32, 0);
    identity[0] = 1;
    static const std::uint8_t minus_one[32] = {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
    std::copy(minus_one, minus_one + 32, order2.begin());
    for (const auto& s : {identity, order2}) {
        CHECK_FALSE(libsodium_says(m, s, key.pk));
        CHECK_FALSE(table_says(table, m, s, key.pk));
    }
}

TEST_CASE("a key libsodium refuses gets no table, and its signatures are refused") {
    crypto::init();
    crypto::public_key neutral{};
    neutral[0] = 1; // small order
    crypto::public_key not_on_curve{};
    not_on_curve[0] = 2; // y = 2 has no x on the curve
    std::vector<unsigned char> t(motcua_ed25519_table_bytes());
    CHECK(motcua_ed25519_table_init(t.data(), neutral.data()) == -1);
    CHECK(motcua_ed25519_table_init(t.data(), not_on_curve.data()) == -1);

    server::device_signatures checker;
    std::vector<std::uint8_t> m{1, 2, 3};
    crypto::signature sig{};
    for (int i = 0; i < 3; ++i) CHECK_FALSE(checker.verify(m, sig, neutral));
    CHECK(checker.tables() == 0);
}

TEST_CASE("device_signatures builds a table from a device's second signature and keeps at most the limit") {
    crypto::init();
    case_maker make;
    server::device_signatures checker(3);
    std::vector<crypto::key_pair> devices;
    for (int i = 0; i < 6; ++i) devices.push_back(make.key());

    auto m = make.message();
    CHECK(checker.verify(m, crypto::sign(m, devices[0].sk), devices[0].pk));
    CHECK(checker.tables() == 0); // one sighting: no table yet
    CHECK(checker.verify(m, crypto::sign(m, devices[0].sk), devices[0].pk));
    CHECK(checker.tables() == 1);

    for (int round = 0; round < 3; ++round)
        for (const auto& d : devices) {
            auto msg = make.message();
            auto sig = crypto::sign(msg, d.sk);
            CHECK(checker.verify(msg, sig, d.pk));
            CHECK_FALSE(checker.verify(msg, sig, devices[(&d - devices.data() + 1) % devices.size()].pk));
            sig[5] ^= 1;
            CHECK_FALSE(checker.verify(msg, sig, d.pk));
        }
    CHECK(checker.tables() <= 3);
    CHECK(checker.tables() >= 1);
}
