// Signature, freshness, replay, registration and rate checks of signed requests.
//
// Nothing is charged to a device before a request has proved it comes from that device (its
// signature or MAC checks and its nonce is new): anyone may write a device's public key in a
// header, so charging it earlier would let a forger stop that device from syncing. What forgers
// can spend instead is their own source address's budget of failed authentications, looked at
// before any signature check or key derivation.
#include "server/api/request_guard.hpp"

#include "shared/protocol/errors.hpp"

#include <cstring>
#include <random>

namespace motcua::server {

namespace errors = protocol::errors;

namespace {
std::uint64_t mix(std::uint64_t x) { // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}
std::uint64_t random_seed() {
    std::random_device r;
    return (std::uint64_t(r()) << 32) ^ r();
}
} // namespace

source_address source_address::v6(const std::array<unsigned char, 16>& b) {
    auto word = [&](int from) {
        std::uint64_t w = 0;
        for (int i = from; i < from + 8; ++i) w = w << 8 | b[i];
        return w;
    };
    const std::uint64_t high = word(0), low = word(8);
    if (high == 0 && (low >> 32) == 0xffff) return v4(std::uint32_t(low)); // ::ffff:a.b.c.d
    return {high, 0};
}

std::size_t source_hash::operator()(const source_address& a) const {
    return mix(mix(a.high ^ seed) ^ a.low);
}

std::size_t device_hash::operator()(const crypto::public_key& k) const {
    std::uint64_t a, b;
    std::memcpy(&a, k.data(), 8);
    std::memcpy(&b, k.data() + 8, 8);
    return mix(mix(a ^ seed) ^ b);
}

// Both tables drop their least recently used entry for a new one when full. For the sources:
// that entry's bucket has been refilling the longest, so dropping it forgives the least (a
// bucket that is full again is the same as none). A source that keeps failing, or keeps being
// refused, is used again on every attempt and stays at the other end: only failures from as many
// other sources as the table holds, after its last attempt, push it out. The alternatives are
// worse: not counting newcomers while the table is full would let whoever keeps it full fail
// without limit from any other address, and refusing them would make a full table a lock-out of
// every address. With more addresses than the table holds (an IPv6 /48 has 65,536 /64s), a flood
// gets more failures through than the budget says, but memory stays bounded and no device is
// locked out. For the devices: only authenticated requests are counted there, so dropping one
// gives that device a full bucket, which can only favour it.
request_guard::request_guard(guard_settings s)
    : settings_(s), devices_(s.rate_per_device, s.burst, s.max_devices, device_hash{random_seed()}),
      sources_(s.failures_per_source, s.failure_burst, s.max_sources, source_hash{random_seed()}) {}

std::variant<crypto::public_key, refusal> request_guard::admit(const protocol::request_auth& auth,
                                                               std::string_view method, std::string_view target,
                                                               std::string_view body, std::int64_t now,
                                                               dossier_store& store, bool registering,
                                                               const crypto::key_pair& server_key,
                                                               const source_address& from) {
    const std::int64_t skew = auth.time - now;
    // A wrong clock costs nothing to find out, and a phone corrects it: not a failure.
    if (skew > protocol::request_window_seconds || skew < -protocol::request_window_seconds)
        return refusal{&errors::request_stale};
    int wait = 0;
    const bool exhausted = source_exhausted(from, double(now), wait);
    const refusal too_many{&errors::rate_limited, wait};
    if (auth.mac) {
        // A key already derived makes the check one keyed hash, no dearer than reading the
        // request: so a device behind the same address as a forger (one NAT, one proxy) keeps
        // syncing by MAC while that address is refused everything that costs more.
        auto key = held_mac_key(auth.device);
        if (!key) {
            if (exhausted) return too_many;
            // Only a registered device has a shared key: ask first, so unknown keys cost no X25519.
            auto is_known = known(auth.device, store);
            if (auto* r = std::get_if<refusal>(&is_known)) return *r;
            if (!std::get<bool>(is_known)) return failed(from, double(now), errors::device_unknown);
            key = mac_key_of(auth.device, server_key);
            if (!key) return failed(from, double(now), errors::request_signature_invalid);
        }
        if (!protocol::verify_request_mac(auth, method, target, body, *key)) {
            auto r = failed(from, double(now), errors::request_signature_invalid);
            return exhausted ? too_many : r;
        }
    } else {
        if (exhausted) return too_many;
        if (!protocol::verify_request(auth, method, target, body))
            return failed(from, double(now), errors::request_signature_invalid);
        if (!registering) {
            auto is_known = known(auth.device, store);
            if (auto* r = std::get_if<refusal>(&is_known)) return *r;
            if (!std::get<bool>(is_known)) return failed(from, double(now), errors::device_unknown);
        }
    }
    if (const auto* kind = fresh_and_within_rate(auth.device, auth.nonce, auth.time, now, wait)) {
        if (kind == &errors::request_replayed) return failed(from, double(now), *kind);
        return refusal{kind, wait};
    }
    return auth.device;
}

bool request_guard::source_exhausted(const source_address& from, double now, int& retry_after) {
    std::lock_guard lock(sources_mutex_);
    return sources_.empty(from, now, retry_after);
}

refusal request_guard::failed(const source_address& from, double now, const protocol::error_kind& kind) {
    int unused = 0;
    std::lock_guard lock(sources_mutex_);
    sources_.take(from, now, unused);
    return refusal{&kind};
}

std::variant<bool, refusal> request_guard::known(const crypto::public_key& device, dossier_store& store) {
    {
        std::lock_guard lock(mutex_);
        if (known_devices_.count(device)) return true;
    }
    auto in_store = store.device_known(device);
    if (!in_store) return refusal{&errors::server_error};
    if (*in_store) remember_device(device);
    return *in_store;
}

std::optional<crypto::mac_key> request_guard::held_mac_key(const crypto::public_key& device) {
    std::lock_guard lock(mutex_);
    if (auto it = mac_keys_.find(device); it != mac_keys_.end()) return it->second;
    return std::nullopt;
}

std::optional<crypto::mac_key> request_guard::mac_key_of(const crypto::public_key& device,
                                                         const crypto::key_pair& server_key) {
    // Outside the lock: other devices' requests need not wait for this exchange.
    auto key = crypto::shared_mac_key(server_key, device, device, server_key.pk);
    if (!key) return std::nullopt;
    std::lock_guard lock(mutex_);
    // Bounded like the device set it mirrors; a cleared key is derived again on its next use.
    if (mac_keys_.size() >= settings_.max_nonces) mac_keys_.clear();
    mac_keys_.emplace(device, *key);
    return key;
}

void request_guard::remember_device(const crypto::public_key& device) {
    std::lock_guard lock(mutex_);
    known_devices_.insert(device);
}

std::size_t request_guard::tracked_sources() {
    std::lock_guard lock(sources_mutex_);
    return sources_.size();
}

std::size_t request_guard::tracked_devices() {
    std::lock_guard lock(mutex_);
    return devices_.size();
}

const protocol::error_kind* request_guard::fresh_and_within_rate(const crypto::public_key& device,
                                                                 const protocol::nonce& n, std::int64_t time,
                                                                 std::int64_t now, int& retry_after) {
    std::lock_guard lock(mutex_);
    // Forget minutes that no admissible request can come from any more; only those: a nonce
    // forgotten inside the window could be replayed.
    const std::int64_t oldest = (now - protocol::request_window_seconds) / 60 - 1;
    while (!nonces_.empty() && nonces_.begin()->first < oldest) {
        nonce_count_ -= nonces_.begin()->second.size();
        nonces_.erase(nonces_.begin());
    }
    // A nonce is unique per device across the whole window, whatever minute it claims.
    const auto key = std::make_pair(device, n);
    for (const auto& [minute, seen] : nonces_)
        if (seen.count(key)) return &errors::request_replayed;
    // Full within the window (a flood of authenticated requests): refuse for a moment rather
    // than forget, so memory stays bounded and nothing can be replayed. The device retries.
    if (nonce_count_ >= settings_.max_nonces) {
        retry_after = 5;
        return &errors::server_busy;
    }
    // Remembered even when the rate refuses it: the device signs its retry afresh anyway.
    nonces_[time / 60].insert(key);
    ++nonce_count_;
    if (!devices_.take(device, double(now), retry_after)) return &errors::rate_limited;
    return nullptr;
}

} // namespace motcua::server
