// The two backends the store contract runs against, and the requests it stores: a fresh store
// per test (a temporary SQLite file, or a fresh schema on the test PostgreSQL).
#pragma once

#include "server/store/dossier_store.hpp"
#include "server/store/postgres_store.hpp"
#include "server/store/sqlite_store.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/sqlite/sqlite.hpp"
#include "tests/support/postgres_instance.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace motcua::testing {

inline const crypto::key_pair& server_keys() {
    static const crypto::key_pair keys = device_keys(200);
    return keys;
}

// A put_request as the API layer makes it: the receipt and the feed entry signed by the server key.
inline server::put_request request_for(const submission::signed_submission& s, civil_date received = {2026, 11, 24},
                                       std::int64_t now = 1795506600) {
    server::put_request r;
    r.submission = s;
    r.canonical = submission::canonical_bytes(s.body);
    r.received = received;
    r.make_receipt = [id = s.body.id, hash = crypto::hash(r.canonical), agency = s.body.agency,
                      procedure = s.body.procedure, now](const std::string& code) {
        submission::receipt rc;
        rc.submission_id = id;
        rc.submission_hash = hash;
        rc.dossier_code = code;
        rc.agency = agency;
        rc.procedure = procedure;
        rc.received_at = now;
        rc.due_date = "2026-12-01";
        rc.server_key = server_keys().pk;
        return submission::sign(std::move(rc), server_keys().sk);
    };
    r.received_entry.status = 2;
    r.received_entry.at = now;
    r.received_entry.document = "receipt";
    r.received_entry.note_vi = "Đã tiếp nhận hồ sơ";
    r.received_entry.note_en = "Dossier received";
    r.sign_entry = [](protocol::feed_entry e) {
        e.server_key = server_keys().pk;
        return protocol::sign(std::move(e), server_keys().sk);
    };
    return r;
}

inline server::feed_signer server_signer() {
    return [](protocol::feed_entry e) {
        e.server_key = server_keys().pk;
        return protocol::sign(std::move(e), server_keys().sk);
    };
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
    // Opens the test's store; called again, opens the same data (a restart, or another instance).
    std::unique_ptr<server::dossier_store> open(int = 4) {
        auto s = server::sqlite_store::open(dir / "motcua.sqlite");
        if (!s) throw std::runtime_error("sqlite_store::open: " + s.err().en);
        return std::move(*s);
    }
    // A statement run past the store (to set up a state, or to break the database).
    void exec_sql(const std::string& sql) {
        auto db = sqlite::database::open((dir / "motcua.sqlite").string());
        if (!db) throw std::runtime_error(db.err().en);
        if (auto r = db->exec(sql); !r) throw std::runtime_error(r.err().en);
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
};

} // namespace motcua::testing

TYPE_TO_STRING_AS("sqlite", motcua::testing::sqlite_backend);
TYPE_TO_STRING_AS("postgres", motcua::testing::postgres_backend);
