// Fuzzes the signed-request headers (shared/protocol/request_signature.hpp). Input: the four
// header values (device, time, nonce, signature — or "m=" and a MAC), then method, target and
// body, one per line. Invariants: parsed headers print back to headers that parse to the same
// values; a request signed (or MAC'd) by a known key checks, and no longer does once its
// method, target or body changes.
#include "shared/protocol/request_signature.hpp"

#include "tests/fuzz/fuzz_support.hpp"

#include <string>

namespace {

using namespace motcua;

bool same(const protocol::request_auth& a, const protocol::request_auth& b) {
    return a.device == b.device && a.time == b.time && a.nonce == b.nonce && a.signature == b.signature &&
           a.mac == b.mac;
}

const crypto::key_pair& device() {
    static const crypto::key_pair kp = [] {
        crypto::key_seed seed{};
        seed.fill(7);
        return crypto::key_pair_from_seed(seed);
    }();
    return kp;
}

const crypto::mac_key& mac_key() {
    static const crypto::mac_key key = [] {
        crypto::key_seed seed{};
        seed.fill(8);
        auto server = crypto::key_pair_from_seed(seed);
        return *crypto::shared_mac_key(server, device().pk, device().pk, server.pk);
    }();
    return key;
}

void check_round_trip(const protocol::request_auth& a) {
    auto h = protocol::to_headers(a);
    auto back = protocol::auth_from_headers(h.device, h.time, h.nonce, h.signature, h.mac);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(same(a, *back));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    crypto::init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in = fuzz::as_text(data, size);
    const auto device_h = fuzz::next_field(in), time_h = fuzz::next_field(in), nonce_h = fuzz::next_field(in),
               signature_h = fuzz::next_field(in), method = fuzz::next_field(in), target = fuzz::next_field(in);
    const std::string_view body = in;

    const bool as_mac = signature_h.starts_with("m=");
    auto parsed = as_mac ? protocol::auth_from_headers(device_h, time_h, nonce_h, {}, signature_h.substr(2))
                         : protocol::auth_from_headers(device_h, time_h, nonce_h, signature_h);
    std::int64_t time = 1795506600;
    protocol::nonce n{};
    if (parsed) {
        FUZZ_CHECK(parsed->time >= 0);
        check_round_trip(*parsed);
        (void)protocol::verify_request(*parsed, method, target, body); // any answer, never a crash
        (void)protocol::verify_request_mac(*parsed, method, target, body, mac_key());
        time = parsed->time;
        n = parsed->nonce;
    } else {
        FUZZ_CHECK(parsed.err().code == "request_unsigned");
    }

    // The same request, signed for real.
    auto signed_a = protocol::sign_request(method, target, body, time, n, device());
    check_round_trip(signed_a);
    FUZZ_CHECK(protocol::verify_request(signed_a, method, target, body));
    const std::string other_body = std::string(body) + '\0';
    FUZZ_CHECK(!protocol::verify_request(signed_a, method, target, other_body));
    const std::string other_target = std::string(target) + '?';
    FUZZ_CHECK(!protocol::verify_request(signed_a, method, other_target, body));
    const std::string other_method = method == "GET" ? "PUT" : "GET";
    FUZZ_CHECK(!protocol::verify_request(signed_a, other_method, target, body));
    // And MAC'd for real.
    auto mac_a = protocol::mac_request(method, target, body, time, n, device().pk, mac_key());
    check_round_trip(mac_a);
    FUZZ_CHECK(protocol::verify_request_mac(mac_a, method, target, body, mac_key()));
    FUZZ_CHECK(!protocol::verify_request_mac(mac_a, method, target, other_body, mac_key()));
    FUZZ_CHECK(!protocol::verify_request_mac(mac_a, method, other_target, body, mac_key()));
    FUZZ_CHECK(!protocol::verify_request(mac_a, method, target, body));
    if (parsed && parsed->mac && !same(*parsed, mac_a))
        FUZZ_CHECK(!protocol::verify_request_mac(*parsed, method, target, body, mac_key()) ||
                   *parsed->mac == *mac_a.mac);
    if (parsed && !same(*parsed, signed_a)) {
        // Someone else's signature over the same request must not pass as this device's.
        auto forged = signed_a;
        forged.signature = parsed->signature;
        if (forged.signature != signed_a.signature)
            FUZZ_CHECK(!protocol::verify_request(forged, method, target, body));
    }
    return 0;
}
