// Making and checking the signature headers of a request.
#include "shared/protocol/request_signature.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/errors.hpp"

#include <charconv>

namespace motcua::protocol {

encoding::bytes request_signing_bytes(std::string_view method, std::string_view target, std::int64_t time,
                                      const nonce& n, std::span<const std::uint8_t> body, std::string_view tag) {
    encoding::canonical_writer w;
    w.magic(tag);
    w.text(method);
    w.text(target);
    w.uint(std::uint64_t(time));
    w.fixed(n);
    w.fixed(crypto::hash(body));
    return w.take();
}

namespace {
std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
} // namespace

request_auth sign_request(std::string_view method, std::string_view target, std::string_view body,
                          std::int64_t time, const nonce& n, const crypto::key_pair& device) {
    request_auth a;
    a.device = device.pk;
    a.time = time;
    a.nonce = n;
    a.signature = crypto::sign(request_signing_bytes(method, target, time, n, as_bytes(body)), device.sk);
    return a;
}

request_auth mac_request(std::string_view method, std::string_view target, std::string_view body, std::int64_t time,
                         const nonce& n, const crypto::public_key& device, const crypto::mac_key& key) {
    request_auth a;
    a.device = device;
    a.time = time;
    a.nonce = n;
    a.mac = crypto::keyed_hash(request_signing_bytes(method, target, time, n, as_bytes(body), "MCQ2"), key);
    return a;
}

auth_headers to_headers(const request_auth& a) {
    auth_headers h{encoding::to_base64(a.device), std::to_string(a.time), encoding::to_hex(a.nonce), {}, {}};
    if (a.mac) h.mac = encoding::to_base64(*a.mac);
    else h.signature = encoding::to_base64(a.signature);
    return h;
}

result<request_auth> auth_from_headers(std::string_view device, std::string_view time, std::string_view nonce_text,
                                       std::string_view signature, std::string_view mac) {
    auto bad = [] { return make_error(errors::request_unsigned); };
    request_auth a;
    auto pk = encoding::from_base64(device);
    if (!pk || pk->size() != a.device.size()) return bad();
    std::copy(pk->begin(), pk->end(), a.device.begin());
    if (signature.empty() == mac.empty()) return bad(); // one or the other
    if (!signature.empty()) {
        auto sig = encoding::from_base64(signature);
        if (!sig || sig->size() != a.signature.size()) return bad();
        std::copy(sig->begin(), sig->end(), a.signature.begin());
    } else {
        auto m = encoding::from_base64(mac);
        if (!m || m->size() != crypto::mac{}.size()) return bad();
        a.mac.emplace();
        std::copy(m->begin(), m->end(), a.mac->begin());
    }
    // Digits only, as to_headers writes them: no sign ("-0", "+5"), no leading zero, so one
    // time has one spelling.
    if (time.empty() || time.size() > 12 || (time.size() > 1 && time[0] == '0')) return bad();
    for (char c : time)
        if (c < '0' || c > '9') return bad();
    auto [end, ec] = std::from_chars(time.data(), time.data() + time.size(), a.time);
    if (ec != std::errc{} || end != time.data() + time.size() || a.time < 0) return bad();
    if (!encoding::from_hex(nonce_text, a.nonce)) return bad();
    return a;
}

bool verify_request(const request_auth& a, std::string_view method, std::string_view target, std::string_view body) {
    if (a.mac) return false;
    return crypto::verify(request_signing_bytes(method, target, a.time, a.nonce, as_bytes(body)), a.signature,
                          a.device);
}

bool verify_request_mac(const request_auth& a, std::string_view method, std::string_view target,
                        std::string_view body, const crypto::mac_key& key) {
    if (!a.mac) return false;
    auto expected = crypto::keyed_hash(request_signing_bytes(method, target, a.time, a.nonce, as_bytes(body), "MCQ2"), key);
    return crypto::equal(expected, *a.mac);
}

} // namespace motcua::protocol
