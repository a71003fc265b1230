// Who sent a request, and whether to take it: the signature or MAC checked against the clock, the
// nonces already seen, the registered devices, each device's rate, and each source address's
// failed authentications (docs/protocol.md).
#pragma once

#include "server/store/dossier_store.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/request_signature.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace motcua::server {

// Where a request came from: the address of the connection's peer, as the network layer saw it.
// Not a header such as X-Forwarded-For, which a client writes as it likes (only the network
// layer reads it, and only from a configured proxy: server_limits::trusted_proxies). An IPv6 peer
// is its /64 prefix: one host or site is handed a whole /64 and can pick any address in it. An
// IPv4-mapped IPv6 address is its IPv4 address.
struct source_address {
    // IPv4 as ::ffff:a.b.c.d; IPv6 with its low 64 bits zeroed. The two never meet: a mapped
    // IPv4 address has non-zero low bits.
    std::uint64_t high = 0;
    std::uint64_t low = 0;

    static constexpr source_address v4(std::uint32_t address) { return {0, 0xffff'0000'0000ull | address}; }
    static source_address v6(const std::array<unsigned char, 16>& bytes);
    friend bool operator==(const source_address&, const source_address&) = default;
};
// For callers without a connection (tests, fuzzers): the machine itself.
inline constexpr source_address local_source = source_address::v4(0x7f00'0001);

struct guard_settings {
    double rate_per_device = 20;  // requests per second, sustained
    double burst = 200;           // a phone back online sends its whole outbox at once
    // Memory bound on the nonces of the window; when full, new requests are answered 503
    // server_busy until minutes fall out of the window (never forgotten early: that would allow replays).
    std::size_t max_nonces = 1 << 20;
    // Failed authentications per source address (a bad signature or MAC, an unknown device, a
    // replayed nonce): sustained per second, and at once. A whole office behind one NAT address
    // fails rarely (once a device after the server key changed or the database was reset).
    double failures_per_source = 1;
    double failure_burst = 100;
    // Memory bounds of the two rate tables (about 100 bytes an entry).
    std::size_t max_sources = 1 << 16;
    std::size_t max_devices = 1 << 16;
};

// A refusal with the seconds to wait (rate limits) where that applies.
struct refusal {
    const protocol::error_kind* kind;
    int retry_after = 0;
};

// Token buckets for at most `capacity` keys, kept in order of last use. A new key past the
// capacity takes the place of the least recently used one (see request_guard.cpp for why that
// one). Not thread-safe; no allocation once full.
template <class Key, class Hash>
class bucket_table {
  public:
    bucket_table(double rate, double burst, std::size_t capacity, Hash hash)
        : rate_(rate), burst_(burst), capacity_(capacity == 0 ? 1 : capacity), index_(0, hash) {}

    // Spends a token of the key's bucket (a new key's is full); false, and the seconds until a
    // token is back, when there is none.
    bool take(const Key& key, double now, int& retry_after) {
        const std::uint32_t i = slot_of(key, now);
        entry& e = entries_[i];
        refill(e, now);
        touch(i);
        if (e.tokens >= 1) {
            e.tokens -= 1;
            return true;
        }
        retry_after = wait_for(e);
        return false;
    }
    // Whether the key's bucket is empty, without spending; a key not held has a full bucket.
    // An empty one counts as a use, so a key that keeps asking is not the one dropped.
    bool empty(const Key& key, double now, int& retry_after) {
        auto it = index_.find(key);
        if (it == index_.end()) return false;
        entry& e = entries_[it->second];
        refill(e, now);
        if (e.tokens >= 1) return false;
        touch(it->second);
        retry_after = wait_for(e);
        return true;
    }
    std::size_t size() const { return index_.size(); }

  private:
    static constexpr std::uint32_t none = ~std::uint32_t(0);
    struct entry {
        Key key;
        double tokens;
        double at;
        std::uint32_t prev = none, next = none; // towards the least and the most recently used
    };

    void refill(entry& e, double now) const {
        if (now > e.at) {
            e.tokens = std::min(burst_, e.tokens + (now - e.at) * rate_);
            e.at = now;
        }
    }
    int wait_for(const entry& e) const { return int((1 - e.tokens) / rate_) + 1; }

    std::uint32_t slot_of(const Key& key, double now) {
        if (auto it = index_.find(key); it != index_.end()) return it->second;
        std::uint32_t i;
        if (entries_.size() < capacity_) {
            i = std::uint32_t(entries_.size());
            entries_.push_back({key, burst_, now});
            index_.emplace(key, i);
        } else {
            // The least recently used gives its place (and its map node) to the new key.
            i = oldest_;
            unlink(i);
            auto node = index_.extract(entries_[i].key);
            node.key() = key;
            index_.insert(std::move(node));
            entries_[i] = {key, burst_, now};
        }
        push_newest(i);
        return i;
    }
    void unlink(std::uint32_t i) {
        entry& e = entries_[i];
        (e.prev == none ? oldest_ : entries_[e.prev].next) = e.next;
        (e.next == none ? newest_ : entries_[e.next].prev) = e.prev;
        e.prev = e.next = none;
    }
    void push_newest(std::uint32_t i) {
        entries_[i].prev = newest_;
        entries_[i].next = none;
        (newest_ == none ? oldest_ : entries_[newest_].next) = i;
        newest_ = i;
    }
    void touch(std::uint32_t i) {
        if (i == newest_) return;
        unlink(i);
        push_newest(i);
    }

    double rate_;
    double burst_;
    std::size_t capacity_;
    std::vector<entry> entries_;
    std::unordered_map<Key, std::uint32_t, Hash> index_;
    std::uint32_t oldest_ = none;
    std::uint32_t newest_ = none;
};

// Hashes keyed per process: the keys (addresses, device keys) are chosen by clients, who must not
// be able to aim them all at one hash bucket.
struct source_hash {
    std::uint64_t seed;
    std::size_t operator()(const source_address& a) const;
};
struct device_hash {
    std::uint64_t seed;
    std::size_t operator()(const crypto::public_key& k) const;
};

class request_guard {
  public:
    explicit request_guard(guard_settings s = {});

    // Checks the parsed headers (protocol::auth_from_headers); `now` is the server clock (unix
    // seconds); `from` is the connection's source. On success, returns the device, remembers its
    // nonce and spends a token of its rate. `registering`: the device may be unknown (a MAC'd
    // request always needs a registered device).
    std::variant<crypto::public_key, refusal> admit(const protocol::request_auth& auth, std::string_view method,
                                                    std::string_view target, std::string_view body,
                                                    std::int64_t now, dossier_store& store, bool registering,
                                                    const crypto::key_pair& server_key,
                                                    const source_address& from = local_source);
    // A registered device is remembered so later requests skip the database.
    void remember_device(const crypto::public_key& device);

    // How many sources and devices the rate tables hold now (each at most its bound).
    std::size_t tracked_sources();
    std::size_t tracked_devices();

  private:
    // Is the device registered? Asks the store once, then remembers it.
    std::variant<bool, refusal> known(const crypto::public_key& device, dossier_store& store);
    // The MAC key shared with a registered device, if already derived.
    std::optional<crypto::mac_key> held_mac_key(const crypto::public_key& device);
    // The same, derived now (an X25519, about one signature check) and kept; nullopt if the
    // device key is not a usable curve point.
    std::optional<crypto::mac_key> mac_key_of(const crypto::public_key& device, const crypto::key_pair& server_key);
    // Whether the source has used up its failed authentications (and the seconds to wait).
    bool source_exhausted(const source_address& from, double now, int& retry_after);
    refusal failed(const source_address& from, double now, const protocol::error_kind& kind);
    // Of an authenticated request: the nonce is new (then remembered) and the device has a token.
    const protocol::error_kind* fresh_and_within_rate(const crypto::public_key& device, const protocol::nonce& n,
                                                      std::int64_t time, std::int64_t now, int& retry_after);

    guard_settings settings_;
    std::mutex mutex_; // guards all but the sources
    std::set<crypto::public_key> known_devices_;
    std::map<crypto::public_key, crypto::mac_key> mac_keys_;
    bucket_table<crypto::public_key, device_hash> devices_;
    // Nonces by the minute of their request time: whole minutes fall out of the window together.
    std::map<std::int64_t, std::set<std::pair<crypto::public_key, protocol::nonce>>> nonces_;
    std::size_t nonce_count_ = 0;
    std::mutex sources_mutex_; // its own: every signed request looks here first
    bucket_table<source_address, source_hash> sources_;
};

} // namespace motcua::server
