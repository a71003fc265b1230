// Serving the PWA from the web root: safe paths only, the right MIME types (application/wasm
// for the module, or the browser refuses to stream-compile it).
#include "server/api/api.hpp"

#include <boost/beast/core/file.hpp>

namespace motcua::server {

namespace {

std::string_view mime_type(std::string_view path) {
    auto dot = path.rfind('.');
    std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot);
    struct entry {
        std::string_view ext, type;
    };
    static constexpr entry table[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".json", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".data", "application/octet-stream"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& e : table)
        if (e.ext == ext) return e.type;
    return "application/octet-stream";
}

// Only plain names: no "..", no backslashes, no NUL, no hidden files.
bool safe_path(std::string_view p) {
    if (p.empty() || p.front() != '/') return false;
    std::size_t start = 1;
    while (start <= p.size()) {
        auto end = p.find('/', start);
        if (end == std::string_view::npos) end = p.size();
        auto seg = p.substr(start, end - start);
        if (!seg.empty() && seg.front() == '.') return false;
        for (char c : seg)
            if (c == '\\' || c == '\0' || c == '%') return false;
        start = end + 1;
    }
    return true;
}

} // namespace

http::message_generator serve_file(const request& req, const std::filesystem::path& web_root) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    std::string_view target = req.target();
    target = target.substr(0, target.find('?'));
    if (web_root.empty() || !safe_path(target))
        return without_body_for_head(req.method(), error_response(protocol::errors::not_found, version, keep_alive));
    std::string rel(target.substr(1));
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    auto full = web_root / rel;

    // Only files: a folder opens, but cannot be read as a body.
    std::error_code fs_ec;
    if (!std::filesystem::is_regular_file(full, fs_ec))
        return without_body_for_head(req.method(), error_response(protocol::errors::not_found, version, keep_alive));
    boost::beast::error_code ec;
    http::file_body::value_type body;
    body.open(full.c_str(), boost::beast::file_mode::scan, ec);
    if (ec) return without_body_for_head(req.method(), error_response(protocol::errors::not_found, version, keep_alive));
    const auto size = body.size();

    auto fill = [&](auto& res) {
        res.set(http::field::content_type, mime_type(rel));
        // File names are not hashed: the browser revalidates, the service worker keeps versions.
        res.set(http::field::cache_control, "no-cache");
        set_security_headers(res);
        res.keep_alive(keep_alive);
    };
    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{http::status::ok, version};
        fill(res);
        res.content_length(size);
        return res;
    }
    http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                        std::make_tuple(http::status::ok, version)};
    fill(res);
    res.content_length(size);
    return res;
}

} // namespace motcua::server
