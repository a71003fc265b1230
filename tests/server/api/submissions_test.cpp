// PUT /v1/submissions over real HTTP on loopback: what a phone on a bad link will do to it.
#include "server/net/http_server.hpp"
#include "server/store/group_commit.hpp"

#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/sample_submission.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <functional>

using namespace motcua;
using boost::beast::http::verb;

namespace {
std::string path_of(const submission::signed_submission& s) { return "/v1/submissions/" + to_string(s.body.id); }

void check_error(const testing::http_answer& a, unsigned status, const std::string& code) {
    CHECK(a.status == status);
    CHECK(a.headers[boost::beast::http::field::content_type].starts_with("application/json"));
    auto e = protocol::error_from_json(a.body);
    REQUIRE(e);
    CHECK(e->code == code);
    CHECK_FALSE(e->vi.empty());
    CHECK_FALSE(e->en.empty());
}

// A signed PUT from the submission's own device, registered first as the app does.
testing::http_answer put(const testing::loopback_server& server, const std::string& path, const std::string& body,
                         const std::string& content_type = "application/json", std::uint8_t device = 1) {
    server.register_device(testing::device_keys(device));
    return server.signed_call(testing::device_keys(device), "PUT", path, body, content_type);
}

void check_still_serving(const testing::loopback_server& server) {
    CHECK(server.call(verb::get, "/v1/health", {}, {}).status == 200);
}
} // namespace

TEST_CASE("a valid submission is stored and answered with a receipt that verifies") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    auto a = put(server, path_of(s), protocol::to_json(s));
    CHECK(a.status == 201);
    auto r = protocol::receipt_from_json(a.body);
    REQUIRE(r);
    CHECK(submission::verify(*r));
    CHECK(r->server_key == server.server_key());
    CHECK(r->submission_id == s.body.id);
    CHECK(r->submission_hash == crypto::hash(submission::canonical_bytes(s.body)));
    CHECK(r->dossier_code == "000.00.10.H26-261124-0001");
    CHECK(r->due_date == "2026-11-25");
    CHECK(server.store().count_dossiers() == 1);
}

TEST_CASE("the same id again returns the same receipt and still one dossier") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    auto first = put(server, path_of(s), protocol::to_json(s));
    auto second = put(server, path_of(s), protocol::to_json(s));
    auto third = put(server, path_of(s), protocol::to_json(s));
    CHECK(first.status == 201);
    CHECK(second.status == 200);
    CHECK(second.body == first.body);
    CHECK(third.body == first.body);
    CHECK(server.store().count_dossiers() == 1);
}

TEST_CASE("through the group committer, answered on other threads, a retry gets a byte-identical signed receipt") {
    testing::loopback_server server;
    boost::asio::thread_pool answers(1);
    std::atomic<int> posted{0};
    server::group_committer committer(server.store(), {.post = [&](std::function<void()> f) {
                                                            ++posted;
                                                            boost::asio::post(answers, std::move(f));
                                                        }});
    server.context().committer = &committer;
    auto s = testing::signed_birth_registration(1);
    auto first = put(server, path_of(s), protocol::to_json(s));
    auto second = put(server, path_of(s), protocol::to_json(s));
    CHECK(first.status == 201);
    CHECK(second.status == 200);
    CHECK(second.body == first.body);
    CHECK(posted == 2);
    auto r = protocol::receipt_from_json(second.body);
    REQUIRE(r);
    CHECK(submission::verify(*r));
    CHECK(r->server_key == server.server_key());
    // The store keeps it unsigned; the signature is made again, the same, for each answer.
    auto stored = server.store().find_receipt(s.body.id);
    REQUIRE(stored);
    CHECK(stored->signature == crypto::signature{});
    CHECK(stored->dossier_code == r->dossier_code);
    committer.stop();
    server.context().committer = nullptr;
}

TEST_CASE("the same id with changed content is refused with 409 and nothing changes") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    auto first = put(server, path_of(s), protocol::to_json(s));
    auto changed = s.body;
    changed.values["child_name"] = "Trần Thị B";
    auto resigned = submission::sign(changed, testing::device_keys(1).sk);
    check_error(put(server, path_of(resigned), protocol::to_json(resigned)), 409, "submission_conflict");
    CHECK(server.store().count_dossiers() == 1);
    CHECK(put(server, path_of(s), protocol::to_json(s)).body == first.body);
}

TEST_CASE("a bad signature is refused with 422 and the server keeps serving") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    s.signature[10] ^= 0x01;
    check_error(put(server, path_of(s), protocol::to_json(s)), 422, "signature_invalid");
    auto tampered = testing::signed_birth_registration(2);
    tampered.body.values["child_name"] = "Người Khác";
    check_error(put(server, path_of(tampered), protocol::to_json(tampered)), 422, "signature_invalid");
    CHECK(server.store().count_dossiers() == 0);
    check_still_serving(server);
}

TEST_CASE("malformed JSON is refused with 400 and the server keeps serving") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    check_error(put(server, path_of(s), "{\"protocol\":1,"), 400, "json_malformed");
    check_error(put(server, path_of(s), "\xff\xfe garbage"), 400, "json_malformed");
    check_still_serving(server);
}

TEST_CASE("an oversized body is refused with 413 before it is read, and the server keeps serving") {
    server::server_limits limits;
    limits.body_limit = 64 * 1024;
    testing::loopback_server server(limits);
    auto s = testing::signed_birth_registration(1);
    // Only the header is sent: the answer must come without waiting for the 10 MB.
    std::string head = "PUT " + path_of(s) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Content-Length: 10000000\r\n\r\n{\"protocol\":1";
    check_error(server.call_raw(head), 413, "body_too_large");
    check_error(server.call(verb::put, path_of(s), std::string(100 * 1024, ' ')), 413, "body_too_large");
    check_still_serving(server);
}

TEST_CASE("a wrong content type is refused with 415 and the server keeps serving") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    check_error(put(server, path_of(s), protocol::to_json(s), "text/plain"), 415,
                "content_type_unsupported");
    check_error(put(server, path_of(s), protocol::to_json(s), ""), 415, "content_type_unsupported");
    CHECK(put(server, path_of(s), protocol::to_json(s), "application/json; charset=utf-8").status == 201);
    check_still_serving(server);
}

TEST_CASE("a path id that differs from the body's id is refused") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    auto other = testing::signed_birth_registration(2);
    check_error(put(server, path_of(other), protocol::to_json(s)), 400, "id_mismatch");
    CHECK(server.store().count_dossiers() == 0);
}

TEST_CASE("an incomplete form is refused with the field's message") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1);
    s.body.values.erase("child_name");
    s = submission::sign(s.body, testing::device_keys(1).sk);
    auto a = put(server, path_of(s), protocol::to_json(s));
    check_error(a, 422, "submission_malformed");
    CHECK(a.body.find("Họ và tên trẻ") != std::string::npos);
}

TEST_CASE("garbage on the wire gets a 400, unknown API paths a 404, wrong methods a 405") {
    testing::loopback_server server;
    check_error(server.call_raw("NOT HTTP AT ALL\r\n\r\n"), 400, "request_malformed");
    check_error(server.call(verb::get, "/v1/nothing-here", {}, {}), 404, "not_found");
    check_error(server.call(verb::post, "/v1/health", {}, {}), 405, "method_not_allowed");
    auto health = server.call(verb::get, "/v1/health", {}, {});
    CHECK(health.status == 200);
    CHECK(health.headers["X-Content-Type-Options"] == "nosniff");
    CHECK_FALSE(health.headers["Content-Security-Policy"].empty());
}

TEST_CASE("the appointment date skips weekends and public holidays") {
    // Received on Wednesday 29/4/2026 at 10:00 in Hà Nội; 30/4 and 1/5 are holidays, then a weekend.
    testing::loopback_server server({}, 1777431600);
    auto s = testing::signed_birth_registration(1);
    s.body.values["child_birth_date"] = "2026-04-20";
    s = submission::sign(s.body, testing::device_keys(1).sk);
    auto r = protocol::receipt_from_json(put(server, path_of(s), protocol::to_json(s)).body);
    REQUIRE(r);
    CHECK(r->dossier_code == "000.00.10.H26-260429-0001");
    CHECK(r->due_date == "2026-05-04");
}
