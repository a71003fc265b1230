// Fuzzes the static file path (issue 11): any bytes as a request target, with Accept-Encoding,
// If-None-Match and the method chosen by the input, against a web root that holds, beside the
// app's files, everything that must never be served (a link out of the root, a hidden folder, a
// key, a database) and has a secret file next to it.
// Invariants: the answer is 200 with exactly the bytes of one variant of the manifest entry the
// decoded path names, 304 for that entry, or 404; no answer carries a secret's bytes.
#include "server/api/api.hpp"
#include "server/api/static_site.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <boost/beast/http.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace {

using namespace motcua;
namespace http = boost::beast::http;

struct web_root {
    std::filesystem::path dir;
    std::shared_ptr<const server::static_site> site;

    web_root() {
        char tmpl[] = "/tmp/motcua-fuzz-static-XXXXXX";
        FUZZ_CHECK(mkdtemp(tmpl) != nullptr);
        dir = tmpl;
        auto put = [&](const std::filesystem::path& rel, const std::string& text) {
            auto p = dir / rel;
            std::filesystem::create_directories(p.parent_path());
            std::ofstream(p, std::ios::binary) << text;
        };
        put("root/index.html", "<!doctype html><title>MộtCửa</title><p>" + std::string(200, 'x'));
        put("root/index.html.gz", "GZ-COPY-OF-INDEX");
        put("root/index.html.br", "BR-COPY-OF-INDEX");
        put("root/app.3f2a9c1d.js", "console.log(1)");
        put("root/icons/icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        put("secret.txt", "SECRET-OUTSIDE");
        put("root/.git/config.txt", "SECRET-HIDDEN-FOLDER");
        put("root/.env.txt", "SECRET-HIDDEN-FILE");
        put("root/server-key", "SECRET-KEY");
        put("root/motcua.sqlite", "SECRET-DATABASE");
        put("root/orphan.js.gz", "SECRET-ORPHAN-COPY");
        std::filesystem::create_symlink(dir / "secret.txt", dir / "root" / "link.txt");
        std::filesystem::create_directory_symlink(dir, dir / "root" / "up");
        auto indexed = server::static_site::index(dir / "root");
        FUZZ_CHECK(indexed.ok() && indexed->size() == 3);
        site = std::make_shared<const server::static_site>(std::move(*indexed));
    }
    ~web_root() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

const web_root& the() {
    static web_root w;
    return w;
}

constexpr std::string_view encodings[] = {"", "gzip", "br", "gzip, br", "br;q=0, gzip", "*", "identity",
                                          "gzip;q=0", "x-gzip", "BR;Q=0.5, gzip;q=0.4"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& w = the();
    // First byte: method, encoding and whether to send a validator; the rest is the target.
    const std::uint8_t choice = size ? data[0] : 0;
    std::string target(reinterpret_cast<const char*>(data) + (size ? 1 : 0), size ? size - 1 : 0);
    server::request req{choice & 1 ? http::verb::head : http::verb::get, "/", 11};
    req.target(target);
    req.set(http::field::accept_encoding, encodings[(choice >> 1) % std::size(encodings)]);
    const auto path = std::string_view(target).substr(0, std::string_view(target).find('?'));
    const server::static_entry* entry = w.site->find(path);
    if (choice & 0x40 && entry) req.set(http::field::if_none_match, entry->identity.etag + ", \"x\"");

    auto answer = server::serve_file(req, w.site.get());
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(req.method() == http::verb::head);
    boost::beast::error_code ec;
    std::string wire;
    while (!answer.is_done()) {
        auto buffers = answer.prepare(ec);
        FUZZ_CHECK(!ec);
        std::size_t n = 0;
        for (const auto& b : buffers) {
            wire.append(static_cast<const char*>(b.data()), b.size());
            n += b.size();
        }
        answer.consume(n);
    }
    FUZZ_CHECK(wire.find("SECRET") == std::string::npos);
    parser.eager(true);
    std::size_t used = 0;
    while (!parser.is_done() && used < wire.size() && !ec)
        used += parser.put(boost::asio::buffer(wire.data() + used, wire.size() - used), ec);
    FUZZ_CHECK(!ec && parser.is_done() && used == wire.size());
    const auto& res = parser.get();
    const unsigned status = res.result_int();
    if (!entry) {
        FUZZ_CHECK(status == 404);
        return 0;
    }
    FUZZ_CHECK(status == 200 || status == 304);
    FUZZ_CHECK(res[http::field::vary] == "Accept-Encoding");
    if (status == 200 && req.method() == http::verb::get) {
        const auto& body = res.body();
        const bool one_of = body == entry->identity.body || (entry->gzip && body == entry->gzip->body) ||
                            (entry->brotli && body == entry->brotli->body);
        FUZZ_CHECK(one_of);
    }
    return 0;
}
