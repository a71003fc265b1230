// Fuzzes the request path above Beast: raw bytes as they come off a connection, parsed with the
// server's limits, answered by server::handle_request over a real SQLite store and a fixed clock.
// Each /v1/ request is also sent again re-signed by a registered device (and a submission body
// re-signed by it), so the fuzzer reaches what lies behind the signature checks.
// Invariants: handle_request never throws; every answer is valid HTTP with the security headers;
// every 4xx/5xx has a JSON error body; no input makes a 500; success bodies decode and verify.
#include "server/api/api.hpp"
#include "server/api/static_site.hpp"
#include "server/metrics/metrics.hpp"
#include "server/store/sqlite_store.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"
#include "shared/submission/receipt.hpp"
#include "tests/fuzz/fuzz_fixtures.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace motcua;
namespace http = boost::beast::http;

// server/net/server_limits.hpp's defaults (docs/protocol.md, "Limits").
constexpr std::size_t body_limit = 1 << 20;
constexpr std::uint32_t header_limit = 8 << 10;
// Requests handled before the store and the guard start afresh: bounds the memory a long run
// takes (dossiers, attachments, nonces) without changing what one input does.
constexpr int inputs_per_server = 2000;

// The web root: a few files and a folder, next to a file that must never be served.
struct web_files {
    std::filesystem::path dir;
    std::vector<std::string> contents;

    web_files() {
        char tmpl[] = "/tmp/motcua-fuzz-web-XXXXXX";
        FUZZ_CHECK(mkdtemp(tmpl) != nullptr);
        dir = tmpl;
        auto put = [&](const std::filesystem::path& p, std::string text) {
            std::filesystem::create_directories(p.parent_path());
            std::ofstream(p, std::ios::binary) << text;
            contents.push_back(std::move(text));
        };
        put(dir / "root" / "index.html", "<!doctype html><title>MộtCửa</title>");
        put(dir / "root" / "motcua.js", "export const x = 1;");
        put(dir / "root" / "icons" / "icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        std::ofstream(dir / "secret.txt") << "SECRET-OUTSIDE-THE-WEB-ROOT";
        // Inside the root, never served: a link out of it, a hidden file, a key and a database.
        std::filesystem::create_symlink(dir / "secret.txt", dir / "root" / "link.txt");
        std::ofstream(dir / "root" / ".hidden.txt") << "SECRET-HIDDEN";
        std::ofstream(dir / "root" / "server-key") << "SECRET-KEY";
        std::ofstream(dir / "root" / "motcua.sqlite") << "SECRET-DATABASE";
    }
    ~web_files() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::filesystem::path root() const { return dir / "root"; }
    bool holds(const std::string& body) const {
        for (const auto& c : contents)
            if (c == body) return true;
        return false;
    }
};

struct fixture {
    web_files web;
    std::shared_ptr<const server::static_site> site; // the web root, indexed once
    std::unique_ptr<server::sqlite_store> store;
    server::metrics_registry metrics;
    std::unique_ptr<server::api_context> ctx;
    crypto::key_pair device = fuzz::device_key();
    crypto::key_pair server_key = fuzz::server_key();
    int inputs = 0;
    std::uint64_t nonce_counter = 0;

    void start() {
        ctx.reset();
        store.reset();
        auto opened = server::sqlite_store::open(":memory:");
        if (!opened) {
            std::fprintf(stderr, "sqlite_store: %s\n", opened.err().en.c_str());
            std::abort();
        }
        store = std::move(*opened);
        FUZZ_CHECK(store->register_device(device.pk, fuzz::fixed_now - 60).ok());
        if (!site) {
            auto indexed = server::static_site::index(web.root());
            FUZZ_CHECK(indexed.ok() && indexed->size() == 3);
            site = std::make_shared<const server::static_site>(std::move(*indexed));
        }
        ctx.reset(new server::api_context{*store, server_key, site, [] { return fuzz::fixed_now; }});
        ctx->metrics = &metrics;
        ctx->units_file = std::make_shared<server::reference_file>(
            server::make_reference_file(std::string(fuzz::units_body), "application/octet-stream"));
        // Rate limits run on the server clock, which is fixed here: tokens never come back, so
        // the default burst would be spent in a fraction of a second and then all is 429. The
        // same for the budget of failed authentications (every input comes from one source).
        server::guard_settings limits{1e12, 1e12};
        limits.failures_per_source = limits.failure_burst = 1e12;
        ctx->guard = std::make_shared<server::request_guard>(limits);
        inputs = 0;
    }
};

fixture& the() {
    static fixture f;
    return f;
}

// The answer's bytes as the connection would write them; nullopt when writing fails.
std::optional<std::string> serialize(http::message_generator& g) {
    std::string out;
    boost::beast::error_code ec;
    while (!g.is_done()) {
        auto buffers = g.prepare(ec);
        static const bool write_error_known = fuzz::known("write_error");
        if (ec && write_error_known) return std::nullopt;
        FUZZ_CHECK(!ec); // e.g. a file that cannot be read after its header went out
        std::size_t n = 0;
        for (const auto& b : buffers) {
            out.append(static_cast<const char*>(b.data()), b.size());
            n += b.size();
        }
        g.consume(n);
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The answer must be one complete, valid HTTP response and say what the protocol says.
// Returns whether the connection stays open.
struct asked {
    http::verb method;
    std::string target;
};

bool check_answer(const asked& req, const std::string& wire) {
    http::response_parser<http::string_body> p;
    p.body_limit(boost::none);
    p.eager(true);
    p.skip(req.method == http::verb::head);
    boost::beast::error_code ec;
    std::size_t used = 0;
    while (!p.is_done() && used < wire.size()) {
        std::size_t n = p.put(boost::asio::buffer(wire.data() + used, wire.size() - used), ec);
        used += n;
        if (ec || n == 0) break;
    }
    if (!p.is_done() && !ec) p.put_eof(ec); // a body delimited by the end of the connection
    FUZZ_CHECK(!ec);
    FUZZ_CHECK(p.is_done());
    // Bytes after the answer: for HEAD, a body the client will read as the next answer.
    static const bool head_body_known = fuzz::known("head_body");
    if (!(head_body_known && req.method == http::verb::head)) FUZZ_CHECK(used == wire.size());
    const auto& res = p.get();
    const unsigned status = res.result_int();
    static const bool verbose = std::getenv("MOTCUA_FUZZ_VERBOSE") != nullptr; // to see what a corpus reaches
    if (verbose)
        std::printf("%s %s -> %u %.120s\n", std::string(http::to_string(req.method)).c_str(), req.target.c_str(),
                    status, res.body().c_str());
    FUZZ_CHECK(status >= 100 && status <= 599);
    FUZZ_CHECK(status != 500); // no input is a reason for the server to fail
    FUZZ_CHECK(res["X-Content-Type-Options"] == "nosniff");
    const bool head = req.method == http::verb::head;
    if (status >= 400 && !head) {
        FUZZ_CHECK(starts_with(res[http::field::content_type], "application/json"));
        auto e = protocol::error_from_json(res.body());
        FUZZ_CHECK(e.has_value());
        FUZZ_CHECK(!e->code.empty() && !e->vi.empty() && !e->en.empty());
    }
    if ((status == 200 || status == 201) && !head) {
        const std::string_view target = req.target;
        const auto& f = the();
        const bool api = starts_with(target, "/v1/") || starts_with(target, "/metrics");
        if (!api) FUZZ_CHECK(f.web.holds(res.body())); // a file of the web root, nothing else
        if (req.method == http::verb::put && starts_with(target, "/v1/submissions/")) {
            auto r = protocol::receipt_from_json(res.body());
            FUZZ_CHECK(r.ok());
            FUZZ_CHECK(r->server_key == f.server_key.pk);
            FUZZ_CHECK(submission::verify(*r));
        } else if (req.method == http::verb::post && target == "/v1/devices") {
            auto d = protocol::device_registered_from_json(res.body());
            FUZZ_CHECK(d.ok());
            FUZZ_CHECK(d->server_key == f.server_key.pk);
        } else if (starts_with(target, "/v1/attachments")) {
            auto a = protocol::attachment_state_from_json(res.body());
            FUZZ_CHECK(a.ok());
            FUZZ_CHECK(a->received <= a->size && a->size <= protocol::max_attachment_size);
        } else if (starts_with(target, "/v1/feed")) {
            auto page = protocol::feed_page_from_json(res.body());
            FUZZ_CHECK(page.ok());
            FUZZ_CHECK(page->entries.size() <= 200);
            for (std::size_t k = 1; k < page->entries.size(); ++k)
                FUZZ_CHECK(page->entries[k - 1].cursor < page->entries[k].cursor); // oldest first
            for (const auto& e : page->entries) {
                FUZZ_CHECK(e.device_key == f.device.pk); // only the signer's own feed
                FUZZ_CHECK(protocol::verify(e));
            }
        }
    }
    return res.keep_alive();
}

bool answer(server::request req) {
    const asked what{req.method(), std::string(req.target())};
    http::message_generator generator = [&] {
        try {
            return server::handle_request(std::move(req), *the().ctx);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "handle_request threw: %s\n", e.what());
            __sanitizer_report_error_summary("handle_request threw");
            std::abort();
        }
    }();
    auto wire = serialize(generator);
    return wire && check_answer(what, *wire);
}

// The request as the registered device would send it: a submission body re-signed by it, then
// fresh signature headers over the whole.
server::request signed_again(server::request req) {
    auto& f = the();
    if (starts_with(req.target(), "/v1/submissions/")) {
        if (auto s = protocol::submission_from_json(req.body())) {
            s->body.device_key = f.device.pk;
            req.body() = protocol::to_json(submission::sign(std::move(s->body), f.device.sk));
            req.prepare_payload();
        }
    }
    protocol::nonce n{};
    const std::uint64_t count = ++f.nonce_counter;
    for (int k = 0; k < 8; ++k) n[k] = std::uint8_t(count >> (8 * k));
    n[15] = 0xf5; // never a seed's nonce
    auto h = protocol::to_headers(protocol::sign_request(std::string_view(req.method_string()),
                                                         std::string_view(req.target()), req.body(), fuzz::fixed_now,
                                                         n, f.device));
    req.set(protocol::device_header, h.device);
    req.set(protocol::time_header, h.time);
    req.set(protocol::nonce_header, h.nonce);
    req.set(protocol::signature_header, h.signature);
    return req;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    crypto::init();
    the().start();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& f = the();
    if (++f.inputs > inputs_per_server) f.start();
    std::string_view rest = fuzz::as_text(data, size);
    // Up to four requests on one connection, as a keep-alive client pipelines them.
    for (int k = 0; k < 4 && !rest.empty(); ++k) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(body_limit);
        parser.header_limit(header_limit);
        parser.eager(true);
        boost::beast::error_code ec;
        while (!parser.is_done() && !rest.empty()) {
            std::size_t n = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
            rest.remove_prefix(n);
            if (ec || n == 0) break;
        }
        if (!parser.is_done()) return 0; // the server answers parse errors in server/net
        server::request req = parser.release();
        const bool signed_route = starts_with(req.target(), "/v1/");
        server::request again = signed_route ? signed_again(req) : server::request{};
        const bool open = answer(std::move(req));
        if (signed_route) answer(std::move(again));
        if (!open) return 0;
    }
    return 0;
}
