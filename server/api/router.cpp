// Which handler answers which request.
#include "server/api/api.hpp"

#include "shared/protocol/version.hpp"

namespace motcua::server {

namespace {
constexpr std::string_view submissions_prefix = "/v1/submissions/";

std::string_view path_of(std::string_view target) {
    auto q = target.find('?');
    return q == std::string_view::npos ? target : target.substr(0, q);
}
} // namespace

http::message_generator handle_request(request&& req, api_context& ctx) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    std::string_view path = path_of(req.target());

    if (path == "/v1/health") {
        if (req.method() != http::verb::get && req.method() != http::verb::head)
            return error_response(protocol::errors::method_not_allowed, version, keep_alive);
        return json_response(http::status::ok,
                             "{\"status\":\"ok\",\"protocol\":" + std::to_string(protocol::version) + "}",
                             version, keep_alive);
    }
    if (path.substr(0, submissions_prefix.size()) == submissions_prefix) {
        if (req.method() != http::verb::put)
            return error_response(protocol::errors::method_not_allowed, version, keep_alive);
        return put_submission(req, path.substr(submissions_prefix.size()), ctx);
    }
    if (path.substr(0, 4) == "/v1/" || path == "/v1")
        return error_response(protocol::errors::not_found, version, keep_alive);
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return error_response(protocol::errors::method_not_allowed, version, keep_alive);
    return serve_file(req, ctx.web_root);
}

} // namespace motcua::server

namespace motcua::server {
void handle_request(request&& req, api_context& ctx, reply_fn reply) { reply(handle_request(std::move(req), ctx)); }
} // namespace motcua::server
