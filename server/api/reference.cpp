// GET /v1/reference/catalog and /v1/reference/units: public data with a strong ETag, so a phone
// downloads it again only when it changed.
#include "server/api/api.hpp"
#include "server/api/gzip.hpp"
#include "server/api/negotiation.hpp"

#include "shared/encoding/base64.hpp"

namespace motcua::server {

reference_file make_reference_file(std::string body, std::string content_type) {
    auto h = crypto::hash({reinterpret_cast<const std::uint8_t*>(body.data()), body.size()});
    const std::string tag = encoding::to_hex(std::span<const std::uint8_t>(h.data(), 16));
    std::string gz = gzip_compress(body);
    if (gz.size() >= body.size()) gz.clear();
    return {std::move(body), std::move(content_type), "\"" + tag + "\"", std::move(gz), "\"" + tag + "-gz\""};
}

string_response get_reference(const request& req, const reference_file* file) {
    if (!file) return error_response(protocol::errors::not_found, req.version(), req.keep_alive());
    const bool gzip = !file->gzip_body.empty() && accepted_q(req[http::field::accept_encoding], "gzip") > 0;
    const std::string& etag = gzip ? file->gzip_etag : file->etag;
    const bool fresh = if_none_match_names(req[http::field::if_none_match], etag);
    string_response res{fresh ? http::status::not_modified : http::status::ok, req.version()};
    set_security_headers(res);
    res.set(http::field::etag, etag);
    res.set(http::field::vary, "Accept-Encoding");
    // Always ask: the answer is a 304 of a few bytes when nothing changed.
    res.set(http::field::cache_control, "no-cache");
    res.keep_alive(req.keep_alive());
    if (!fresh) {
        res.set(http::field::content_type, file->content_type);
        if (gzip) res.set(http::field::content_encoding, "gzip");
        res.body() = gzip ? file->gzip_body : file->body;
        res.prepare_payload();
    }
    return res;
}

} // namespace motcua::server
