// Content-addressed, resumable attachments: announce (refused up front when too large), ask how
// much is held, append chunks at the right offset; the store checks the final hash.
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/protocol/json_codec.hpp"

#include <charconv>

namespace motcua::server {

namespace errors = protocol::errors;

namespace {

bool allowed_media_type(std::string_view t) {
    return t == "image/jpeg" || t == "image/png" || t == "application/pdf";
}

std::optional<crypto::digest> hash_from_hex(std::string_view hex) {
    crypto::digest d{};
    if (!encoding::from_hex(hex, d)) return std::nullopt;
    return d;
}

std::optional<std::uint64_t> offset_of(std::string_view target) {
    auto q = target.find("?offset=");
    if (q == std::string_view::npos) return std::nullopt;
    auto text = target.substr(q + 8);
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return v;
}

string_response store_failed(const error& e, const request& req) {
    log::error("store_failed", {{"code", e.code}, {"detail", e.en}});
    return error_response(errors::server_error, req.version(), req.keep_alive());
}

} // namespace

string_response post_attachment(const request& req, api_context& ctx, const source_address& from) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    if (!has_content_type(req, "application/json"))
        return error_response(errors::content_type_unsupported, version, keep_alive);
    auto who = signed_by(req, ctx, from);
    if (auto* refused = std::get_if<string_response>(&who)) return std::move(*refused);

    auto announced = protocol::attachment_announce_from_json(req.body());
    if (!announced) return error_response(announced.err(), decode_refusal_status(announced.err(), 400), version, keep_alive);
    // Refused before a byte of content is sent: the phone learns at once, not after 10 minutes of 2G.
    if (announced->size > protocol::max_attachment_size)
        return error_response(errors::attachment_too_large, version, keep_alive);
    if (!allowed_media_type(announced->media_type))
        return error_response(errors::attachment_type_unsupported, version, keep_alive);
    auto state = ctx.store.begin_attachment(announced->hash, announced->size, announced->media_type);
    if (!state) return store_failed(state.err(), req);
    return json_response(http::status::ok, protocol::to_json(*state), version, keep_alive);
}

string_response get_attachment(const request& req, std::string_view hex, api_context& ctx,
                               const source_address& from) {
    auto who = signed_by(req, ctx, from);
    if (auto* refused = std::get_if<string_response>(&who)) return std::move(*refused);
    auto hash = hash_from_hex(hex);
    if (!hash) return error_response(errors::not_found, req.version(), req.keep_alive());
    auto state = ctx.store.attachment(*hash);
    if (!state) return store_failed(state.err(), req);
    if (!*state) return error_response(errors::attachment_unknown, req.version(), req.keep_alive());
    return json_response(http::status::ok, protocol::to_json(**state), req.version(), req.keep_alive());
}

string_response patch_attachment(const request& req, std::string_view hex, api_context& ctx,
                                 const source_address& from) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    if (!has_content_type(req, "application/octet-stream"))
        return error_response(errors::content_type_unsupported, version, keep_alive);
    if (req.body().size() > ctx.chunk_limit) return error_response(errors::chunk_too_large, version, keep_alive);
    auto who = signed_by(req, ctx, from);
    if (auto* refused = std::get_if<string_response>(&who)) return std::move(*refused);
    auto hash = hash_from_hex(hex);
    auto offset = offset_of(req.target());
    if (!hash || !offset) return error_response(errors::request_malformed, version, keep_alive);

    const auto& body = req.body();
    auto appended = ctx.store.append_attachment(
        *hash, *offset, {reinterpret_cast<const std::uint8_t*>(body.data()), body.size()});
    if (!appended) return store_failed(appended.err(), req);
    switch (appended->outcome) {
    case attachment_outcome::ok:
        if (appended->state.complete) log::info("attachment_complete", {{"size", std::to_string(appended->state.size)}});
        return json_response(http::status::ok, protocol::to_json(appended->state), version, keep_alive);
    case attachment_outcome::offset_mismatch:
        return error_response(errors::attachment_offset_mismatch, version, keep_alive);
    case attachment_outcome::hash_mismatch:
        log::info("attachment_refused", {{"reason", "hash_mismatch"}});
        return error_response(errors::attachment_hash_mismatch, version, keep_alive);
    case attachment_outcome::unknown: return error_response(errors::attachment_unknown, version, keep_alive);
    case attachment_outcome::too_long: return error_response(errors::attachment_too_long, version, keep_alive);
    }
    return error_response(errors::server_error, version, keep_alive);
}

} // namespace motcua::server
