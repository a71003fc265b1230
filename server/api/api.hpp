// The server's requests and answers, apart from any socket: handle_request(req) -> response,
// as in Beast's advanced server. Tests call it directly; server/net/ only moves bytes.
#pragma once

#include "server/api/request_guard.hpp"
#include "server/crypto/device_signatures.hpp"
#include "server/store/dossier_store.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/protocol/attachment_state.hpp"
#include "shared/protocol/errors.hpp"

#include <boost/beast/http.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace motcua::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using string_response = http::response<http::string_body>;

class group_committer;
class static_site;
class metrics_registry;

// Data the apps download when it changed (catalog, units): its bytes and a strong ETag.
struct reference_file {
    std::string body;
    std::string content_type;
    std::string etag; // "\"<hex>\"", from the content's hash
    // Compressed once, when made: the catalog is ~120 KB of JSON on a phone's first visit.
    std::string gzip_body; // empty when gzip would not be smaller
    std::string gzip_etag; // "\"<hex>-gz\""
};
reference_file make_reference_file(std::string body, std::string content_type);

struct api_context {
    dossier_store& store;
    crypto::key_pair server_key;
    // The built PWA, indexed once at start (static_site.hpp); null: serve no files.
    std::shared_ptr<const static_site> site;
    std::function<std::int64_t()> now; // unix seconds; passed in so tests can fix the time
    // Whether an administrative unit code is in force on a date; empty: shape checks only.
    std::function<bool(std::string_view code, civil_date on)> unit_exists = {};
    // Submissions are committed in groups by this; null: each commits on its own (tests).
    group_committer* committer = nullptr;
    metrics_registry* metrics = nullptr; // null: no /metrics
    std::shared_ptr<request_guard> guard = std::make_shared<request_guard>();
    // Checks submissions' Ed25519 signatures, with a table per device seen before.
    std::shared_ptr<device_signatures> signatures = std::make_shared<device_signatures>();
    // Served at /v1/reference/…; the catalog defaults to the one built in.
    std::shared_ptr<const reference_file> catalog_file;
    std::shared_ptr<const reference_file> units_file; // null: 404
    // The largest attachment chunk taken (config chunk_limit); the app sends 256 KiB chunks.
    std::size_t chunk_limit = protocol::max_chunk_size;
};

// Answers a request. `reply` is called exactly once, perhaps on another thread (a submission is
// answered from the group committer once its row is on disk); the caller posts it back to the
// connection's strand.
// `from` is the connection's source address, which only the network layer knows (not a header
// a client wrote); signed requests' failed authentications are limited per source
// (request_guard.hpp).
// Behind a proxy (docs/scale-out.md) it is the proxy's address, and all its clients share one
// budget, unless the proxy is one of server_limits::trusted_proxies.
using reply_fn = std::function<void(http::message_generator&&)>;
void handle_request(request&& req, api_context& ctx, reply_fn reply, const source_address& from = local_source);
// The same, waiting for the answer: for tests and fuzzers.
http::message_generator handle_request(request&& req, api_context& ctx, const source_address& from = local_source);

// A JSON error answer, with the security headers every answer carries.
string_response error_response(const error& e, int http_status, unsigned version, bool keep_alive);
string_response error_response(const protocol::error_kind& kind, unsigned version, bool keep_alive);
string_response json_response(http::status status, std::string body, unsigned version, bool keep_alive);
void set_security_headers(http::fields& f);
// The status for a body the codec refused: a repeated key or a control character is 422
// wherever it is found (docs/protocol.md 6.8); any other fault gets the endpoint's own status.
int decode_refusal_status(const error& e, int otherwise);
// A HEAD answer says how long the body would be, and sends none.
string_response without_body_for_head(http::verb method, string_response res);

// Signs feed entries with the server key (filling in which key it is). The store keeps them
// unsigned; the feed signs each entry it hands out.
using feed_signer = std::function<protocol::feed_entry(protocol::feed_entry)>;
feed_signer feed_signer_for(const crypto::key_pair& server_key);

// The device that signed a request, or the refusal already made into an answer.
std::variant<crypto::public_key, string_response> signed_by(const request& req, api_context& ctx,
                                                             const source_address& from, bool registering = false);

// PUT /v1/submissions/{uuid}
void put_submission(const request& req, std::string_view id, api_context& ctx, reply_fn reply,
                    const source_address& from);
// POST /v1/devices
string_response post_device(const request& req, api_context& ctx, const source_address& from);
// POST /v1/attachments, GET and PATCH /v1/attachments/{hex}
string_response post_attachment(const request& req, api_context& ctx, const source_address& from);
string_response get_attachment(const request& req, std::string_view hex, api_context& ctx,
                               const source_address& from);
string_response patch_attachment(const request& req, std::string_view hex, api_context& ctx,
                                 const source_address& from);
// GET /v1/feed?after=&limit=
string_response get_feed(const request& req, api_context& ctx, const source_address& from);
// GET /v1/reference/{catalog,units}
string_response get_reference(const request& req, const reference_file* file);
// Whether the request's Content-Type is this media type (parameters ignored).
bool has_content_type(const request& req, std::string_view media_type);
// GET/HEAD of a file of the web app: only names in the manifest, else 404.
http::message_generator serve_file(const request& req, const static_site* site);

} // namespace motcua::server
