// A SQLite VFS whose files live in memory and which hands over, at each sync of a database file,
// the 4 KB blocks written since the last sync. The platform makes only those durable (IndexedDB in
// the browser, in one transaction), so a save costs what changed, not what the store holds.
//
// Why a sync is a safe point: the store runs with journal_mode=MEMORY and synchronous=NORMAL, so
// SQLite syncs the database file once per commit, after its last write, and never in between (a
// cache spill syncs only the journal, which lives in memory). The blocks gathered at a sync are
// therefore always a committed state; a later change set replaces an earlier one block by block.
#pragma once

#include "client/store/blob_store.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace motcua::client::pages {

constexpr std::uint32_t block_size = 4096;

// What one or more syncs changed: whole blocks by index, and the file's size after them. The
// platform also puts here the attached files written or removed since (blob_store.hpp), so one
// durable transaction holds a commit and the files it names; the VFS itself never fills them.
struct change_set {
    std::uint64_t file_size = 0;
    std::map<std::uint32_t, std::vector<std::uint8_t>> blocks;
    blob_changes blobs;

    bool empty() const { return blocks.empty() && !resized && blobs.empty(); }
    // Takes `later` on top of this one (its blocks win, blocks past its size go).
    void merge(change_set later);
    // Applies the change to a whole-file image (what the durable copy holds).
    void apply_to(std::vector<std::uint8_t>& image) const;

    bool resized = false; // the size changed with no block written (a truncation)
};

// Registers the VFS (once, not as the default) and returns its name for sqlite3_open_v2.
const char* vfs_name();

// Makes `path` a durable file of the VFS: its content is what the platform loaded, and each sync
// hands the blocks changed since the last one to `on_sync`. Call before SQLite opens the path.
// Any other file the VFS is asked for (a temporary file) lives in memory only. `write_whole`:
// the first sync hands over every block (content that came from elsewhere).
void attach(const std::string& path, std::vector<std::uint8_t> content, std::function<void(change_set)> on_sync,
            bool write_whole = false);
// The file's bytes now (tests and the integrity check), or null if no such file.
const std::vector<std::uint8_t>* content(const std::string& path);
// Drops the file from memory (after its database was closed).
void detach(const std::string& path);

} // namespace motcua::client::pages
