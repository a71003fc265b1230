// Turning the request guard's verdict into an answer; used by every signed endpoint.
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "server/metrics/metrics.hpp"
#include "shared/core/http_date.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::server {

std::variant<crypto::public_key, string_response> signed_by(const request& req, api_context& ctx,
                                                             const source_address& from, bool registering) {
    auto header = [&](std::string_view name) {
        auto it = req.find(name);
        return it == req.end() ? std::string_view{} : std::string_view(it->value());
    };
    auto auth = protocol::auth_from_headers(header(protocol::device_header), header(protocol::time_header),
                                            header(protocol::nonce_header), header(protocol::signature_header),
                                            header(protocol::mac_header));
    auto verdict = auth ? ctx.guard->admit(*auth, std::string_view(req.method_string()),
                                           std::string_view(req.target()), req.body(), ctx.now(), ctx.store,
                                           registering, ctx.server_key, from)
                        : std::variant<crypto::public_key, refusal>(refusal{&protocol::errors::request_unsigned});
    if (auto* device = std::get_if<crypto::public_key>(&verdict)) return *device;
    const auto& r = std::get<refusal>(verdict);
    log::info("request_refused", {{"reason", r.kind->code}});
    count_refusal(ctx.metrics, r.kind->code);
    auto answer = error_response(*r.kind, req.version(), req.keep_alive());
    if (r.retry_after > 0) answer.set(http::field::retry_after, std::to_string(r.retry_after));
    // A phone with a wrong clock sets its offset from this and signs again.
    if (r.kind == &protocol::errors::request_stale) answer.set(http::field::date, format_http_date(ctx.now()));
    return answer;
}

bool has_content_type(const request& req, std::string_view media_type) {
    std::string_view type = req[http::field::content_type];
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    if (type.size() != media_type.size()) return false;
    for (std::size_t i = 0; i < type.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(type[i])) != media_type[i]) return false;
    return true;
}

} // namespace motcua::server
