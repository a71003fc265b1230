// What only PostgreSQL has: another server instance's transaction committing, mid-batch, the
// very id this batch is inserting.
#include "server/store/postgres_store.hpp"

#include "tests/server/store/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

using namespace motcua;
using namespace motcua::server;

namespace {
std::string hex_bytea(std::span<const std::uint8_t> b) {
    std::string s = "'\\x";
    char buf[3];
    for (auto x : b) {
        std::snprintf(buf, sizeof buf, "%02x", x);
        s += buf;
    }
    return s + "'::bytea";
}

std::int64_t count_lock_waits(PGconn* c) {
    PGresult* r = PQexec(c, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
    std::int64_t n = PQresultStatus(r) == PGRES_TUPLES_OK ? std::atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return n;
}
} // namespace

TEST_CASE("postgres store: an id committed by another instance mid-batch makes the batch redo it, burning no number") {
    testing::postgres_backend backend;
    auto opened = postgres_store::open(backend.url, 2);
    REQUIRE(opened);
    auto& store = **opened;
    auto s1 = testing::signed_birth_registration(1), s2 = testing::signed_birth_registration(2),
         s3 = testing::signed_birth_registration(3);
    REQUIRE(store.put_submission(testing::request_for(s1)));

    // "Another instance": a transaction that has inserted s2's id (with s1's content) and not
    // committed yet.
    PGconn* other = PQconnectdb(backend.url.c_str());
    REQUIRE(PQstatus(other) == CONNECTION_OK);
    auto exec = [&](const std::string& sql) {
        PGresult* r = PQexec(other, sql.c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) MESSAGE(PQresultErrorMessage(r));
        PQclear(r);
        return ok;
    };
    REQUIRE(exec("BEGIN"));
    REQUIRE(exec("INSERT INTO dossiers SELECT " + hex_bytea(s2.body.id.bytes) +
                 ", submission_hash, 'other-instance-0001', agency, procedure, received_at, device_key, canonical, "
                 "signature, receipt_json FROM dossiers WHERE submission_id = " + hex_bytea(s1.body.id.bytes)));

    std::vector<put_request> batch{testing::request_for(s3), testing::request_for(s2)};
    auto answer = std::async(std::launch::async, [&] { return store.put_batch(batch); });
    // Wait until the batch is blocked on that uncommitted id, then let the other one commit.
    PGconn* watch = PQconnectdb(backend.url.c_str());
    auto waited = std::chrono::steady_clock::now();
    while (count_lock_waits(watch) < 1 && std::chrono::steady_clock::now() - waited < std::chrono::seconds(10))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(count_lock_waits(watch) == 1);
    REQUIRE(exec("COMMIT"));
    PQfinish(watch);
    PQfinish(other);

    auto r = answer.get();
    REQUIRE(r.size() == 2);
    REQUIRE(r[0]);
    CHECK(r[0]->outcome == put_outcome::created);
    CHECK(r[0]->receipt.dossier_code == "000.00.10.H26-261124-0002"); // not 0003: the first try rolled back
    REQUIRE(r[1]);
    CHECK(r[1]->outcome == put_outcome::conflict); // s2's id now holds other content
    CHECK(store.batch_retries() >= 1);
    auto feed = store.feed_after(testing::device_keys(1).pk, 0, 10);
    REQUIRE(feed->size() == 2);
    CHECK(feed->back().cursor == 2);
}

TEST_CASE("postgres store: an unreachable database is an error, not a hang") {
    // Nothing listens on port 1 of the loopback.
    auto opened = postgres_store::open("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=5", 1);
    REQUIRE_FALSE(opened);
    CHECK(opened.err().code == "storage_error");
}
