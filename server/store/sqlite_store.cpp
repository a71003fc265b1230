// SQLite backend of dossier_store. A whole put_batch is one BEGIN IMMEDIATE transaction, so one
// fsync covers the batch (the group commit); the primary key on the submission id is what keeps
// a dossier unique. Checkpoints run on a thread of their own (sqlite_store::checkpointer).
#include "server/store/sqlite_store.hpp"

#include "server/store/sqlite_wal_buffer.hpp"

#include "server/log/log.hpp"
#include "server/store/receipt_json.hpp"
#include "shared/dossier/dossier_code.hpp"
#include "shared/protocol/errors.hpp"

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include <pthread.h>

namespace motcua::server {

namespace {

constexpr std::string_view schema = R"sql(
-- Rows go in arrival order (rowid); the random UUIDs only touch the small unique index, so a
-- batch dirties few pages.
CREATE TABLE IF NOT EXISTS dossiers (
  submission_id   BLOB NOT NULL UNIQUE,   -- the client's UUID: one dossier per id
  submission_hash BLOB NOT NULL,          -- BLAKE2b of the canonical bytes, to spot a changed retry
  dossier_code    TEXT NOT NULL UNIQUE,
  agency          TEXT NOT NULL,
  procedure       TEXT NOT NULL,
  received_at     INTEGER NOT NULL,
  device_key      BLOB NOT NULL,
  canonical       BLOB NOT NULL,          -- exactly what the citizen signed
  signature       BLOB NOT NULL,
  receipt_json    TEXT NOT NULL           -- unsigned (signed when handed out; older rows carry one)
);
CREATE TABLE IF NOT EXISTS dossier_sequences (
  agency TEXT NOT NULL,
  day    TEXT NOT NULL,                   -- YYYY-MM-DD, the receiving date
  last   INTEGER NOT NULL,
  PRIMARY KEY (agency, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS devices (
  device_key    BLOB PRIMARY KEY,
  registered_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_counters (
  device_key BLOB PRIMARY KEY,
  last       INTEGER NOT NULL             -- the device's last feed cursor
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_entries (
  device_key    BLOB NOT NULL,
  cursor        INTEGER NOT NULL,
  submission_id BLOB NOT NULL,
  dossier_code  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  document      TEXT NOT NULL,
  note_vi       TEXT NOT NULL,
  note_en       TEXT NOT NULL,
  server_key    BLOB NOT NULL,
  signature     BLOB NOT NULL,            -- empty: signed when read (older rows: the same, made anew)
  UNIQUE (device_key, cursor)
);
CREATE TABLE IF NOT EXISTS attachments (
  hash       BLOB PRIMARY KEY,            -- BLAKE2b-256 of the whole content
  size       INTEGER NOT NULL,            -- announced
  media_type TEXT NOT NULL,
  received   INTEGER NOT NULL,
  complete   INTEGER NOT NULL
) WITHOUT ROWID;
-- One row per appended chunk, so resuming an upload never rewrites what is already held.
CREATE TABLE IF NOT EXISTS attachment_chunks (
  hash  BLOB NOT NULL,
  start INTEGER NOT NULL,
  data  BLOB NOT NULL,
  PRIMARY KEY (hash, start)
);
PRAGMA user_version = 1;
)sql";

error dossier_unknown() {
    return error{"dossier_unknown", "Không tìm thấy hồ sơ.", "No dossier is stored under this submission id."};
}

// Resets a cached statement when the scope ends, so no statement stays active across COMMIT.
struct reset_after {
    sqlite::statement& s;
    ~reset_after() { s.reset(); }
};

crypto::public_key to_key(const std::vector<std::uint8_t>& b) {
    crypto::public_key k{};
    if (b.size() == k.size()) std::copy(b.begin(), b.end(), k.begin());
    return k;
}

protocol::attachment_state state_from(const crypto::digest& hash, sqlite::statement& s) {
    return {hash, std::uint64_t(s.column_int64(0)), std::uint64_t(s.column_int64(1)), s.column_int64(2) != 0,
            s.column_text(3)};
}

constexpr std::string_view feed_columns =
    "device_key, cursor, submission_id, dossier_code, status, at, document, note_vi, note_en, server_key, signature";
// What feed_from reads: all but the signature.
constexpr std::string_view feed_read_columns =
    "device_key, cursor, submission_id, dossier_code, status, at, document, note_vi, note_en, server_key";

void bind_feed(sqlite::statement& s, const protocol::feed_entry& e) {
    s.bind_blob(1, e.device_key)
        .bind(2, e.cursor)
        .bind_blob(3, e.submission_id.bytes)
        .bind(4, e.dossier_code)
        .bind(5, std::int64_t(e.status))
        .bind(6, e.at)
        .bind(7, e.document)
        .bind(8, e.note_vi)
        .bind(9, e.note_en)
        .bind_blob(10, e.server_key)
        .bind_blob(11, std::span<const std::uint8_t>()); // unsigned: the API layer signs what it hands out
}

protocol::feed_entry feed_from(sqlite::statement& s) {
    protocol::feed_entry e;
    e.device_key = to_key(s.column_blob(0));
    e.cursor = s.column_int64(1);
    auto id = s.column_blob(2);
    if (id.size() == e.submission_id.bytes.size()) std::copy(id.begin(), id.end(), e.submission_id.bytes.begin());
    e.dossier_code = s.column_text(3);
    e.status = int(s.column_int64(4));
    e.at = s.column_int64(5);
    e.document = s.column_text(6);
    e.note_vi = s.column_text(7);
    e.note_en = s.column_text(8);
    e.server_key = to_key(s.column_blob(9));
    return e;
}

} // namespace

// The statements every put_batch runs, prepared once on the write connection.
struct sqlite_store::write_statements {
    sqlite::statement find;
    sqlite::statement take_number;
    sqlite::statement number_taken;
    sqlite::statement insert_dossier;
    sqlite::statement take_cursor;
    sqlite::statement cursor_taken;
    sqlite::statement insert_feed;
};

struct sqlite_store::item_result {
    result<put_result> value;
    bool fatal = false; // a storage failure: the whole batch is rolled back
};

// Checkpoints, off the commit path. The writer's WAL hook, called after each commit with the
// write lock released, wakes the background thread when enough pages wait to be copied; at the
// WAL's bound the committing thread checkpoints itself instead, waiting for readers, so the WAL
// stays bounded even when the background thread falls behind.
class sqlite_store::checkpointer {
  public:
    checkpointer(sqlite::database own, sqlite3* writer, const sqlite_options& o)
        : db_(std::move(own)), writer_(writer), options_(o) {
        if (options_.background_checkpoints)
            thread_ = std::thread([this] {
                pthread_setname_np(pthread_self(), "motcua-ckpt");
                run();
            });
        sqlite3_wal_hook(writer_, &checkpointer::on_commit, this);
    }
    ~checkpointer() {
        sqlite3_wal_hook(writer_, nullptr, nullptr);
        {
            std::lock_guard lock(m_);
            stopping_ = true;
        }
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
        else checkpoint(db_.handle(), SQLITE_CHECKPOINT_PASSIVE, background_);
    }
    checkpoint_counts counts() const { return {background_.load(), blocking_.load()}; }

  private:
    static int on_commit(void* self, sqlite3* db, const char*, int pages) {
        auto& c = *static_cast<checkpointer*>(self);
        if (pages >= c.options_.wal_limit_pages) {
            c.checkpoint(db, SQLITE_CHECKPOINT_RESTART, c.blocking_);
            return SQLITE_OK;
        }
        std::int64_t copied = c.copied_.load();
        if (pages < copied) c.copied_ = copied = 0; // the WAL has started over since
        const auto& o = c.options_;
        // Near the bound, copy in smaller steps: what is left for the committer's checkpoint is less.
        const std::int64_t step = pages >= o.wal_limit_pages - o.checkpoint_pages ? o.checkpoint_pages / 8
                                                                                   : o.checkpoint_pages;
        if (o.background_checkpoints && pages - copied >= step) {
            {
                std::lock_guard lock(c.m_);
                c.wanted_ = true;
            }
            c.wake_.notify_one();
        }
        return SQLITE_OK; // the commit has happened whatever a checkpoint does
    }

    void run() {
        for (;;) {
            {
                std::unique_lock lock(m_);
                wake_.wait(lock, [&] { return wanted_ || stopping_; });
                if (stopping_) break;
                wanted_ = false;
            }
            checkpoint(db_.handle(), SQLITE_CHECKPOINT_PASSIVE, background_);
        }
        checkpoint(db_.handle(), SQLITE_CHECKPOINT_PASSIVE, background_); // the last one
    }

    void checkpoint(sqlite3* db, int mode, std::atomic<std::int64_t>& count) {
        // SQLite answers a second checkpoint at once with SQLITE_BUSY rather than waiting: one at a time.
        std::lock_guard lock(running_);
        int frames = 0, copied = 0;
        int rc = sqlite3_wal_checkpoint_v2(db, "main", mode, &frames, &copied);
        ++count;
        if (rc == SQLITE_OK) copied_ = mode == SQLITE_CHECKPOINT_RESTART ? 0 : copied;
        else if (rc != SQLITE_BUSY) // busy: another instance is checkpointing, or a reader held on
            log::warn("wal_checkpoint_failed",
                      {{"mode", mode == SQLITE_CHECKPOINT_RESTART ? "restart" : "passive"},
                       {"detail", sqlite3_errmsg(db)}});
    }

    sqlite::database db_; // a connection of its own
    sqlite3* writer_;
    const sqlite_options options_;
    std::mutex m_;
    std::condition_variable wake_;
    bool wanted_ = false, stopping_ = false;
    std::mutex running_;
    std::atomic<std::int64_t> copied_{0}; // frames of the current WAL already in the database file
    std::atomic<std::int64_t> background_{0}, blocking_{0};
    std::thread thread_;
};

sqlite_store::sqlite_store(sqlite::database writer, sqlite::database reader, std::unique_ptr<write_statements> st)
    : write_(std::move(writer)), st_(std::move(st)), reader_(std::move(reader)),
      read_(reader_.handle() ? reader_ : write_), read_mutex_(reader_.handle() ? reader_mutex_ : write_mutex_) {}

sqlite_store::~sqlite_store() {
    std::lock_guard lock(write_mutex_); // no commit runs while the hook goes
    checkpointer_.reset();
}

checkpoint_counts sqlite_store::checkpoints() const {
    return checkpointer_ ? checkpointer_->counts() : checkpoint_counts{};
}

result<std::unique_ptr<sqlite_store>> sqlite_store::open(const std::filesystem::path& file,
                                                         const sqlite_options& options) {
    // The writer's WAL writes are gathered per transaction (it syncs every commit: FULL, below).
    auto writer = sqlite::database::open(file.string(), options.gather_wal_writes ? wal_buffer_vfs() : nullptr);
    if (!writer) return writer.err();
    // A larger page cache and memory-mapped reads: fewer system calls per batch. The automatic
    // checkpoint would run inside a commit, on the committer's thread: the checkpointer does it.
    constexpr std::string_view pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                                         "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456; "
                                         "PRAGMA wal_autocheckpoint=0;";
    auto setup = writer->exec(pragmas);
    if (setup) setup = writer->exec(schema);
    if (!setup) return setup.err();
    // An in-memory database is private to its connection: the writer reads it too.
    sqlite::database reader, checkpoints;
    if (file != ":memory:") {
        auto opened = sqlite::database::open(file.string());
        if (!opened) return opened.err();
        if (auto r = opened->exec("PRAGMA query_only=ON; PRAGMA cache_size=-16384; PRAGMA mmap_size=268435456;"); !r)
            return r.err();
        reader = std::move(*opened);
        // A checkpoint syncs the WAL before it copies and the database file after: FULL, as the writer.
        auto own = sqlite::database::open(file.string());
        if (!own) return own.err();
        if (auto r = own->exec("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;"); !r) return r.err();
        checkpoints = std::move(*own);
        // When the WAL starts over after passing its bound, it is cut back to that (default page size).
        auto limit = std::to_string(options.wal_limit_pages * (4096 + 24));
        if (auto r = writer->exec("PRAGMA journal_size_limit=" + limit + ";"); !r) return r.err();
    }

    auto st = std::make_unique<write_statements>();
    struct {
        sqlite::statement* into;
        std::string sql;
    } const prepared[] = {
        {&st->find, "SELECT submission_hash, receipt_json FROM dossiers WHERE submission_id = ?"},
        // The WHERE leaves a full day's counter as it is (no change): the capacity answer. The
        // number is read by a second statement: RETURNING would build a temporary table each time.
        {&st->take_number,
         "INSERT INTO dossier_sequences(agency, day, last) VALUES (?, ?, 1) ON CONFLICT(agency, day) DO UPDATE "
         "SET last = last + 1 WHERE last < " + std::to_string(dossier::max_daily_sequence)},
        {&st->number_taken, "SELECT last FROM dossier_sequences WHERE agency = ? AND day = ?"},
        {&st->insert_dossier,
         "INSERT INTO dossiers(submission_id, submission_hash, dossier_code, agency, procedure, received_at, "
         "device_key, canonical, signature, receipt_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT(submission_id) DO NOTHING"},
        {&st->take_cursor, "INSERT INTO feed_counters(device_key, last) VALUES (?, 1) ON CONFLICT(device_key) "
                           "DO UPDATE SET last = last + 1"},
        {&st->cursor_taken, "SELECT last FROM feed_counters WHERE device_key = ?"},
        {&st->insert_feed, "INSERT INTO feed_entries(" + std::string(feed_columns) +
                               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
    };
    for (const auto& p : prepared) {
        auto s = writer->prepare(p.sql);
        if (!s) return s.err();
        *p.into = std::move(*s);
    }
    sqlite3* writer_handle = writer->handle();
    std::unique_ptr<sqlite_store> store(
        new sqlite_store(std::move(*writer), std::move(reader), std::move(st)));
    if (checkpoints.handle())
        store->checkpointer_ = std::make_unique<checkpointer>(std::move(checkpoints), writer_handle, options);
    return store;
}

// ---- submissions ----

result<std::int64_t> sqlite_store::next_cursor(const crypto::public_key& device) {
    auto& take = st_->take_cursor;
    auto& taken = st_->cursor_taken;
    reset_after r1{take}, r2{taken};
    take.bind_blob(1, device).step();
    taken.bind_blob(1, device);
    if (!take.ok() || !taken.step()) return sqlite::storage_error("feed cursor: " + write_.last_error());
    return taken.column_int64(0);
}

sqlite_store::item_result sqlite_store::put_one(const put_request& req) {
    const auto& body = req.submission.body;
    const auto& hash = req.receipt.submission_hash;
    auto fatal = [&](const char* where) {
        return item_result{sqlite::storage_error(std::string(where) + ": " + write_.last_error()), true};
    };

    // The write lock of BEGIN IMMEDIATE is held, so no other writer can insert this id between
    // this read and the insert below; the primary key is still what guarantees it.
    {
        auto& find = st_->find;
        reset_after r{find};
        find.bind_blob(1, body.id.bytes);
        if (find.step()) {
            if (!crypto::equal(find.column_blob(0), hash)) return {put_result{put_outcome::conflict, {}}};
            auto receipt = stored_receipt(find.column_text(1));
            if (!receipt) return {sqlite::storage_error("stored receipt unreadable"), true};
            return {put_result{put_outcome::repeated, std::move(*receipt)}};
        }
        if (!find.ok()) return fatal("find");
    }

    // A code that cannot be formatted (agency shape, year) is refused before a number is taken.
    if (auto check = dossier::format_dossier_code({body.agency, req.received, 1}); !check) return {check.err()};
    std::int64_t number = 0;
    {
        auto& take = st_->take_number;
        auto& taken = st_->number_taken;
        reset_after r1{take}, r2{taken};
        const auto day = to_iso(req.received);
        take.bind(1, body.agency).bind(2, day).step();
        if (!take.ok()) return fatal("sequence");
        if (write_.changes() == 0) return {protocol::make_error(protocol::errors::daily_capacity)};
        taken.bind(1, body.agency).bind(2, day);
        if (!taken.step()) return fatal("sequence");
        number = taken.column_int64(0);
    }
    auto code = dossier::format_dossier_code({body.agency, req.received, int(number)});
    if (!code) return {code.err(), true};

    submission::receipt receipt = req.receipt;
    receipt.dossier_code = *code;
    receipt.signature = {};
    {
        auto& insert = st_->insert_dossier;
        reset_after r{insert};
        insert.bind_blob(1, body.id.bytes)
            .bind_blob(2, hash)
            .bind(3, *code)
            .bind(4, body.agency)
            .bind(5, body.procedure)
            .bind(6, receipt.received_at)
            .bind_blob(7, body.device_key)
            .bind_blob(8, req.canonical)
            .bind_blob(9, req.submission.signature)
            .bind(10, receipt_json(receipt));
        insert.step();
        if (!insert.ok()) return fatal("insert dossier");
        // Cannot happen under the write lock after the find above; if it did, the sequence
        // number just taken would be burnt, so fail rather than answer wrongly.
        if (write_.changes() != 1) return {sqlite::storage_error("dossier inserted concurrently"), true};
    }

    auto cursor = next_cursor(body.device_key);
    if (!cursor) return {cursor.err(), true};
    protocol::feed_entry entry = req.received_entry;
    entry.device_key = body.device_key;
    entry.cursor = *cursor;
    entry.submission_id = body.id;
    entry.dossier_code = *code;
    if (entry.status == 0) entry.status = 2;
    if (entry.document.empty()) entry.document = "receipt";
    if (entry.at == 0) entry.at = receipt.received_at;
    {
        auto& insert = st_->insert_feed;
        reset_after r{insert};
        bind_feed(insert, entry);
        insert.step();
        if (!insert.ok()) return fatal("insert feed entry");
    }
    return {put_result{put_outcome::created, std::move(receipt)}};
}

std::vector<result<put_result>> sqlite_store::put_batch(std::span<const put_request> batch) {
    auto fail_all = [&](const error& e) {
        return std::vector<result<put_result>>(batch.size(), result<put_result>(e));
    };
    std::lock_guard lock(write_mutex_);
    sqlite::transaction tx(write_);
    if (auto begun = tx.begin(); !begun) return fail_all(begun.err());
    std::vector<result<put_result>> out;
    out.reserve(batch.size());
    for (const auto& req : batch) {
        auto item = put_one(req);
        if (item.fatal) return fail_all(item.value.err()); // the transaction rolls back
        out.push_back(std::move(item.value));
    }
    if (auto done = tx.commit(); !done) return fail_all(done.err());
    return out;
}

std::optional<submission::receipt> sqlite_store::find_receipt(const uuid& id) {
    std::lock_guard lock(read_mutex_);
    auto find = read_.prepare("SELECT receipt_json FROM dossiers WHERE submission_id = ?");
    if (!find) return std::nullopt;
    find->bind_blob(1, id.bytes);
    if (!find->step()) return std::nullopt;
    auto r = stored_receipt(find->column_text(0));
    if (!r) return std::nullopt;
    return *r;
}

std::int64_t sqlite_store::count_dossiers() {
    std::lock_guard lock(read_mutex_);
    auto count = read_.prepare("SELECT count(*) FROM dossiers");
    return count && count->step() ? count->column_int64(0) : -1;
}

std::optional<submission::signed_submission> sqlite_store::find_submission(const uuid& id) {
    std::lock_guard lock(read_mutex_);
    auto find = read_.prepare("SELECT canonical, signature FROM dossiers WHERE submission_id = ?");
    if (!find) return std::nullopt;
    find->bind_blob(1, id.bytes);
    if (!find->step()) return std::nullopt;
    auto body = submission::decode_canonical(find->column_blob(0));
    auto sig = find->column_blob(1);
    if (!body || sig.size() != crypto::signature{}.size()) return std::nullopt;
    submission::signed_submission s{std::move(*body), {}};
    std::copy(sig.begin(), sig.end(), s.signature.begin());
    return s;
}

// ---- devices ----

result<bool> sqlite_store::register_device(const crypto::public_key& device, std::int64_t at) {
    std::lock_guard lock(write_mutex_);
    auto insert = write_.prepare("INSERT INTO devices(device_key, registered_at) VALUES (?, ?) "
                                 "ON CONFLICT(device_key) DO NOTHING");
    if (!insert) return insert.err();
    insert->bind_blob(1, device).bind(2, at);
    insert->step();
    if (!insert->ok()) return sqlite::storage_error("register device: " + write_.last_error());
    return write_.changes() == 1;
}

result<bool> sqlite_store::device_known(const crypto::public_key& device) {
    std::lock_guard lock(read_mutex_);
    auto find = read_.prepare("SELECT 1 FROM devices WHERE device_key = ?");
    if (!find) return find.err();
    find->bind_blob(1, device);
    bool known = find->step();
    if (!find->ok()) return sqlite::storage_error("device: " + read_.last_error());
    return known;
}

// ---- attachments ----

result<protocol::attachment_state> sqlite_store::begin_attachment(const crypto::digest& hash, std::uint64_t size,
                                                                  const std::string& media_type) {
    if (size > protocol::max_attachment_size) return protocol::make_error(protocol::errors::attachment_too_large);
    std::lock_guard lock(write_mutex_);
    sqlite::transaction tx(write_);
    if (auto begun = tx.begin(); !begun) return begun.err();
    auto insert = write_.prepare("INSERT INTO attachments(hash, size, media_type, received, complete) "
                                 "VALUES (?, ?, ?, 0, 0) ON CONFLICT(hash) DO NOTHING");
    if (!insert) return insert.err();
    insert->bind_blob(1, hash).bind(2, std::int64_t(size)).bind(3, media_type);
    insert->step();
    if (!insert->ok()) return sqlite::storage_error("begin attachment: " + write_.last_error());
    insert = sqlite::statement();
    auto find = write_.prepare("SELECT size, received, complete, media_type FROM attachments WHERE hash = ?");
    if (!find) return find.err();
    find->bind_blob(1, hash);
    if (!find->step()) return sqlite::storage_error("begin attachment: " + write_.last_error());
    auto state = state_from(hash, *find);
    find = sqlite::statement();
    if (auto done = tx.commit(); !done) return done.err();
    return state;
}

result<std::optional<protocol::attachment_state>> sqlite_store::attachment(const crypto::digest& hash) {
    std::lock_guard lock(read_mutex_);
    auto find = read_.prepare("SELECT size, received, complete, media_type FROM attachments WHERE hash = ?");
    if (!find) return find.err();
    find->bind_blob(1, hash);
    if (find->step()) return std::optional(state_from(hash, *find));
    if (!find->ok()) return sqlite::storage_error("attachment: " + read_.last_error());
    return std::optional<protocol::attachment_state>();
}

result<append_result> sqlite_store::append_attachment(const crypto::digest& hash, std::uint64_t offset,
                                                      std::span<const std::uint8_t> bytes) {
    std::lock_guard lock(write_mutex_);
    auto fail = [&](const char* where) { return sqlite::storage_error(std::string(where) + ": " + write_.last_error()); };
    sqlite::transaction tx(write_);
    if (auto begun = tx.begin(); !begun) return begun.err();

    protocol::attachment_state state;
    {
        auto find = write_.prepare("SELECT size, received, complete, media_type FROM attachments WHERE hash = ?");
        if (!find) return find.err();
        find->bind_blob(1, hash);
        if (!find->step()) {
            if (!find->ok()) return fail("append attachment");
            return append_result{attachment_outcome::unknown, {}};
        }
        state = state_from(hash, *find);
    }
    if (state.complete) return append_result{attachment_outcome::ok, state};
    if (offset != state.received) return append_result{attachment_outcome::offset_mismatch, state};
    if (bytes.size() > state.size - state.received) return append_result{attachment_outcome::too_long, state};

    if (!bytes.empty()) {
        auto chunk = write_.prepare("INSERT INTO attachment_chunks(hash, start, data) VALUES (?, ?, ?)");
        if (!chunk) return chunk.err();
        chunk->bind_blob(1, hash).bind(2, std::int64_t(offset)).bind_blob(3, bytes);
        chunk->step();
        if (!chunk->ok()) return fail("append chunk");
        state.received += bytes.size();
    }
    if (state.received == state.size) {
        // The last byte is in: the whole must hash to its name, or the upload is dropped.
        encoding::bytes whole;
        whole.reserve(state.size);
        {
            auto read = write_.prepare("SELECT data FROM attachment_chunks WHERE hash = ? ORDER BY start");
            if (!read) return read.err();
            read->bind_blob(1, hash);
            while (read->step()) {
                auto part = read->column_blob(0);
                whole.insert(whole.end(), part.begin(), part.end());
            }
            if (!read->ok()) return fail("read chunks");
        }
        if (whole.size() != state.size || !crypto::equal(crypto::hash(whole), hash)) {
            if (auto d = write_.prepare("DELETE FROM attachment_chunks WHERE hash = ?"); d) {
                d->bind_blob(1, hash);
                d->step();
                if (!d->ok()) return fail("drop chunks");
            } else return d.err();
            if (auto d = write_.prepare("DELETE FROM attachments WHERE hash = ?"); d) {
                d->bind_blob(1, hash);
                d->step();
                if (!d->ok()) return fail("drop attachment");
            } else return d.err();
            if (auto done = tx.commit(); !done) return done.err();
            return append_result{attachment_outcome::hash_mismatch, {}};
        }
        state.complete = true;
    }
    auto update = write_.prepare("UPDATE attachments SET received = ?, complete = ? WHERE hash = ?");
    if (!update) return update.err();
    update->bind(1, std::int64_t(state.received)).bind(2, std::int64_t(state.complete)).bind_blob(3, hash);
    update->step();
    if (!update->ok()) return fail("update attachment");
    update = sqlite::statement();
    if (auto done = tx.commit(); !done) return done.err();
    return append_result{attachment_outcome::ok, state};
}

result<std::optional<encoding::bytes>> sqlite_store::read_attachment(const crypto::digest& hash) {
    std::lock_guard lock(read_mutex_);
    // One read transaction, so the state and the chunks are seen at the same moment.
    sqlite::transaction tx(read_);
    if (auto begun = tx.begin("BEGIN"); !begun) return begun.err();
    auto find = read_.prepare("SELECT size, complete FROM attachments WHERE hash = ?");
    if (!find) return find.err();
    find->bind_blob(1, hash);
    if (!find->step()) {
        if (!find->ok()) return sqlite::storage_error("read attachment: " + read_.last_error());
        return std::optional<encoding::bytes>();
    }
    if (find->column_int64(1) == 0) return std::optional<encoding::bytes>();
    encoding::bytes whole;
    whole.reserve(std::size_t(find->column_int64(0)));
    auto read = read_.prepare("SELECT data FROM attachment_chunks WHERE hash = ? ORDER BY start");
    if (!read) return read.err();
    read->bind_blob(1, hash);
    while (read->step()) {
        auto part = read->column_blob(0);
        whole.insert(whole.end(), part.begin(), part.end());
    }
    if (!read->ok()) return sqlite::storage_error("read attachment: " + read_.last_error());
    return std::optional(std::move(whole));
}

// ---- feed ----

result<protocol::feed_entry> sqlite_store::append_feed(const uuid& submission, int status, std::int64_t at,
                                                       const std::string& document, const std::string& note_vi,
                                                       const std::string& note_en) {
    std::lock_guard lock(write_mutex_);
    sqlite::transaction tx(write_);
    if (auto begun = tx.begin(); !begun) return begun.err();
    protocol::feed_entry e;
    {
        auto find = write_.prepare("SELECT device_key, dossier_code FROM dossiers WHERE submission_id = ?");
        if (!find) return find.err();
        find->bind_blob(1, submission.bytes);
        if (!find->step()) {
            if (!find->ok()) return sqlite::storage_error("append feed: " + write_.last_error());
            return dossier_unknown();
        }
        e.device_key = to_key(find->column_blob(0));
        e.dossier_code = find->column_text(1);
    }
    auto cursor = next_cursor(e.device_key);
    if (!cursor) return cursor.err();
    e.cursor = *cursor;
    e.submission_id = submission;
    e.status = status;
    e.at = at;
    e.document = document;
    e.note_vi = note_vi;
    e.note_en = note_en;
    {
        auto& insert = st_->insert_feed;
        reset_after r{insert};
        bind_feed(insert, e);
        insert.step();
        if (!insert.ok()) return sqlite::storage_error("append feed: " + write_.last_error());
    }
    if (auto done = tx.commit(); !done) return done.err();
    return e;
}

result<std::vector<protocol::feed_entry>> sqlite_store::feed_after(const crypto::public_key& device,
                                                                   std::int64_t after, std::size_t limit) {
    std::lock_guard lock(read_mutex_);
    auto find = read_.prepare("SELECT " + std::string(feed_read_columns) +
                              " FROM feed_entries WHERE device_key = ? AND cursor > ? ORDER BY cursor LIMIT ?");
    if (!find) return find.err();
    find->bind_blob(1, device).bind(2, after).bind(3, std::int64_t(limit));
    std::vector<protocol::feed_entry> out;
    while (find->step()) out.push_back(feed_from(*find));
    if (!find->ok()) return sqlite::storage_error("feed: " + read_.last_error());
    return out;
}

} // namespace motcua::server
