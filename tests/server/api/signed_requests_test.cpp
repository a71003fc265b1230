// Signed requests over real HTTP: who may send, when, how often, and not twice.
#include "server/api/api.hpp"

#include "shared/core/http_date.hpp"
#include "shared/protocol/json_codec.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/sample_submission.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
std::string code_of(const testing::http_answer& a) {
    auto e = protocol::error_from_json(a.body);
    return e ? e->code : "";
}
std::string path_of(const submission::signed_submission& s) { return "/v1/submissions/" + to_string(s.body.id); }
} // namespace

TEST_CASE("a device registers by signing with the key it announces; again is harmless") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    auto first = server.signed_call(kp, "POST", "/v1/devices", protocol::device_registration_json(kp.pk));
    CHECK(first.status == 201);
    auto answer = protocol::device_registered_from_json(first.body);
    REQUIRE(answer.ok());
    CHECK(answer->server_key == server.server_key());
    CHECK(server.signed_call(kp, "POST", "/v1/devices", protocol::device_registration_json(kp.pk)).status == 200);
    // Announcing someone else's key, signed with one's own, proves nothing.
    auto other = testing::device_keys(2);
    auto a = server.signed_call(kp, "POST", "/v1/devices", protocol::device_registration_json(other.pk));
    CHECK(a.status == 403);
    CHECK(code_of(a) == "device_mismatch");
}

TEST_CASE("an unsigned, stale, badly signed or unregistered request is refused before anything is stored") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    auto s = testing::signed_birth_registration(1);
    const auto body = protocol::to_json(s);

    auto unsigned_put = server.call(boost::beast::http::verb::put, path_of(s), body);
    CHECK(unsigned_put.status == 401);
    CHECK(code_of(unsigned_put) == "request_unsigned");

    auto unknown = server.signed_call(kp, "PUT", path_of(s), body);
    CHECK(unknown.status == 401);
    CHECK(code_of(unknown) == "device_unknown");

    server.register_device(kp);
    auto stale = server.signed_call(kp, "PUT", path_of(s), body, "application/json", server.now() - 301);
    CHECK(stale.status == 401);
    CHECK(code_of(stale) == "request_stale");
    // The answer carries the server's time, so the phone can correct its clock.
    CHECK(parse_http_date(std::string(stale.headers["Date"])) == server.now());
    CHECK(server.signed_call(kp, "PUT", path_of(s), body, "application/json", server.now() - 299).status == 201);

    auto s2 = testing::signed_birth_registration(2);
    auto forged = server.signed_call(testing::device_keys(2), "PUT", path_of(s2), protocol::to_json(s2));
    CHECK(code_of(forged) == "device_unknown");
    CHECK(server.store().count_dossiers() == 1);
}

TEST_CASE("a captured request cannot be replayed, and a body swapped under a signature is refused") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    server.register_device(kp);
    auto s = testing::signed_birth_registration(1);
    const auto body = protocol::to_json(s);
    protocol::nonce n{};
    n.fill(0x5e);
    auto h = protocol::to_headers(protocol::sign_request("PUT", path_of(s), body, server.now(), n, kp));
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json"}, {"Motcua-Device", h.device}, {"Motcua-Time", h.time},
        {"Motcua-Nonce", h.nonce}, {"Motcua-Signature", h.signature}};
    CHECK(server.request("PUT", path_of(s), headers, body).status == 201);
    auto replay = server.request("PUT", path_of(s), headers, body);
    CHECK(replay.status == 409);
    CHECK(code_of(replay) == "request_replayed");

    auto s2 = testing::signed_birth_registration(2);
    headers[3].second = std::string(32, 'a'); // a fresh nonce, but the signature was made over the old one
    auto swapped = server.request("PUT", path_of(s2), headers, protocol::to_json(s2));
    CHECK(swapped.status == 401);
    CHECK(code_of(swapped) == "request_signature_invalid");
    CHECK(server.store().count_dossiers() == 1);
}

namespace {
// A request MAC'd with the device-server key, as the app sends once registered.
testing::http_answer mac_call(testing::loopback_server& server, const crypto::key_pair& kp, const std::string& method,
                              const std::string& target, const std::string& body, std::uint8_t nonce_byte,
                              const crypto::mac_key& key) {
    protocol::nonce n{};
    n.fill(nonce_byte);
    auto h = protocol::to_headers(protocol::mac_request(method, target, body, server.now(), n, kp.pk, key));
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Motcua-Device", h.device}, {"Motcua-Time", h.time}, {"Motcua-Nonce", h.nonce}, {"Motcua-Mac", h.mac}};
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return server.request(method, target, headers, body);
}
crypto::mac_key device_side_key(const crypto::key_pair& kp, const crypto::public_key& server_pk) {
    return *crypto::shared_mac_key(kp, server_pk, kp.pk, server_pk);
}
} // namespace

TEST_CASE("a registered device's MAC'd request is taken, and a MAC cannot be replayed, moved or forged") {
    testing::loopback_server server;
    auto kp = testing::device_keys(1);
    auto key = device_side_key(kp, server.server_key());
    auto s = testing::signed_birth_registration(1);
    const auto body = protocol::to_json(s);

    // Before registration the server has no shared key for the device.
    auto unknown = mac_call(server, kp, "PUT", path_of(s), body, 1, key);
    CHECK(unknown.status == 401);
    CHECK(code_of(unknown) == "device_unknown");

    server.register_device(kp);
    CHECK(mac_call(server, kp, "PUT", path_of(s), body, 2, key).status == 201);
    auto replay = mac_call(server, kp, "PUT", path_of(s), body, 2, key);
    CHECK(replay.status == 409);
    CHECK(code_of(replay) == "request_replayed");

    // The same MAC over another body (a swapped submission) does not check.
    auto s2 = testing::signed_birth_registration(2);
    protocol::nonce n{};
    n.fill(3);
    auto h = protocol::to_headers(protocol::mac_request("PUT", path_of(s2), body, server.now(), n, kp.pk, key));
    auto swapped = server.request("PUT", path_of(s2),
                                  {{"Motcua-Device", h.device}, {"Motcua-Time", h.time}, {"Motcua-Nonce", h.nonce},
                                   {"Motcua-Mac", h.mac}, {"Content-Type", "application/json"}},
                                  protocol::to_json(s2));
    CHECK(swapped.status == 401);
    CHECK(code_of(swapped) == "request_signature_invalid");

    // A key made with another server's key (or guessed) is not the one the server derives.
    auto wrong = device_side_key(kp, testing::device_keys(9).pk);
    auto forged = mac_call(server, kp, "PUT", path_of(s2), protocol::to_json(s2), 4, wrong);
    CHECK(forged.status == 401);
    CHECK(code_of(forged) == "request_signature_invalid");

    // Another registered device cannot MAC in the first one's name with its own key.
    auto other = testing::device_keys(2);
    server.register_device(other);
    auto impostor = mac_call(server, kp, "PUT", path_of(s2), protocol::to_json(s2), 5,
                             device_side_key(other, server.server_key()));
    CHECK(code_of(impostor) == "request_signature_invalid");
    CHECK(server.store().count_dossiers() == 1);

    // Both a signature and a MAC, or a MAC of the wrong length: malformed, so unsigned.
    auto sig = protocol::to_headers(protocol::sign_request("GET", "/v1/feed", "", server.now(), n, kp));
    auto both = server.request("GET", "/v1/feed",
                               {{"Motcua-Device", sig.device}, {"Motcua-Time", sig.time}, {"Motcua-Nonce", sig.nonce},
                                {"Motcua-Signature", sig.signature}, {"Motcua-Mac", h.mac}},
                               "");
    CHECK(code_of(both) == "request_unsigned");
    auto short_mac = server.request("GET", "/v1/feed",
                                    {{"Motcua-Device", h.device}, {"Motcua-Time", h.time}, {"Motcua-Nonce", h.nonce},
                                     {"Motcua-Mac", h.mac.substr(0, 40)}},
                                    "");
    CHECK(code_of(short_mac) == "request_unsigned");
}

TEST_CASE("a device over its rate is told to wait, with Retry-After, and others are not") {
    testing::loopback_server server;
    server.context().guard = std::make_shared<server::request_guard>(server::guard_settings{1, 3});
    auto kp = testing::device_keys(1);
    server.register_device(kp); // token 1
    CHECK(server.signed_call(kp, "GET", "/v1/feed").status == 200);
    CHECK(server.signed_call(kp, "GET", "/v1/feed").status == 200);
    auto limited = server.signed_call(kp, "GET", "/v1/feed");
    CHECK(limited.status == 429);
    CHECK(code_of(limited) == "rate_limited");
    CHECK(std::stoi(std::string(limited.headers["Retry-After"])) >= 1);
    auto other = testing::device_keys(2);
    server.register_device(other);
    CHECK(server.signed_call(other, "GET", "/v1/feed").status == 200);
}

TEST_CASE("a submission must come from the device that signed it") {
    testing::loopback_server server;
    auto s = testing::signed_birth_registration(1, 1);
    auto sender = testing::device_keys(2);
    server.register_device(sender);
    auto a = server.signed_call(sender, "PUT", path_of(s), protocol::to_json(s));
    CHECK(a.status == 403);
    CHECK(code_of(a) == "device_mismatch");
}

TEST_CASE("a HEAD answer has the length of the body it does not send, so keep-alive stays in step") {
    namespace beast = boost::beast;
    namespace http = beast::http;
    testing::loopback_server server;
    auto get = server.call(http::verb::get, "/v1/health", {}, {});
    // HEAD, HEAD of a missing path, then GET, on one connection: a body after a HEAD answer
    // would be read as the start of the next answer.
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    const std::string wire = "HEAD /v1/health HTTP/1.1\r\nHost: a\r\n\r\n"
                             "HEAD /v1/nothing HTTP/1.1\r\nHost: a\r\n\r\n"
                             "GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\n";
    boost::asio::write(stream.socket(), boost::asio::buffer(wire));
    beast::flat_buffer buffer;
    stream.expires_after(std::chrono::seconds(10));
    for (unsigned expected : {200u, 404u}) {
        http::response_parser<http::string_body> head;
        head.skip(true); // the answer to a HEAD has no body, whatever its Content-Length says
        http::read(stream, buffer, head);
        CHECK(head.get().result_int() == expected);
        if (expected == 200) CHECK(head.get()[http::field::content_length] == std::to_string(get.body.size()));
    }
    http::response<http::string_body> after;
    http::read(stream, buffer, after);
    CHECK(after.result_int() == 200);
    CHECK(after.body() == get.body);
}
