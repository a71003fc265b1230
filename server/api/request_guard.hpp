// Who sent a request, and whether to take it: the signature or MAC checked against the clock, the
// nonces already seen, the registered devices and each device's rate (docs/protocol.md).
#pragma once

#include "server/store/dossier_store.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/request_signature.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <variant>

namespace motcua::server {

struct guard_settings {
    double rate_per_device = 20;  // requests per second, sustained
    double burst = 200;           // a phone back online sends its whole outbox at once
    std::size_t max_nonces = 1 << 20; // memory bound; beyond it the oldest window is dropped
};

// A refusal with the seconds to wait (rate limits) where that applies.
struct refusal {
    const protocol::error_kind* kind;
    int retry_after = 0;
};

class request_guard {
  public:
    explicit request_guard(guard_settings s = {}) : settings_(s) {}

    // Checks the parsed headers (protocol::auth_from_headers); `now` is the server clock (unix
    // seconds). On success, returns the device and remembers its nonce. `registering`: the device
    // may be unknown (a MAC'd request always needs a registered device).
    std::variant<crypto::public_key, refusal> admit(const protocol::request_auth& auth, std::string_view method,
                                                    std::string_view target, std::string_view body,
                                                    std::int64_t now, dossier_store& store, bool registering,
                                                    const crypto::key_pair& server_key);
    // A registered device is remembered so later requests skip the database.
    void remember_device(const crypto::public_key& device);

  private:
    // Is the device registered? Asks the store once, then remembers it.
    std::variant<bool, refusal> known(const crypto::public_key& device, dossier_store& store);
    // The MAC key shared with a registered device, derived once (an X25519, about one signature
    // check) and kept; nullopt if the device key is not a usable curve point.
    std::optional<crypto::mac_key> mac_key_of(const crypto::public_key& device, const crypto::key_pair& server_key);
    bool take_token(const crypto::public_key& device, double now_seconds, int& retry_after);
    bool first_use(const crypto::public_key& device, const protocol::nonce& n, std::int64_t time, std::int64_t now);

    struct bucket {
        double tokens;
        double at;
    };
    guard_settings settings_;
    std::mutex mutex_;
    std::set<crypto::public_key> known_devices_;
    std::map<crypto::public_key, crypto::mac_key> mac_keys_;
    std::map<crypto::public_key, bucket> buckets_;
    // Nonces by the minute of their request time: whole minutes fall out of the window together.
    std::map<std::int64_t, std::set<std::pair<crypto::public_key, protocol::nonce>>> nonces_;
    std::size_t nonce_count_ = 0;
};

} // namespace motcua::server
