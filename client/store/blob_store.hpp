// Attached files (photos and scans of papers), kept apart from the database: the database holds
// drafts and the outbox, small and saved often; a photo is hundreds of KB, written once and never
// changed. Each file is kept once under the hash of its content, however many drafts and dossiers
// name it, and removed when none does any more (local_store::release_unreferenced_attachments).
//
// The store lives in memory; the platform makes it durable. It records what changed since the
// platform last took the changes, and the platform writes them in the same transaction as the
// database's next commit (page_vfs.hpp's change_set carries both), so a draft that names a file
// is never durable without the file.
#pragma once

#include "shared/crypto/signing.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace motcua::client {

struct stored_file {
    std::string media_type;
    std::vector<std::uint8_t> content;
};

// What to make durable: files to write (by key) and keys to delete. A later change wins.
struct blob_changes {
    std::map<std::string, stored_file> put;
    std::set<std::string> removed;

    bool empty() const { return put.empty() && removed.empty(); }
    void merge(blob_changes later);
};

class blob_store {
  public:
    // Made durable by the platform (the browser: take_changes, written with the database's
    // commits); it keeps a list of changes for that.
    blob_store() = default;
    // Native: one file per attachment in `dir` (made if missing; what it holds is loaded), written
    // whole to a temporary name and renamed, so a crash leaves the file or nothing. An empty path:
    // memory only. Either way no list of changes is kept.
    static blob_store in_directory(const std::string& dir);

    // The key of a content hash: 64 hex digits.
    static std::string key_of(const crypto::digest& hash);

    // What durable storage held at start: no change to write.
    void load(std::string key, stored_file b);
    // Keeps a file under its hash; one held already is not written again. False only when the
    // native folder could not take it.
    bool put(const crypto::digest& hash, std::string media_type, std::span<const std::uint8_t> content);
    const stored_file* get(const crypto::digest& hash) const;
    void remove(const std::string& key);

    std::vector<std::string> keys() const;
    std::size_t size() const { return blobs_.size(); }
    std::uint64_t bytes() const { return bytes_; }

    // The changes since the last call, for the platform to write.
    blob_changes take_changes();
    bool has_changes() const { return !changes_.empty(); }

  private:
    bool platform_durable_ = true; // false: in_directory (its own files, or memory only)
    std::string dir_;
    std::map<std::string, stored_file> blobs_;
    std::uint64_t bytes_ = 0;
    blob_changes changes_;
};

} // namespace motcua::client
