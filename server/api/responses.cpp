// Building JSON answers and the headers every answer carries.
#include "server/api/api.hpp"

#include "shared/protocol/json_codec.hpp"

namespace motcua::server {

void set_security_headers(http::fields& f) {
    // wasm needs 'wasm-unsafe-eval' to compile; nothing else is loaded from anywhere but here.
    f.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    f.set("X-Content-Type-Options", "nosniff");
    f.set("Referrer-Policy", "no-referrer");
    f.set(http::field::server, "motcua");
}

string_response json_response(http::status status, std::string body, unsigned version, bool keep_alive) {
    string_response res{status, version};
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    set_security_headers(res);
    res.keep_alive(keep_alive);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

string_response error_response(const error& e, int http_status, unsigned version, bool keep_alive) {
    return json_response(http::int_to_status(unsigned(http_status)), protocol::error_to_json(e),
                         version, keep_alive);
}

string_response error_response(const protocol::error_kind& kind, unsigned version, bool keep_alive) {
    return error_response(protocol::make_error(kind), kind.http_status, version, keep_alive);
}

int decode_refusal_status(const error& e, int otherwise) {
    if (e.code == protocol::errors::json_duplicate_key.code || e.code == protocol::errors::control_character.code)
        return protocol::errors::json_duplicate_key.http_status;
    return otherwise;
}

string_response without_body_for_head(http::verb method, string_response res) {
    if (method == http::verb::head) {
        const auto length = res.body().size();
        res.body().clear();
        res.content_length(length);
    }
    return res;
}

} // namespace motcua::server
