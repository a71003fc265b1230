// Which handler answers which request.
#include "server/api/api.hpp"

#include "server/metrics/metrics.hpp"
#include "shared/catalog/catalog.hpp"
#include "shared/protocol/version.hpp"

#include <future>

namespace motcua::server {

namespace {
constexpr std::string_view submissions_prefix = "/v1/submissions/";
constexpr std::string_view attachments_prefix = "/v1/attachments/";

std::string_view path_of(std::string_view target) {
    auto q = target.find('?');
    return q == std::string_view::npos ? target : target.substr(0, q);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

const reference_file& builtin_catalog_file() {
    static const reference_file f =
        make_reference_file(std::string(catalog::builtin_json()), "application/json; charset=utf-8");
    return f;
}
} // namespace

void handle_request(request&& req, api_context& ctx, reply_fn reply, const source_address& from) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    const std::string_view path = path_of(req.target());
    const auto method = req.method();
    const bool reading = method == http::verb::get || method == http::verb::head;
    auto send = [&](string_response res) { reply(without_body_for_head(method, std::move(res))); };
    auto refuse = [&](const protocol::error_kind& kind) { send(error_response(kind, version, keep_alive)); };

    if (path == "/v1/health") {
        if (!reading) return refuse(protocol::errors::method_not_allowed);
        return send(json_response(http::status::ok,
                                   "{\"status\":\"ok\",\"protocol\":" + std::to_string(protocol::version) + "}",
                                   version, keep_alive));
    }
    if (starts_with(path, submissions_prefix)) {
        if (method != http::verb::put) return refuse(protocol::errors::method_not_allowed);
        return put_submission(req, path.substr(submissions_prefix.size()), ctx, std::move(reply), from);
    }
    if (path == "/v1/devices") {
        if (method != http::verb::post) return refuse(protocol::errors::method_not_allowed);
        return send(post_device(req, ctx, from));
    }
    if (path == "/v1/attachments") {
        if (method != http::verb::post) return refuse(protocol::errors::method_not_allowed);
        return send(post_attachment(req, ctx, from));
    }
    if (starts_with(path, attachments_prefix)) {
        auto hex = path.substr(attachments_prefix.size());
        if (method == http::verb::get) return send(get_attachment(req, hex, ctx, from));
        if (method == http::verb::patch) return send(patch_attachment(req, hex, ctx, from));
        return refuse(protocol::errors::method_not_allowed);
    }
    if (path == "/v1/feed") {
        if (method != http::verb::get) return refuse(protocol::errors::method_not_allowed);
        return send(get_feed(req, ctx, from));
    }
    if (path == "/v1/reference/catalog" || path == "/v1/reference/units") {
        if (!reading) return refuse(protocol::errors::method_not_allowed);
        const reference_file* file = path == "/v1/reference/units" ? ctx.units_file.get()
                                     : ctx.catalog_file            ? ctx.catalog_file.get()
                                                                   : &builtin_catalog_file();
        return send(get_reference(req, file));
    }
    if (path == "/metrics" && ctx.metrics) {
        if (!reading) return refuse(protocol::errors::method_not_allowed);
        string_response res{http::status::ok, version};
        set_security_headers(res);
        res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
        res.set(http::field::cache_control, "no-store");
        res.keep_alive(keep_alive);
        res.body() = ctx.metrics->render_prometheus();
        res.prepare_payload();
        return send(std::move(res));
    }
    if (starts_with(path, "/v1/") || path == "/v1") return refuse(protocol::errors::not_found);
    if (!reading) return refuse(protocol::errors::method_not_allowed);
    return reply(serve_file(req, ctx.site.get()));
}

http::message_generator handle_request(request&& req, api_context& ctx, const source_address& from) {
    std::promise<http::message_generator> answer;
    auto later = answer.get_future();
    handle_request(
        std::move(req), ctx, [&answer](http::message_generator&& m) { answer.set_value(std::move(m)); }, from);
    return later.get();
}

} // namespace motcua::server
