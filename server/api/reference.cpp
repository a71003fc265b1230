// GET /v1/reference/catalog and /v1/reference/units: public data with a strong ETag, so a phone
// downloads it again only when it changed.
#include "server/api/api.hpp"

#include "shared/encoding/base64.hpp"

namespace motcua::server {

reference_file make_reference_file(std::string body, std::string content_type) {
    auto h = crypto::hash({reinterpret_cast<const std::uint8_t*>(body.data()), body.size()});
    std::string etag = "\"" + encoding::to_hex(std::span<const std::uint8_t>(h.data(), 16)) + "\"";
    return {std::move(body), std::move(content_type), std::move(etag)};
}

namespace {
// If-None-Match holds a list of tags, or *.
bool matches(std::string_view if_none_match, std::string_view etag) {
    if (if_none_match == "*") return true;
    while (!if_none_match.empty()) {
        auto comma = if_none_match.find(',');
        auto tag = if_none_match.substr(0, comma);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag == etag) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}
} // namespace

string_response get_reference(const request& req, const reference_file* file) {
    if (!file) return error_response(protocol::errors::not_found, req.version(), req.keep_alive());
    const bool fresh = matches(req[http::field::if_none_match], file->etag);
    string_response res{fresh ? http::status::not_modified : http::status::ok, req.version()};
    set_security_headers(res);
    res.set(http::field::etag, file->etag);
    // Always ask: the answer is a 304 of a few bytes when nothing changed.
    res.set(http::field::cache_control, "no-cache");
    res.keep_alive(req.keep_alive());
    if (!fresh) {
        res.set(http::field::content_type, file->content_type);
        res.body() = file->body;
        res.prepare_payload();
    }
    return res;
}

} // namespace motcua::server
