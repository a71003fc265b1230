// The server's requests and answers, apart from any socket: handle_request(req) -> response,
// as in Beast's advanced server. Tests call it directly; server/net/ only moves bytes.
#pragma once

#include "server/store/dossier_store.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/protocol/errors.hpp"

#include <boost/beast/http.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>

namespace motcua::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using string_response = http::response<http::string_body>;

struct api_context {
    dossier_store& store;
    crypto::key_pair server_key;
    std::filesystem::path web_root; // the built PWA; empty: serve no files
    std::function<std::int64_t()> now; // unix seconds; passed in so tests can fix the time
    // Whether an administrative unit code is in force on a date; empty: shape checks only.
    std::function<bool(std::string_view code, civil_date on)> unit_exists = {};
};

// Answers a request. `reply` is called exactly once, perhaps on another thread (a submission is
// answered from the group committer once its row is on disk); the caller posts it back to the
// connection's strand.
using reply_fn = std::function<void(http::message_generator&&)>;
void handle_request(request&& req, api_context& ctx, reply_fn reply);
// The same, waiting for the answer: for tests and fuzzers.
http::message_generator handle_request(request&& req, api_context& ctx);

// A JSON error answer, with the security headers every answer carries.
string_response error_response(const error& e, int http_status, unsigned version, bool keep_alive);
string_response error_response(const protocol::error_kind& kind, unsigned version, bool keep_alive);
string_response json_response(http::status status, std::string body, unsigned version, bool keep_alive);
void set_security_headers(http::fields& f);

// PUT /v1/submissions/{uuid}
string_response put_submission(const request& req, std::string_view id, api_context& ctx);
// GET/HEAD of a file under the web root.
http::message_generator serve_file(const request& req, const std::filesystem::path& web_root);

} // namespace motcua::server
