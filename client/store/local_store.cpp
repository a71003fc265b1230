// The client's SQLite schema and queries.
#include "client/store/local_store.hpp"

#include "shared/protocol/json_codec.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace motcua::client {

namespace {

// The schema's history: step k takes a store from version k to k + 1, and a new store runs them
// all. A step is never edited once released (phones hold stores of every version); a change is a
// new step, with a test that opens a store of each earlier version (local_store_migration_test).
// The browser's SQLite is built without ALTER TABLE (cmake/third_party_wasm.cmake): a step rebuilds a
// table by copying it instead. The browser tests open a version 1 store in the real app.
// Version 1: the walking skeleton (its files say user_version 0 but hold these tables).
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS drafts (
  procedure    TEXT PRIMARY KEY,
  form_version INTEGER NOT NULL,
  values_json  TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
  id              TEXT PRIMARY KEY,
  procedure       TEXT NOT NULL,
  title           TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  request_json    TEXT NOT NULL,
  canonical       BLOB NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'received', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  error_code      TEXT,
  error_vi        TEXT,
  error_en        TEXT,
  receipt_json    TEXT NOT NULL DEFAULT '',
  dossier_code    TEXT NOT NULL DEFAULT '',
  due_date        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_attempt_at);
CREATE TABLE IF NOT EXISTS attachments (
  hash       BLOB PRIMARY KEY,            -- BLAKE2b-256 of the content: the same photo is kept once
  media_type TEXT NOT NULL,
  content    BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed (
  cursor        INTEGER PRIMARY KEY,      -- the server's per-device cursor
  submission_id TEXT NOT NULL,
  status        INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  entry_json    TEXT NOT NULL             -- the signed entry as received, verifiable again later
);
CREATE INDEX IF NOT EXISTS feed_by_submission ON feed(submission_id, cursor);
)sql";

// Version 2: drafts have ids of their own (several drafts of one procedure), and a draft's
// attachment list is part of it (it was a meta entry per procedure). Old drafts keep their text.
constexpr std::string_view schema_v2 = R"sql(
CREATE TABLE drafts_v1 AS SELECT * FROM drafts;
DROP TABLE drafts;
CREATE TABLE drafts (
  id               TEXT PRIMARY KEY,
  procedure        TEXT NOT NULL,
  form_version     INTEGER NOT NULL,
  values_json      TEXT NOT NULL,
  attachments_json TEXT NOT NULL DEFAULT '[]',
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX drafts_by_procedure ON drafts(procedure, updated_at);
INSERT INTO drafts(id, procedure, form_version, values_json, attachments_json, created_at, updated_at)
  SELECT 'draft-' || procedure, procedure, form_version, values_json,
         coalesce((SELECT CAST(value AS TEXT) FROM meta WHERE key = 'draft_attachments:' || procedure), '[]'),
         updated_at, updated_at
  FROM drafts_v1;
-- A list of attachments with nothing typed yet was a draft too.
INSERT INTO drafts(id, procedure, form_version, values_json, attachments_json, created_at, updated_at)
  SELECT 'draft-' || substr(key, 19), substr(key, 19), 1, '{}', CAST(value AS TEXT), 0, 0
  FROM meta WHERE key LIKE 'draft\_attachments:%' ESCAPE '\'
    AND substr(key, 19) NOT IN (SELECT procedure FROM drafts_v1) AND CAST(value AS TEXT) <> '[]';
DELETE FROM meta WHERE key LIKE 'draft\_attachments:%' ESCAPE '\';
DROP TABLE drafts_v1;
)sql";

// Version 3: attached files leave the database for the blob store (blob_store.hpp), which
// move_attachments_out fills in the same step, before this runs.
constexpr std::string_view schema_v3 = R"sql(
DROP TABLE attachments;
)sql";

constexpr std::string_view migrations[] = {schema_v1, schema_v2, schema_v3};

// The files a version 2 store kept in its attachments table, put in the blob store. The platform
// writes them with the commit that drops the table (one transaction), so none is ever lost.
status move_attachments_out(sqlite::database& db, blob_store& blobs) {
    auto st = db.prepare("SELECT hash, media_type, content FROM attachments");
    if (!st) return st.err();
    while (st->step()) {
        const auto hash = st->column_blob(0);
        if (hash.size() != crypto::digest{}.size()) continue; // never written so; nothing names it
        crypto::digest d;
        std::copy(hash.begin(), hash.end(), d.begin());
        const auto content = st->column_blob(2);
        blobs.put(d, st->column_text(1), content);
    }
    if (!st->ok()) return sqlite::storage_error(db.last_error());
    return ok_status();
}

constexpr std::string_view outbox_columns =
    "id, procedure, title, created_at, request_json, canonical, state, attempts, next_attempt_at, "
    "error_code, error_vi, error_en, receipt_json, dossier_code, due_date";

outbox_item read_item(const sqlite::statement& st) {
    outbox_item it;
    it.id = st.column_text(0);
    it.procedure = st.column_text(1);
    it.title = st.column_text(2);
    it.created_at_ms = st.column_int64(3);
    it.request_json = st.column_text(4);
    it.canonical = st.column_blob(5);
    auto state = st.column_text(6);
    it.state = state == "received" ? outbox_state::received
               : state == "failed" ? outbox_state::failed
                                   : outbox_state::queued;
    it.attempts = int(st.column_int64(7));
    it.next_attempt_ms = st.column_int64(8);
    if (!st.column_is_null(9)) it.last_error = error{st.column_text(9), st.column_text(10), st.column_text(11)};
    it.receipt_json = st.column_text(12);
    it.dossier_code = st.column_text(13);
    it.due_date = st.column_text(14);
    return it;
}

} // namespace

result<local_store> local_store::open(const std::string& path, std::function<void()> on_commit, const char* vfs,
                                      blob_store* blobs) {
    // Natively, attached files sit in a folder beside the database file.
    const bool on_disk = !vfs && path != ":memory:" && !path.empty();
    auto own_blobs = blobs ? nullptr : std::make_unique<blob_store>(blob_store::in_directory(on_disk ? path + ".files" : ""));
    if (!blobs) blobs = own_blobs.get();
    auto db = sqlite::database::open(path, vfs);
    if (!db) return db.err();
    // The file lives in memory and the platform makes each commit's changed blocks durable, so a
    // journal file would only be extra work; in memory it still makes a commit atomic. The page
    // VFS needs synchronous=NORMAL: its sync at the end of a commit is what hands the blocks over.
    auto setup = db->exec(vfs ? "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"
                              : "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;");
    if (!setup) return setup.err();
    if (auto m = migrate(*db, latest_schema_version, *blobs); !m) return m.err();
    local_store store(std::move(*db), std::move(on_commit), blobs, std::move(own_blobs));
    store.release_unreferenced_attachments();
    return store;
}

status local_store::migrate(sqlite::database& db, int to_version, blob_store& blobs) {
    auto version_of = [&db]() -> int {
        auto st = db.prepare("PRAGMA user_version");
        if (!st || !st->step()) return -1;
        const int v = int(st->column_int64(0));
        if (v != 0) return v;
        // Version 1 stores did not count: they are the ones that have tables.
        auto tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outbox'");
        return tables && tables->step() && tables->column_int64(0) > 0 ? 1 : 0;
    };
    int version = version_of();
    if (version < 0) return sqlite::storage_error(db.last_error());
    if (version > int(std::size(migrations)))
        return error{"store_too_new", "Dữ liệu trên máy do một phiên bản mới hơn của ứng dụng tạo ra; hãy tải lại trang để cập nhật.",
                     "The data on this device was made by a newer version of the app; reload the page to update."};
    for (; version < to_version; ++version) {
        // Each step and its version number in one transaction: a crash leaves one or the other.
        sqlite::transaction tx(db);
        if (auto s = tx.begin(); !s) return s;
        if (version == 2)
            if (auto s = move_attachments_out(db, blobs); !s) return s;
        if (auto s = db.exec(migrations[version]); !s) return s;
        if (auto s = db.exec("PRAGMA user_version = " + std::to_string(version + 1)); !s) return s;
        if (auto s = tx.commit(); !s) return s;
    }
    return ok_status();
}

std::string local_store::integrity_check() {
    auto st = db_.prepare("PRAGMA integrity_check");
    if (!st || !st->step()) return "integrity_check failed: " + db_.last_error();
    return st->column_text(0);
}

status local_store::committed(status s) {
    if (s && on_commit_) on_commit_();
    return s;
}

std::optional<std::vector<std::uint8_t>> local_store::meta(const std::string& key) {
    auto st = db_.prepare("SELECT value FROM meta WHERE key = ?");
    if (!st) return std::nullopt;
    st->bind(1, key);
    if (!st->step()) return std::nullopt;
    return st->column_blob(0);
}

status local_store::set_meta(const std::string& key, std::span<const std::uint8_t> value) {
    auto st = db_.prepare("INSERT INTO meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st) return st.err();
    st->bind(1, key).bind_blob(2, value);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    return committed(ok_status());
}

result<crypto::key_pair> local_store::device_key(const std::function<crypto::key_seed()>& draw_seed) {
    crypto::key_seed seed{};
    if (auto stored = meta("device_seed"); stored && stored->size() == seed.size()) {
        std::copy(stored->begin(), stored->end(), seed.begin());
        return crypto::key_pair_from_seed(seed);
    }
    seed = draw_seed();
    if (auto s = set_meta("device_seed", seed); !s) return s.err();
    return crypto::key_pair_from_seed(seed);
}

status local_store::save_draft(const draft& d) {
    // A draft that lets go of a file (the person removed it) may leave it named by nothing.
    const std::string list = protocol::attachment_list_to_json(d.attachments);
    bool dropped_files = false;
    if (auto before = db_.prepare("SELECT attachments_json FROM drafts WHERE id = ?")) {
        before->bind(1, d.id);
        dropped_files = before->step() && before->column_text(0) != list && before->column_text(0) != "[]";
    }
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [k, v] : d.typed) values[k] = v;
    auto st = db_.prepare("INSERT INTO drafts(id, procedure, form_version, values_json, attachments_json, created_at, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT(id) DO UPDATE SET form_version = excluded.form_version, "
                          "values_json = excluded.values_json, attachments_json = excluded.attachments_json, "
                          "updated_at = excluded.updated_at");
    if (!st) return st.err();
    st->bind(1, d.id)
        .bind(2, d.procedure)
        .bind(3, std::int64_t(d.form_version))
        .bind(4, values.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .bind(5, list)
        .bind(6, d.created_at_ms ? d.created_at_ms : d.updated_at_ms)
        .bind(7, d.updated_at_ms);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    auto done = committed(ok_status());
    if (dropped_files) release_unreferenced_attachments();
    return done;
}

namespace {
constexpr std::string_view draft_columns = "id, procedure, form_version, values_json, attachments_json, created_at, updated_at";

draft read_draft(const sqlite::statement& st) {
    draft d;
    d.id = st.column_text(0);
    d.procedure = st.column_text(1);
    d.form_version = std::uint32_t(st.column_int64(2));
    auto values = nlohmann::json::parse(st.column_text(3), nullptr, false);
    if (values.is_object())
        for (auto it = values.begin(); it != values.end(); ++it)
            if (it.value().is_string()) d.typed[it.key()] = it.value().get<std::string>();
    if (auto list = protocol::attachment_list_from_json(st.column_text(4))) d.attachments = std::move(*list);
    d.created_at_ms = st.column_int64(5);
    d.updated_at_ms = st.column_int64(6);
    return d;
}
} // namespace

std::optional<draft> local_store::load_draft(const std::string& id) {
    auto st = db_.prepare("SELECT " + std::string(draft_columns) + " FROM drafts WHERE id = ?");
    if (!st) return std::nullopt;
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_draft(*st);
}

std::vector<draft> local_store::drafts(std::string_view procedure) {
    std::vector<draft> out;
    auto st = db_.prepare("SELECT " + std::string(draft_columns) + " FROM drafts" +
                          (procedure.empty() ? "" : " WHERE procedure = ?") + " ORDER BY updated_at DESC, id");
    if (!st) return out;
    if (!procedure.empty()) st->bind(1, procedure);
    while (st->step()) out.push_back(read_draft(*st));
    return out;
}

status local_store::delete_draft(const std::string& id) {
    auto st = db_.prepare("DELETE FROM drafts WHERE id = ?");
    if (!st) return st.err();
    st->bind(1, id);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    auto done = committed(ok_status());
    release_unreferenced_attachments(); // after the commit: a failed one leaves every file named
    return done;
}

status local_store::enqueue(const outbox_item& item, const std::string& draft_id) {
    sqlite::transaction tx(db_);
    if (auto s = tx.begin(); !s) return s;
    auto ins = db_.prepare("INSERT INTO outbox(id, procedure, title, created_at, request_json, canonical, state, "
                           "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', 0)");
    if (!ins) return ins.err();
    ins->bind(1, item.id)
        .bind(2, item.procedure)
        .bind(3, item.title)
        .bind(4, item.created_at_ms)
        .bind(5, item.request_json)
        .bind_blob(6, item.canonical);
    ins->step();
    if (!ins->ok()) return sqlite::storage_error(db_.last_error());
    auto del = db_.prepare("DELETE FROM drafts WHERE id = ?");
    if (!del) return del.err();
    del->bind(1, draft_id);
    del->step();
    if (!del->ok()) return sqlite::storage_error(db_.last_error());
    return committed(tx.commit());
}

std::vector<outbox_item> local_store::outbox() {
    std::vector<outbox_item> items;
    auto st = db_.prepare("SELECT " + std::string(outbox_columns) + " FROM outbox ORDER BY created_at DESC, id");
    if (!st) return items;
    while (st->step()) items.push_back(read_item(*st));
    return items;
}

std::optional<outbox_item> local_store::next_due(std::int64_t now_ms) {
    auto st = db_.prepare("SELECT " + std::string(outbox_columns) +
                          " FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? "
                          "ORDER BY next_attempt_at, created_at LIMIT 1");
    if (!st) return std::nullopt;
    st->bind(1, now_ms);
    if (!st->step()) return std::nullopt;
    return read_item(*st);
}

std::optional<std::int64_t> local_store::next_attempt_time() {
    auto st = db_.prepare("SELECT min(next_attempt_at) FROM outbox WHERE state = 'queued'");
    if (!st || !st->step() || st->column_is_null(0)) return std::nullopt;
    return st->column_int64(0);
}

status local_store::mark_received(const std::string& id, const std::string& receipt_json,
                                  const std::string& dossier_code, const std::string& due_date) {
    auto st = db_.prepare("UPDATE outbox SET state = 'received', receipt_json = ?, dossier_code = ?, "
                          "due_date = ?, error_code = NULL, error_vi = NULL, error_en = NULL WHERE id = ?");
    if (!st) return st.err();
    st->bind(1, receipt_json).bind(2, dossier_code).bind(3, due_date).bind(4, id);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    auto done = committed(ok_status());
    release_unreferenced_attachments(); // the office holds the files of a received dossier
    return done;
}

status local_store::mark_retry(const std::string& id, int attempts, std::int64_t next_attempt_ms, const error& why) {
    auto st = db_.prepare("UPDATE outbox SET attempts = ?, next_attempt_at = ?, error_code = ?, error_vi = ?, "
                          "error_en = ? WHERE id = ? AND state = 'queued'");
    if (!st) return st.err();
    st->bind(1, std::int64_t(attempts)).bind(2, next_attempt_ms).bind(3, why.code).bind(4, why.vi).bind(5, why.en).bind(6, id);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    return committed(ok_status());
}

status local_store::mark_failed(const std::string& id, const error& why) {
    auto st = db_.prepare("UPDATE outbox SET state = 'failed', error_code = ?, error_vi = ?, error_en = ? "
                          "WHERE id = ? AND state = 'queued'");
    if (!st) return st.err();
    st->bind(1, why.code).bind(2, why.vi).bind(3, why.en).bind(4, id);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    return committed(ok_status());
}

status local_store::retry_all_now(std::int64_t now_ms) {
    auto st = db_.prepare("UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?");
    if (!st) return st.err();
    st->bind(1, now_ms).bind(2, now_ms);
    st->step();
    if (!st->ok()) return sqlite::storage_error(db_.last_error());
    return db_.changes() > 0 ? committed(ok_status()) : ok_status();
}

std::optional<crypto::public_key> local_store::pinned_server_key() {
    auto v = meta("server_key");
    crypto::public_key pk{};
    if (!v || v->size() != pk.size()) return std::nullopt;
    std::copy(v->begin(), v->end(), pk.begin());
    return pk;
}

status local_store::pin_server_key(const crypto::public_key& key) { return set_meta("server_key", key); }

status local_store::put_attachment(const crypto::digest& hash, const std::string& media_type,
                                   std::span<const std::uint8_t> content) {
    if (!blobs_->put(hash, media_type, content)) return sqlite::storage_error("attachment file not written");
    return ok_status();
}

std::optional<std::vector<std::uint8_t>> local_store::attachment(const crypto::digest& hash) {
    const stored_file* b = blobs_->get(hash);
    if (!b) return std::nullopt;
    return b->content;
}

std::size_t local_store::release_unreferenced_attachments() {
    if (blobs_->size() == 0) return 0;
    std::set<std::string> named;
    auto drafts_st = db_.prepare("SELECT attachments_json FROM drafts");
    if (!drafts_st) return 0;
    while (drafts_st->step()) {
        auto list = protocol::attachment_list_from_json(drafts_st->column_text(0));
        if (!list) return 0; // unreadable: keep everything rather than guess
        for (const auto& ref : *list) named.insert(blob_store::key_of(ref.hash));
    }
    if (!drafts_st->ok()) return 0;
    auto outbox_st = db_.prepare("SELECT canonical FROM outbox WHERE state <> 'received'");
    if (!outbox_st) return 0;
    while (outbox_st->step()) {
        auto body = submission::decode_canonical(outbox_st->column_blob(0));
        if (!body) return 0;
        for (const auto& ref : body->attachments) named.insert(blob_store::key_of(ref.hash));
    }
    if (!outbox_st->ok()) return 0;
    std::size_t removed = 0;
    for (const auto& key : blobs_->keys())
        if (!named.count(key)) {
            blobs_->remove(key);
            ++removed;
        }
    return removed;
}

std::int64_t local_store::feed_cursor() {
    auto st = db_.prepare("SELECT coalesce(max(cursor), 0) FROM feed");
    return st && st->step() ? st->column_int64(0) : 0;
}

status local_store::store_feed(const std::vector<protocol::feed_entry>& entries) {
    if (entries.empty()) return ok_status();
    sqlite::transaction tx(db_);
    if (auto s = tx.begin(); !s) return s;
    auto ins = db_.prepare("INSERT INTO feed(cursor, submission_id, status, at, entry_json) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT(cursor) DO NOTHING");
    if (!ins) return ins.err();
    for (const auto& e : entries) {
        ins->reset();
        ins->bind(1, e.cursor).bind(2, to_string(e.submission_id)).bind(3, std::int64_t(e.status)).bind(4, e.at)
            .bind(5, protocol::to_json(e));
        ins->step();
        if (!ins->ok()) return sqlite::storage_error(db_.last_error());
    }
    return committed(tx.commit());
}

std::optional<protocol::feed_entry> local_store::latest_feed_entry(const std::string& submission_id) {
    auto st = db_.prepare("SELECT entry_json FROM feed WHERE submission_id = ? ORDER BY cursor DESC LIMIT 1");
    if (!st) return std::nullopt;
    st->bind(1, submission_id);
    if (!st->step()) return std::nullopt;
    auto e = protocol::feed_entry_from_json(st->column_text(0));
    if (!e) return std::nullopt;
    return *e;
}

std::optional<std::string> local_store::text_meta(const std::string& key) {
    auto v = meta(key);
    if (!v) return std::nullopt;
    return std::string(v->begin(), v->end());
}

status local_store::set_text_meta(const std::string& key, std::string_view value) {
    return set_meta(key, {reinterpret_cast<const std::uint8_t*>(value.data()), value.size()});
}

} // namespace motcua::client
