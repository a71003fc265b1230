// Signature, freshness, replay, registration and rate checks of signed requests.
#include "server/api/request_guard.hpp"

#include "shared/protocol/errors.hpp"

namespace motcua::server {

namespace errors = protocol::errors;

std::variant<crypto::public_key, refusal> request_guard::admit(const protocol::request_auth& auth,
                                                               std::string_view method, std::string_view target,
                                                               std::string_view body, std::int64_t now,
                                                               dossier_store& store, bool registering,
                                                               const crypto::key_pair& server_key) {
    const std::int64_t skew = auth.time - now;
    if (skew > protocol::request_window_seconds || skew < -protocol::request_window_seconds)
        return refusal{&errors::request_stale};
    // The rate is checked before the signature so a flood costs the server as little as possible;
    // an unsigned flood under someone else's key only spends that key's tokens for a moment.
    int wait = 0;
    if (!take_token(auth.device, double(now), wait)) return refusal{&errors::rate_limited, wait};
    if (auth.mac) {
        // Only a registered device has a shared key: ask first, so unknown keys cost no X25519.
        auto is_known = known(auth.device, store);
        if (auto* r = std::get_if<refusal>(&is_known)) return *r;
        if (!std::get<bool>(is_known)) return refusal{&errors::device_unknown};
        auto key = mac_key_of(auth.device, server_key);
        if (!key || !protocol::verify_request_mac(auth, method, target, body, *key))
            return refusal{&errors::request_signature_invalid};
    } else {
        if (!protocol::verify_request(auth, method, target, body)) return refusal{&errors::request_signature_invalid};
        if (!registering) {
            auto is_known = known(auth.device, store);
            if (auto* r = std::get_if<refusal>(&is_known)) return *r;
            if (!std::get<bool>(is_known)) return refusal{&errors::device_unknown};
        }
    }
    if (!first_use(auth.device, auth.nonce, auth.time, now)) return refusal{&errors::request_replayed};
    return auth.device;
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

std::optional<crypto::mac_key> request_guard::mac_key_of(const crypto::public_key& device,
                                                         const crypto::key_pair& server_key) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = mac_keys_.find(device); it != mac_keys_.end()) return it->second;
    }
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

bool request_guard::take_token(const crypto::public_key& device, double now, int& retry_after) {
    std::lock_guard lock(mutex_);
    auto [it, fresh] = buckets_.try_emplace(device, bucket{settings_.burst, now});
    bucket& b = it->second;
    if (!fresh && now > b.at) {
        b.tokens = std::min(settings_.burst, b.tokens + (now - b.at) * settings_.rate_per_device);
        b.at = now;
    }
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
    }
    retry_after = int((1 - b.tokens) / settings_.rate_per_device) + 1;
    return false;
}

bool request_guard::first_use(const crypto::public_key& device, const protocol::nonce& n, std::int64_t time,
                              std::int64_t now) {
    std::lock_guard lock(mutex_);
    // Forget minutes that no admissible request can come from any more.
    const std::int64_t oldest = (now - protocol::request_window_seconds) / 60 - 1;
    while (!nonces_.empty() && (nonces_.begin()->first < oldest || nonce_count_ > settings_.max_nonces)) {
        nonce_count_ -= nonces_.begin()->second.size();
        nonces_.erase(nonces_.begin());
    }
    // A nonce is unique per device across the whole window, whatever minute it claims.
    const auto key = std::make_pair(device, n);
    for (const auto& [minute, seen] : nonces_)
        if (seen.count(key)) return false;
    nonces_[time / 60].insert(key);
    ++nonce_count_;
    return true;
}

} // namespace motcua::server
