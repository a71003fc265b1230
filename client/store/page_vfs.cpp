// The in-memory SQLite VFS of page_vfs.hpp. One connection per file (the app's), so locks are
// bookkeeping only; cross-tab exclusion is the platform's (a Web Lock held by the owning tab).
#include "client/store/page_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>

namespace motcua::client::pages {

void change_set::merge(change_set later) {
    const auto keep = std::uint32_t((later.file_size + block_size - 1) / block_size);
    blocks.erase(blocks.lower_bound(keep), blocks.end());
    for (auto& [i, b] : later.blocks) blocks[i] = std::move(b);
    resized = resized || later.resized || later.file_size != file_size;
    file_size = later.file_size;
    blobs.merge(std::move(later.blobs));
}

void change_set::apply_to(std::vector<std::uint8_t>& image) const {
    image.resize(file_size);
    for (const auto& [i, b] : blocks) {
        const std::uint64_t at = std::uint64_t(i) * block_size;
        if (at >= file_size) continue;
        std::memcpy(image.data() + at, b.data(), std::min<std::uint64_t>(b.size(), file_size - at));
    }
}

namespace {

struct file_data {
    std::vector<std::uint8_t> bytes;
    std::set<std::uint32_t> dirty;
    std::uint64_t synced_size = 0;
    std::function<void(change_set)> on_sync; // empty: a temporary file
};

std::map<std::string, std::shared_ptr<file_data>>& files() {
    static std::map<std::string, std::shared_ptr<file_data>> f;
    return f;
}

struct open_file {
    sqlite3_file base;
    std::shared_ptr<file_data>* data; // owned; placement storage keeps sqlite3_file a C struct
    bool delete_on_close;
    char path[512];
};

file_data& of(sqlite3_file* f) { return **reinterpret_cast<open_file*>(f)->data; }

int x_close(sqlite3_file* f) {
    auto* o = reinterpret_cast<open_file*>(f);
    if (o->delete_on_close) files().erase(o->path);
    delete o->data;
    return SQLITE_OK;
}

int x_read(sqlite3_file* f, void* out, int n, sqlite3_int64 at) {
    const auto& b = of(f).bytes;
    const auto have = at < std::int64_t(b.size()) ? std::min<std::int64_t>(n, std::int64_t(b.size()) - at) : 0;
    if (have > 0) std::memcpy(out, b.data() + at, std::size_t(have));
    if (have == n) return SQLITE_OK;
    std::memset(static_cast<char*>(out) + have, 0, std::size_t(n - have));
    return SQLITE_IOERR_SHORT_READ;
}

int x_write(sqlite3_file* f, const void* in, int n, sqlite3_int64 at) {
    auto& d = of(f);
    if (d.bytes.size() < std::uint64_t(at + n)) d.bytes.resize(std::size_t(at + n));
    std::memcpy(d.bytes.data() + at, in, std::size_t(n));
    if (d.on_sync && n > 0)
        for (auto i = std::uint32_t(at / block_size); i <= std::uint32_t((at + n - 1) / block_size); ++i) d.dirty.insert(i);
    return SQLITE_OK;
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    auto& d = of(f);
    if (std::uint64_t(size) < d.bytes.size()) d.bytes.resize(std::size_t(size));
    // A block cut in two keeps its head: it must be written again as it is now.
    if (d.on_sync && size % block_size) d.dirty.insert(std::uint32_t(size / block_size));
    return SQLITE_OK;
}

int x_sync(sqlite3_file* f, int) {
    auto& d = of(f);
    if (!d.on_sync) return SQLITE_OK;
    if (d.dirty.empty() && d.synced_size == d.bytes.size()) return SQLITE_OK;
    change_set c;
    c.file_size = d.bytes.size();
    c.resized = c.file_size != d.synced_size;
    for (auto i : d.dirty) {
        const std::uint64_t at = std::uint64_t(i) * block_size;
        if (at >= d.bytes.size()) continue;
        const auto end = std::min<std::uint64_t>(at + block_size, d.bytes.size());
        std::vector<std::uint8_t> block(block_size, 0); // the tail of a short last block reads as zeros
        std::memcpy(block.data(), d.bytes.data() + at, std::size_t(end - at));
        c.blocks.emplace(i, std::move(block));
    }
    d.dirty.clear();
    d.synced_size = d.bytes.size();
    d.on_sync(std::move(c));
    return SQLITE_OK;
}

int x_file_size(sqlite3_file* f, sqlite3_int64* out) {
    *out = sqlite3_int64(of(f).bytes.size());
    return SQLITE_OK;
}
int x_lock(sqlite3_file*, int) { return SQLITE_OK; }
int x_unlock(sqlite3_file*, int) { return SQLITE_OK; }
int x_check_reserved(sqlite3_file*, int* out) {
    *out = 0;
    return SQLITE_OK;
}
int x_file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int x_sector_size(sqlite3_file*) { return int(block_size); }
int x_device(sqlite3_file*) { return SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

const sqlite3_io_methods io_methods = {
    1, x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_unlock, x_check_reserved,
    x_file_control, x_sector_size, x_device, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
};

int v_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    auto* o = reinterpret_cast<open_file*>(f);
    o->base.pMethods = nullptr;
    static int anonymous = 0;
    std::string path = name ? name : "/temp/" + std::to_string(++anonymous);
    if (path.size() >= sizeof o->path) return SQLITE_CANTOPEN;
    auto& all = files();
    auto it = all.find(path);
    if (it == all.end()) {
        if (!(flags & SQLITE_OPEN_CREATE)) return SQLITE_CANTOPEN;
        it = all.emplace(path, std::make_shared<file_data>()).first;
    }
    o->data = new std::shared_ptr<file_data>(it->second);
    o->delete_on_close = (flags & SQLITE_OPEN_DELETEONCLOSE) != 0 || !name;
    std::memcpy(o->path, path.c_str(), path.size() + 1);
    o->base.pMethods = &io_methods;
    if (out_flags) *out_flags = flags;
    return SQLITE_OK;
}

int v_delete(sqlite3_vfs*, const char* name, int) {
    auto it = files().find(name);
    // A durable file is never deleted by SQLite (only journals are, and they live in memory).
    if (it != files().end() && !it->second->on_sync) files().erase(it);
    return SQLITE_OK;
}

int v_access(sqlite3_vfs*, const char* name, int, int* out) {
    auto it = files().find(name);
    *out = it != files().end() && !it->second->bytes.empty();
    return SQLITE_OK;
}

int v_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}

// Randomness, sleep and time come from the default VFS (there is always one).
sqlite3_vfs* base_vfs() { return sqlite3_vfs_find(nullptr); }
int v_randomness(sqlite3_vfs*, int n, char* out) { return base_vfs()->xRandomness(base_vfs(), n, out); }
int v_sleep(sqlite3_vfs*, int us) { return base_vfs()->xSleep(base_vfs(), us); }
int v_current_time(sqlite3_vfs*, double* out) { return base_vfs()->xCurrentTime(base_vfs(), out); }
int v_last_error(sqlite3_vfs*, int, char*) { return 0; }

} // namespace

const char* vfs_name() {
    static sqlite3_vfs vfs = [] {
        sqlite3_vfs v{};
        v.iVersion = 1;
        v.szOsFile = sizeof(open_file);
        v.mxPathname = 511;
        v.zName = "motcua_pages";
        v.xOpen = v_open;
        v.xDelete = v_delete;
        v.xAccess = v_access;
        v.xFullPathname = v_full_pathname;
        v.xRandomness = v_randomness;
        v.xSleep = v_sleep;
        v.xCurrentTime = v_current_time;
        v.xGetLastError = v_last_error;
        return v;
    }();
    static const bool registered = sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
    return registered ? vfs.zName : nullptr;
}

void attach(const std::string& path, std::vector<std::uint8_t> content, std::function<void(change_set)> on_sync,
            bool write_whole) {
    auto d = std::make_shared<file_data>();
    d->bytes = std::move(content);
    d->synced_size = write_whole ? 0 : d->bytes.size();
    if (write_whole)
        for (std::uint32_t i = 0; std::uint64_t(i) * block_size < d->bytes.size(); ++i) d->dirty.insert(i);
    d->on_sync = std::move(on_sync);
    files()[path] = std::move(d);
}

const std::vector<std::uint8_t>* content(const std::string& path) {
    auto it = files().find(path);
    return it == files().end() ? nullptr : &it->second->bytes;
}

void detach(const std::string& path) { files().erase(path); }

} // namespace motcua::client::pages
