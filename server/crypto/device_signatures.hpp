// Verifies the Ed25519 signatures devices put on their submissions. A device that has sent a
// submission before has a table kept for its key, which makes each further check about twice as
// fast (server/crypto/ed25519_table.h); the answers are libsodium's either way.
#pragma once

#include "shared/crypto/signing.hpp"

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <span>
#include <unordered_map>

namespace motcua::server {

class device_signatures {
public:
    // A table is about 30 KB; the least recently used ones go beyond `max_tables`.
    explicit device_signatures(std::size_t max_tables = 1024);

    // True when `sig` is `key`'s valid signature of `message`. Thread-safe.
    bool verify(std::span<const std::uint8_t> message, const crypto::signature& sig, const crypto::public_key& key);

    std::size_t tables() const;

private:
    struct table;
    struct key_hash {
        std::size_t operator()(const crypto::public_key& k) const noexcept;
    };
    struct entry {
        int seen = 0;
        std::shared_ptr<const table> built;
        std::list<crypto::public_key>::iterator position;
    };
    // The key's table when it has one; else counts the sighting and says whether to build one.
    std::shared_ptr<const table> find(const crypto::public_key& key, bool& build);
    void keep(const crypto::public_key& key, std::shared_ptr<const table> t);

    const std::size_t max_tables_;
    mutable std::mutex mutex_;
    std::unordered_map<crypto::public_key, entry, key_hash> entries_;
    std::list<crypto::public_key> recency_; // most recent first
};

} // namespace motcua::server
