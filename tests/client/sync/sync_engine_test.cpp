// The sync engine against the real server on loopback, over a link that loses things.
#include "client/sync/sync_engine.hpp"

#include "client/app/citizen_app.hpp"
#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_transport.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace motcua;
using namespace motcua::client;

namespace {
struct device {
    std::string path;
    std::int64_t now = 1795506600000; // 2026-11-24 14:50 in Hà Nội
    std::uint32_t rnd = 12345;
    std::optional<local_store> store;

    device() {
        static int n = 0;
        path = (std::filesystem::temp_directory_path() /
                ("motcua-sync-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".sqlite"))
                   .string();
        std::filesystem::remove(path);
        store.emplace(std::move(local_store::open(path, nullptr)).value());
    }
    ~device() {
        store.reset();
        std::filesystem::remove(path);
    }
    platform_services services() {
        return {[this] { return now; },
                [this](std::span<std::uint8_t> out) {
                    for (auto& b : out) b = std::uint8_t((rnd = rnd * 1103515245 + 12345) >> 16);
                }};
    }
};

void fill_birth_form(citizen_app& app) {
    app.field("requester_name") = "Nguyễn Văn Đức";
    app.field("child_name") = "Nguyễn Thị Mai Anh";
    app.field("child_birth_date") = "20/11/2026";
    app.field("child_sex") = "nu";
    app.field("birth_place") = "Bệnh viện Phụ sản Hà Nội";
    app.field("requester_id") = "001089012345";
    app.field("requester_relationship") = "cha";
    app.field("child_ethnicity") = "Kinh";
    app.field("mother_name") = "Trần Thị Hoa";
    app.field("mother_birth_year") = "1995";
}

// Ticks until the engine has nothing left to do now (each tick sends at most one request).
void drive(citizen_app& app, int max_ticks = 60) {
    for (int i = 0; i < max_ticks; ++i) app.tick(true);
}

int puts_sent(const testing::loopback_transport& net) {
    int n = 0;
    for (const auto& t : net.targets) n += t.starts_with("PUT /v1/submissions/");
    return n;
}

const outbox_item& only_item(citizen_app& app) {
    REQUIRE(app.outbox().size() == 1);
    return app.outbox().front();
}

// A phone with one filled-in birth registration, and the real server on loopback.
struct phone_and_server {
    testing::loopback_server server;
    testing::loopback_transport net{server};
    device d;
    citizen_app app{*d.store, net, d.services()};
    phone_and_server() {
        fill_birth_form(app);
        REQUIRE(app.submit());
    }
};
} // namespace

TEST_CASE_FIXTURE(phone_and_server, "a submission made offline is sent when online and its verified receipt kept") {
    app.tick(false);
    CHECK(net.sent == 0);
    CHECK(only_item(app).state == outbox_state::queued);
    drive(app);
    REQUIRE(net.targets.size() >= 2);
    CHECK(net.targets[0] == "POST /v1/devices"); // the device introduces itself first
    CHECK(puts_sent(net) == 1);
    CHECK(only_item(app).state == outbox_state::received);
    CHECK(only_item(app).dossier_code == "000.00.10.H26-261124-0001");
    CHECK(only_item(app).due_date == "2026-11-25");
    CHECK(server.store().count_dossiers() == 1);
}

TEST_CASE_FIXTURE(phone_and_server, "a lost answer is retried with backoff and makes still one dossier") {
    app.tick(true); // registers
    net.lose_answers = 1;
    app.tick(true); // the PUT reaches the server, the answer is lost
    CHECK(only_item(app).state == outbox_state::queued);
    CHECK(only_item(app).last_error->code == "network_unreachable");
    app.tick(true); // too early: backing off (the feed may go, the PUT may not)
    CHECK(puts_sent(net) == 1);
    d.now += 10 * 1000;
    net.lose_answers = 1;
    drive(app, 1); // second try, answer lost again
    CHECK(puts_sent(net) == 2);
    d.now += 10 * 60 * 1000;
    drive(app);
    // The test holds the server's clock still, so ten minutes on the phone's clock make the
    // third try stale: the phone takes the server's time and the fourth goes through.
    CHECK(puts_sent(net) == 4);
    CHECK(only_item(app).state == outbox_state::received);
    CHECK(server.store().count_dossiers() == 1);
}

TEST_CASE_FIXTURE(phone_and_server, "sync now skips the backoff wait") {
    app.tick(true); // registers
    net.lose_requests = 1;
    app.tick(true);
    CHECK(only_item(app).state == outbox_state::queued);
    app.tick(true);
    CHECK(puts_sent(net) == 0); // waiting for its backoff
    app.sync_now();
    app.tick(true);
    CHECK(only_item(app).state == outbox_state::received);
}

TEST_CASE("a refused submission waits for the person with the server's words, and others still go") {
    testing::loopback_server server;
    testing::loopback_transport net(server);
    device d;
    citizen_app app(*d.store, net, d.services());
    // A request the server refuses for good: well formed, but its signature is broken.
    auto broken = testing::signed_birth_registration(77);
    broken.signature[0] ^= 1;
    outbox_item bad;
    bad.id = to_string(broken.body.id);
    bad.procedure = "1.001193";
    bad.title = "Hồ sơ hỏng";
    bad.created_at_ms = d.now - 1000;
    bad.request_json = protocol::to_json(broken);
    bad.canonical = submission::canonical_bytes(broken.body);
    REQUIRE(d.store->enqueue(bad));
    fill_birth_form(app);
    REQUIRE(app.submit());
    drive(app);
    int received = 0, failed = 0;
    for (const auto& it : app.outbox()) {
        if (it.state == outbox_state::received) ++received;
        if (it.state == outbox_state::failed) {
            ++failed;
            REQUIRE(it.last_error);
            CHECK(it.last_error->code == "signature_invalid");
            CHECK_FALSE(it.last_error->vi.empty());
        }
    }
    CHECK(received == 1);
    CHECK(failed == 1);
}

TEST_CASE("backoff grows, is capped, and is jittered") {
    backoff_policy p;
    CHECK(sync_engine::backoff_ms(1, 0, p) == p.first_ms / 2);
    CHECK(sync_engine::backoff_ms(1, ~0u, p) <= p.first_ms);
    CHECK(sync_engine::backoff_ms(3, 0, p) == p.first_ms * 2);
    for (int a = 1; a < 40; ++a) CHECK(sync_engine::backoff_ms(a, 987654321u, p) <= p.cap_ms);
    CHECK(sync_engine::backoff_ms(5, 1, p) != sync_engine::backoff_ms(5, 2, p));
}
