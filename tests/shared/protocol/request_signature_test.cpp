#include "shared/protocol/request_signature.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
crypto::key_pair device() {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(3);
    return crypto::key_pair_from_seed(seed);
}
protocol::nonce some_nonce(std::uint8_t b) {
    protocol::nonce n{};
    n.fill(b);
    return n;
}
} // namespace

TEST_CASE("a signed request verifies after travelling as headers") {
    auto kp = device();
    auto a = protocol::sign_request("PUT", "/v1/submissions/x", "{\"a\":1}", 1795506600, some_nonce(7), kp);
    auto h = protocol::to_headers(a);
    CHECK(h.nonce == "07070707070707070707070707070707");
    auto back = protocol::auth_from_headers(h.device, h.time, h.nonce, h.signature);
    REQUIRE(back.ok());
    CHECK(back->device == kp.pk);
    CHECK(back->time == 1795506600);
    CHECK(protocol::verify_request(*back, "PUT", "/v1/submissions/x", "{\"a\":1}"));
}

TEST_CASE("changing the method, target, body, time or nonce breaks the request signature") {
    auto kp = device();
    auto a = protocol::sign_request("PUT", "/v1/feed?after=1", "body", 100, some_nonce(1), kp);
    CHECK_FALSE(protocol::verify_request(a, "GET", "/v1/feed?after=1", "body"));
    CHECK_FALSE(protocol::verify_request(a, "PUT", "/v1/feed?after=0", "body"));
    CHECK_FALSE(protocol::verify_request(a, "PUT", "/v1/feed?after=1", "bodY"));
    auto later = a;
    later.time = 101;
    CHECK_FALSE(protocol::verify_request(later, "PUT", "/v1/feed?after=1", "body"));
    auto other = a;
    other.nonce = some_nonce(2);
    CHECK_FALSE(protocol::verify_request(other, "PUT", "/v1/feed?after=1", "body"));
}

TEST_CASE("malformed signature headers are refused as unsigned") {
    auto h = protocol::to_headers(protocol::sign_request("GET", "/", "", 5, some_nonce(1), device()));
    CHECK(protocol::auth_from_headers("", h.time, h.nonce, h.signature).err().code == "request_unsigned");
    CHECK_FALSE(protocol::auth_from_headers(h.device, "12a", h.nonce, h.signature).ok());
    CHECK_FALSE(protocol::auth_from_headers(h.device, "-5", h.nonce, h.signature).ok());
    // One time, one spelling: no sign, no leading zero.
    for (const char* t : {"-0", "+5", "05", "00", " 5", "5 "})
        CHECK_FALSE(protocol::auth_from_headers(h.device, t, h.nonce, h.signature).ok());
    CHECK(protocol::auth_from_headers(h.device, "0", h.nonce, h.signature).ok());
    CHECK_FALSE(protocol::auth_from_headers(h.device, h.time, h.nonce.substr(2), h.signature).ok());
    CHECK_FALSE(protocol::auth_from_headers(h.device, h.time, "0707070707070707070707070707070G", h.signature).ok());
    CHECK_FALSE(protocol::auth_from_headers(h.device, h.time, h.nonce, h.signature.substr(4)).ok());
}

namespace {
crypto::key_pair server_keys() {
    crypto::key_seed seed{};
    seed.fill(9);
    return crypto::key_pair_from_seed(seed);
}
} // namespace

TEST_CASE("device and server derive the same MAC key, and no one else's keys give it") {
    auto d = device();
    auto s = server_keys();
    auto on_device = crypto::shared_mac_key(d, s.pk, d.pk, s.pk);
    auto on_server = crypto::shared_mac_key(s, d.pk, d.pk, s.pk);
    REQUIRE(on_device);
    REQUIRE(on_server);
    CHECK(*on_device == *on_server);
    crypto::key_seed other_seed{};
    other_seed.fill(4);
    auto other = crypto::key_pair_from_seed(other_seed);
    CHECK(*crypto::shared_mac_key(other, s.pk, other.pk, s.pk) != *on_server);
    // The roles are part of the key: swapping who is the device changes it.
    CHECK(*crypto::shared_mac_key(s, d.pk, s.pk, d.pk) != *on_server);
    // A low-order point (here the identity) would give a predictable secret: refused.
    crypto::public_key identity{};
    identity[0] = 1;
    CHECK_FALSE(crypto::shared_mac_key(s, identity, identity, s.pk));
}

TEST_CASE("a MAC'd request checks after travelling as headers, and any change breaks it") {
    auto d = device();
    auto key = *crypto::shared_mac_key(d, server_keys().pk, d.pk, server_keys().pk);
    auto a = protocol::mac_request("PUT", "/v1/feed?after=1", "body", 100, some_nonce(1), d.pk, key);
    auto h = protocol::to_headers(a);
    CHECK(h.signature.empty());
    auto back = protocol::auth_from_headers(h.device, h.time, h.nonce, "", h.mac);
    REQUIRE(back.ok());
    CHECK(protocol::verify_request_mac(*back, "PUT", "/v1/feed?after=1", "body", key));
    // A MAC is not a signature, whatever the verifier is asked.
    CHECK_FALSE(protocol::verify_request(*back, "PUT", "/v1/feed?after=1", "body"));
    CHECK_FALSE(protocol::verify_request_mac(*back, "GET", "/v1/feed?after=1", "body", key));
    CHECK_FALSE(protocol::verify_request_mac(*back, "PUT", "/v1/feed?after=2", "body", key));
    CHECK_FALSE(protocol::verify_request_mac(*back, "PUT", "/v1/feed?after=1", "bodY", key));
    auto later = *back;
    later.time = 101;
    CHECK_FALSE(protocol::verify_request_mac(later, "PUT", "/v1/feed?after=1", "body", key));
    auto other_key = key;
    other_key[0] ^= 1;
    CHECK_FALSE(protocol::verify_request_mac(*back, "PUT", "/v1/feed?after=1", "body", other_key));
    // A signed request is not a MAC'd one either.
    auto signed_a = protocol::sign_request("PUT", "/v1/feed?after=1", "body", 100, some_nonce(1), d);
    CHECK_FALSE(protocol::verify_request_mac(signed_a, "PUT", "/v1/feed?after=1", "body", key));
}

TEST_CASE("a request with both a signature and a MAC, or with neither, is unsigned") {
    auto d = device();
    auto key = *crypto::shared_mac_key(d, server_keys().pk, d.pk, server_keys().pk);
    auto m = protocol::to_headers(protocol::mac_request("GET", "/", "", 5, some_nonce(1), d.pk, key));
    auto s = protocol::to_headers(protocol::sign_request("GET", "/", "", 5, some_nonce(1), d));
    CHECK(protocol::auth_from_headers(m.device, m.time, m.nonce, s.signature, m.mac).err().code == "request_unsigned");
    CHECK(protocol::auth_from_headers(m.device, m.time, m.nonce, "", "").err().code == "request_unsigned");
    CHECK_FALSE(protocol::auth_from_headers(m.device, m.time, m.nonce, "", m.mac.substr(4)).ok());
}
