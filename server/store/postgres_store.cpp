// PostgreSQL backend of dossier_store (libpq). Every parameter and result travels in binary, so
// bytes stay bytes. A batch is a handful of array statements (unnest) in three pipelined round
// trips, taking row locks in one global order (sequences by agency and day, feed counters by
// device, dossier ids in order), so two instances batching the same agencies do not deadlock; if
// they do anyway, or lose a race for an id, the batch is redone.
#include "server/store/postgres_store.hpp"

#include "server/store/receipt_json.hpp"
#include "shared/dossier/dossier_code.hpp"
#include "shared/protocol/errors.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace motcua::server {

namespace {

constexpr std::string_view schema = R"sql(
SET client_min_messages = warning; -- no "already exists, skipping" notices
CREATE TABLE IF NOT EXISTS dossiers (
  submission_id   bytea PRIMARY KEY,       -- the client's UUID: one dossier per id
  submission_hash bytea NOT NULL,          -- BLAKE2b of the canonical bytes, to spot a changed retry
  dossier_code    text NOT NULL UNIQUE,
  agency          text NOT NULL,
  procedure       text NOT NULL,
  received_at     bigint NOT NULL,
  device_key      bytea NOT NULL,
  canonical       bytea NOT NULL,          -- exactly what the citizen signed
  signature       bytea NOT NULL,
  receipt_json    text NOT NULL            -- unsigned (signed when handed out; older rows carry one)
);
CREATE TABLE IF NOT EXISTS dossier_sequences (
  agency text NOT NULL,
  day    text NOT NULL,                    -- YYYY-MM-DD, the receiving date
  last   integer NOT NULL,
  PRIMARY KEY (agency, day)
);
CREATE TABLE IF NOT EXISTS devices (
  device_key    bytea PRIMARY KEY,
  registered_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_counters (
  device_key bytea PRIMARY KEY,
  last       bigint NOT NULL               -- the device's last feed cursor
);
CREATE TABLE IF NOT EXISTS feed_entries (
  device_key    bytea NOT NULL,
  cursor        bigint NOT NULL,
  submission_id bytea NOT NULL,
  dossier_code  text NOT NULL,
  status        integer NOT NULL,
  at            bigint NOT NULL,
  document      text NOT NULL,
  note_vi       text NOT NULL,
  note_en       text NOT NULL,
  server_key    bytea NOT NULL,
  signature     bytea NOT NULL,            -- empty: signed when read (older rows: the same, made anew)
  PRIMARY KEY (device_key, cursor)
);
CREATE TABLE IF NOT EXISTS attachments (
  hash       bytea PRIMARY KEY,            -- BLAKE2b-256 of the whole content
  size       bigint NOT NULL,              -- announced
  media_type text NOT NULL,
  received   bigint NOT NULL,
  complete   boolean NOT NULL
);
-- One row per appended chunk, so resuming an upload never rewrites what is already held.
CREATE TABLE IF NOT EXISTS attachment_chunks (
  hash  bytea NOT NULL,
  start bigint NOT NULL,
  data  bytea NOT NULL,
  PRIMARY KEY (hash, start)
);
)sql";

// Any number: it only has to be the same for every instance creating the schema.
constexpr std::int64_t schema_lock_key = 0x6d6f74637561; // "motcua"

constexpr std::string_view feed_columns =
    "device_key, cursor, submission_id, dossier_code, status, at, document, note_vi, note_en, server_key, signature";
// What feed_from reads: all but the signature.
constexpr std::string_view feed_read_columns =
    "device_key, cursor, submission_id, dossier_code, status, at, document, note_vi, note_en, server_key";

// Statements prepared on every connection: name, SQL.
const std::pair<const char*, std::string> prepared_statements[] = {
    {"find_many", "SELECT submission_id, submission_hash, receipt_json FROM dossiers "
                  "WHERE submission_id = ANY($1::bytea[])"},
    // Takes k numbers per (agency, day) at once; a day that would pass the limit returns no row
    // (the row is still locked) and is handled one by one.
    {"take_sequences",
     "INSERT INTO dossier_sequences AS s (agency, day, last) "
     "SELECT * FROM unnest($1::text[], $2::text[], $3::int4[]) "
     "ON CONFLICT (agency, day) DO UPDATE SET last = s.last + excluded.last "
     "WHERE s.last + excluded.last <= " + std::to_string(dossier::max_daily_sequence) +
         " RETURNING agency, day, last"},
    {"lock_sequence", "SELECT last FROM dossier_sequences WHERE agency = $1::text AND day = $2::text FOR UPDATE"},
    {"set_sequence", "UPDATE dossier_sequences SET last = $3::int4 WHERE agency = $1::text AND day = $2::text"},
    {"insert_dossiers",
     "INSERT INTO dossiers (submission_id, submission_hash, dossier_code, agency, procedure, received_at, "
     "device_key, canonical, signature, receipt_json) "
     "SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::int8[], "
     "$7::bytea[], $8::bytea[], $9::bytea[], $10::text[])"},
    {"take_cursors", "INSERT INTO feed_counters AS f (device_key, last) SELECT * FROM unnest($1::bytea[], $2::int8[]) "
                     "ON CONFLICT (device_key) DO UPDATE SET last = f.last + excluded.last RETURNING device_key, last"},
    {"give_back_cursors", "UPDATE feed_counters AS f SET last = f.last - g.n "
                          "FROM unnest($1::bytea[], $2::int8[]) AS g (device_key, n) WHERE f.device_key = g.device_key"},
    {"insert_feed", "INSERT INTO feed_entries (" + std::string(feed_columns) +
                        ") SELECT * FROM unnest($1::bytea[], $2::int8[], $3::bytea[], $4::text[], $5::int4[], "
                        "$6::int8[], $7::text[], $8::text[], $9::text[], $10::bytea[], $11::bytea[])"},
    {"feed_after", "SELECT " + std::string(feed_read_columns) +
                       " FROM feed_entries WHERE device_key = $1::bytea AND cursor > $2::int8 "
                       "ORDER BY cursor LIMIT $3::int8"},
    {"find_receipt", "SELECT receipt_json FROM dossiers WHERE submission_id = $1::bytea"},
};

error storage_error(std::string_view detail) {
    return error{"storage_error", "Lỗi khi ghi hoặc đọc dữ liệu lưu trữ.",
                 "Reading or writing stored data failed (" + std::string(detail) + ")."};
}

error dossier_unknown() {
    return error{"dossier_unknown", "Không tìm thấy hồ sơ.", "No dossier is stored under this submission id."};
}

// ---- binary values ----

void put_be(std::string& out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(char((v >> (8 * i)) & 0xff));
}

std::uint64_t get_be(const char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | std::uint8_t(p[i]);
    return v;
}

constexpr Oid oid_bytea = 17, oid_int8 = 20, oid_int4 = 23, oid_text = 25;
constexpr Oid oid_bytea_array = 1001, oid_int4_array = 1007, oid_text_array = 1009, oid_int8_array = 1016;

// Statement parameters, all in binary format.
class params {
  public:
    params& bytes(std::span<const std::uint8_t> b) {
        return add(std::string(reinterpret_cast<const char*>(b.data()), b.size()), oid_bytea);
    }
    params& text(std::string_view t) { return add(std::string(t), oid_text); }
    params& int8(std::int64_t v) {
        std::string s;
        put_be(s, std::uint64_t(v), 8);
        return add(std::move(s), oid_int8);
    }
    params& int4(std::int32_t v) {
        std::string s;
        put_be(s, std::uint32_t(v), 4);
        return add(std::move(s), oid_int4);
    }
    // A one-dimensional array in PostgreSQL's binary array format; `elements` are the binary
    // values of its items.
    params& array(const std::vector<std::string>& elements, Oid element, Oid array_type) {
        std::string s;
        put_be(s, elements.empty() ? 0 : 1, 4); // dimensions
        put_be(s, 0, 4);                        // no NULLs
        put_be(s, element, 4);
        if (!elements.empty()) {
            put_be(s, elements.size(), 4);
            put_be(s, 1, 4); // lower bound
        }
        for (const auto& e : elements) {
            put_be(s, e.size(), 4);
            s += e;
        }
        return add(std::move(s), array_type);
    }

    int count() const { return int(data_.size()); }
    const char* const* values() {
        values_.clear();
        for (const auto& d : data_) values_.push_back(d.data());
        return values_.data();
    }
    const int* lengths() const { return lengths_.data(); }
    const int* formats() const { return formats_.data(); }
    const Oid* types() const { return types_.data(); }

  private:
    params& add(std::string value, Oid type) {
        lengths_.push_back(int(value.size()));
        data_.push_back(std::move(value));
        formats_.push_back(1);
        types_.push_back(type);
        return *this;
    }
    std::deque<std::string> data_; // stable addresses
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::vector<Oid> types_;
};

// Column builders for the array statements.
struct column {
    std::vector<std::string> items;
    void bytes(std::span<const std::uint8_t> b) { items.emplace_back(reinterpret_cast<const char*>(b.data()), b.size()); }
    void text(std::string_view t) { items.emplace_back(t); }
    void int8(std::int64_t v) {
        std::string s;
        put_be(s, std::uint64_t(v), 8);
        items.push_back(std::move(s));
    }
    void int4(std::int32_t v) {
        std::string s;
        put_be(s, std::uint32_t(v), 4);
        items.push_back(std::move(s));
    }
};

struct pg_result_free {
    void operator()(PGresult* r) const { PQclear(r); }
};
using pg_result = std::unique_ptr<PGresult, pg_result_free>;

std::string_view field(const PGresult* r, int row, int col) {
    return {PQgetvalue(r, row, col), std::size_t(PQgetlength(r, row, col))};
}
std::int64_t int_field(const PGresult* r, int row, int col) {
    auto f = field(r, row, col);
    if (f.size() == 8) return std::int64_t(get_be(f.data(), 8));
    if (f.size() == 4) return std::int32_t(std::uint32_t(get_be(f.data(), 4)));
    if (f.size() == 2) return std::int16_t(std::uint16_t(get_be(f.data(), 2)));
    return 0;
}
bool bool_field(const PGresult* r, int row, int col) {
    auto f = field(r, row, col);
    return f.size() == 1 && f[0] != 0;
}
template <std::size_t N> std::array<std::uint8_t, N> fixed_field(const PGresult* r, int row, int col) {
    std::array<std::uint8_t, N> a{};
    auto f = field(r, row, col);
    if (f.size() == N) std::memcpy(a.data(), f.data(), N);
    return a;
}
std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

protocol::feed_entry feed_from(const PGresult* r, int row) {
    protocol::feed_entry e;
    e.device_key = fixed_field<32>(r, row, 0);
    e.cursor = int_field(r, row, 1);
    e.submission_id.bytes = fixed_field<16>(r, row, 2);
    e.dossier_code = std::string(field(r, row, 3));
    e.status = int(int_field(r, row, 4));
    e.at = int_field(r, row, 5);
    e.document = std::string(field(r, row, 6));
    e.note_vi = std::string(field(r, row, 7));
    e.note_en = std::string(field(r, row, 8));
    e.server_key = fixed_field<32>(r, row, 9);
    return e;
}


// Feed entries as the 11 array parameters of insert_feed.
params feed_params(const std::vector<protocol::feed_entry>& entries) {
    column c[11];
    for (const auto& e : entries) {
        c[0].bytes(e.device_key);
        c[1].int8(e.cursor);
        c[2].bytes(e.submission_id.bytes);
        c[3].text(e.dossier_code);
        c[4].int4(e.status);
        c[5].int8(e.at);
        c[6].text(e.document);
        c[7].text(e.note_vi);
        c[8].text(e.note_en);
        c[9].bytes(e.server_key);
        c[10].items.emplace_back(); // an empty signature: the API layer signs what it hands out
    }
    const Oid types[11][2] = {{oid_bytea, oid_bytea_array}, {oid_int8, oid_int8_array}, {oid_bytea, oid_bytea_array},
                              {oid_text, oid_text_array},   {oid_int4, oid_int4_array}, {oid_int8, oid_int8_array},
                              {oid_text, oid_text_array},   {oid_text, oid_text_array}, {oid_text, oid_text_array},
                              {oid_bytea, oid_bytea_array}, {oid_bytea, oid_bytea_array}};
    params p;
    for (int i = 0; i < 11; ++i) p.array(c[i].items, types[i][0], types[i][1]);
    return p;
}

// SQLSTATEs after which the same transaction, redone, may well succeed.
bool worth_retrying(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

} // namespace

// ---- connections ----

// One statement of a pipeline: a prepared statement's name, or SQL.
struct call {
    std::string_view statement;
    params* p = nullptr;
    bool named = true;
};

struct connection {
    PGconn* pg = nullptr;
    bool prepared = false;
    bool broken = false;    // left in an unknown state: opened again before its next use
    std::string sqlstate;   // of the last failed statement
    std::string constraint; // the constraint it violated, if any
    ~connection() { PQfinish(pg); }

    // Runs a statement (a prepared one when `named`); results come back in binary.
    result<pg_result> run(std::string_view sql, params& p, bool named = false) {
        std::string s(sql);
        PGresult* r = named ? PQexecPrepared(pg, s.c_str(), p.count(), p.values(), p.lengths(), p.formats(), 1)
                            : PQexecParams(pg, s.c_str(), p.count(), p.types(), p.values(), p.lengths(),
                                           p.formats(), 1);
        return check(pg_result(r), sql);
    }
    result<pg_result> run(std::string_view sql) {
        params none;
        return run(sql, none);
    }
    result<pg_result> prepared_run(std::string_view name, params& p) { return run(name, p, true); }
    // Several statements, no parameters (the schema).
    status script(std::string_view sql) {
        auto r = check(pg_result(PQexec(pg, std::string(sql).c_str())), "script");
        if (!r) return r.err();
        return ok_status();
    }

    // Sends the statements at once and reads their results: one round trip for all. After a
    // failure the server skips the rest; `failure` (and sqlstate) are the first one's.
    struct piped {
        std::vector<pg_result> results; // one per statement; null where it failed or was skipped
        std::optional<error> failure;
    };
    piped pipeline(std::initializer_list<call> calls) {
        piped out;
        sqlstate.clear();
        constraint.clear();
        if (PQenterPipelineMode(pg) != 1) {
            broken = true;
            out.failure = storage_error("pipeline: " + last_message());
            out.results.resize(calls.size());
            return out;
        }
        std::size_t sent = 0;
        for (const auto& c : calls) {
            params none;
            params& p = c.p ? *c.p : none;
            std::string s(c.statement);
            int ok = c.named ? PQsendQueryPrepared(pg, s.c_str(), p.count(), p.values(), p.lengths(), p.formats(), 1)
                             : PQsendQueryParams(pg, s.c_str(), p.count(), p.types(), p.values(), p.lengths(),
                                                 p.formats(), 1);
            if (ok != 1) break;
            ++sent;
        }
        bool synced = PQpipelineSync(pg) == 1;
        for (std::size_t i = 0; i < sent; ++i) {
            pg_result r(PQgetResult(pg));
            while (PGresult* more = PQgetResult(pg)) PQclear(more); // each statement's results end with NULL
            if (out.failure || (r && PQresultStatus(r.get()) == PGRES_PIPELINE_ABORTED)) {
                out.results.emplace_back();
                continue;
            }
            auto checked = check(std::move(r), (calls.begin() + i)->statement);
            if (checked) out.results.push_back(std::move(*checked));
            else {
                out.failure = checked.err();
                out.results.emplace_back();
            }
        }
        if (synced) {
            pg_result sync(PQgetResult(pg));
            if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) broken = true;
        } else broken = true;
        if (PQexitPipelineMode(pg) != 1) broken = true;
        if (out.results.size() < calls.size()) {
            if (!out.failure) out.failure = storage_error("pipeline: " + last_message());
            out.results.resize(calls.size());
        }
        return out;
    }

  private:
    std::string last_message() {
        std::string m = PQerrorMessage(pg);
        while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
        return m;
    }

    result<pg_result> check(pg_result r, std::string_view what) {
        auto st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
            sqlstate.clear();
            return r;
        }
        const char* code = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        const char* violated = r ? PQresultErrorField(r.get(), PG_DIAG_CONSTRAINT_NAME) : nullptr;
        sqlstate = code ? code : "";
        constraint = violated ? violated : "";
        std::string message = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(pg);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        return storage_error(std::string(what.substr(0, what.find(' '))) + ": " + message);
    }
};

class postgres_store::pool {
  public:
    explicit pool(std::string url) : url_(std::move(url)) {}

    result<std::unique_ptr<connection>> connect() {
        auto c = std::make_unique<connection>();
        c->pg = PQconnectdb(url_.c_str());
        if (PQstatus(c->pg) != CONNECTION_OK) {
            std::string m = PQerrorMessage(c->pg);
            while (!m.empty() && m.back() == '\n') m.pop_back();
            return storage_error("connect: " + m);
        }
        if (auto s = c->script("SET client_encoding = 'UTF8'"); !s) return s.err();
        return c;
    }

    status prepare(connection& c) {
        for (const auto& [name, sql] : prepared_statements) {
            pg_result r(PQprepare(c.pg, name, sql.c_str(), 0, nullptr));
            if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
                return storage_error(std::string("prepare ") + name + ": " +
                                     (r ? PQresultErrorMessage(r.get()) : PQerrorMessage(c.pg)));
        }
        c.prepared = true;
        return ok_status();
    }

    void add(std::unique_ptr<connection> c) {
        std::lock_guard lock(m_);
        idle_.push_back(std::move(c));
    }

    // A connection for the length of one call; it goes back to the pool when the lease ends.
    class lease {
      public:
        lease(pool& p, std::unique_ptr<connection> c) : p_(&p), c_(std::move(c)) {}
        lease(lease&&) = default;
        ~lease() {
            if (c_) p_->give_back(std::move(c_));
        }
        connection& operator*() { return *c_; }
        connection* operator->() { return c_.get(); }

      private:
        pool* p_;
        std::unique_ptr<connection> c_;
    };

    result<lease> take() {
        std::unique_ptr<connection> c;
        {
            std::unique_lock lock(m_);
            cv_.wait(lock, [&] { return !idle_.empty(); });
            c = std::move(idle_.back());
            idle_.pop_back();
        }
        // A connection lost since (server restart, network) is opened again here.
        if (PQstatus(c->pg) != CONNECTION_OK || c->broken) {
            PQreset(c->pg);
            c->prepared = false;
            c->broken = false;
            if (PQstatus(c->pg) != CONNECTION_OK) {
                std::string m = PQerrorMessage(c->pg);
                give_back(std::move(c));
                return storage_error("reconnect: " + m);
            }
            if (auto s = c->script("SET client_encoding = 'UTF8'"); !s) {
                give_back(std::move(c));
                return s.err();
            }
        }
        if (!c->prepared) {
            if (auto s = prepare(*c); !s) {
                give_back(std::move(c));
                return s.err();
            }
        }
        return lease(*this, std::move(c));
    }

    std::atomic<std::int64_t> retries{0};

  private:
    void give_back(std::unique_ptr<connection> c) {
        // Never hand on a connection in the middle of a transaction.
        if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE) c->script("ROLLBACK");
        {
            std::lock_guard lock(m_);
            idle_.push_back(std::move(c));
        }
        cv_.notify_one();
    }

    std::string url_;
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<connection>> idle_;
};

postgres_store::postgres_store(std::unique_ptr<pool> p) : pool_(std::move(p)) {}
postgres_store::~postgres_store() = default;

std::int64_t postgres_store::batch_retries() const { return pool_->retries.load(); }

result<std::unique_ptr<postgres_store>> postgres_store::open(const std::string& url, int connections) {
    auto p = std::make_unique<pool>(url);
    for (int i = 0; i < std::max(1, connections); ++i) {
        auto c = p->connect();
        if (!c) return c.err();
        if (i == 0) {
            // Two instances starting at once must not both create the same table.
            params key;
            key.int8(schema_lock_key);
            auto locked = (*c)->run("SELECT pg_advisory_lock($1)", key);
            if (!locked) return locked.err();
            auto created = (*c)->script(schema);
            auto unlocked = (*c)->run("SELECT pg_advisory_unlock($1)", key);
            if (!created) return created.err();
            if (!unlocked) return unlocked.err();
        }
        if (auto s = p->prepare(**c); !s) return s.err();
        p->add(std::move(*c));
    }
    return std::unique_ptr<postgres_store>(new postgres_store(std::move(p)));
}

// ---- submissions ----

namespace {

struct batch_item {
    std::size_t index;
    std::int64_t number = 0; // 0: none (the day is full)
    std::int64_t cursor = 0;
    std::string code;
    submission::receipt receipt;
};

enum class attempt { done, retry, failed };

using id_bytes = std::array<std::uint8_t, 16>;

// One try at a batch, in three round trips:
//   1. BEGIN; the ids already stored
//   2. the sequence numbers (per agency and day) and the feed cursors (per device) of the new ones
//   3. insert the dossiers and the entries (unsigned); COMMIT
// Row locks are taken in one order in every transaction: sequence rows by (agency, day), feed
// counters by device, dossier ids in id order.
struct batch_run {
    std::span<const put_request> batch;
    const std::vector<crypto::digest>& hashes;
    std::vector<result<put_result>> out;
    error failure;

    batch_run(std::span<const put_request> b, const std::vector<crypto::digest>& h)
        : batch(b), hashes(h), out(b.size(), result<put_result>(storage_error("not stored"))) {}

    attempt give_up(error e) {
        failure = std::move(e);
        return attempt::failed;
    }
    attempt fail(connection& c, const error& e) {
        failure = e;
        return worth_retrying(c.sqlstate) ? attempt::retry : attempt::failed;
    }
    const submission::submission& body(std::size_t i) const { return batch[i].submission.body; }

    attempt run(connection& c) {
        const std::size_t n = batch.size();

        // 1. The ids already stored: an optimisation for retries, not the guarantee (the primary
        // key is: a row committed after this read makes the insert below fail, and the batch is
        // redone, finding it then).
        std::map<id_bytes, std::size_t> first_of; // id → first index in the batch
        column ids;
        for (std::size_t i = 0; i < n; ++i)
            if (first_of.emplace(body(i).id.bytes, i).second) ids.bytes(body(i).id.bytes);
        params find;
        find.array(ids.items, oid_bytea, oid_bytea_array);
        auto begun = c.pipeline({{"BEGIN", nullptr, false}, {"find_many", &find}});
        if (begun.failure) return fail(c, *begun.failure);
        struct stored {
            crypto::digest hash;
            std::string receipt_json;
        };
        std::map<id_bytes, stored> existing;
        const PGresult* found = begun.results[1].get();
        for (int row = 0; row < PQntuples(found); ++row)
            existing[fixed_field<16>(found, row, 0)] = {fixed_field<32>(found, row, 1),
                                                        std::string(field(found, row, 2))};

        std::map<std::pair<std::string, std::string>, std::vector<batch_item>> by_day; // (agency, day)
        for (std::size_t i = 0; i < n; ++i) {
            if (auto e = existing.find(body(i).id.bytes); e != existing.end()) {
                if (!crypto::equal(e->second.hash, hashes[i])) {
                    out[i] = put_result{put_outcome::conflict, {}};
                    continue;
                }
                auto receipt = stored_receipt(e->second.receipt_json);
                if (!receipt) return give_up(storage_error("stored receipt unreadable"));
                out[i] = put_result{put_outcome::repeated, std::move(*receipt)};
                continue;
            }
            if (first_of[body(i).id.bytes] != i) continue; // a repeat inside the batch: settled below
            // A code that cannot be formatted (agency shape, year) is refused before a number is taken.
            if (auto check = dossier::format_dossier_code({body(i).agency, batch[i].received, 1}); !check) {
                out[i] = check.err();
                continue;
            }
            by_day[{body(i).agency, to_iso(batch[i].received)}].push_back({i});
        }

        std::vector<batch_item*> created;
        if (!by_day.empty()) {
            // 2. Numbers and cursors for every new dossier, in one round trip.
            column agencies, days, counts;
            std::map<crypto::public_key, std::vector<batch_item*>> by_device;
            for (auto& [key, items] : by_day) {
                agencies.text(key.first);
                days.text(key.second);
                counts.int4(std::int32_t(std::min<std::size_t>(items.size(), dossier::max_daily_sequence)));
                for (auto& item : items) by_device[body(item.index).device_key].push_back(&item);
            }
            column devices, device_counts;
            for (auto& [key, items] : by_device) {
                devices.bytes(key);
                device_counts.int8(std::int64_t(items.size()));
                std::sort(items.begin(), items.end(),
                          [](const batch_item* a, const batch_item* b) { return a->index < b->index; });
            }
            params seq, cur;
            seq.array(agencies.items, oid_text, oid_text_array)
                .array(days.items, oid_text, oid_text_array)
                .array(counts.items, oid_int4, oid_int4_array);
            cur.array(devices.items, oid_bytea, oid_bytea_array).array(device_counts.items, oid_int8, oid_int8_array);
            auto taken = c.pipeline({{"take_sequences", &seq}, {"take_cursors", &cur}});
            if (taken.failure) return fail(c, *taken.failure);

            std::map<std::pair<std::string, std::string>, std::int64_t> last;
            const PGresult* numbers = taken.results[0].get();
            for (int row = 0; row < PQntuples(numbers); ++row)
                last[{std::string(field(numbers, row, 0)), std::string(field(numbers, row, 1))}] =
                    int_field(numbers, row, 2);
            for (auto& [key, items] : by_day) {
                std::int64_t first = 0, count = 0;
                if (auto l = last.find(key); l != last.end()) {
                    count = std::int64_t(std::min<std::size_t>(items.size(), dossier::max_daily_sequence));
                    first = l->second - count + 1;
                } else {
                    // The day is (nearly) full: take what is left. The row is already locked.
                    params q;
                    q.text(key.first).text(key.second);
                    auto locked = c.prepared_run("lock_sequence", q);
                    if (!locked) return fail(c, locked.err());
                    if (PQntuples(locked->get()) != 1) return give_up(storage_error("sequence row missing"));
                    std::int64_t held = int_field(locked->get(), 0, 0);
                    count = std::clamp<std::int64_t>(dossier::max_daily_sequence - held, 0, std::int64_t(items.size()));
                    first = held + 1;
                    if (count > 0) {
                        params u;
                        u.text(key.first).text(key.second).int4(std::int32_t(held + count));
                        if (auto set = c.prepared_run("set_sequence", u); !set) return fail(c, set.err());
                    }
                }
                for (std::size_t k = 0; k < items.size(); ++k) {
                    if (std::int64_t(k) < count) items[k].number = first + std::int64_t(k);
                    else out[items[k].index] = protocol::make_error(protocol::errors::daily_capacity);
                }
            }

            // Cursors go to the dossiers that got a number, in batch order; those that did not
            // hand theirs back (the counter rows are locked by this transaction, so no one else
            // has taken a later one).
            const PGresult* cursors = taken.results[1].get();
            column back_devices, back_counts;
            for (int row = 0; row < PQntuples(cursors); ++row) {
                auto key = fixed_field<32>(cursors, row, 0);
                auto& items = by_device[key];
                std::int64_t cursor = int_field(cursors, row, 1) - std::int64_t(items.size());
                std::int64_t unused = 0;
                for (auto* item : items) {
                    if (item->number == 0) ++unused;
                    else item->cursor = ++cursor;
                }
                if (unused > 0) {
                    back_devices.bytes(key);
                    back_counts.int8(unused);
                }
            }
            if (!back_devices.items.empty()) {
                params b;
                b.array(back_devices.items, oid_bytea, oid_bytea_array).array(back_counts.items, oid_int8, oid_int8_array);
                if (auto r = c.prepared_run("give_back_cursors", b); !r) return fail(c, r.err());
            }
            for (auto& [key, items] : by_day)
                for (auto& item : items)
                    if (item.number != 0) {
                        if (item.cursor == 0) return give_up(storage_error("feed cursor missing"));
                        created.push_back(&item);
                    }
        }

        if (created.empty()) {
            if (auto r = c.run("COMMIT"); !r) return fail(c, r.err());
        } else {
            // 3. Receipts and feed entries, stored unsigned with the dossiers, and COMMIT.
            std::sort(created.begin(), created.end(), [&](const batch_item* a, const batch_item* b) {
                return body(a->index).id.bytes < body(b->index).id.bytes;
            });
            column c_id, c_hash, c_code, c_agency, c_procedure, c_at, c_device, c_canonical, c_signature, c_json;
            std::vector<protocol::feed_entry> entries;
            entries.reserve(created.size());
            for (auto* item : created) {
                const auto& req = batch[item->index];
                const auto& b = req.submission.body;
                auto code = dossier::format_dossier_code({b.agency, req.received, int(item->number)});
                if (!code) return give_up(code.err());
                item->code = *code;
                item->receipt = req.receipt;
                item->receipt.dossier_code = item->code;
                item->receipt.signature = {};
                c_id.bytes(b.id.bytes);
                c_hash.bytes(hashes[item->index]);
                c_code.text(item->code);
                c_agency.text(b.agency);
                c_procedure.text(b.procedure);
                c_at.int8(item->receipt.received_at);
                c_device.bytes(b.device_key);
                c_canonical.bytes(req.canonical);
                c_signature.bytes(req.submission.signature);
                c_json.text(receipt_json(item->receipt));

                protocol::feed_entry e = req.received_entry;
                e.device_key = b.device_key;
                e.cursor = item->cursor;
                e.submission_id = b.id;
                e.dossier_code = item->code;
                if (e.status == 0) e.status = 2;
                if (e.document.empty()) e.document = "receipt";
                if (e.at == 0) e.at = item->receipt.received_at;
                entries.push_back(std::move(e));
            }
            params d;
            d.array(c_id.items, oid_bytea, oid_bytea_array)
                .array(c_hash.items, oid_bytea, oid_bytea_array)
                .array(c_code.items, oid_text, oid_text_array)
                .array(c_agency.items, oid_text, oid_text_array)
                .array(c_procedure.items, oid_text, oid_text_array)
                .array(c_at.items, oid_int8, oid_int8_array)
                .array(c_device.items, oid_bytea, oid_bytea_array)
                .array(c_canonical.items, oid_bytea, oid_bytea_array)
                .array(c_signature.items, oid_bytea, oid_bytea_array)
                .array(c_json.items, oid_text, oid_text_array);
            auto f = feed_params(entries);
            auto stored = c.pipeline({{"insert_dossiers", &d}, {"insert_feed", &f}, {"COMMIT", nullptr, false}});
            if (stored.failure) {
                // Another instance committed one of these ids after step 1: redo the batch,
                // which then finds it (and no number is burnt: this transaction rolls back).
                if (c.sqlstate == "23505" && c.constraint == "dossiers_pkey") {
                    failure = *stored.failure;
                    return attempt::retry;
                }
                return fail(c, *stored.failure);
            }
        }
        for (auto* item : created) out[item->index] = put_result{put_outcome::created, std::move(item->receipt)};

        // Repeats inside the batch answer like a retry after the first.
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t f = first_of[body(i).id.bytes];
            if (f == i || existing.count(body(i).id.bytes)) continue;
            if (!out[f]) out[i] = out[f].err();
            else if (out[f]->outcome == put_outcome::conflict || !crypto::equal(hashes[f], hashes[i]))
                out[i] = put_result{put_outcome::conflict, {}};
            else out[i] = put_result{put_outcome::repeated, out[f]->receipt};
        }
        return attempt::done;
    }
};

} // namespace

std::vector<result<put_result>> postgres_store::put_batch(std::span<const put_request> batch) {
    if (batch.empty()) return {};
    auto fail_all = [&](const error& e) {
        return std::vector<result<put_result>>(batch.size(), result<put_result>(e));
    };
    auto c = pool_->take();
    if (!c) return fail_all(c.err());
    std::vector<crypto::digest> hashes;
    hashes.reserve(batch.size());
    for (const auto& r : batch) hashes.push_back(r.receipt.submission_hash);
    constexpr int max_attempts = 10;
    for (int tries = 1;; ++tries) {
        batch_run run(batch, hashes);
        auto end = run.run(**c);
        if (end == attempt::done) return std::move(run.out);
        if (PQtransactionStatus((*c)->pg) != PQTRANS_IDLE) (*c)->script("ROLLBACK");
        if (end == attempt::failed || tries == max_attempts) return fail_all(run.failure);
        pool_->retries.fetch_add(1);
        // A short, growing pause lets the other transaction finish.
        std::this_thread::sleep_for(std::chrono::microseconds(200 * tries));
    }
}

std::optional<submission::receipt> postgres_store::find_receipt(const uuid& id) {
    auto c = pool_->take();
    if (!c) return std::nullopt;
    params p;
    p.bytes(id.bytes);
    auto r = (*c)->prepared_run("find_receipt", p);
    if (!r || PQntuples(r->get()) != 1) return std::nullopt;
    auto receipt = stored_receipt(field(r->get(), 0, 0));
    if (!receipt) return std::nullopt;
    return *receipt;
}

std::int64_t postgres_store::count_dossiers() {
    auto c = pool_->take();
    if (!c) return -1;
    auto r = (*c)->run("SELECT count(*) FROM dossiers");
    return r && PQntuples(r->get()) == 1 ? int_field(r->get(), 0, 0) : -1;
}

std::optional<submission::signed_submission> postgres_store::find_submission(const uuid& id) {
    auto c = pool_->take();
    if (!c) return std::nullopt;
    params p;
    p.bytes(id.bytes);
    auto r = (*c)->run("SELECT canonical, signature FROM dossiers WHERE submission_id = $1", p);
    if (!r || PQntuples(r->get()) != 1) return std::nullopt;
    auto body = submission::decode_canonical(as_bytes(field(r->get(), 0, 0)));
    if (!body || field(r->get(), 0, 1).size() != crypto::signature{}.size()) return std::nullopt;
    return submission::signed_submission{std::move(*body), fixed_field<64>(r->get(), 0, 1)};
}

// ---- devices ----

result<bool> postgres_store::register_device(const crypto::public_key& device, std::int64_t at) {
    auto c = pool_->take();
    if (!c) return c.err();
    params p;
    p.bytes(device).int8(at);
    auto r = (*c)->run("INSERT INTO devices (device_key, registered_at) VALUES ($1, $2) "
                       "ON CONFLICT (device_key) DO NOTHING RETURNING 1",
                       p);
    if (!r) return r.err();
    return PQntuples(r->get()) == 1;
}

result<bool> postgres_store::device_known(const crypto::public_key& device) {
    auto c = pool_->take();
    if (!c) return c.err();
    params p;
    p.bytes(device);
    auto r = (*c)->run("SELECT 1 FROM devices WHERE device_key = $1", p);
    if (!r) return r.err();
    return PQntuples(r->get()) == 1;
}

// ---- attachments ----

namespace {
constexpr std::string_view attachment_columns = "size, received, complete, media_type";

protocol::attachment_state state_from(const crypto::digest& hash, const PGresult* r) {
    return {hash, std::uint64_t(int_field(r, 0, 0)), std::uint64_t(int_field(r, 0, 1)), bool_field(r, 0, 2),
            std::string(field(r, 0, 3))};
}
} // namespace

result<protocol::attachment_state> postgres_store::begin_attachment(const crypto::digest& hash, std::uint64_t size,
                                                                    const std::string& media_type) {
    if (size > protocol::max_attachment_size) return protocol::make_error(protocol::errors::attachment_too_large);
    auto c = pool_->take();
    if (!c) return c.err();
    // Insert, or read the row another caller has (ON CONFLICT waits for its commit, and the
    // SELECT, a new statement, sees it). A drop in between (hash mismatch) means: try again.
    for (int tries = 0; tries < 5; ++tries) {
        params p;
        p.bytes(hash).int8(std::int64_t(size)).text(media_type);
        auto r = (*c)->run("INSERT INTO attachments (hash, size, media_type, received, complete) "
                           "VALUES ($1, $2, $3, 0, false) ON CONFLICT (hash) DO NOTHING RETURNING " +
                               std::string(attachment_columns),
                           p);
        if (!r) return r.err();
        if (PQntuples(r->get()) == 1) return state_from(hash, r->get());
        params q;
        q.bytes(hash);
        auto found = (*c)->run("SELECT " + std::string(attachment_columns) + " FROM attachments WHERE hash = $1", q);
        if (!found) return found.err();
        if (PQntuples(found->get()) == 1) return state_from(hash, found->get());
    }
    return storage_error("begin attachment: the upload keeps being dropped");
}

result<std::optional<protocol::attachment_state>> postgres_store::attachment(const crypto::digest& hash) {
    auto c = pool_->take();
    if (!c) return c.err();
    params p;
    p.bytes(hash);
    auto r = (*c)->run("SELECT " + std::string(attachment_columns) + " FROM attachments WHERE hash = $1", p);
    if (!r) return r.err();
    if (PQntuples(r->get()) != 1) return std::optional<protocol::attachment_state>();
    return std::optional(state_from(hash, r->get()));
}

result<append_result> postgres_store::append_attachment(const crypto::digest& hash, std::uint64_t offset,
                                                        std::span<const std::uint8_t> bytes) {
    auto c = pool_->take();
    if (!c) return c.err();
    auto& conn = **c;
    if (auto r = conn.run("BEGIN"); !r) return r.err();
    // The row lock serialises appends to one upload, from any instance.
    params key;
    key.bytes(hash);
    auto found =
        conn.run("SELECT " + std::string(attachment_columns) + " FROM attachments WHERE hash = $1 FOR UPDATE", key);
    if (!found) return found.err(); // the lease rolls back
    if (PQntuples(found->get()) != 1) return append_result{attachment_outcome::unknown, {}};
    auto state = state_from(hash, found->get());
    if (state.complete) return append_result{attachment_outcome::ok, state};
    if (offset != state.received) return append_result{attachment_outcome::offset_mismatch, state};
    if (bytes.size() > state.size - state.received) return append_result{attachment_outcome::too_long, state};

    if (!bytes.empty()) {
        params p;
        p.bytes(hash).int8(std::int64_t(offset)).bytes(bytes);
        auto r = conn.run("INSERT INTO attachment_chunks (hash, start, data) VALUES ($1, $2, $3)", p);
        if (!r) return r.err();
        state.received += bytes.size();
    }
    if (state.received == state.size) {
        // The last byte is in: the whole must hash to its name, or the upload is dropped.
        auto chunks = conn.run("SELECT data FROM attachment_chunks WHERE hash = $1 ORDER BY start", key);
        if (!chunks) return chunks.err();
        encoding::bytes whole;
        whole.reserve(state.size);
        for (int row = 0; row < PQntuples(chunks->get()); ++row) {
            auto part = field(chunks->get(), row, 0);
            whole.insert(whole.end(), part.begin(), part.end());
        }
        if (whole.size() != state.size || !crypto::equal(crypto::hash(whole), hash)) {
            auto d1 = conn.run("DELETE FROM attachment_chunks WHERE hash = $1", key);
            if (!d1) return d1.err();
            auto d2 = conn.run("DELETE FROM attachments WHERE hash = $1", key);
            if (!d2) return d2.err();
            if (auto r = conn.run("COMMIT"); !r) return r.err();
            return append_result{attachment_outcome::hash_mismatch, {}};
        }
        state.complete = true;
    }
    params u;
    u.bytes(hash).int8(std::int64_t(state.received));
    auto r = conn.run(state.complete ? "UPDATE attachments SET received = $2, complete = true WHERE hash = $1"
                                     : "UPDATE attachments SET received = $2 WHERE hash = $1",
                      u);
    if (!r) return r.err();
    if (auto done = conn.run("COMMIT"); !done) return done.err();
    return append_result{attachment_outcome::ok, state};
}

result<std::optional<encoding::bytes>> postgres_store::read_attachment(const crypto::digest& hash) {
    auto c = pool_->take();
    if (!c) return c.err();
    params p;
    p.bytes(hash);
    // A complete attachment never changes again, so the two reads need no transaction.
    auto found = (*c)->run("SELECT complete FROM attachments WHERE hash = $1", p);
    if (!found) return found.err();
    if (PQntuples(found->get()) != 1 || !bool_field(found->get(), 0, 0)) return std::optional<encoding::bytes>();
    auto chunks = (*c)->run("SELECT data FROM attachment_chunks WHERE hash = $1 ORDER BY start", p);
    if (!chunks) return chunks.err();
    encoding::bytes whole;
    for (int row = 0; row < PQntuples(chunks->get()); ++row) {
        auto part = field(chunks->get(), row, 0);
        whole.insert(whole.end(), part.begin(), part.end());
    }
    return std::optional(std::move(whole));
}

// ---- feed ----

result<protocol::feed_entry> postgres_store::append_feed(const uuid& submission, int status, std::int64_t at,
                                                         const std::string& document, const std::string& note_vi,
                                                         const std::string& note_en) {
    auto c = pool_->take();
    if (!c) return c.err();
    auto& conn = **c;
    for (int tries = 1;; ++tries) {
        auto once = [&]() -> result<protocol::feed_entry> {
            if (auto r = conn.run("BEGIN"); !r) return r.err();
            params p;
            p.bytes(submission.bytes);
            auto found = conn.run("SELECT device_key, dossier_code FROM dossiers WHERE submission_id = $1", p);
            if (!found) return found.err();
            if (PQntuples(found->get()) != 1) return dossier_unknown();
            protocol::feed_entry e;
            e.device_key = fixed_field<32>(found->get(), 0, 0);
            e.dossier_code = std::string(field(found->get(), 0, 1));
            column device, one;
            device.bytes(e.device_key);
            one.int8(1);
            params q;
            q.array(device.items, oid_bytea, oid_bytea_array).array(one.items, oid_int8, oid_int8_array);
            auto cursor = conn.prepared_run("take_cursors", q);
            if (!cursor) return cursor.err();
            if (PQntuples(cursor->get()) != 1) return storage_error("feed cursor missing");
            e.cursor = int_field(cursor->get(), 0, 1);
            e.submission_id = submission;
            e.status = status;
            e.at = at;
            e.document = document;
            e.note_vi = note_vi;
            e.note_en = note_en;
            auto fp = feed_params({e});
            auto inserted = conn.prepared_run("insert_feed", fp);
            if (!inserted) return inserted.err();
            if (auto r = conn.run("COMMIT"); !r) return r.err();
            return e;
        };
        auto r = once();
        if (!r && PQtransactionStatus(conn.pg) != PQTRANS_IDLE) conn.script("ROLLBACK");
        if (r || !worth_retrying(conn.sqlstate) || tries == 5) return r;
        pool_->retries.fetch_add(1);
    }
}

result<std::vector<protocol::feed_entry>> postgres_store::feed_after(const crypto::public_key& device,
                                                                     std::int64_t after, std::size_t limit) {
    auto c = pool_->take();
    if (!c) return c.err();
    params p;
    p.bytes(device).int8(after).int8(std::int64_t(std::min<std::size_t>(limit, INT64_MAX)));
    auto r = (*c)->prepared_run("feed_after", p);
    if (!r) return r.err();
    std::vector<protocol::feed_entry> out;
    for (int row = 0; row < PQntuples(r->get()); ++row) out.push_back(feed_from(r->get(), row));
    return out;
}

} // namespace motcua::server
