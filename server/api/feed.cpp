// GET /v1/feed?after=<cursor>&limit=<n>: a device's status changes, signed, oldest first.
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "shared/protocol/json_codec.hpp"

#include <charconv>

namespace motcua::server {

namespace {
constexpr std::size_t max_page = 200;

// The value of `name` in the query, or nullopt when absent; a bad number reads as -1.
std::optional<std::int64_t> query_number(std::string_view target, std::string_view name) {
    auto q = target.find('?');
    if (q == std::string_view::npos) return std::nullopt;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
        auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
        auto text = pair.substr(eq + 1);
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc{} || end != text.data() + text.size() || v < 0) return -1;
        return v;
    }
    return std::nullopt;
}
} // namespace

string_response get_feed(const request& req, api_context& ctx, const source_address& from) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    auto who = signed_by(req, ctx, from);
    if (auto* refused = std::get_if<string_response>(&who)) return std::move(*refused);
    const auto& device = std::get<crypto::public_key>(who);

    auto after = query_number(req.target(), "after").value_or(0);
    auto limit = query_number(req.target(), "limit").value_or(100);
    if (after < 0 || limit < 1 || limit > std::int64_t(max_page))
        return error_response(protocol::errors::request_malformed, version, keep_alive);
    // One more than asked tells whether there is more.
    auto entries = ctx.store.feed_after(device, after, std::size_t(limit) + 1);
    if (!entries) {
        log::error("store_failed", {{"code", entries.err().code}, {"detail", entries.err().en}});
        return error_response(protocol::errors::server_error, version, keep_alive);
    }
    protocol::feed_page page;
    page.more = entries->size() > std::size_t(limit);
    if (page.more) entries->pop_back();
    page.entries = std::move(*entries);
    // Stored unsigned: signed here, off the commit path. Ed25519 is deterministic, so an entry
    // read twice carries the same signature both times.
    const auto sign = feed_signer_for(ctx.server_key);
    for (auto& e : page.entries) e = sign(std::move(e));
    return json_response(http::status::ok, protocol::to_json(page), version, keep_alive);
}

} // namespace motcua::server
