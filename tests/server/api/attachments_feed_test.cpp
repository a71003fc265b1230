// Attachments, the feed and reference data over real HTTP on loopback.
#include "server/api/api.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/json_codec.hpp"
#include "tests/support/gunzip.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
std::string code_of(const testing::http_answer& a) {
    auto e = protocol::error_from_json(a.body);
    return e ? e->code : "";
}
std::span<const std::uint8_t> bytes_of(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
protocol::attachment_state announce_of(const std::string& content, const std::string& type = "image/jpeg") {
    protocol::attachment_state a;
    a.hash = crypto::hash(bytes_of(content));
    a.size = content.size();
    a.media_type = type;
    return a;
}
std::string patch_path(const protocol::attachment_state& a, std::uint64_t offset) {
    return "/v1/attachments/" + encoding::to_hex(a.hash) + "?offset=" + std::to_string(offset);
}
} // namespace

TEST_CASE("an attachment is announced, sent in chunks from where the server is, and checked whole") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    std::string content(300000, 'k');
    for (std::size_t i = 0; i < content.size(); i += 7) content[i] = char(i);
    auto a = announce_of(content);

    auto begun = server.signed_call(kp, "POST", "/v1/attachments", protocol::attachment_announce_json(a));
    REQUIRE(begun.status == 200);
    CHECK(protocol::attachment_state_from_json(begun.body)->received == 0);

    auto first = server.signed_call(kp, "PATCH", patch_path(a, 0), content.substr(0, 200000), "application/octet-stream");
    REQUIRE(first.status == 200);
    CHECK(protocol::attachment_state_from_json(first.body)->received == 200000);
    // A chunk sent again after a lost answer does not fit where the server is: it says so.
    auto again = server.signed_call(kp, "PATCH", patch_path(a, 0), content.substr(0, 200000), "application/octet-stream");
    CHECK(again.status == 409);
    CHECK(code_of(again) == "attachment_offset_mismatch");
    auto state = server.signed_call(kp, "GET", "/v1/attachments/" + encoding::to_hex(a.hash));
    CHECK(protocol::attachment_state_from_json(state.body)->received == 200000);
    auto last = server.signed_call(kp, "PATCH", patch_path(a, 200000), content.substr(200000), "application/octet-stream");
    REQUIRE(last.status == 200);
    auto done = protocol::attachment_state_from_json(last.body);
    CHECK(done->complete);
    auto held = server.store().read_attachment(a.hash);
    REQUIRE(held.ok());
    REQUIRE(held->has_value());
    CHECK(std::string((*held)->begin(), (*held)->end()) == content);
}

TEST_CASE("limits are refused before the bytes are sent: size, type, chunk") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    auto huge = announce_of("x");
    huge.size = protocol::max_attachment_size + 1;
    auto a = server.signed_call(kp, "POST", "/v1/attachments", protocol::attachment_announce_json(huge));
    CHECK(a.status == 413);
    CHECK(code_of(a) == "attachment_too_large");
    CHECK(protocol::error_from_json(a.body)->vi.find("10 MB") != std::string::npos);
    auto exe = server.signed_call(kp, "POST", "/v1/attachments",
                                  protocol::attachment_announce_json(announce_of("MZ", "application/x-msdownload")));
    CHECK(exe.status == 415);
    CHECK(code_of(exe) == "attachment_type_unsupported");
    auto fine = announce_of(std::string(400000, 'c'));
    server.signed_call(kp, "POST", "/v1/attachments", protocol::attachment_announce_json(fine));
    auto chunk = server.signed_call(kp, "PATCH", patch_path(fine, 0), std::string(300000, 'c'), "application/octet-stream");
    CHECK(chunk.status == 413);
    CHECK(code_of(chunk) == "chunk_too_large");
    // The config's chunk_limit is the one applied.
    server.context().chunk_limit = 1000;
    auto small = server.signed_call(kp, "PATCH", patch_path(fine, 0), std::string(1001, 'c'), "application/octet-stream");
    CHECK(code_of(small) == "chunk_too_large");
    auto taken = server.signed_call(kp, "PATCH", patch_path(fine, 0), std::string(1000, 'c'), "application/octet-stream");
    CHECK(taken.status == 200);
}

TEST_CASE("content that does not match its hash is dropped, and a submission waits for its attachments") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    const std::string content = "%PDF-1.4 giấy chứng sinh";
    auto a = announce_of(content, "application/pdf");
    server.signed_call(kp, "POST", "/v1/attachments", protocol::attachment_announce_json(a));
    std::string damaged = content;
    damaged[3] = 'X';
    auto bad = server.signed_call(kp, "PATCH", patch_path(a, 0), damaged, "application/octet-stream");
    CHECK(bad.status == 422);
    CHECK(code_of(bad) == "attachment_hash_mismatch");

    auto s = testing::signed_birth_registration(1).body;
    s.attachments.push_back({"Giấy chứng sinh", "application/pdf", a.hash, content.size()});
    auto signed_s = submission::sign(s, kp.sk);
    const std::string path = "/v1/submissions/" + to_string(s.id);
    auto early = server.signed_call(kp, "PUT", path, protocol::to_json(signed_s));
    CHECK(early.status == 422);
    CHECK(code_of(early) == "attachment_missing");
    CHECK(server.store().count_dossiers() == 0);

    server.signed_call(kp, "POST", "/v1/attachments", protocol::attachment_announce_json(a));
    CHECK(server.signed_call(kp, "PATCH", patch_path(a, 0), content, "application/octet-stream").status == 200);
    CHECK(server.signed_call(kp, "PUT", path, protocol::to_json(signed_s)).status == 201);
}

TEST_CASE("the feed gives a device its own dossiers' changes after a cursor, signed, in pages") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    for (unsigned n = 1; n <= 3; ++n) {
        auto s = testing::signed_birth_registration(n);
        REQUIRE(server.signed_call(kp, "PUT", "/v1/submissions/" + to_string(s.body.id), protocol::to_json(s)).status == 201);
    }
    auto page = protocol::feed_page_from_json(server.signed_call(kp, "GET", "/v1/feed?after=0&limit=2").body);
    REQUIRE(page.ok());
    REQUIRE(page->entries.size() == 2);
    CHECK(page->more);
    CHECK(page->entries[0].cursor == 1);
    CHECK(page->entries[1].cursor == 2);
    for (const auto& e : page->entries) {
        CHECK(protocol::verify(e));
        CHECK(e.server_key == server.server_key());
        CHECK(e.status == 2);
    }
    auto rest = protocol::feed_page_from_json(server.signed_call(kp, "GET", "/v1/feed?after=2").body);
    REQUIRE(rest.ok());
    REQUIRE(rest->entries.size() == 1);
    CHECK_FALSE(rest->more);

    auto stranger = testing::device_keys(2);
    server.register_device(stranger);
    auto theirs = protocol::feed_page_from_json(server.signed_call(stranger, "GET", "/v1/feed?after=0").body);
    REQUIRE(theirs.ok());
    CHECK(theirs->entries.empty());
    CHECK(code_of(server.signed_call(kp, "GET", "/v1/feed?after=-1")) == "request_malformed");
    CHECK(code_of(server.signed_call(kp, "GET", "/v1/feed?limit=1000")) == "request_malformed");
}

TEST_CASE("feed entries are stored unsigned and signed when read: the same bytes every time, verifying") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    auto s = testing::signed_birth_registration(1);
    auto put = server.signed_call(kp, "PUT", "/v1/submissions/" + to_string(s.body.id), protocol::to_json(s));
    REQUIRE(put.status == 201);
    REQUIRE(server.store().append_feed(s.body.id, 5, server.now() + 60, "supplement_request", "Bổ sung giấy tờ.",
                                       "Add a document."));
    auto stored = server.store().feed_after(kp.pk, 0, 10);
    REQUIRE(stored);
    REQUIRE(stored->size() == 2);
    for (const auto& e : *stored) CHECK(e.signature == crypto::signature{});

    auto first = server.signed_call(kp, "GET", "/v1/feed?after=0");
    auto again = server.signed_call(kp, "GET", "/v1/feed?after=0");
    REQUIRE(first.status == 200);
    CHECK(again.body == first.body);
    auto page = protocol::feed_page_from_json(first.body);
    REQUIRE(page.ok());
    REQUIRE(page->entries.size() == 2);
    for (const auto& e : page->entries) {
        CHECK(protocol::verify(e));
        CHECK(e.server_key == server.server_key());
    }
    CHECK(page->entries[1].status == 5);
}

TEST_CASE("the catalog has a strong ETag and a matching If-None-Match gets a bodiless 304") {
    testing::loopback_server server;
    auto first = server.call(boost::beast::http::verb::get, "/v1/reference/catalog", {}, {});
    REQUIRE(first.status == 200);
    CHECK(first.body.find("1.001193") != std::string::npos);
    const std::string etag(first.headers["ETag"]);
    CHECK(etag.size() == 34);
    CHECK(first.headers["Cache-Control"] == "no-cache");
    auto again = server.request("GET", "/v1/reference/catalog", {{"If-None-Match", etag}}, "");
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    auto other = server.request("GET", "/v1/reference/catalog", {{"If-None-Match", "\"0000\""}}, "");
    CHECK(other.status == 200);
    CHECK(server.call(boost::beast::http::verb::get, "/v1/reference/units", {}, {}).status == 404);
}

TEST_CASE("the catalog goes gzipped to a client that takes gzip, with its own ETag, and decodes to the same JSON") {
    testing::loopback_server server;
    auto plain = server.request("GET", "/v1/reference/catalog", {}, "");
    auto gz = server.request("GET", "/v1/reference/catalog", {{"Accept-Encoding", "gzip, deflate, br"}}, "");
    REQUIRE(plain.status == 200);
    REQUIRE(gz.status == 200);
    CHECK(gz.headers["Content-Encoding"] == "gzip");
    CHECK(plain.headers["Content-Encoding"] == "");
    CHECK(gz.headers["Vary"] == "Accept-Encoding");
    CHECK(gz.body.size() * 4 < plain.body.size()); // JSON of 27 procedures compresses well
    CHECK(std::string(gz.headers["ETag"]) != std::string(plain.headers["ETag"]));
    // The bytes are a gzip stream of exactly the JSON sent to others.
    CHECK(static_cast<unsigned char>(gz.body[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(gz.body[1]) == 0x8b);
    std::string unpacked = testing::gunzip(gz.body);
    CHECK(unpacked == plain.body);
    auto again = server.request("GET", "/v1/reference/catalog",
                                {{"Accept-Encoding", "gzip"}, {"If-None-Match", std::string(gz.headers["ETag"])}}, "");
    CHECK(again.status == 304);
}
