// The page VFS hands over only what changed, and what it hands over, applied in order to the
// durable copy, always gives a database SQLite accepts and that holds one committed state: this
// is what lets a browser killed mid-save come back with its last save or the one before.
#include "client/store/durable_writer.hpp"
#include "client/store/page_vfs.hpp"
#include "shared/sqlite/sqlite.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace motcua;
using namespace motcua::client;

namespace {

std::string one_text(sqlite::database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st);
    REQUIRE(st->step());
    return st->column_text(0);
}

// Opens a copy of an image as a fresh database and reports its check and its state.
std::pair<std::string, std::string> check_image(const std::vector<std::uint8_t>& image) {
    static int n = 0;
    const std::string path = "/check/" + std::to_string(++n);
    pages::attach(path, image, [](pages::change_set) {});
    std::pair<std::string, std::string> out;
    {
        auto db = sqlite::database::open(path, pages::vfs_name());
        REQUIRE(db);
        out.first = one_text(*db, "PRAGMA integrity_check");
        out.second = image.empty() ? "" : one_text(*db, "SELECT count(*) || ':' || coalesce(sum(length(v)), 0) || ':' || "
                                                         "coalesce(max(k), 0) FROM t");
    }
    pages::detach(path);
    return out;
}

} // namespace

TEST_CASE("a one-row commit hands over a few blocks, whatever the database holds") {
    std::vector<pages::change_set> sets;
    pages::attach("/big", {}, [&](pages::change_set c) { sets.push_back(std::move(c)); });
    {
        auto db = sqlite::database::open("/big", pages::vfs_name());
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=NORMAL;"
                         "CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB);"
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                         "INSERT INTO t(v) SELECT randomblob(1000) FROM n;"));
        REQUIRE(pages::content("/big")->size() > 2'000'000);
        sets.clear();
        REQUIRE(db->exec("INSERT INTO t(v) VALUES (randomblob(100))"));
        REQUIRE(sets.size() == 1);
        CHECK(sets[0].blocks.size() <= 4);
        sets.clear();
        REQUIRE(db->exec("SELECT count(*) FROM t"));
        CHECK(sets.empty()); // a read changes nothing
    }
    pages::detach("/big");
}

TEST_CASE("every prefix of the handed-over changes is a database with one committed state") {
    // Small cache (spills mid-transaction), rollbacks, deletes that shrink the file, and vacuum.
    std::vector<pages::change_set> sets;
    std::vector<std::string> states{""}; // state after each handed-over set; "" before the first
    pages::attach("/prop", {}, [&](pages::change_set c) { sets.push_back(std::move(c)); });
    std::mt19937 rng(12345);
    {
        auto db = sqlite::database::open("/prop", pages::vfs_name());
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=NORMAL; PRAGMA cache_size=4;"
                         "CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB)"));
        auto state = [&] {
            return one_text(*db, "SELECT count(*) || ':' || coalesce(sum(length(v)), 0) || ':' || "
                                 "coalesce(max(k), 0) FROM t");
        };
        states.push_back(state());
        for (int step = 0; step < 150; ++step) {
            const std::size_t before = sets.size();
            const int op = int(rng() % 10);
            const std::string rows = std::to_string(1 + rng() % 40), size = std::to_string(50 + rng() % 3000);
            if (op < 5) {
                REQUIRE(db->exec("BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                                 rows + ") INSERT INTO t(v) SELECT randomblob(" + size + ") FROM n; COMMIT"));
            } else if (op < 7) {
                REQUIRE(db->exec("DELETE FROM t WHERE k % 3 = " + std::to_string(rng() % 3)));
            } else if (op < 9) {
                REQUIRE(db->exec("BEGIN; UPDATE t SET v = randomblob(" + size + "); WITH RECURSIVE n(i) AS (SELECT 1 "
                                 "UNION ALL SELECT i + 1 FROM n WHERE i < 60) INSERT INTO t(v) SELECT randomblob(2000) "
                                 "FROM n; ROLLBACK"));
            } else {
                REQUIRE(db->exec("VACUUM"));
            }
            // A commit is at most one sync; a rollback may re-sync what it restored.
            REQUIRE(sets.size() <= before + 1);
            if (sets.size() == before + 1) states.push_back(state());
        }
        REQUIRE(sets.size() > 60);
        std::vector<std::uint8_t> image;
        for (std::size_t i = 0; i < sets.size(); ++i) {
            sets[i].apply_to(image);
            auto [check, got] = check_image(image);
            INFO("after set " << i);
            CHECK(check == "ok");
            CHECK(got == states[i + 1]);
        }
        CHECK(image == *pages::content("/prop"));
    }
    pages::detach("/prop");
}

TEST_CASE("the writer sends one set at a time, merges what comes meanwhile, and retries what failed") {
    std::vector<pages::change_set> started;
    durable_writer w([&](const pages::change_set& c) { started.push_back(c); });
    auto block = [](std::uint8_t fill) { return std::vector<std::uint8_t>(pages::block_size, fill); };
    auto set = [&](std::uint64_t size, std::map<std::uint32_t, std::vector<std::uint8_t>> b) {
        pages::change_set c;
        c.file_size = size;
        c.blocks = std::move(b);
        return c;
    };
    CHECK(w.durable());
    w.synced(set(8192, {{0, block(1)}, {1, block(1)}}));
    REQUIRE(started.size() == 1);
    CHECK_FALSE(w.durable());
    w.synced(set(12288, {{1, block(2)}, {2, block(2)}}));
    w.synced(set(8192, {{0, block(3)}})); // shrank: block 2 goes
    CHECK(started.size() == 1);           // one write at a time
    CHECK_FALSE(w.written(false));        // the first write failed
    CHECK(started.size() == 1);           // no spinning on a failing storage
    w.retry();
    REQUIRE(started.size() == 2);
    // One set with the failed one under the later ones.
    const auto& merged = started[1];
    CHECK(merged.file_size == 8192);
    REQUIRE(merged.blocks.size() == 2);
    CHECK(merged.blocks.at(0) == block(3));
    CHECK(merged.blocks.at(1) == block(2));
    CHECK(w.written(true));
    CHECK(w.durable());
    CHECK(w.failures() == 0);
}
