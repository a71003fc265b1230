// The two backends the store contract runs against, and the requests it stores: a fresh store
// per test (a temporary SQLite file, or a fresh schema on the test PostgreSQL).
#pragma once

#include "server/store/dossier_store.hpp"
#include "server/store/postgres_store.hpp"
#include "server/store/sqlite_store.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/sqlite/sqlite.hpp"
#include "tests/support/postgres_instance.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace motcua::testing {

inline const crypto::key_pair& server_keys() {
    static const crypto::key_pair keys = device_keys(200);
    return keys;
}

// A put_request as the API layer makes it: the receipt without its code and signature, and the
// feed entry, both for the server key (the store signs neither).
inline server::put_request request_for(const submission::signed_submission& s, civil_date received = {2026, 11, 24},
                                       std::int64_t now = 1795506600) {
    server::put_request r;
    r.submission = s;
    r.canonical = submission::canonical_bytes(s.body);
    r.received = received;
    r.receipt.submission_id = s.body.id;
    r.receipt.submission_hash = crypto::hash(r.canonical);
    r.receipt.agency = s.body.agency;
    r.receipt.procedure = s.body.procedure;
    r.receipt.received_at = now;
    r.receipt.due_date = "2026-12-01";
    r.receipt.server_key = server_keys().pk;
    r.received_entry.status = 2;
    r.received_entry.at = now;
    r.received_entry.document = "receipt";
    r.received_entry.note_vi = "Đã tiếp nhận hồ sơ";
    r.received_entry.note_en = "Dossier received";
    r.received_entry.server_key = server_keys().pk;
    return r;
}

// What the API layer does before it hands out a receipt or a feed entry.
inline submission::receipt server_signed(submission::receipt r) {
    r.server_key = server_keys().pk;
    return submission::sign(std::move(r), server_keys().sk);
}
inline protocol::feed_entry server_signed(protocol::feed_entry e) {
    e.server_key = server_keys().pk;
    return protocol::sign(std::move(e), server_keys().sk);
}

struct sqlite_backend {
    static constexpr const char* name = "sqlite";
    std::filesystem::path dir;
    sqlite_backend() {
        static std::atomic<int> counter{0};
        dir = std::filesystem::temp_directory_path() /
              ("motcua-store-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::create_directories(dir);
    }
    ~sqlite_backend() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::filesystem::path file() const { return dir / "motcua.sqlite"; }
    // Opens the test's store; called again, opens the same data (a restart, or another instance).
    std::unique_ptr<server::dossier_store> open(int = 4) {
        auto s = server::sqlite_store::open(file());
        if (!s) throw std::runtime_error("sqlite_store::open: " + s.err().en);
        return std::move(*s);
    }
    // A statement run past the store (to set up a state, or to break the database).
    void exec_sql(const std::string& sql) {
        auto db = sqlite::database::open((dir / "motcua.sqlite").string());
        if (!db) throw std::runtime_error(db.err().en);
        if (auto r = db->exec(sql); !r) throw std::runtime_error(r.err().en);
    }
    static std::string blob_literal(std::span<const std::uint8_t> b) {
        return "X'" + encoding::to_hex(b) + "'";
    }
};

struct postgres_backend {
    static constexpr const char* name = "postgres";
    std::string url = postgres_instance::get().fresh_url();
    std::unique_ptr<server::dossier_store> open(int connections = 4) {
        auto s = server::postgres_store::open(url, connections);
        if (!s) throw std::runtime_error("postgres_store::open: " + s.err().en);
        return std::move(*s);
    }
    void exec_sql(const std::string& sql) { postgres_instance::run_sql(url, sql); }
    static std::string blob_literal(std::span<const std::uint8_t> b) {
        return "'\\x" + encoding::to_hex(b) + "'::bytea";
    }
};

} // namespace motcua::testing

TYPE_TO_STRING_AS("sqlite", motcua::testing::sqlite_backend);
TYPE_TO_STRING_AS("postgres", motcua::testing::postgres_backend);
