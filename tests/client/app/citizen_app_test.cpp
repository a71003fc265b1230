#include "client/app/citizen_app.hpp"

#include "shared/catalog/catalog.hpp"
#include "shared/protocol/attachment_state.hpp"
#include "shared/text/utf8.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace motcua;
using namespace motcua::client;

namespace {
class offline_transport final : public transport {
  public:
    void send(http_request_out, std::function<void(http_reply)> done) override {
        done({0, {}});
    }
};

struct fixture {
    std::string path;
    std::int64_t now = 1795506600000;
    offline_transport net;
    fixture() {
        path = (std::filesystem::temp_directory_path() / ("motcua-app-" + std::to_string(::getpid()) + ".sqlite")).string();
        std::filesystem::remove(path);
        std::filesystem::remove_all(path + ".files");
    }
    ~fixture() {
        std::filesystem::remove(path);
        std::filesystem::remove_all(path + ".files");
    }
    platform_services services() {
        return {[this] { return now; }, [](std::span<std::uint8_t> out) {
                    for (std::size_t i = 0; i < out.size(); ++i) out[i] = std::uint8_t(i * 31 + 7);
                }};
    }
};
} // namespace

TEST_CASE("typing is autosaved after a short pause and comes back in a new session") {
    fixture f;
    {
        auto store = local_store::open(f.path, nullptr);
        citizen_app app(*store, f.net, f.services());
        app.field("child_name") = "Nguyễn Văn Đức";
        app.edited("child_name");
        app.tick(false);
        CHECK(app.draft_state() == save_state::pending);
        f.now += 400;
        app.tick(false);
        app.persisted();
        CHECK(app.draft_state() == save_state::saved);
    }
    auto store = local_store::open(f.path, nullptr);
    citizen_app app(*store, f.net, f.services());
    CHECK(app.field("child_name") == "Nguyễn Văn Đức");
}

TEST_CASE("an edit made while a save is being persisted keeps the draft marked unsaved") {
    fixture f;
    auto store = local_store::open(f.path, nullptr);
    citizen_app app(*store, f.net, f.services());
    app.field("child_name") = "A";
    app.edited("child_name");
    f.now += 400;
    app.tick(false); // written, waiting for persistence
    app.field("child_name") = "An";
    app.edited("child_name");
    app.persisted();
    CHECK(app.draft_state() == save_state::pending);
}

TEST_CASE("submitting an incomplete form queues nothing and names every missing field") {
    fixture f;
    auto store = local_store::open(f.path, nullptr);
    citizen_app app(*store, f.net, f.services());
    app.field("child_name") = "Nguyễn Văn Đức";
    app.field("child_birth_date") = "31/02/2026";
    CHECK_FALSE(app.submit());
    CHECK(app.outbox().empty());
    CHECK(app.problems().count("requester_name"));
    CHECK(app.problems().count("child_birth_date"));
    CHECK(app.problems().count("child_sex"));
    CHECK(app.problems().count("birth_place"));
    CHECK_FALSE(app.problems().count("child_name"));
    app.edited("requester_name");
    CHECK_FALSE(app.problems().count("requester_name"));
}

TEST_CASE("an attachment over 10 MB or of another type is refused before it is stored; the list survives a reload") {
    fixture f;
    const std::vector<std::uint8_t> photo(4000, 0x42);
    {
        auto store = local_store::open(f.path, nullptr);
        citizen_app app(*store, f.net, f.services());
        std::vector<std::uint8_t> video(protocol::max_attachment_size + 1, 0);
        auto big = app.add_attachment("video.jpg", "image/jpeg", video);
        REQUIRE_FALSE(big.ok());
        CHECK(big.err().code == "attachment_too_large");
        REQUIRE(app.attachment_error());
        CHECK(app.attachment_error()->vi.find("10 MB") != std::string::npos);
        CHECK_FALSE(store->attachment(crypto::hash(video)));
        CHECK(app.add_attachment("run.exe", "application/x-msdownload", photo).err().code ==
              "attachment_type_unsupported");
        CHECK(app.add_attachment("Giấy chứng sinh.jpg", "image/jpeg", photo).ok());
        CHECK(app.add_attachment("again.jpg", "image/jpeg", photo).ok()); // the same photo: kept once
        CHECK(app.attachments().size() == 1);
        CHECK_FALSE(app.attachment_error());
    }
    auto store = local_store::open(f.path, nullptr);
    citizen_app app(*store, f.net, f.services());
    REQUIRE(app.attachments().size() == 1);
    CHECK(app.attachments()[0].name == "Giấy chứng sinh.jpg");
    CHECK(app.attachments()[0].size == photo.size());
    CHECK(store->attachment(app.attachments()[0].hash) == photo);
}

TEST_CASE("a catalog the server sent is used from the next start; an unreadable one is ignored") {
    fixture f;
    std::string updated(catalog::builtin_json());
    const std::string old_name = "\"name_en\": \"Birth registration\"";
    auto at = updated.find(old_name);
    REQUIRE(at != std::string::npos);
    updated.replace(at, old_name.size(), "\"name_en\": \"Birth registration (2027)\"");
    {
        auto store = local_store::open(f.path, nullptr);
        citizen_app app(*store, f.net, f.services());
        CHECK(app.procedure().name_en == "Birth registration");
        REQUIRE(store->set_text_meta("catalog_json", updated));
        CHECK(app.procedure().name_en == "Birth registration"); // not under the person's hands
    }
    {
        auto store = local_store::open(f.path, nullptr);
        citizen_app app(*store, f.net, f.services());
        CHECK(app.procedure().name_en == "Birth registration (2027)");
        CHECK(app.catalog_in_use().procedures().size() == catalog::builtin().procedures().size());
        REQUIRE(store->set_text_meta("catalog_json", "{\"procedures\": ["));
    }
    auto store = local_store::open(f.path, nullptr);
    citizen_app app(*store, f.net, f.services());
    CHECK(app.procedure().name_en == "Birth registration");
}

TEST_CASE("a picked file's name is made one the server takes: no control character, cut at a character") {
    using motcua::client::citizen_app;
    CHECK(citizen_app::attachment_name("giay\tkhai\nsinh\x7f.jpg") == "giay khai sinh .jpg");
    // 199 ASCII bytes then "ế" (3 bytes): cutting at 200 would split the letter.
    const std::string long_name = std::string(199, 'a') + "ế.jpg";
    const auto kept = citizen_app::attachment_name(long_name);
    CHECK(kept == std::string(199, 'a'));
    CHECK(motcua::text::is_valid_utf8(kept));
    CHECK(citizen_app::attachment_name("Giấy chứng sinh.pdf") == "Giấy chứng sinh.pdf");
}

TEST_CASE("someone typing without a pause is still saved at least every 700 ms") {
    fixture f;
    auto store = local_store::open(f.path, nullptr);
    citizen_app app(*store, f.net, f.services());
    std::string typed;
    int saves = 0;
    for (int key = 0; key < 30; ++key) { // a key every 100 ms for 3 s: never a 300 ms pause
        typed += 'a';
        app.field("child_name") = typed;
        app.edited("child_name");
        f.now += 100;
        app.tick(false);
        if (auto d = store->drafts("1.001193"); !d.empty() && d[0].typed["child_name"] == typed) {
            ++saves;
            app.persisted();
        }
    }
    CHECK(saves >= 3);
    const auto kept = store->drafts("1.001193").at(0).typed["child_name"];
    CHECK(typed.size() - kept.size() <= 8); // what a crash now would lose: under a second of typing
}
