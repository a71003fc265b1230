// The fault proxy's sessions: one coroutine per client connection, reading whole requests with
// Beast's parser so each fault lands on a request boundary, then forwarding them (or not).
#include "tools/faultproxy/fault_proxy.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>

namespace motcua::faultproxy {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using std::chrono::milliseconds;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

template <class Message> std::string serialize(const Message& m) {
    std::ostringstream out;
    out << m;
    return out.str();
}

// Closes with an RST rather than a FIN: the peer sees "connection reset by peer".
void reset(tcp::socket& s) {
    boost::system::error_code ec;
    s.set_option(tcp::socket::linger(true, 0), ec);
    s.close(ec);
}

void close_gently(tcp::socket& s) {
    boost::system::error_code ec;
    s.shutdown(tcp::socket::shutdown_both, ec);
    s.close(ec);
}

net::awaitable<void> sleep_ms(int ms) {
    net::steady_timer t(co_await net::this_coro::executor, milliseconds(ms));
    co_await t.async_wait(use_tuple);
}

} // namespace

std::string fault_counts::to_json() const {
    std::ostringstream o;
    o << "{\"connections\":" << connections << ",\"requests\":" << requests
      << ",\"answered\":" << answered << ",\"drop\":" << drop << ",\"drop_answer\":" << drop_answer
      << ",\"delay\":" << delay << ",\"truncate\":" << truncate << ",\"reset\":" << reset
      << ",\"duplicate\":" << duplicate << ",\"upstream_unreachable\":" << upstream_unreachable
      << ",\"upstream_failed\":" << upstream_failed << "}";
    return o.str();
}

status check_rates(const fault_rates& r) {
    auto bad = [](const std::string& what) {
        return error{"bad_fault_rates", "Tỉ lệ lỗi không hợp lệ: " + what,
                     "Bad fault rates: " + what};
    };
    for (double p : {r.drop, r.drop_answer, r.delay, r.truncate, r.reset, r.duplicate})
        if (!(p >= 0 && p <= 1)) return bad("each rate must be in [0, 1]");
    if (r.drop + r.drop_answer + r.truncate + r.reset + r.duplicate > 1 + 1e-9)
        return bad("drop + drop-answer + truncate + reset + duplicate must be at most 1");
    if (r.max_delay_ms < 0) return bad("max-delay-ms must not be negative");
    return ok_status();
}

double fault_picker::uniform() {
    return std::uniform_real_distribution<double>(0, 1)(rng_);
}
bool fault_picker::coin() {
    return (rng_() & 1) != 0;
}
double fault_picker::fraction() {
    return std::uniform_real_distribution<double>(0.05, 0.95)(rng_);
}

fault fault_picker::pick() {
    double u = uniform();
    // Truncate and reset hit either side of the server; a coin says which.
    if ((u -= rates_.drop) < 0) return fault::drop;
    if ((u -= rates_.drop_answer) < 0) return fault::drop_answer;
    if ((u -= rates_.truncate) < 0)
        return coin() ? fault::truncate_request : fault::truncate_answer;
    if ((u -= rates_.reset) < 0) return coin() ? fault::reset_before : fault::reset_after;
    if ((u -= rates_.duplicate) < 0) return fault::duplicate;
    return fault::none;
}

int fault_picker::pick_delay_ms() {
    if (rates_.max_delay_ms <= 0 || uniform() >= rates_.delay) return 0;
    return std::uniform_int_distribution<int>(1, rates_.max_delay_ms)(rng_);
}

struct fault_proxy::state : std::enable_shared_from_this<fault_proxy::state> {
    state(net::io_context& ioc, proxy_config c)
        : ioc(ioc), cfg(std::move(c)), picker(cfg.rates, cfg.seed), acceptor(ioc) {}

    net::io_context& ioc;
    proxy_config cfg;
    fault_picker picker;
    fault_counts counts;
    tcp::acceptor acceptor;
    std::optional<tcp::endpoint> upstream; // resolved once, at start
    std::atomic<bool> faults_enabled{true};

    // nullptr when the server does not answer (down, or restarting).
    net::awaitable<std::unique_ptr<beast::tcp_stream>> connect_upstream() {
        auto s = std::make_unique<beast::tcp_stream>(ioc);
        s->expires_after(milliseconds(cfg.upstream_timeout_ms));
        auto [ec] = co_await s->async_connect(*upstream, use_tuple);
        if (ec) {
            ++counts.upstream_unreachable;
            co_return nullptr;
        }
        s->socket().set_option(tcp::no_delay(true), ec);
        co_return s;
    }

    // Writes a request, reads its answer. nullopt on any failure (the connection is then spent).
    net::awaitable<std::optional<http::response<http::string_body>>>
    exchange(beast::tcp_stream& up, beast::flat_buffer& buf, const std::string& wire, bool head) {
        up.expires_after(milliseconds(cfg.upstream_timeout_ms));
        auto [wec, wn] = co_await net::async_write(up, net::buffer(wire), use_tuple);
        if (wec) co_return std::nullopt;
        http::response_parser<http::string_body> parser;
        parser.body_limit(cfg.body_limit);
        parser.skip(head); // a HEAD answer announces a length but carries no body
        up.expires_after(milliseconds(cfg.upstream_timeout_ms));
        auto [rec, rn] = co_await http::async_read(up, buf, parser, use_tuple);
        if (rec) co_return std::nullopt;
        co_return parser.release();
    }

    // The second delivery of a duplicated request, on its own connection; its answer is dropped.
    // `keep` holds the state alive as long as the coroutine runs.
    net::awaitable<void> send_again([[maybe_unused]] std::shared_ptr<state> keep, std::string wire,
                                    bool head) {
        auto up = co_await connect_upstream();
        if (!up) co_return;
        beast::flat_buffer buf;
        co_await exchange(*up, buf, wire, head);
        close_gently(up->socket());
    }

    net::awaitable<void> session([[maybe_unused]] std::shared_ptr<state> keep, tcp::socket socket) {
        beast::tcp_stream client(std::move(socket));
        beast::flat_buffer client_buf, up_buf;
        std::unique_ptr<beast::tcp_stream> up; // reused while the server keeps it alive
        boost::system::error_code ignored;
        client.socket().set_option(tcp::no_delay(true), ignored);
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(cfg.body_limit);
            parser.header_limit(64 << 10);
            client.expires_after(milliseconds(cfg.idle_timeout_ms));
            auto [ec, n] = co_await http::async_read(client, client_buf, parser, use_tuple);
            if (ec) break; // the client closed, or sent something that is not HTTP
            auto req = parser.release();
            ++counts.requests;
            const bool head = req.method() == http::verb::head;
            const bool keep_alive = req.keep_alive();
            const std::string wire = serialize(req);

            fault f = fault::none;
            int delay = 0;
            bool delay_request = false;
            if (faults_enabled) {
                f = picker.pick();
                delay = picker.pick_delay_ms();
                delay_request = picker.coin();
            }
            if (delay) ++counts.delay;
            if (delay && delay_request) co_await sleep_ms(delay);

            if (f == fault::drop) {
                ++counts.drop;
                close_gently(client.socket());
                break;
            }
            if (f == fault::reset_before) {
                ++counts.reset;
                reset(client.socket());
                break;
            }
            if (f == fault::truncate_request) {
                ++counts.truncate;
                // Part of the request reaches the server, which must wait for the rest and then
                // give up; the client sees its connection closed.
                if (auto cut = co_await connect_upstream()) {
                    std::size_t part = std::clamp<std::size_t>(
                        std::size_t(double(wire.size()) * picker.fraction()), 1, wire.size() - 1);
                    cut->expires_after(milliseconds(cfg.upstream_timeout_ms));
                    co_await net::async_write(*cut, net::buffer(wire.data(), part), use_tuple);
                    close_gently(cut->socket());
                }
                close_gently(client.socket());
                break;
            }

            if (!up) {
                up = co_await connect_upstream();
                up_buf.clear();
                if (!up) {
                    // The server is down: the client sees its connection reset, as it would.
                    reset(client.socket());
                    break;
                }
            }
            if (f == fault::duplicate) {
                ++counts.duplicate;
                net::co_spawn(ioc, send_again(shared_from_this(), wire, head), net::detached);
            }
            auto res = co_await exchange(*up, up_buf, wire, head);
            if (!res) {
                ++counts.upstream_failed;
                close_gently(up->socket());
                reset(client.socket());
                break;
            }
            if (!res->keep_alive()) {
                close_gently(up->socket());
                up.reset();
            }
            const bool answer_keep_alive = keep_alive && res->keep_alive();
            const std::string answer = serialize(*res);

            if (delay && !delay_request) co_await sleep_ms(delay);
            if (f == fault::drop_answer) {
                ++counts.drop_answer;
                close_gently(client.socket());
                break;
            }
            if (f == fault::reset_after) {
                ++counts.reset;
                reset(client.socket());
                break;
            }
            if (f == fault::truncate_answer) {
                ++counts.truncate;
                std::size_t part = std::clamp<std::size_t>(
                    std::size_t(double(answer.size()) * picker.fraction()), 1, answer.size() - 1);
                client.expires_after(milliseconds(cfg.upstream_timeout_ms));
                co_await net::async_write(client, net::buffer(answer.data(), part), use_tuple);
                close_gently(client.socket());
                break;
            }
            client.expires_after(milliseconds(cfg.upstream_timeout_ms));
            auto [wec, wn] = co_await net::async_write(client, net::buffer(answer), use_tuple);
            if (wec) break;
            ++counts.answered;
            if (!answer_keep_alive) {
                close_gently(client.socket());
                break;
            }
        }
        if (up) close_gently(up->socket());
        close_gently(client.socket());
    }

    net::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
            if (!acceptor.is_open()) co_return;
            if (ec) {
                co_await sleep_ms(10); // out of descriptors: let sessions finish
                continue;
            }
            ++counts.connections;
            net::co_spawn(ioc, session(shared_from_this(), std::move(socket)), net::detached);
        }
    }
};

fault_proxy::fault_proxy(net::io_context& ioc, proxy_config config)
    : state_(std::make_shared<state>(ioc, std::move(config))) {}

fault_proxy::~fault_proxy() {
    stop();
}

result<unsigned short> fault_proxy::start(const tcp::endpoint& at) {
    auto fail = [](const std::string& what, const boost::system::error_code& ec) {
        return error{"proxy_start_failed",
                     "Không khởi động được proxy: " + what + ": " + ec.message(),
                     "Cannot start the proxy: " + what + ": " + ec.message()};
    };
    if (auto s = check_rates(state_->cfg.rates); !s) return s.err();
    boost::system::error_code ec;
    tcp::resolver resolver(state_->ioc);
    auto found =
        resolver.resolve(state_->cfg.upstream_host, std::to_string(state_->cfg.upstream_port), ec);
    if (ec || found.empty()) return fail("upstream " + state_->cfg.upstream_host, ec);
    state_->upstream = found.begin()->endpoint();
    auto& a = state_->acceptor;
    a.open(at.protocol(), ec);
    if (!ec) a.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) a.bind(at, ec);
    if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen", ec);
    unsigned short port = a.local_endpoint().port();
    // The coroutine holds the state alive; stop() ends it by closing the acceptor.
    auto s = state_;
    net::co_spawn(
        state_->ioc, [s]() { return s->accept_loop(); }, net::detached);
    return port;
}

void fault_proxy::stop() {
    auto s = state_;
    net::post(s->ioc, [s] {
        boost::system::error_code ec;
        s->acceptor.close(ec);
    });
}

const fault_counts& fault_proxy::counts() const {
    return state_->counts;
}

void fault_proxy::set_faults_enabled(bool on) {
    state_->faults_enabled = on;
}

} // namespace motcua::faultproxy
