// The WAL-gathering VFS: what a connection commits through it is in the database, whole, for
// other connections at once and after a reopen; transactions of every size (the unix VFS
// refuses single writes of some sizes above 128 KiB, which the VFS must split).
#include "server/store/sqlite_wal_buffer.hpp"

#include "shared/sqlite/sqlite.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

using namespace motcua;

namespace {

struct temp_db {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("motcua-walbuf-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    temp_db() { std::filesystem::create_directories(dir); }
    ~temp_db() { std::filesystem::remove_all(dir); }
    std::string file() const { return (dir / "t.sqlite").string(); }
};

std::int64_t scalar(sqlite::database& db, const char* sql) {
    auto s = db.prepare(sql);
    REQUIRE(s);
    REQUIRE(s->step());
    return s->column_int64(0);
}

} // namespace

TEST_CASE("commits through the WAL-gathering VFS are whole, seen by other connections at once and after a reopen") {
    temp_db t;
    std::int64_t rows = 0, bytes = 0;
    {
        auto writer = sqlite::database::open(t.file(), server::wal_buffer_vfs());
        REQUIRE(writer);
        REQUIRE(writer->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0; "
                             "CREATE TABLE t(n INTEGER, b BLOB);"));
        auto reader = sqlite::database::open(t.file()); // the default VFS, as the store's readers
        REQUIRE(reader);
        // 1 to 320 pages a transaction: sizes across the 128 KiB pieces, and multiples of them.
        for (int pages : {1, 2, 31, 32, 33, 64, 96, 128, 129, 200, 320}) {
            REQUIRE(writer->exec("BEGIN IMMEDIATE;"));
            for (int i = 0; i < pages; ++i) {
                REQUIRE(writer->exec("INSERT INTO t VALUES (" + std::to_string(rows) + ", randomblob(3500));"));
                ++rows;
                bytes += 3500;
            }
            REQUIRE(writer->exec("COMMIT;"));
            CHECK(scalar(*reader, "SELECT count(*) FROM t") == rows);
        }
        // A checkpoint through the writer reads the WAL back.
        REQUIRE(writer->exec("PRAGMA wal_checkpoint(RESTART);"));
        REQUIRE(writer->exec("INSERT INTO t VALUES (-1, randomblob(10));"));
        ++rows;
        bytes += 10;
    }
    auto again = sqlite::database::open(t.file());
    REQUIRE(again);
    CHECK(scalar(*again, "SELECT count(*) FROM t") == rows);
    CHECK(scalar(*again, "SELECT sum(length(b)) FROM t") == bytes);
    auto check = again->prepare("PRAGMA integrity_check");
    REQUIRE(check);
    REQUIRE(check->step());
    CHECK(check->column_text(0) == "ok");
}

TEST_CASE("a transaction that rolls back through the WAL-gathering VFS leaves nothing behind") {
    temp_db t;
    auto writer = sqlite::database::open(t.file(), server::wal_buffer_vfs());
    REQUIRE(writer);
    REQUIRE(writer->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=10; "
                         "CREATE TABLE t(b BLOB);"));
    REQUIRE(writer->exec("BEGIN IMMEDIATE;"));
    // More than the page cache holds: SQLite spills pages to the WAL before the commit and
    // reads them back, through the VFS.
    for (int i = 0; i < 200; ++i) REQUIRE(writer->exec("INSERT INTO t VALUES (randomblob(3000));"));
    CHECK(scalar(*writer, "SELECT count(*) FROM t") == 200);
    REQUIRE(writer->exec("ROLLBACK;"));
    CHECK(scalar(*writer, "SELECT count(*) FROM t") == 0);
    REQUIRE(writer->exec("INSERT INTO t VALUES (x'01');"));
    auto reader = sqlite::database::open(t.file());
    REQUIRE(reader);
    CHECK(scalar(*reader, "SELECT count(*) FROM t") == 1);
}
