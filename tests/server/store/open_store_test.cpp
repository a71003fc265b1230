// The database URL picks the backend.
#include "server/store/open_store.hpp"

#include "tests/server/store/store_fixtures.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::server;

TEST_CASE("open_store: no URL, or sqlite:, means the SQLite file in the data directory") {
    testing::sqlite_backend dir;
    for (std::string_view url : {"", "sqlite:"}) {
        auto store = open_store(url, dir.dir);
        REQUIRE(store);
        CHECK((*store)->count_dossiers() == 0);
        CHECK(dynamic_cast<sqlite_store*>(store->get()));
    }
    CHECK(std::filesystem::exists(dir.dir / "motcua.sqlite"));
}

TEST_CASE("open_store: sqlite:PATH opens that file") {
    testing::sqlite_backend dir;
    auto path = dir.dir / "elsewhere.sqlite";
    auto store = open_store("sqlite:" + path.string(), "/nonexistent");
    REQUIRE(store);
    REQUIRE((*store)->put_submission(testing::request_for(testing::signed_birth_registration(1))));
    CHECK(std::filesystem::exists(path));
}

TEST_CASE("open_store: postgresql:// and postgres:// open PostgreSQL") {
    testing::postgres_backend db;
    for (auto url : {db.url, "postgres://" + db.url.substr(std::string("postgresql://").size())}) {
        auto store = open_store(url, "/nonexistent", 2);
        REQUIRE(store);
        CHECK(dynamic_cast<postgres_store*>(store->get()));
        CHECK((*store)->count_dossiers() == 0);
    }
}

TEST_CASE("open_store: any other URL is refused with database_url_invalid") {
    for (std::string_view url : {"mysql://localhost/x", "sqlite", "/var/lib/motcua.sqlite", "postgresql:/x"}) {
        auto store = open_store(url, "/tmp");
        REQUIRE_FALSE(store);
        CHECK(store.err().code == "database_url_invalid");
        CHECK_FALSE(store.err().vi.empty());
        CHECK_FALSE(store.err().en.empty());
    }
}
