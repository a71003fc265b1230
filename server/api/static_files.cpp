// Answering GET and HEAD of the web app from the in-memory manifest (static_site): the copy the
// browser accepts (brotli, gzip or as is), a strong ETag per copy, 304 on If-None-Match, and a
// year's immutable caching for content-hashed names. Nothing here touches the file system.
#include "server/api/api.hpp"
#include "server/api/negotiation.hpp"
#include "server/api/static_site.hpp"

#include <cctype>

namespace motcua::server {

const static_variant& choose_variant(const static_entry& e, std::string_view accept_encoding,
                                     std::string_view& content_encoding) {
    content_encoding = {};
    const double br = e.brotli ? accepted_q(accept_encoding, "br") : 0;
    const double gz = e.gzip ? accepted_q(accept_encoding, "gzip") : 0;
    if (br > 0 && br >= gz) {
        content_encoding = "br";
        return *e.brotli;
    }
    if (gz > 0) {
        content_encoding = "gzip";
        return *e.gzip;
    }
    return e.identity;
}

http::message_generator serve_file(const request& req, const static_site* site) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    std::string_view target = req.target();
    const static_entry* entry = site ? site->find(target.substr(0, target.find('?'))) : nullptr;
    if (!entry)
        return without_body_for_head(req.method(), error_response(protocol::errors::not_found, version, keep_alive));

    std::string_view coding;
    const static_variant& v = choose_variant(*entry, req[http::field::accept_encoding], coding);
    const bool fresh = if_none_match_names(req[http::field::if_none_match], v.etag);
    // The body is the manifest's own bytes: nothing is copied per request.
    http::response<http::span_body<const char>> res{fresh ? http::status::not_modified : http::status::ok, version};
    set_security_headers(res);
    res.set(http::field::etag, v.etag);
    res.set(http::field::cache_control, entry->cache_control);
    res.set(http::field::vary, "Accept-Encoding");
    res.keep_alive(keep_alive);
    if (fresh) return res;
    res.set(http::field::content_type, entry->content_type);
    if (!coding.empty()) res.set(http::field::content_encoding, coding);
    if (req.method() == http::verb::head) {
        http::response<http::empty_body> head{res.base()};
        head.content_length(v.body.size());
        return head;
    }
    res.body() = {v.body.data(), v.body.size()};
    res.prepare_payload();
    return res;
}

} // namespace motcua::server
