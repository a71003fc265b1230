// SQLite backend of dossier_store.
#include "server/store/sqlite_store.hpp"

#include "shared/dossier/dossier_code.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/sqlite/sqlite.hpp"

namespace motcua::server {

namespace {

constexpr std::string_view schema = R"sql(
CREATE TABLE IF NOT EXISTS dossiers (
  submission_id   BLOB PRIMARY KEY,       -- the client's UUID: one dossier per id
  submission_hash BLOB NOT NULL,          -- BLAKE2b of the canonical bytes, to spot a changed retry
  dossier_code    TEXT NOT NULL UNIQUE,
  agency          TEXT NOT NULL,
  procedure       TEXT NOT NULL,
  received_at     INTEGER NOT NULL,
  device_key      BLOB NOT NULL,
  canonical       BLOB NOT NULL,          -- exactly what the citizen signed
  signature       BLOB NOT NULL,
  receipt_json    TEXT NOT NULL           -- returned as it is to every retry
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dossier_sequences (
  agency TEXT NOT NULL,
  day    TEXT NOT NULL,                   -- YYYY-MM-DD, the receiving date
  last   INTEGER NOT NULL,
  PRIMARY KEY (agency, day)
) WITHOUT ROWID;
)sql";

} // namespace

result<std::unique_ptr<sqlite_store>> sqlite_store::open(const std::filesystem::path& file) {
    auto db = sqlite::database::open(file.string());
    if (!db) return db.err();
    auto setup = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    if (setup) setup = db->exec(schema);
    if (!setup) return setup.err();
    return std::unique_ptr<sqlite_store>(new sqlite_store(std::move(*db)));
}

result<put_result> sqlite_store::put_submission(const submission::signed_submission& s,
                                                const encoding::bytes& canonical,
                                                civil_date received, const receipt_maker& make) {
    auto fail = [&](const char* where) {
        return sqlite::storage_error(std::string(where) + ": " + db_.last_error());
    };
    auto prepare = [&](std::string_view sql) {
        auto st = db_.prepare(sql);
        return st ? std::move(*st) : sqlite::statement();
    };
    const auto hash = crypto::hash(canonical);
    sqlite::transaction tx(db_);
    if (auto begun = tx.begin(); !begun) return begun.err();

    // Under BEGIN IMMEDIATE the write lock is held, so this read and the insert below cannot
    // interleave with another writer; the primary key still guards the id.
    auto find = prepare("SELECT submission_hash, receipt_json FROM dossiers WHERE submission_id = ?");
    find.bind_blob(1, s.body.id.bytes);
    if (find.step()) {
        auto stored_hash = find.column_blob(0);
        if (!crypto::equal(stored_hash, hash)) return put_result{put_outcome::conflict, {}};
        auto r = protocol::receipt_from_json(find.column_text(1));
        if (!r) return sqlite::storage_error("stored receipt unreadable");
        return put_result{put_outcome::repeated, *r};
    }
    if (!find.ok()) return fail("find");

    auto seq = prepare("INSERT INTO dossier_sequences(agency, day, last) VALUES (?, ?, 1) "
                       "ON CONFLICT(agency, day) DO UPDATE SET last = last + 1 RETURNING last");
    seq.bind(1, s.body.agency).bind(2, to_iso(received));
    if (!seq.step()) return fail("sequence");
    std::int64_t number = seq.column_int64(0);
    seq = {};
    if (number > dossier::max_daily_sequence) return protocol::make_error(protocol::errors::daily_capacity);
    auto code = dossier::format_dossier_code({s.body.agency, received, int(number)});
    if (!code) return code.err();

    submission::receipt receipt = make(*code);
    auto insert = prepare("INSERT INTO dossiers(submission_id, submission_hash, dossier_code, agency, "
                          "procedure, received_at, device_key, canonical, signature, receipt_json) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind_blob(1, s.body.id.bytes)
        .bind_blob(2, hash)
        .bind(3, *code)
        .bind(4, s.body.agency)
        .bind(5, s.body.procedure)
        .bind(6, receipt.received_at)
        .bind_blob(7, s.body.device_key)
        .bind_blob(8, canonical)
        .bind_blob(9, s.signature)
        .bind(10, protocol::to_json(receipt));
    insert.step();
    if (!insert.ok()) return fail("insert");
    insert = {};
    if (auto done = tx.commit(); !done) return done.err();
    return put_result{put_outcome::created, std::move(receipt)};
}

std::optional<submission::receipt> sqlite_store::find_receipt(const uuid& id) {
    auto find = db_.prepare("SELECT receipt_json FROM dossiers WHERE submission_id = ?");
    if (!find) return std::nullopt;
    find->bind_blob(1, id.bytes);
    if (!find->step()) return std::nullopt;
    auto r = protocol::receipt_from_json(find->column_text(0));
    if (!r) return std::nullopt;
    return *r;
}

std::int64_t sqlite_store::count_dossiers() {
    auto count = db_.prepare("SELECT count(*) FROM dossiers");
    return count && count->step() ? count->column_int64(0) : -1;
}

} // namespace motcua::server
