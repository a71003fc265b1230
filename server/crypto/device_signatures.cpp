// Device signature checks with a table per recently seen key (see the header).
#include "server/crypto/device_signatures.hpp"

#include "server/crypto/ed25519_table.h"

#include <cstring>
#include <vector>

namespace motcua::server {

struct device_signatures::table {
    std::vector<unsigned char> bytes = std::vector<unsigned char>(motcua_ed25519_table_bytes());
};

std::size_t device_signatures::key_hash::operator()(const crypto::public_key& k) const noexcept {
    std::size_t h;
    std::memcpy(&h, k.data(), sizeof h); // keys are uniformly distributed points
    return h;
}

device_signatures::device_signatures(std::size_t max_tables) : max_tables_(max_tables) {}

std::size_t device_signatures::tables() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [key, e] : entries_) n += e.built ? 1 : 0;
    return n;
}

std::shared_ptr<const device_signatures::table> device_signatures::find(const crypto::public_key& key, bool& build) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        // Sightings are remembered for as many keys as tables are kept, the oldest forgotten.
        if (entries_.size() >= 2 * max_tables_ && !recency_.empty()) {
            entries_.erase(recency_.back());
            recency_.pop_back();
        }
        recency_.push_front(key);
        it = entries_.emplace(key, entry{0, nullptr, recency_.begin()}).first;
    } else {
        recency_.splice(recency_.begin(), recency_, it->second.position);
    }
    // A table costs about one verify and a half to build: worth it from a device's second
    // signature on, since a device that sends one submission may never send another.
    build = !it->second.built && ++it->second.seen >= 2;
    return it->second.built;
}

void device_signatures::keep(const crypto::public_key& key, std::shared_ptr<const table> t) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    it->second.built = std::move(t);
    std::size_t built = 0;
    for (const auto& [k, e] : entries_) built += e.built ? 1 : 0;
    // Over the limit: the least recently used tables go (their sightings stay).
    for (auto r = recency_.rbegin(); built > max_tables_ && r != recency_.rend(); ++r) {
        auto& e = entries_.at(*r);
        if (e.built && *r != key) {
            e.built.reset();
            e.seen = 0;
            --built;
        }
    }
}

bool device_signatures::verify(std::span<const std::uint8_t> message, const crypto::signature& sig,
                               const crypto::public_key& key) {
    bool build = false;
    auto t = find(key, build);
    if (!t && build) {
        auto made = std::make_shared<table>();
        // A key libsodium refuses outright gets no table; its signatures fail below.
        if (motcua_ed25519_table_init(made->bytes.data(), key.data()) == 0) {
            keep(key, made);
            t = std::move(made);
        }
    }
    if (!t) return crypto::verify(message, sig, key);
    return motcua_ed25519_verify_with_table(t->bytes.data(), sig.data(), message.data(), message.size(), key.data()) == 0;
}

} // namespace motcua::server
