// Phones keep stores made by every earlier version of the app: each is opened by this one with
// nothing lost. One case per earlier version, with data in that version's own shape.
#include "client/store/local_store.hpp"

#include "shared/protocol/json_codec.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace motcua;
using namespace motcua::client;

namespace {
std::string temp_db(const char* name) {
    auto p = std::filesystem::temp_directory_path() /
             ("motcua-migration-" + std::to_string(::getpid()) + "-" + name + ".sqlite");
    std::filesystem::remove(p);
    std::filesystem::remove_all(p.string() + ".files"); // its attached files
    return p.string();
}

std::int64_t user_version(const std::string& path) {
    auto db = sqlite::database::open(path);
    auto st = db->prepare("PRAGMA user_version");
    REQUIRE(st);
    REQUIRE(st->step());
    return st->column_int64(0);
}

// A store exactly as version 1 left it, with a draft, an attachment list of a draft that has
// nothing typed, and a queued submission. `counted`: false is how the walking skeleton wrote it
// (user_version never set).
void make_version_1(const std::string& path, bool counted) {
    auto db = sqlite::database::open(path);
    REQUIRE(db);
    blob_store blobs;
    REQUIRE(local_store::migrate(*db, 1, blobs));
    submission::attachment_ref photo;
    photo.name = "giay-chung-sinh.jpg";
    photo.media_type = "image/jpeg";
    photo.hash.fill(9);
    photo.size = 2048;
    const std::string list = protocol::attachment_list_to_json({photo});
    auto st = db->prepare("INSERT INTO meta(key, value) VALUES ('draft_attachments:1.001193', CAST(? AS BLOB)), "
                          "('draft_attachments:2.000305', CAST(? AS BLOB)), ('draft_attachments:9.9', CAST('[]' AS BLOB))");
    REQUIRE(st);
    st->bind(1, list).bind(2, list);
    st->step();
    REQUIRE(st->ok());
    REQUIRE(db->exec("INSERT INTO drafts(procedure, form_version, values_json, updated_at) "
                     "VALUES ('1.001193', 1, '{\"child_name\":\"Nguyễn Thị Mai Anh\"}', 1700)"));
    REQUIRE(db->exec("INSERT INTO outbox(id, procedure, title, created_at, request_json, canonical, state) "
                     "VALUES ('0190aaaa-0000-7000-8000-000000000001', '1.001193', 'Mai Anh', 1600, '{}', x'01', 'queued')"));
    if (!counted) REQUIRE(db->exec("PRAGMA user_version = 0"));
}
} // namespace

TEST_CASE("a version 1 store opens with its draft, its attachment lists and its outbox kept") {
    for (bool counted : {false, true}) {
        CAPTURE(counted);
        const auto path = temp_db(counted ? "v1-counted" : "v1");
        make_version_1(path, counted);
        {
            auto store = local_store::open(path, nullptr);
            REQUIRE(store);
            auto d = store->drafts("1.001193");
            REQUIRE(d.size() == 1);
            CHECK(d[0].id == "draft-1.001193");
            CHECK(d[0].typed.at("child_name") == "Nguyễn Thị Mai Anh");
            CHECK(d[0].updated_at_ms == 1700);
            REQUIRE(d[0].attachments.size() == 1);
            CHECK(d[0].attachments[0].name == "giay-chung-sinh.jpg");
            // The list that had nothing typed beside it became a draft; the empty one did not.
            auto other = store->drafts("2.000305");
            REQUIRE(other.size() == 1);
            CHECK(other[0].typed.empty());
            CHECK(other[0].attachments.size() == 1);
            CHECK(store->drafts("9.9").empty());
            CHECK_FALSE(store->text_meta("draft_attachments:1.001193"));
            REQUIRE(store->outbox().size() == 1);
            CHECK(store->outbox()[0].title == "Mai Anh");
            CHECK(store->integrity_check() == "ok");
            // And it works as a version 2 store: a second draft of the same procedure.
            REQUIRE(store->save_draft({"new", "1.001193", 1, {{"child_name", "Bé Na"}}, {}, 0, 1800}));
            CHECK(store->drafts("1.001193").size() == 2);
        }
        CHECK(user_version(path) == local_store::latest_schema_version);
        // Opening again migrates nothing twice.
        auto again = local_store::open(path, nullptr);
        REQUIRE(again);
        CHECK(again->drafts("1.001193").size() == 2);
        std::filesystem::remove(path);
    }
}

TEST_CASE("a new store starts at the latest version; a store from a newer app is refused, untouched") {
    const auto path = temp_db("fresh");
    REQUIRE(local_store::open(path, nullptr));
    CHECK(user_version(path) == local_store::latest_schema_version);
    {
        auto db = sqlite::database::open(path);
        REQUIRE(db->exec("PRAGMA user_version = 99"));
    }
    auto newer = local_store::open(path, nullptr);
    REQUIRE_FALSE(newer);
    CHECK(newer.err().code == "store_too_new");
    CHECK(user_version(path) == 99);
    std::filesystem::remove(path);
}

TEST_CASE("a version 2 store's attached files move out of the database, and a file nothing names goes") {
    const auto path = temp_db("v2");
    submission::attachment_ref photo;
    photo.name = "giay-chung-sinh.jpg";
    photo.media_type = "image/jpeg";
    const std::vector<std::uint8_t> named_content(300000, 7), orphan_content(200000, 8);
    photo.hash = crypto::hash(named_content);
    photo.size = named_content.size();
    {
        auto db = sqlite::database::open(path);
        REQUIRE(db);
        blob_store unused;
        REQUIRE(local_store::migrate(*db, 2, unused));
        auto ins = db->prepare("INSERT INTO attachments(hash, media_type, content) VALUES (?, ?, ?)");
        REQUIRE(ins);
        ins->bind_blob(1, photo.hash).bind(2, std::string("image/jpeg")).bind_blob(3, named_content);
        ins->step();
        REQUIRE(ins->ok());
        ins->reset();
        ins->bind_blob(1, crypto::hash(orphan_content)).bind(2, std::string("image/png")).bind_blob(3, orphan_content);
        ins->step();
        REQUIRE(ins->ok());
        auto draft = db->prepare("INSERT INTO drafts(id, procedure, form_version, values_json, attachments_json, "
                                 "created_at, updated_at) VALUES ('d1', '1.001193', 1, '{}', ?, 1, 1)");
        REQUIRE(draft);
        draft->bind(1, protocol::attachment_list_to_json({photo}));
        draft->step();
        REQUIRE(draft->ok());
    }
    blob_store blobs;
    {
        auto store = local_store::open(path, nullptr, nullptr, &blobs);
        REQUIRE(store);
        CHECK(user_version(path) == 3);
        auto kept = store->attachment(photo.hash);
        REQUIRE(kept);
        CHECK(*kept == named_content);
        CHECK_FALSE(store->attachment(crypto::hash(orphan_content))); // named by nothing
        CHECK(blobs.size() == 1);
        // What the platform must write: the file that moved out, once.
        auto changes = blobs.take_changes();
        CHECK(changes.put.size() == 1);
        CHECK(changes.put.count(blob_store::key_of(photo.hash)) == 1);
        CHECK(store->integrity_check() == "ok");
    }
    auto db = sqlite::database::open(path);
    auto st = db->prepare("SELECT count(*) FROM sqlite_master WHERE name = 'attachments'");
    REQUIRE(st);
    REQUIRE(st->step());
    CHECK(st->column_int64(0) == 0);
    std::filesystem::remove(path);
}
