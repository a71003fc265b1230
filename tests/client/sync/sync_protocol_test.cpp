// The sync engine's protocol steps against the real server on loopback: attachments resumed
// where they stopped, limits refused before upload, the feed, the catalog, clock and
// registration repairs.
#include "client/sync/sync_engine.hpp"

#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_transport.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace motcua;
using namespace motcua::client;

namespace {

struct phone {
    std::string path;
    std::int64_t now_ms;
    std::uint32_t rnd = 777;
    std::optional<local_store> store;
    crypto::key_pair key;

    explicit phone(std::int64_t server_now_s) : now_ms(server_now_s * 1000) {
        static int n = 0;
        path = (std::filesystem::temp_directory_path() /
                ("motcua-syncp-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".sqlite"))
                   .string();
        std::filesystem::remove(path);
        store.emplace(std::move(local_store::open(path, nullptr)).value());
        key = *store->device_key([] {
            crypto::key_seed s{};
            s.fill(0x33);
            return s;
        });
    }
    ~phone() {
        store.reset();
        std::filesystem::remove(path);
    }
    std::function<std::int64_t()> clock() {
        return [this] { return now_ms; };
    }
    std::function<std::uint32_t()> random() {
        return [this] { return rnd = rnd * 1103515245 + 12345; };
    }

    // Queues a birth registration with these attachments (content kept on the phone).
    std::string queue(unsigned n, const std::vector<std::string>& contents, const std::string& media_type = "image/jpeg") {
        auto s = testing::signed_birth_registration(n).body;
        s.device_key = key.pk;
        for (std::size_t i = 0; i < contents.size(); ++i) {
            const auto& c = contents[i];
            std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(c.data()), c.size());
            submission::attachment_ref a{"Giấy chứng sinh " + std::to_string(i + 1), media_type, crypto::hash(bytes),
                                         c.size()};
            REQUIRE(store->put_attachment(a.hash, media_type, bytes));
            s.attachments.push_back(a);
        }
        std::sort(s.attachments.begin(), s.attachments.end(),
                  [](const auto& a, const auto& b) { return a.hash < b.hash; });
        auto signed_s = submission::sign(s, key.sk);
        outbox_item it;
        it.id = to_string(s.id);
        it.procedure = s.procedure;
        it.title = "Hồ sơ " + std::to_string(n);
        it.created_at_ms = now_ms;
        it.request_json = protocol::to_json(signed_s);
        it.canonical = submission::canonical_bytes(s);
        REQUIRE(store->enqueue(it));
        return it.id;
    }

    outbox_item item(const std::string& id) {
        for (auto& it : store->outbox())
            if (it.id == id) return it;
        FAIL("no such item");
        return {};
    }
};

void drive(sync_engine& e, int ticks = 80) {
    for (int i = 0; i < ticks; ++i) e.tick(true);
}

std::string blob(std::size_t n, char seed) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = char(seed + i * 31 + (i >> 9));
    return s;
}

std::vector<std::string> patch_offsets(const testing::loopback_transport& net) {
    std::vector<std::string> out;
    for (const auto& t : net.targets)
        if (t.starts_with("PATCH ")) out.push_back(t.substr(t.find("offset=") + 7));
    return out;
}

} // namespace

TEST_CASE("attachments go first, in chunks, and the server checks them before the dossier is made") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    phone p(server.now());
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    const std::string big = blob(600 * 1024, 'a'); // three chunks
    auto id = p.queue(1, {big, blob(1000, 'z')});
    drive(engine);
    auto it = p.item(id);
    REQUIRE(it.state == outbox_state::received);
    CHECK(server.store().count_dossiers() == 1);
    auto held = server.store().read_attachment(crypto::hash(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(big.data()), big.size())));
    REQUIRE(held.ok());
    REQUIRE(held->has_value());
    CHECK((*held)->size() == big.size());
    CHECK(engine.idle_and_done());
}

TEST_CASE("an upload cut off in the middle resumes from what the server holds, not from zero") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    phone p(server.now());
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    auto id = p.queue(1, {blob(700 * 1024, 'q')});
    engine.tick(true); // register
    engine.tick(true); // announce
    engine.tick(true); // chunk 1
    net.lose_answers = 1;
    engine.tick(true); // chunk 2 arrives, its answer is lost
    CHECK(p.item(id).state == outbox_state::queued);
    p.now_ms += 60 * 1000;
    drive(engine);
    CHECK(p.item(id).state == outbox_state::received);
    // 0, 262144 (answer lost), then asked again and went on from 524288: nothing sent twice.
    CHECK(patch_offsets(net) == std::vector<std::string>{"0", "262144", "524288"});
}

TEST_CASE("an attachment over the limit is refused before its bytes are sent, and the next item still goes") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    phone p(server.now());
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    auto too_big = p.queue(1, {blob(protocol::max_attachment_size + 1, 'x')});
    p.now_ms += 1000;
    auto fine = p.queue(2, {blob(2000, 'y')});
    drive(engine);
    auto refused = p.item(too_big);
    CHECK(refused.state == outbox_state::failed);
    REQUIRE(refused.last_error);
    CHECK(refused.last_error->code == "attachment_too_large");
    CHECK(refused.last_error->vi.find("10 MB") != std::string::npos);
    CHECK(p.item(fine).state == outbox_state::received);
    for (const auto& off : patch_offsets(net)) CHECK(off == "0"); // only the small file's single chunk
    CHECK(patch_offsets(net).size() == 1);
}

TEST_CASE("an upload state of another size or past the file's end is refused: no byte beyond the file is sent") {
    // Whoever answers for the server (or another device that announced the same hash with
    // another size) says it holds more than the phone's file has: cutting the next chunk at that
    // offset would read past the file and send the app's memory.
    for (const auto& [size_delta, received] : std::vector<std::pair<std::int64_t, std::uint64_t>>{
             {1000000, 500000}, // a bigger file, far past ours
             {0, 5000},                           // our size, but past our end (the decoder refuses it)
             {0, 3000}}) {                         // all of ours, yet not complete: nothing left to send
        CAPTURE(size_delta);
        CAPTURE(received);
        testing::loopback_server server;
        testing::loopback_transport net(server);
        phone p(server.now());
        sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
        const std::string file = blob(3000, 'f');
        auto id = p.queue(1, {file});
        net.tamper = [&](const std::string& target, client::http_reply& reply) {
            if (target != "POST /v1/attachments" || reply.status != 200) return;
            auto state = protocol::attachment_state_from_json(reply.body);
            REQUIRE(state);
            state->size = std::uint64_t(std::int64_t(file.size()) + size_delta);
            state->received = received;
            state->complete = false;
            reply.body = protocol::to_json(*state);
        };
        drive(engine);
        auto it = p.item(id);
        REQUIRE(it.last_error);
        if (received > file.size() + size_delta) {
            // Not even a state: an answer that cannot be read, tried again later.
            CHECK(it.state == outbox_state::queued);
            CHECK(it.last_error->code == "answer_invalid");
        } else {
            // A state that is not our file's: the person is told, nothing is retried blindly.
            CHECK(it.state == outbox_state::failed);
            CHECK(it.last_error->code == "attachment_state_invalid");
        }
        CHECK(patch_offsets(net).empty()); // not one chunk sent
        CHECK(server.store().count_dossiers() == 0);
    }
}

TEST_CASE("a phone whose clock is hours off learns the server's time and is not refused for good") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    phone p(server.now());
    p.now_ms -= 3 * 3600 * 1000; // the clock was never set
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    auto id = p.queue(1, {});
    drive(engine);
    CHECK(p.item(id).state == outbox_state::received);
    CHECK(p.store->text_meta("clock_offset") == std::to_string(3 * 3600));
}

TEST_CASE("the feed brings the dossier's status changes, verified, and the cursor moves past them") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    phone p(server.now());
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    auto id = p.queue(1, {});
    drive(engine);
    REQUIRE(p.item(id).state == outbox_state::received);
    auto received = p.store->latest_feed_entry(id);
    REQUIRE(received);
    CHECK(received->status == 2);
    CHECK(received->document == "receipt");
    CHECK(received->note_vi.find("25/11/2026") != std::string::npos);

    // The officer asks for a supplement; the phone hears of it at the next pull.
    auto moved = server.store().append_feed(*parse_uuid(id), 5, server.now() + 60, "supplement_request",
                                            "Đề nghị bổ sung bản sao giấy chứng sinh.", "Please add a copy.");
    REQUIRE(moved.ok());
    CHECK(moved->cursor == 2);
    drive(engine);
    CHECK(p.store->latest_feed_entry(id)->status == 2); // not yet due: the feed waits a minute
    engine.sync_now();
    drive(engine);
    auto latest = p.store->latest_feed_entry(id);
    REQUIRE(latest);
    CHECK(latest->status == 5);
    CHECK(latest->cursor == 2);
    CHECK(p.store->feed_cursor() == 2);
}

TEST_CASE("the catalog is downloaded once and then answered 304 while it is unchanged") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    phone p(server.now());
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    drive(engine);
    auto stored = p.store->text_meta("catalog_json");
    REQUIRE(stored);
    CHECK(stored->find("1.001193") != std::string::npos);
    auto etag = p.store->text_meta("catalog_etag");
    REQUIRE(etag);
    auto g = engine.generation();
    engine.sync_now();
    drive(engine);
    int catalog_requests = 0;
    for (const auto& t : net.targets) catalog_requests += t == "GET /v1/reference/catalog";
    CHECK(catalog_requests == 2);
    CHECK(p.store->text_meta("catalog_etag") == etag);
    CHECK(engine.generation() > g);
}

TEST_CASE("a server that forgot the device is answered by registering again") {
    testing::loopback_server first;
    phone p(first.now());
    {
        testing::loopback_transport net(first);
        sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
        p.queue(1, {});
        drive(engine);
    }
    testing::loopback_server second; // a new database, same server key
    testing::loopback_transport net(second);
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    auto id = p.queue(2, {});
    drive(engine);
    CHECK(p.item(id).state == outbox_state::received);
    int registrations = 0;
    for (const auto& t : net.targets) registrations += t == "POST /v1/devices";
    CHECK(registrations == 1);
}

TEST_CASE("once registered the phone MACs its requests; a server with another key is named, not retried blindly") {
    testing::loopback_server first;
    phone p(first.now());
    {
        testing::loopback_transport net(first);
        sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
        auto id = p.queue(1, {});
        drive(engine);
        CHECK(p.item(id).state == outbox_state::received);
        // Registration is signed (it proves the key); what follows carries the MAC, and was taken.
        REQUIRE(net.auth.size() >= 2);
        CHECK(net.targets.front() == "POST /v1/devices");
        CHECK(net.auth.front() == "signature");
        int macs = 0;
        for (std::size_t i = 1; i < net.auth.size(); ++i) {
            // The catalog is public and goes unsigned; everything of the device's own is MAC'd.
            if (net.targets[i].starts_with("GET /v1/reference/")) CHECK(net.auth[i] == "none");
            else CHECK(net.auth[i] == "mac");
            macs += net.auth[i] == "mac";
        }
        CHECK(macs >= 1);
    }
    // The same address now answers with another key, and already knows the device: the MAC made
    // with the pinned key fails there, the phone signs instead, and the receipt names the problem.
    testing::loopback_server other({}, first.now(), 0x43);
    other.register_device(p.key);
    testing::loopback_transport net(other);
    sync_engine engine(*p.store, net, p.key, p.clock(), p.random());
    auto id = p.queue(2, {});
    drive(engine);
    auto item = p.item(id);
    CHECK(item.state == outbox_state::failed);
    REQUIRE(item.last_error);
    CHECK(item.last_error->code == "server_key_changed");
    REQUIRE(net.auth.size() >= 2);
    CHECK(net.auth[0] == "mac");
    CHECK(net.auth[1] == "signature");
}
