// Forged requests cannot lock a device out: a device's rate is charged only once a request is
// authenticated, and failed authentications are limited per source address instead, in a
// table of bounded size. Over real HTTP on loopback (127.0.0.2 … are other sources), and the
// guard on its own with made-up addresses.
#include "server/api/api.hpp"
#include "server/net/http_server.hpp"
#include "server/store/sqlite_store.hpp"

#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <atomic>

using namespace motcua;
namespace ip = boost::asio::ip;

namespace {

using header_list = std::vector<std::pair<std::string, std::string>>;

std::string code_of(const testing::http_answer& a) {
    auto e = protocol::error_from_json(a.body);
    return e ? e->code : "";
}

protocol::nonce fresh_nonce() {
    static std::uint32_t counter = 0;
    protocol::nonce n{};
    ++counter;
    for (int i = 0; i < 4; ++i) n[i] = std::uint8_t(counter >> (8 * i));
    n[8] = 0xee; // never one of loopback_server's
    return n;
}

header_list headers_of(const protocol::request_auth& a, bool json_body) {
    auto h = protocol::to_headers(a);
    header_list out = {{"Motcua-Device", h.device}, {"Motcua-Time", h.time}, {"Motcua-Nonce", h.nonce}};
    if (a.mac)
        out.emplace_back("Motcua-Mac", h.mac);
    else
        out.emplace_back("Motcua-Signature", h.signature);
    if (json_body) out.emplace_back("Content-Type", "application/json");
    return out;
}

crypto::mac_key device_side_key(const crypto::key_pair& kp, const crypto::public_key& server_pk) {
    return *crypto::shared_mac_key(kp, server_pk, kp.pk, server_pk);
}

// GET /v1/feed under `victim`'s key, signed by someone else's.
testing::http_answer forged_signature(const testing::loopback_server& server, const crypto::public_key& victim,
                                      const header_list& extra = {}) {
    auto a = protocol::sign_request("GET", "/v1/feed", "", server.now(), fresh_nonce(), testing::device_keys(66));
    a.device = victim;
    auto headers = headers_of(a, false);
    headers.insert(headers.end(), extra.begin(), extra.end());
    return server.request("GET", "/v1/feed", headers, "");
}

// GET /v1/feed under `victim`'s key, MAC'd with a key that is not the one it shares with the server.
testing::http_answer forged_mac(const testing::loopback_server& server, const crypto::key_pair& victim) {
    auto wrong = device_side_key(victim, testing::device_keys(67).pk);
    auto a = protocol::mac_request("GET", "/v1/feed", "", server.now(), fresh_nonce(), victim.pk, wrong);
    return server.request("GET", "/v1/feed", headers_of(a, false), "");
}

testing::http_answer mac_call(const testing::loopback_server& server, const crypto::key_pair& kp,
                              const std::string& method, const std::string& target, const std::string& body = {}) {
    auto key = device_side_key(kp, server.server_key());
    auto a = protocol::mac_request(method, target, body, server.now(), fresh_nonce(), kp.pk, key);
    return server.request(method, target, headers_of(a, !body.empty()), body);
}

std::string path_of(const submission::signed_submission& s) { return "/v1/submissions/" + to_string(s.body.id); }

} // namespace

TEST_CASE("forged requests under a device's key, badly signed or badly MAC'd, do not stop that device syncing") {
    testing::loopback_server server;
    // 5 requests at once and (the clock being fixed) none after: the forgeries alone would spend it.
    server.context().guard = std::make_shared<server::request_guard>(server::guard_settings{1, 5});
    auto victim = testing::device_keys(1);
    server.register_device(victim);

    server.call_from("127.0.0.2");
    for (int i = 0; i < 20; ++i) {
        auto a = forged_signature(server, victim.pk);
        CHECK(a.status == 401);
        CHECK(code_of(a) == "request_signature_invalid");
        auto b = forged_mac(server, victim);
        CHECK(b.status == 401);
        CHECK(code_of(b) == "request_signature_invalid");
    }

    server.call_from("127.0.0.1");
    CHECK(server.signed_call(victim, "GET", "/v1/feed").status == 200);
    CHECK(mac_call(server, victim, "GET", "/v1/feed").status == 200);
    auto s = testing::signed_birth_registration(1);
    CHECK(server.signed_call(victim, "PUT", path_of(s), protocol::to_json(s)).status == 201);
    CHECK(server.store().count_dossiers() == 1);
}

TEST_CASE("a source that keeps failing authentication is answered 429 with Retry-After before any signature "
          "check, gets its budget back with time, and other sources are not affected") {
    std::atomic<std::int64_t> clock{1795506600}; // loopback_server's
    testing::loopback_server server({}, clock.load());
    server.context().now = [&clock] { return clock.load(); };
    const server::guard_settings defaults;
    const int budget = int(defaults.failure_burst);
    auto honest = testing::device_keys(2);
    server.register_device(honest);

    // Bad signatures, under a registered device's key.
    server.call_from("127.0.0.3");
    for (int i = 0; i < budget; ++i)
        REQUIRE(code_of(forged_signature(server, honest.pk)) == "request_signature_invalid");
    auto limited = forged_signature(server, honest.pk);
    CHECK(limited.status == 429);
    CHECK(code_of(limited) == "rate_limited");
    CHECK(std::stoi(std::string(limited.headers["Retry-After"])) >= 1);
    // A good signature is not even checked from there: the refusal comes first.
    CHECK(server.signed_call(honest, "GET", "/v1/feed").status == 429);
    // Another address, and the honest device from its own, are served as before.
    server.call_from("127.0.0.1");
    CHECK(server.signed_call(honest, "GET", "/v1/feed").status == 200);
    server.call_from("127.0.0.4");
    CHECK(server.signed_call(honest, "GET", "/v1/feed").status == 200);

    // A second later the source may fail once more (1 a second), then it is refused again.
    clock += 1;
    server.call_from("127.0.0.3");
    CHECK(code_of(forged_signature(server, honest.pk)) == "request_signature_invalid");
    CHECK(forged_signature(server, honest.pk).status == 429);

    // Unknown devices and replayed nonces are failures too; a stale time is not (it costs no
    // signature check, and a phone corrects its clock from the answer).
    server.call_from("127.0.0.5");
    for (int i = 0; i < budget; ++i) {
        auto stranger = testing::device_keys(std::uint8_t(100 + i % 100));
        REQUIRE(code_of(server.signed_call(stranger, "GET", "/v1/feed")) == "device_unknown");
    }
    CHECK(server.signed_call(testing::device_keys(99), "GET", "/v1/feed").status == 429);

    server.call_from("127.0.0.6");
    auto a = protocol::sign_request("GET", "/v1/feed", "", clock.load(), fresh_nonce(), honest);
    CHECK(server.request("GET", "/v1/feed", headers_of(a, false), "").status == 200);
    for (int i = 0; i < budget; ++i)
        REQUIRE(code_of(server.request("GET", "/v1/feed", headers_of(a, false), "")) == "request_replayed");
    CHECK(server.request("GET", "/v1/feed", headers_of(a, false), "").status == 429);

    server.call_from("127.0.0.7");
    for (int i = 0; i < budget + 20; ++i)
        REQUIRE(code_of(server.signed_call(honest, "GET", "/v1/feed", {}, {}, clock.load() - 400)) ==
                "request_stale");
    CHECK(server.signed_call(honest, "GET", "/v1/feed", {}, {}, clock.load()).status == 200);
}

TEST_CASE("a device behind the same address as a forger keeps syncing by MAC once that address is over its "
          "failure budget") {
    testing::loopback_server server;
    server.context().guard = std::make_shared<server::request_guard>(server::guard_settings{1, 20});
    const int budget = int(server::guard_settings{}.failure_burst);
    auto victim = testing::device_keys(1);
    server.register_device(victim);
    CHECK(mac_call(server, victim, "GET", "/v1/feed").status == 200); // the server derives its key

    // The same address (one NAT, one proxy): the forger spends the address's budget.
    int refused_as_limited = 0;
    for (int i = 0; i < budget + 20; ++i) {
        auto a = i % 2 ? forged_mac(server, victim) : forged_signature(server, victim.pk);
        if (a.status == 429) ++refused_as_limited;
    }
    CHECK(refused_as_limited == 20);

    // A MAC with a key the server holds costs one keyed hash: still checked, and taken.
    CHECK(mac_call(server, victim, "GET", "/v1/feed").status == 200);
    auto s = testing::signed_birth_registration(1);
    CHECK(mac_call(server, victim, "PUT", path_of(s), protocol::to_json(s)).status == 201);
    CHECK(server.store().count_dossiers() == 1);
    // A signature costs a verification: refused from this address until its budget comes back.
    CHECK(server.signed_call(victim, "GET", "/v1/feed").status == 429);
}

namespace {

struct guard_fixture {
    std::unique_ptr<server::sqlite_store> store = std::move(server::sqlite_store::open(":memory:")).value();
    crypto::key_pair server_key = testing::device_keys(0x42);
    crypto::key_pair victim = testing::device_keys(1);
    std::int64_t now = 1795506600;
    server::request_guard guard;

    explicit guard_fixture(server::guard_settings s) : guard(s) {
        REQUIRE(store->register_device(victim.pk, now).ok());
    }
    // A forged GET /v1/feed under the victim's key, from `from`: the refusal's code.
    std::string forge(const server::source_address& from) {
        auto a = protocol::sign_request("GET", "/v1/feed", "", now, fresh_nonce(), testing::device_keys(66));
        a.device = victim.pk;
        auto v = guard.admit(a, "GET", "/v1/feed", "", now, *store, false, server_key, from);
        auto* r = std::get_if<server::refusal>(&v);
        return std::string(r ? r->kind->code : "admitted");
    }
    server::source_address v4(std::uint32_t a) { return server::source_address::v4(a); }
};

server::source_address v6_source(std::uint64_t prefix, std::uint64_t host) {
    std::array<unsigned char, 16> b{};
    for (int i = 0; i < 8; ++i) {
        b[i] = std::uint8_t(prefix >> (56 - 8 * i));
        b[8 + i] = std::uint8_t(host >> (56 - 8 * i));
    }
    return server::source_address::v6(b);
}

} // namespace

TEST_CASE("a source is an IPv4 address or an IPv6 /64, and an IPv4-mapped address is its IPv4 address") {
    auto of = [](const char* a) { return server::source_of(ip::make_address(a)); };
    CHECK(of("2001:db8:1:2::5") == of("2001:db8:1:2:ffff:ffff:ffff:9"));
    CHECK_FALSE(of("2001:db8:1:2::5") == of("2001:db8:1:3::5"));
    CHECK(of("::ffff:10.1.2.3") == of("10.1.2.3"));
    CHECK_FALSE(of("10.1.2.3") == of("10.1.2.4"));
    CHECK(of("127.0.0.1") == server::local_source);
    // The all-zero /64 (::1 is in it) is not any IPv4 address.
    CHECK_FALSE(of("::1") == of("0.0.0.0"));
    CHECK(of("::1") == of("::2"));

    // And the guard counts failures by it.
    server::guard_settings s;
    s.failure_burst = 3;
    guard_fixture f(s);
    for (int i = 0; i < 3; ++i) REQUIRE(f.forge(of("2001:db8:1:2::5")) == "request_signature_invalid");
    CHECK(f.forge(of("2001:db8:1:2::77")) == "rate_limited");
    CHECK(f.forge(of("2001:db8:1:3::5")) == "request_signature_invalid");
    for (int i = 0; i < 3; ++i) REQUIRE(f.forge(of("::ffff:10.1.2.3")) == "request_signature_invalid");
    CHECK(f.forge(of("10.1.2.3")) == "rate_limited");
}

TEST_CASE("the failure table stays within its bound under many sources, and a flood of new sources does not "
          "free one that keeps trying") {
    server::guard_settings s;
    s.max_sources = 1000;
    s.failure_burst = 3;
    guard_fixture f(s);
    const auto persistent = f.v4(0xc0a8'0001), quiet = f.v4(0xc0a8'0002);
    for (auto from : {quiet, persistent}) {
        for (int i = 0; i < 3; ++i) REQUIRE(f.forge(from) == "request_signature_invalid");
        REQUIRE(f.forge(from) == "rate_limited");
    }

    // Ten times as many sources as the table holds, IPv4 and IPv6, each failing once or twice;
    // the persistent one tries again every 100.
    bool always_limited = true;
    for (std::uint32_t i = 0; i < 10000; ++i) {
        auto from = i % 2 ? f.v4(0x0a00'0000 + i) : v6_source(0x2001'0db8'0000'0000ull + i, i);
        CHECK(f.forge(from) == "request_signature_invalid");
        if (i % 3 == 0) f.forge(from);
        if (i % 100 == 0) always_limited = always_limited && f.forge(persistent) == "rate_limited";
        if (i % 1000 == 999) CHECK(f.guard.tracked_sources() <= 1000);
    }
    CHECK(always_limited);
    CHECK(f.guard.tracked_sources() == 1000);
    // The one that went quiet was dropped: it starts again with a full budget, as it would have
    // after waiting (of all, its bucket had been refilling the longest).
    CHECK(f.forge(quiet) == "request_signature_invalid");

    // The victim was never charged: its own request is admitted.
    auto a = protocol::sign_request("GET", "/v1/feed", "", f.now, fresh_nonce(), f.victim);
    auto v = f.guard.admit(a, "GET", "/v1/feed", "", f.now, *f.store, false, f.server_key, f.v4(0x0a00'0003));
    CHECK(std::holds_alternative<crypto::public_key>(v));
}

TEST_CASE("the device rate table stays within its bound, and a device dropped from it is not locked out") {
    server::guard_settings s;
    s.max_devices = 100;
    s.burst = 2;
    guard_fixture f(s);
    auto admit = [&](const crypto::key_pair& kp, std::int64_t now) {
        auto a = protocol::sign_request("POST", "/v1/devices", "", now, fresh_nonce(), kp);
        auto v = f.guard.admit(a, "POST", "/v1/devices", "", now, *f.store, true, f.server_key,
                               f.v4(0x0a00'0000 + kp.pk[0]));
        auto* r = std::get_if<server::refusal>(&v);
        return std::string(r ? r->kind->code : "admitted");
    };
    // The victim spends its burst.
    CHECK(admit(f.victim, f.now) == "admitted");
    CHECK(admit(f.victim, f.now) == "admitted");
    CHECK(admit(f.victim, f.now) == "rate_limited");
    // 1,000 new devices registering (signed; any key can), each once.
    for (int i = 0; i < 1000; ++i) {
        crypto::key_seed seed{};
        seed[0] = std::uint8_t(i);
        seed[1] = std::uint8_t(i >> 8);
        seed[2] = 0x77;
        REQUIRE(admit(crypto::key_pair_from_seed(seed), f.now) == "admitted");
    }
    CHECK(f.guard.tracked_devices() == 100);
    // Dropped from the table, the victim has a full bucket again: forgiven, never locked out.
    CHECK(admit(f.victim, f.now) == "admitted");
}

TEST_CASE("X-Forwarded-For is read only from a trusted proxy: it cannot buy a forger a fresh budget, and behind "
          "the proxy each client has its own") {
    server::server_limits limits;
    limits.trusted_proxies = {"127.0.0.2"};
    testing::loopback_server server(limits);
    const int budget = int(server::guard_settings{}.failure_burst);
    auto honest = testing::device_keys(2);
    server.register_device(honest);
    auto honest_via = [&](const std::string& client) {
        auto a = protocol::sign_request("GET", "/v1/feed", "", server.now(), fresh_nonce(), honest);
        auto headers = headers_of(a, false);
        headers.emplace_back("X-Forwarded-For", client);
        return server.request("GET", "/v1/feed", headers, "").status;
    };

    // Straight from a client, whatever address it writes there.
    server.call_from("127.0.0.3");
    for (int i = 0; i < budget; ++i)
        REQUIRE(forged_signature(server, honest.pk, {{"X-Forwarded-For", "10.0.0." + std::to_string(i)}}).status ==
                401);
    CHECK(forged_signature(server, honest.pk, {{"X-Forwarded-For", "10.9.9.9"}}).status == 429);

    // Through the proxy: the address it appended, after any the client wrote.
    server.call_from("127.0.0.2");
    for (int i = 0; i < budget; ++i)
        REQUIRE(forged_signature(server, honest.pk, {{"X-Forwarded-For", "10.0.0." + std::to_string(i) + ", 192.0.2.1"}})
                    .status == 401);
    CHECK(forged_signature(server, honest.pk, {{"X-Forwarded-For", "192.0.2.1"}}).status == 429);
    CHECK(honest_via("192.0.2.1") == 429);
    CHECK(honest_via("192.0.2.2") == 200);
    CHECK(honest_via("192.0.2.1, 198.51.100.7") == 200);
    CHECK(server.signed_call(honest, "GET", "/v1/feed").status == 200); // none: the proxy's own
}

TEST_CASE("when the window's nonces fill the bound, new requests wait (503) and no nonce is forgotten early") {
    server::guard_settings s;
    s.max_nonces = 3;
    guard_fixture f(s);
    auto admit = [&](const protocol::request_auth& a, std::int64_t at) {
        auto v = f.guard.admit(a, "GET", "/v1/feed", "", at, *f.store, false, f.server_key, server::local_source);
        auto* r = std::get_if<server::refusal>(&v);
        return std::string(r ? r->kind->code : "admitted");
    };
    std::vector<protocol::request_auth> sent;
    for (int i = 0; i < 3; ++i) {
        sent.push_back(protocol::sign_request("GET", "/v1/feed", "", f.now, fresh_nonce(), f.victim));
        CHECK(admit(sent.back(), f.now) == "admitted");
    }
    // Full: a new request is asked to wait; the first one, replayed, is still known.
    CHECK(admit(protocol::sign_request("GET", "/v1/feed", "", f.now, fresh_nonce(), f.victim), f.now) == "server_busy");
    CHECK(admit(sent.front(), f.now) == "request_replayed");
    // Once those minutes are outside the window, there is room again.
    const std::int64_t later = f.now + protocol::request_window_seconds + 180;
    CHECK(admit(protocol::sign_request("GET", "/v1/feed", "", later, fresh_nonce(), f.victim), later) == "admitted");
}
