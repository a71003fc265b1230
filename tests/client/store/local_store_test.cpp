#include "client/store/local_store.hpp"

#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace motcua;
using namespace motcua::client;

namespace {
std::string temp_db() {
    static int n = 0;
    auto p = std::filesystem::temp_directory_path() /
             ("motcua-client-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".sqlite");
    std::filesystem::remove(p);
    std::filesystem::remove_all(p.string() + ".files"); // its attached files
    return p.string();
}

outbox_item item(const std::string& id, std::int64_t created) {
    outbox_item it;
    it.id = id;
    it.procedure = "1.001193";
    it.title = "Nguyễn Thị Mai Anh";
    it.created_at_ms = created;
    it.request_json = "{}";
    it.canonical = {1, 2, 3};
    return it;
}
} // namespace

TEST_CASE("a draft is saved, read back after reopening, and every commit is announced") {
    auto path = temp_db();
    int commits = 0;
    {
        auto store = local_store::open(path, [&] { ++commits; });
        REQUIRE(store);
        REQUIRE(store->save_draft({"d1", "1.001193", 1, {{"child_name", "Nguyễn Văn Đức"}}, {}, 0, 1000}));
    }
    CHECK(commits == 1);
    auto store = local_store::open(path, nullptr);
    REQUIRE(store);
    auto d = store->load_draft("d1");
    REQUIRE(d);
    CHECK(d->procedure == "1.001193");
    CHECK(d->typed.at("child_name") == "Nguyễn Văn Đức");
    CHECK(d->updated_at_ms == 1000);
    CHECK(d->created_at_ms == 1000);
    std::filesystem::remove(path);
}

TEST_CASE("queuing a submission removes its draft in the same transaction") {
    auto path = temp_db();
    auto store = local_store::open(path, nullptr);
    REQUIRE(store);
    REQUIRE(store->save_draft({"d1", "1.001193", 1, {{"child_name", "x"}}, {}, 0, 1}));
    REQUIRE(store->save_draft({"d2", "1.001193", 1, {{"child_name", "y"}}, {}, 0, 2}));
    REQUIRE(store->enqueue(item("a", 10), "d1"));
    CHECK_FALSE(store->load_draft("d1"));
    CHECK(store->load_draft("d2")); // another draft of the same procedure stays
    REQUIRE(store->outbox().size() == 1);
    CHECK(store->outbox()[0].state == outbox_state::queued);
    // The same id cannot be queued twice.
    CHECK_FALSE(store->enqueue(item("a", 11)));
    CHECK(store->outbox().size() == 1);
    std::filesystem::remove(path);
}

TEST_CASE("the device key is made once and kept") {
    auto path = temp_db();
    crypto::init();
    int draws = 0;
    auto draw = [&] {
        ++draws;
        crypto::key_seed s{};
        s.fill(std::uint8_t(draws));
        return s;
    };
    crypto::public_key first{};
    {
        auto store = local_store::open(path, nullptr);
        first = store->device_key(draw)->pk;
        CHECK(store->device_key(draw)->pk == first);
    }
    auto store = local_store::open(path, nullptr);
    CHECK(store->device_key(draw)->pk == first);
    CHECK(draws == 1);
    std::filesystem::remove(path);
}

TEST_CASE("a waiting item does not block the items behind it") {
    auto path = temp_db();
    auto store = local_store::open(path, nullptr);
    REQUIRE(store);
    REQUIRE(store->enqueue(item("first", 1)));
    REQUIRE(store->enqueue(item("second", 2)));
    REQUIRE(store->mark_retry("first", 1, 60000, error{"network_unreachable", "vi", "en"}));
    auto next = store->next_due(1000);
    REQUIRE(next);
    CHECK(next->id == "second");
    REQUIRE(store->mark_failed("second", error{"submission_malformed", "vi", "en"}));
    CHECK_FALSE(store->next_due(1000));
    CHECK(store->next_due(60000)->id == "first");
    REQUIRE(store->retry_all_now(2000));
    CHECK(store->next_due(2000)->id == "first");
    std::filesystem::remove(path);
}

TEST_CASE("several drafts of one procedure coexist, newest first, each with its attachment list") {
    auto path = temp_db();
    auto store = local_store::open(path, nullptr);
    REQUIRE(store);
    submission::attachment_ref photo;
    photo.hash.fill(7);
    photo.size = 1234;
    photo.media_type = "image/jpeg";
    photo.name = "giay-chung-sinh.jpg";
    REQUIRE(store->save_draft({"a", "1.001193", 1, {{"child_name", "An"}}, {photo}, 0, 10}));
    REQUIRE(store->save_draft({"b", "1.001193", 1, {{"child_name", "Bình"}}, {}, 0, 20}));
    REQUIRE(store->save_draft({"c", "2.000001", 1, {{"x", "y"}}, {}, 0, 15}));
    auto mine = store->drafts("1.001193");
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].id == "b");
    CHECK(mine[1].id == "a");
    REQUIRE(mine[1].attachments.size() == 1);
    CHECK(mine[1].attachments[0] == photo);
    CHECK(store->drafts().size() == 3);
    // A later save keeps the draft's creation time.
    REQUIRE(store->save_draft({"a", "1.001193", 1, {{"child_name", "An Nhiên"}}, {photo}, 0, 30}));
    CHECK(store->load_draft("a")->created_at_ms == 10);
    CHECK(store->drafts("1.001193")[0].id == "a");
    std::filesystem::remove(path);
}

TEST_CASE("an attached file is kept once, outside the database, until nothing names it") {
    auto path = temp_db();
    blob_store blobs;
    auto store = local_store::open(path, nullptr, nullptr, &blobs);
    REQUIRE(store);
    const std::vector<std::uint8_t> content(250000, 42);
    submission::attachment_ref photo;
    photo.name = "giay-chung-sinh.jpg";
    photo.media_type = "image/jpeg";
    photo.hash = crypto::hash(content);
    photo.size = content.size();
    REQUIRE(store->put_attachment(photo.hash, photo.media_type, content));
    REQUIRE(store->put_attachment(photo.hash, photo.media_type, content)); // the same photo again
    CHECK(blobs.size() == 1);
    auto written = blobs.take_changes();
    CHECK(written.put.size() == 1); // written once
    REQUIRE(store->save_draft({"d1", "1.001193", 1, {}, {photo}, 0, 1}));
    REQUIRE(store->save_draft({"d2", "1.001193", 1, {}, {photo}, 0, 2}));
    CHECK(std::filesystem::file_size(path) < content.size()); // not in the database file
    // One draft lets go of it: the other still names it.
    REQUIRE(store->save_draft({"d1", "1.001193", 1, {}, {}, 0, 3}));
    CHECK(store->attachment(photo.hash));
    // Queued with the second draft: the dossier names it until the office has received it.
    auto signed_s = testing::signed_birth_registration(1);
    signed_s.body.attachments = {photo};
    outbox_item it = item(to_string(signed_s.body.id), 10);
    it.canonical = submission::canonical_bytes(signed_s.body);
    REQUIRE(store->enqueue(it, "d2"));
    CHECK_FALSE(store->load_draft("d2"));
    CHECK(store->attachment(photo.hash));
    CHECK(blobs.take_changes().empty());
    REQUIRE(store->mark_received(it.id, "{}", "000.00.10.H26-261204-0001", "2026-12-09"));
    CHECK_FALSE(store->attachment(photo.hash));
    CHECK(blobs.size() == 0);
    auto removed = blobs.take_changes();
    CHECK(removed.removed.count(blob_store::key_of(photo.hash)) == 1);
    std::filesystem::remove(path);
}

TEST_CASE("a deleted draft's files go; a file another draft names stays") {
    auto path = temp_db();
    auto store = local_store::open(path, nullptr);
    REQUIRE(store);
    const std::vector<std::uint8_t> a(1000, 1), b(1000, 2);
    submission::attachment_ref ra, rb;
    ra.name = "a.jpg", rb.name = "b.jpg";
    ra.media_type = rb.media_type = "image/jpeg";
    ra.hash = crypto::hash(a), rb.hash = crypto::hash(b);
    ra.size = rb.size = 1000;
    REQUIRE(store->put_attachment(ra.hash, "image/jpeg", a));
    REQUIRE(store->put_attachment(rb.hash, "image/jpeg", b));
    REQUIRE(store->save_draft({"d1", "1.001193", 1, {}, {ra, rb}, 0, 1}));
    REQUIRE(store->save_draft({"d2", "1.001193", 1, {}, {rb}, 0, 2}));
    REQUIRE(store->delete_draft("d1"));
    CHECK_FALSE(store->attachment(ra.hash));
    CHECK(store->attachment(rb.hash));
    CHECK(store->attachments().size() == 1);
    std::filesystem::remove(path);
}

TEST_CASE("blob changes merge: a later removal cancels a write, a later write cancels a removal") {
    blob_changes first;
    first.put["a"] = {"image/jpeg", {1}};
    first.removed.insert("b");
    blob_changes later;
    later.removed.insert("a");
    later.put["b"] = {"image/png", {2}};
    first.merge(std::move(later));
    CHECK(first.put.count("a") == 0);
    CHECK(first.removed.count("a") == 1);
    CHECK(first.put.at("b").content == std::vector<std::uint8_t>{2});
    CHECK(first.removed.count("b") == 0);
}
