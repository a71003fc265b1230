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
    CHECK_FALSE(protocol::auth_from_headers(h.device, h.time, h.nonce.substr(2), h.signature).ok());
    CHECK_FALSE(protocol::auth_from_headers(h.device, h.time, "0707070707070707070707070707070G", h.signature).ok());
    CHECK_FALSE(protocol::auth_from_headers(h.device, h.time, h.nonce, h.signature.substr(4)).ok());
}
