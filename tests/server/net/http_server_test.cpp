// The network layer on loopback, with answers the test controls (late, missing, thrown): the
// connection cap, the timeouts, graceful shutdown, TLS, security headers and request metrics.
#include "server/net/http_server.hpp"

#include "server/metrics/metrics.hpp"
#include "server/store/sqlite_store.hpp"
#include "shared/protocol/json_codec.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <doctest/doctest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace motcua;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

namespace {

std::filesystem::path temp_dir(const char* what) {
    static int n = 0;
    auto dir = std::filesystem::temp_directory_path() /
               ("motcua-" + std::string(what) + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir);
    return dir;
}

server::string_response answer(unsigned version, bool keep_alive, std::string body = "{\"ok\":true}",
                               http::status s = http::status::ok) {
    return server::json_response(s, std::move(body), version, keep_alive);
}

// A server on 127.0.0.1 with two I/O threads; by default every request is answered 200 at once.
class test_server {
  public:
    explicit test_server(server::server_limits limits = {}, server::http_server::request_handler handler = {},
                         const std::filesystem::path& cert = {}, const std::filesystem::path& key = {}) {
        dir_ = temp_dir("net");
        crypto::init();
        crypto::key_seed seed{};
        seed.fill(7);
        store_ = std::move(server::sqlite_store::open(dir_ / "db.sqlite")).value();
        ctx_ = std::make_unique<server::api_context>(server::api_context{
            *store_, crypto::key_pair_from_seed(seed), {}, [] { return std::int64_t(0); }});
        http_ = std::make_unique<server::http_server>(ioc_, *ctx_, limits, &metrics_);
        if (handler)
            http_->set_handler(std::move(handler));
        else
            http_->set_handler([](server::request&& req, server::api_context&, server::reply_fn reply) {
                reply(answer(req.version(), req.keep_alive()));
            });
        if (!cert.empty()) REQUIRE(http_->use_tls(cert, key));
        port_ = *http_->start({net::ip::make_address("127.0.0.1"), 0});
        for (int i = 0; i < 2; ++i)
            threads_.emplace_back([this] { ioc_.run(); });
    }
    ~test_server() {
        http_->stop();
        ioc_.stop();
        for (auto& t : threads_)
            t.join();
        std::lock_guard lock(late_mutex_);
        for (auto& t : late_)
            t.join();
        http_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    unsigned short port() const { return port_; }
    server::http_server& http() { return *http_; }
    server::api_context& context() { return *ctx_; }
    server::metrics_registry& metrics() { return metrics_; }
    // Runs `f` on a thread of its own, as the group committer answers.
    void later(std::function<void()> f) {
        std::lock_guard lock(late_mutex_);
        late_.emplace_back(std::move(f));
    }
    // Waits until the open connection count is `n`.
    bool open_connections_reach(std::size_t n, std::chrono::milliseconds within = 3s) {
        auto until = steady::now() + within;
        while (steady::now() < until) {
            if (http_->open_connections() == n) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }

  private:
    std::filesystem::path dir_;
    std::unique_ptr<server::sqlite_store> store_;
    std::unique_ptr<server::api_context> ctx_;
    server::metrics_registry metrics_;
    net::io_context ioc_;
    std::unique_ptr<server::http_server> http_;
    unsigned short port_ = 0;
    std::vector<std::thread> threads_;
    std::mutex late_mutex_;
    std::vector<std::thread> late_;
};

// A client whose every wait has a deadline, over TCP or TLS.
template <class Stream> class basic_client {
  public:
    explicit basic_client(unsigned short port, ssl::context* tls = nullptr) : stream_(make(tls)) {
        beast::error_code ec;
        lowest().connect({net::ip::make_address("127.0.0.1"), port}, ec);
        connected_ = !ec;
    }
    bool connected() const { return connected_; }
    tcp::socket& lowest() { return beast::get_lowest_layer(stream_); }

    bool handshake(std::chrono::milliseconds within = 5s) {
        beast::error_code result = net::error::would_block;
        stream_.async_handshake(ssl::stream_base::client, [&](beast::error_code ec) { result = ec; });
        return run(within) && !result;
    }
    void send(std::string_view bytes) {
        beast::error_code ec;
        net::write(stream_, net::buffer(bytes.data(), bytes.size()), ec);
    }
    void send_request(const std::string& target, bool keep_alive = true) {
        send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
             (keep_alive ? "" : "Connection: close\r\n") + "\r\n");
    }
    std::optional<http::response<http::string_body>> read(std::chrono::milliseconds within = 5s) {
        http::response<http::string_body> res;
        beast::error_code result = net::error::would_block;
        http::async_read(stream_, buffer_, res, [&](beast::error_code ec, std::size_t) { result = ec; });
        if (!run(within) || result) return std::nullopt;
        return res;
    }
    // Whether the server ends the connection (EOF or reset) within the time; data is skipped.
    bool closed_within(std::chrono::milliseconds within) {
        auto until = steady::now() + within;
        char scratch[512];
        while (steady::now() < until) {
            beast::error_code result = net::error::would_block;
            stream_.async_read_some(net::buffer(scratch),
                                    [&](beast::error_code ec, std::size_t) { result = ec; });
            if (!run(std::chrono::duration_cast<std::chrono::milliseconds>(until - steady::now())))
                return false;
            if (result) return true;
        }
        return false;
    }

  private:
    static Stream make(ssl::context* tls) {
        if constexpr (std::is_same_v<Stream, tcp::socket>)
            return Stream(io());
        else
            return Stream(io(), *tls);
    }
    static net::io_context& io() {
        thread_local net::io_context ioc;
        return ioc;
    }
    // Runs the pending operation to completion within the time, or cancels it and says so.
    bool run(std::chrono::milliseconds within) {
        auto& ioc = io();
        ioc.restart();
        ioc.run_for(within);
        if (!ioc.stopped()) {
            beast::error_code ec;
            lowest().cancel(ec);
            ioc.restart();
            ioc.run();
            return false;
        }
        return true;
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    bool connected_ = false;
};
using client = basic_client<tcp::socket>;
using tls_client = basic_client<ssl::stream<tcp::socket>>;

void check_error(const std::optional<http::response<http::string_body>>& res, unsigned status,
                 const char* code) {
    REQUIRE(res);
    CHECK(res->result_int() == status);
    CHECK(std::string((*res)[http::field::content_type]).starts_with("application/json"));
    auto e = protocol::error_from_json(res->body());
    REQUIRE(e);
    CHECK(e->code == code);
    CHECK_FALSE(e->vi.empty());
    CHECK_FALSE(e->en.empty());
}

void check_security_headers(const http::response<http::string_body>& res) {
    CHECK(std::string(res["Content-Security-Policy"]).find("'wasm-unsafe-eval'") != std::string::npos);
    CHECK(res["X-Content-Type-Options"] == "nosniff");
    CHECK(res["Referrer-Policy"] == "no-referrer");
}

// Metrics are counted once an answer is written, which may be just after the client read it.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds within = 2s) {
    auto until = steady::now() + within;
    while (!condition()) {
        if (steady::now() > until) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

double seconds_since(steady::time_point t) {
    return std::chrono::duration<double>(steady::now() - t).count();
}

} // namespace

TEST_CASE("route_class names the family of each path for metrics labels") {
    CHECK(server::route_class("/v1/health") == "health");
    CHECK(server::route_class("/v1/submissions/0b6d5c5e-0000-4000-8000-000000000001") == "submissions");
    CHECK(server::route_class("/v1/attachments") == "attachments");
    CHECK(server::route_class("/v1/attachments/ab12?offset=3") == "attachments");
    CHECK(server::route_class("/v1/feed?after=3") == "feed");
    CHECK(server::route_class("/v1/devices") == "devices");
    CHECK(server::route_class("/v1/reference/catalog") == "reference");
    CHECK(server::route_class("/metrics") == "metrics");
    CHECK(server::route_class("/v1/feedback") == "other");
    CHECK(server::route_class("/v1/nothing") == "other");
    CHECK(server::route_class("/index.html") == "static");
    CHECK(server::route_class("/") == "static");
}

namespace {
// At the cap, with `held` one of the two connections held: it is still served, and once it is
// closed a new connection is served too.
void check_served_again(test_server& server, client& held) {
    held.send_request("/v1/health");
    auto ok = held.read();
    REQUIRE(ok);
    CHECK(ok->result_int() == 200);
    held.lowest().close();
    REQUIRE(server.open_connections_reach(1));
    client another(server.port());
    another.send_request("/v1/health");
    auto again = another.read();
    REQUIRE(again);
    CHECK(again->result_int() == 200);
}
} // namespace

TEST_CASE(
    "a connection over the cap is answered 503 server_busy in JSON and closed; a freed slot serves again") {
    server::server_limits limits;
    limits.max_connections = 2;
    test_server server(limits);
    client first(server.port()), second(server.port());
    REQUIRE(server.open_connections_reach(2));

    client third(server.port());
    third.send_request("/v1/health");
    auto busy = third.read();
    check_error(busy, 503, "server_busy");
    CHECK_FALSE(busy->keep_alive());
    check_security_headers(*busy);
    CHECK(third.closed_within(3s));
    CHECK(server.metrics().counter("motcua_refusals_total", "", {{"code", "server_busy"}}).value() == 1);

    // The two held connections are still served.
    check_served_again(server, first);
}

TEST_CASE("every connection over the cap is answered 503 server_busy, however many arrive at once, and the "
          "server serves again once they are gone") {
    server::server_limits limits;
    limits.max_connections = 2;
    test_server server(limits);
    client first(server.port()), second(server.port());
    REQUIRE(server.open_connections_reach(2));

    // All connect before any sends, so the busy sessions are all waiting for a request and the
    // rest are past them.
    constexpr int crowd_size = 150;
    std::vector<std::unique_ptr<client>> crowd;
    for (int i = 0; i < crowd_size; ++i) {
        crowd.push_back(std::make_unique<client>(server.port()));
        REQUIRE(crowd.back()->connected());
    }
    REQUIRE(server.open_connections_reach(2 + 64));
    CHECK(eventually([&] {
        return server.metrics().counter("motcua_refusals_total", "", {{"code", "server_busy"}}).value() ==
               crowd_size;
    }));
    for (auto& c : crowd)
        c->send_request("/v1/health");
    int busy = 0;
    for (auto& c : crowd) {
        auto res = c->read();
        if (!res) continue;
        auto e = protocol::error_from_json(res->body());
        if (res->result_int() == 503 && e && e->code == "server_busy" && !res->keep_alive() &&
            std::string((*res)[http::field::retry_after]) == "2" &&
            res->find("X-Content-Type-Options") != res->end())
            ++busy;
    }
    CHECK(busy == crowd_size);
    crowd.clear();

    REQUIRE(server.open_connections_reach(2));
    check_served_again(server, first);
}

TEST_CASE("a client trickling its header is cut off by the per-request read timeout with 408") {
    server::server_limits limits;
    limits.read_timeout = 1s;
    limits.idle_timeout = 10s;
    test_server server(limits);
    client slow(server.port());
    auto start = steady::now();
    slow.send("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // A byte-trickling client keeps sending well within any per-read timeout; only the total counts.
    double answered_after = -1;
    while (seconds_since(start) < 4) {
        beast::error_code ec;
        if (slow.lowest().available(ec) > 0 || ec) {
            answered_after = seconds_since(start);
            break;
        }
        slow.send("X-Slow: 1\r\n");
        std::this_thread::sleep_for(100ms);
    }
    CHECK(answered_after >= 0.9);
    CHECK(answered_after < 2.0);
    auto res = slow.read();
    check_error(res, 408, "timeout");
    check_security_headers(*res);
    CHECK(slow.closed_within(4s));
    auto& timeouts = server.metrics().counter("motcua_refusals_total", "", {{"code", "timeout"}});
    CHECK(eventually([&] { return timeouts.value() == 1; }));
}

TEST_CASE("a connection that sends nothing, or nothing more, is closed after the idle timeout") {
    server::server_limits limits;
    limits.idle_timeout = 1s;
    test_server server(limits);
    client silent(server.port());
    auto start = steady::now();
    CHECK(silent.closed_within(3s));
    CHECK(seconds_since(start) >= 0.9);

    client kept(server.port());
    kept.send_request("/v1/health");
    REQUIRE(kept.read());
    start = steady::now();
    CHECK(kept.closed_within(3s));
    CHECK(seconds_since(start) >= 0.9);
    CHECK(server.open_connections_reach(0));
}

TEST_CASE("an answer given later on another thread is written, and the next request waits for it") {
    std::mutex m;
    std::vector<std::string> events;
    test_server* self = nullptr;
    test_server server({}, [&](server::request&& req, server::api_context&, server::reply_fn reply) {
        std::string target(req.target());
        {
            std::lock_guard lock(m);
            events.push_back("handle " + target);
        }
        self->later([&, reply, target, v = req.version()] {
            std::this_thread::sleep_for(target == "/first" ? 300ms : 10ms);
            {
                std::lock_guard lock(m);
                events.push_back("reply " + target);
            }
            reply(answer(v, true, "\"" + target + "\""));
        });
    });
    self = &server;
    client c(server.port());
    // Both at once (pipelined): the server reads the second only once the first is answered.
    c.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n");
    auto a = c.read(), b = c.read();
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->body() == "\"/first\"");
    CHECK(b->body() == "\"/second\"");
    std::lock_guard lock(m);
    CHECK(events ==
          std::vector<std::string>{"handle /first", "reply /first", "handle /second", "reply /second"});
}

TEST_CASE(
    "graceful shutdown closes idle connections at once, answers the request in flight, then calls done") {
    std::promise<void> entered;
    test_server* self = nullptr;
    test_server server({}, [&](server::request&& req, server::api_context&, server::reply_fn reply) {
        if (req.target() != "/slow") return reply(answer(req.version(), req.keep_alive()));
        entered.set_value();
        self->later([reply, v = req.version()] {
            std::this_thread::sleep_for(700ms); // a commit that takes its time
            reply(answer(v, true, "{\"late\":true}", http::status::created));
        });
    });
    self = &server;

    client idle(server.port());
    idle.send_request("/fast");
    REQUIRE(idle.read());
    client busy(server.port());
    busy.send_request("/slow");
    entered.get_future().wait();

    std::atomic<bool> done{false};
    std::atomic<int> done_calls{0};
    auto start = steady::now();
    server.http().shutdown(10s, [&] {
        ++done_calls;
        done = true;
    });
    CHECK(idle.closed_within(500ms));
    CHECK_FALSE(done.load());
    client latecomer(server.port());
    CHECK_FALSE(latecomer.connected());

    auto res = busy.read(3s);
    REQUIRE(res);
    CHECK(res->result_int() == 201);
    CHECK(res->body() == "{\"late\":true}");
    CHECK(busy.closed_within(2s));
    while (!done && seconds_since(start) < 5)
        std::this_thread::sleep_for(10ms);
    CHECK(done.load());
    CHECK(seconds_since(start) < 3);
    std::this_thread::sleep_for(50ms);
    CHECK(done_calls == 1);
    CHECK(server.http().open_connections() == 0);
}

TEST_CASE("graceful shutdown gives up after the grace period when an answer never comes") {
    std::mutex m;
    std::vector<server::reply_fn> never;
    std::promise<void> entered;
    test_server server({}, [&](server::request&&, server::api_context&, server::reply_fn reply) {
        std::lock_guard lock(m);
        never.push_back(std::move(reply));
        entered.set_value();
    });
    client c(server.port());
    c.send_request("/stuck");
    entered.get_future().wait();
    std::atomic<bool> done{false};
    auto start = steady::now();
    server.http().shutdown(1s, [&] { done = true; });
    while (!done && seconds_since(start) < 5)
        std::this_thread::sleep_for(10ms);
    CHECK(done.load());
    CHECK(seconds_since(start) >= 0.9);
    CHECK(seconds_since(start) < 2.5);
    CHECK(c.closed_within(1s));
    std::lock_guard lock(m);
    never.clear(); // they hold the session, which must go before the server's io_context
}

TEST_CASE("a handler that throws is answered 500 server_error and the server keeps serving") {
    test_server server({}, [](server::request&& req, server::api_context&, server::reply_fn reply) {
        if (req.target() == "/boom") throw std::runtime_error("bug");
        reply(answer(req.version(), req.keep_alive()));
    });
    client c(server.port());
    c.send_request("/boom");
    check_error(c.read(), 500, "server_error");
    client d(server.port());
    d.send_request("/fine");
    auto ok = d.read();
    REQUIRE(ok);
    CHECK(ok->result_int() == 200);
}

TEST_CASE("answers of the API and refusals of the network layer all carry the security headers") {
    server::server_limits limits;
    limits.body_limit = 1024;
    limits.header_limit = 512;
    test_server server(limits, [](server::request&& req, server::api_context& ctx, server::reply_fn reply) {
        server::handle_request(std::move(req), ctx, std::move(reply)); // the real API
    });
    client health(server.port());
    health.send_request("/v1/health");
    auto h = health.read();
    REQUIRE(h);
    CHECK(h->result_int() == 200);
    check_security_headers(*h);

    client big(server.port());
    big.send("PUT /v1/submissions/x HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
             "Content-Length: 10000000\r\n\r\n{");
    auto too_large = big.read();
    check_error(too_large, 413, "body_too_large");
    check_security_headers(*too_large);

    client header(server.port());
    header.send("GET /v1/health HTTP/1.1\r\nHost: a\r\nX-Long: " + std::string(1000, 'a') + "\r\n\r\n");
    auto header_too_large = header.read();
    check_error(header_too_large, 431, "header_too_large");
    check_security_headers(*header_too_large);

    client garbage(server.port());
    garbage.send("NOT HTTP AT ALL\r\n\r\n");
    auto malformed = garbage.read();
    check_error(malformed, 400, "request_malformed");
    check_security_headers(*malformed);
}

TEST_CASE("requests are counted by route and status with their latency, and open connections are gauged") {
    test_server server({}, [](server::request&& req, server::api_context&, server::reply_fn reply) {
        bool found = req.target() == "/v1/health";
        reply(answer(req.version(), true, "{}", found ? http::status::ok : http::status::not_found));
    });
    client c(server.port());
    for (const char* target : {"/v1/health", "/v1/health", "/v1/feed?after=1"}) {
        c.send_request(target);
        REQUIRE(c.read());
    }
    auto& feed_404 =
        server.metrics().counter("motcua_http_requests_total", "", {{"route", "feed"}, {"status", "404"}});
    CHECK(eventually([&] { return feed_404.value() == 1; }));
    auto text = server.metrics().render_prometheus();
    CHECK(text.find("motcua_http_requests_total{route=\"health\",status=\"200\"} 2\n") != std::string::npos);
    CHECK(text.find("motcua_http_requests_total{route=\"feed\",status=\"404\"} 1\n") != std::string::npos);
    CHECK(text.find("motcua_http_request_duration_seconds_count{route=\"health\"} 2\n") != std::string::npos);
    CHECK(text.find("motcua_open_connections 1\n") != std::string::npos);
    c.lowest().close();
    REQUIRE(server.open_connections_reach(0));
    CHECK(server.metrics().render_prometheus().find("motcua_open_connections 0\n") != std::string::npos);
}

namespace {
// A self-signed certificate for 127.0.0.1 and its key, as PEM files in `dir`.
void make_test_certificate(const std::filesystem::path& dir) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    REQUIRE(key);
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"),
                               -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, "IP:127.0.0.1");
    X509_add_ext(cert, san, -1);
    X509_EXTENSION_free(san);
    REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
    std::FILE* f = std::fopen((dir / "cert.pem").c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
    f = std::fopen((dir / "key.pem").c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(cert);
    EVP_PKEY_free(key);
}
} // namespace

TEST_CASE(
    "over TLS: requests are answered, plain HTTP is not, and a silent client is cut off at the handshake") {
    auto dir = temp_dir("tls");
    make_test_certificate(dir);
    server::server_limits limits;
    limits.tls_handshake_timeout = 1s;
    test_server server(limits, {}, dir / "cert.pem", dir / "key.pem");
    CHECK(server.http().tls());

    ssl::context client_tls(ssl::context::tls_client);
    client_tls.load_verify_file((dir / "cert.pem").string());
    client_tls.set_verify_mode(ssl::verify_peer);
    tls_client secure(server.port(), &client_tls);
    REQUIRE(secure.handshake());
    secure.send_request("/v1/health");
    auto res = secure.read();
    REQUIRE(res);
    CHECK(res->result_int() == 200);
    check_security_headers(*res);
    secure.send_request("/v1/health");
    CHECK(secure.read()); // keep-alive over TLS

    client plain(server.port());
    plain.send_request("/v1/health");
    CHECK_FALSE(plain.read(2s));

    client silent(server.port());
    auto start = steady::now();
    CHECK(silent.closed_within(3s));
    CHECK(seconds_since(start) >= 0.9);
    auto& failures = server.metrics().counter("motcua_tls_handshake_failures_total", "");
    CHECK(eventually([&] { return failures.value() == 2; }));
    std::filesystem::remove_all(dir);
}

TEST_CASE("use_tls names the file it cannot use") {
    auto dir = temp_dir("tls-bad");
    net::io_context ioc;
    auto store = std::move(server::sqlite_store::open(dir / "db.sqlite")).value();
    server::api_context ctx{*store, {}, {}, [] { return std::int64_t(0); }};
    server::http_server http(ioc, ctx, {});
    auto missing = http.use_tls(dir / "none.pem", dir / "none-key.pem");
    REQUIRE_FALSE(missing);
    CHECK(missing.err().code == "tls_cert_unreadable");
    CHECK(missing.err().en.find("none.pem") != std::string::npos);
    make_test_certificate(dir);
    auto other = dir / "other";
    std::filesystem::create_directories(other);
    make_test_certificate(other);
    auto mismatch = http.use_tls(dir / "cert.pem", other / "key.pem");
    REQUIRE_FALSE(mismatch);
    CHECK(mismatch.err().code == "tls_key_mismatch");
    CHECK_FALSE(http.tls());
    CHECK(http.use_tls(dir / "cert.pem", dir / "key.pem"));
    CHECK(http.tls());
    store.reset();
    std::filesystem::remove_all(dir);
}
