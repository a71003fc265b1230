#include <cstdio>
// The WAL write-gathering VFS (see the header). Every file it opens is the default VFS's file
// with this wrapper around it; only WAL files gather writes, and they write out what they hold
// before anything that could see the file's contents (sync, read, truncate, size, close).
#include "server/store/sqlite_wal_buffer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace motcua::server {

namespace {

constexpr std::size_t write_out_at = 8u << 20; // a batch's frames fit well below this

struct wrapped_file {
    sqlite3_file base;   // our io methods
    sqlite3_file* real;  // the default VFS's file, allocated right after this struct
    bool is_wal;
    std::vector<char>* gathered; // WAL only
    sqlite3_int64 start;         // file offset of gathered[0]
};

sqlite3_vfs* real_vfs() {
    static sqlite3_vfs* v = sqlite3_vfs_find(nullptr);
    return v;
}

wrapped_file* self(sqlite3_file* f) { return reinterpret_cast<wrapped_file*>(f); }

// The unix VFS writes at most 128 KiB in one call, and fails a write of more whose size is a
// multiple of that (it masks the size): what waits goes out in pieces below that.
constexpr std::size_t piece = 120u << 10;

int write_out(wrapped_file* f, const char* why = "?") {
    if (!f->gathered || f->gathered->empty()) return SQLITE_OK;
    const auto& g = *f->gathered;
    int rc = SQLITE_OK;
    for (std::size_t at = 0; at < g.size() && rc == SQLITE_OK; at += piece) {
        const std::size_t n = std::min(piece, g.size() - at);
        rc = f->real->pMethods->xWrite(f->real, g.data() + at, int(n), f->start + sqlite3_int64(at));
    }
    f->gathered->clear();
    return rc;
}

int x_close(sqlite3_file* file) {
    auto* f = self(file);
    int rc = write_out(f);
    int closed = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    delete f->gathered;
    f->gathered = nullptr;
    return rc != SQLITE_OK ? rc : closed;
}

int x_read(sqlite3_file* file, void* p, int amount, sqlite3_int64 offset) {
    auto* f = self(file);
    if (int rc = write_out(f, "read"); rc != SQLITE_OK) return SQLITE_IOERR_READ;
    return f->real->pMethods->xRead(f->real, p, amount, offset);
}

int x_write(sqlite3_file* file, const void* p, int amount, sqlite3_int64 offset) {
    auto* f = self(file);
    if (!f->is_wal) return f->real->pMethods->xWrite(f->real, p, amount, offset);
    auto& g = *f->gathered;
    const auto end = f->start + sqlite3_int64(g.size());
    const auto* bytes = static_cast<const char*>(p);
    if (!g.empty() && offset >= f->start && offset + amount <= end) {
        // A frame written again in the same transaction: patch it where it waits.
        std::memcpy(g.data() + (offset - f->start), bytes, std::size_t(amount));
        return SQLITE_OK;
    }
    if (!g.empty() && offset != end) {
        if (write_out(f, "noncontig") != SQLITE_OK) return SQLITE_IOERR_WRITE;
    }
    if (g.empty()) f->start = offset;
    try {
        g.insert(g.end(), bytes, bytes + amount); // at the end: unchanged if it throws
    } catch (const std::bad_alloc&) {
        return SQLITE_IOERR_NOMEM; // the transaction fails and rolls back
    }
    if (g.size() >= write_out_at && write_out(f) != SQLITE_OK) return SQLITE_IOERR_WRITE;
    return SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
    auto* f = self(file);
    if (write_out(f) != SQLITE_OK) return SQLITE_IOERR_WRITE;
    return f->real->pMethods->xTruncate(f->real, size);
}

int x_sync(sqlite3_file* file, int flags) {
    auto* f = self(file);
    if (write_out(f, "sync") != SQLITE_OK) return SQLITE_IOERR_WRITE; // the commit fails, as a failed write would
    return f->real->pMethods->xSync(f->real, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
    auto* f = self(file);
    if (write_out(f, "size") != SQLITE_OK) return SQLITE_IOERR_WRITE;
    return f->real->pMethods->xFileSize(f->real, size);
}

// The rest only forward.
int x_lock(sqlite3_file* f, int l) { return self(f)->real->pMethods->xLock(self(f)->real, l); }
int x_unlock(sqlite3_file* f, int l) { return self(f)->real->pMethods->xUnlock(self(f)->real, l); }
int x_check_reserved(sqlite3_file* f, int* out) {
    return self(f)->real->pMethods->xCheckReservedLock(self(f)->real, out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
    return self(f)->real->pMethods->xFileControl(self(f)->real, op, arg);
}
int x_sector_size(sqlite3_file* f) { return self(f)->real->pMethods->xSectorSize(self(f)->real); }
int x_device_characteristics(sqlite3_file* f) {
    return self(f)->real->pMethods->xDeviceCharacteristics(self(f)->real);
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return self(f)->real->pMethods->xShmMap(self(f)->real, page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    return self(f)->real->pMethods->xShmLock(self(f)->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { self(f)->real->pMethods->xShmBarrier(self(f)->real); }
int x_shm_unmap(sqlite3_file* f, int remove) { return self(f)->real->pMethods->xShmUnmap(self(f)->real, remove); }
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    return self(f)->real->pMethods->xFetch(self(f)->real, offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    return self(f)->real->pMethods->xUnfetch(self(f)->real, offset, p);
}

// The methods for a file, as many versions as the real file's methods have.
sqlite3_io_methods methods_like(const sqlite3_io_methods* real) {
    sqlite3_io_methods m{};
    m.iVersion = real->iVersion;
    m.xClose = x_close;
    m.xRead = x_read;
    m.xWrite = x_write;
    m.xTruncate = x_truncate;
    m.xSync = x_sync;
    m.xFileSize = x_file_size;
    m.xLock = x_lock;
    m.xUnlock = x_unlock;
    m.xCheckReservedLock = x_check_reserved;
    m.xFileControl = x_file_control;
    m.xSectorSize = x_sector_size;
    m.xDeviceCharacteristics = x_device_characteristics;
    if (real->iVersion >= 2) {
        m.xShmMap = x_shm_map;
        m.xShmLock = x_shm_lock;
        m.xShmBarrier = x_shm_barrier;
        m.xShmUnmap = x_shm_unmap;
    }
    if (real->iVersion >= 3) {
        m.xFetch = x_fetch;
        m.xUnfetch = x_unfetch;
    }
    return m;
}

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    auto* f = self(file);
    f->real = reinterpret_cast<sqlite3_file*>(f + 1);
    f->is_wal = (flags & SQLITE_OPEN_WAL) != 0;
    f->gathered = nullptr;
    f->start = 0;
    f->base.pMethods = nullptr;
    int rc = real_vfs()->xOpen(real_vfs(), name, f->real, flags, out_flags);
    if (!f->real->pMethods) return rc; // nothing to close
    // One methods table per version of the real ones (the unix VFS uses a few).
    static std::mutex m;
    static std::vector<std::pair<const sqlite3_io_methods*, sqlite3_io_methods*>> tables;
    {
        std::lock_guard lock(m);
        sqlite3_io_methods* mine = nullptr;
        for (auto& [real, ours] : tables)
            if (real == f->real->pMethods) mine = ours;
        if (!mine) {
            mine = new sqlite3_io_methods(methods_like(f->real->pMethods)); // kept for the process
            tables.emplace_back(f->real->pMethods, mine);
        }
        f->base.pMethods = mine;
    }
    if (f->is_wal) f->gathered = new std::vector<char>();
    return rc;
}

sqlite3_vfs* make_vfs() {
    auto* v = new sqlite3_vfs(*real_vfs()); // kept for the process: SQLite holds on to it
    v->zName = "motcua-wal-gather";
    v->szOsFile = int(sizeof(wrapped_file)) + real_vfs()->szOsFile;
    v->pNext = nullptr;
    v->xOpen = x_open;
    // Everything else (delete, access, full pathname, randomness, time…) is the real VFS's own,
    // and takes the real VFS as its first argument.
    v->pAppData = real_vfs()->pAppData;
    return v;
}

} // namespace

const char* wal_buffer_vfs() {
    static const char* name = [] {
        sqlite3_vfs* v = make_vfs();
        sqlite3_vfs_register(v, 0);
        return v->zName;
    }();
    return name;
}

} // namespace motcua::server
