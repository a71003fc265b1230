// Boost.Beast async client connections for motcua-load. Requests are pre-serialised bytes, so the
// client spends its CPU on sockets and parsing answers, not on making requests.
#include "tools/bench/load/http_load.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace motcua::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

namespace {

struct shared_state {
    const std::vector<std::string>& requests;
    const load_options& o;
    std::atomic<std::size_t> next{0};
    clock_type::time_point start, deadline;
    load_result& result; // status_of and bodies: each index is written by one connection only
};

class connection : public std::enable_shared_from_this<connection> {
  public:
    connection(net::io_context& ioc, shared_state& st) : socket_(ioc), st_(st) {}

    beast::error_code connect() {
        beast::error_code ec;
        socket_.connect(st_.o.server, ec);
        if (!ec) socket_.set_option(tcp::no_delay(true), ec);
        return ec;
    }

    void send_next() {
        index_ = st_.next.fetch_add(1, std::memory_order_relaxed);
        if (index_ >= st_.o.count || (st_.o.duration_s > 0 && clock_type::now() >= st_.deadline)) return;
        const auto& req = st_.requests[index_ % st_.requests.size()];
        sent_ = clock_type::now();
        net::async_write(socket_, net::buffer(req),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return self->fail();
                             self->read();
                         });
    }

    // What this connection measured, merged into the result once the run is over.
    std::vector<std::uint32_t> latency_us;
    std::map<int, std::size_t> statuses;
    std::size_t errors = 0;
    clock_type::time_point last_answer{};

  private:
    void read() {
        parser_.emplace();
        parser_->body_limit(16 << 20);
        http::async_read(socket_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return self->fail();
                             self->on_answer();
                         });
    }

    void on_answer() {
        last_answer = clock_type::now();
        latency_us.push_back(std::uint32_t(
            std::chrono::duration_cast<std::chrono::microseconds>(last_answer - sent_).count()));
        auto msg = parser_->release();
        const int status = int(msg.result_int());
        ++statuses[status];
        auto& r = st_.result;
        if (st_.o.keep_bodies) {
            r.status_of[index_] = status;
            r.bodies[index_] = std::move(msg.body());
        } else if (status >= 300) {
            keep_sample(status, msg.body());
        }
        if (!msg.keep_alive()) {
            beast::error_code ec;
            socket_.close(ec);
            if (connect()) {
                ++errors;
                return;
            }
        }
        send_next();
    }

    void keep_sample(int status, const std::string& body) {
        static std::mutex m;
        std::lock_guard lock(m);
        st_.result.sample_refusals.emplace(std::to_string(status), body.substr(0, 300));
    }

    void fail() {
        ++errors;
        if (st_.o.keep_bodies && index_ < st_.o.count) st_.result.status_of[index_] = -1;
        beast::error_code ec;
        socket_.close(ec);
        // Go on with a new connection, so one lost connection does not shrink the concurrency.
        if (!connect()) send_next();
    }

    tcp::socket socket_;
    shared_state& st_;
    beast::flat_buffer buffer_;
    std::optional<http::response_parser<http::string_body>> parser_;
    std::size_t index_ = 0;
    clock_type::time_point sent_;
};

} // namespace

load_result run_load(const std::vector<std::string>& requests, const load_options& o) {
    load_result result;
    if (o.keep_bodies) {
        result.status_of.assign(o.count, 0);
        result.bodies.resize(o.count);
    }
    net::io_context ioc;
    shared_state st{requests, o, {}, {}, {}, result};
    // Every connection is open before the clock starts: the run measures requests, not handshakes.
    std::vector<std::shared_ptr<connection>> conns;
    for (unsigned i = 0; i < o.clients; ++i) {
        auto c = std::make_shared<connection>(ioc, st);
        if (auto ec = c->connect()) throw std::runtime_error("cannot connect: " + ec.message());
        conns.push_back(std::move(c));
    }
    if (o.on_start) o.on_start();
    st.start = clock_type::now();
    st.deadline = st.start + std::chrono::duration_cast<clock_type::duration>(
                                 std::chrono::duration<double>(o.duration_s));
    for (auto& c : conns)
        net::post(ioc, [c] { c->send_next(); });
    std::vector<std::thread> extra;
    for (unsigned t = 1; t < std::max(1u, o.threads); ++t)
        extra.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : extra)
        t.join();
    if (o.on_stop) o.on_stop();

    clock_type::time_point end = st.start;
    for (auto& c : conns) {
        end = std::max(end, c->last_answer);
        result.answered += c->latency_us.size();
        result.transport_errors += c->errors;
        result.latency_us.insert(result.latency_us.end(), c->latency_us.begin(), c->latency_us.end());
        for (auto [s, n] : c->statuses)
            result.statuses[s] += n;
    }
    result.seconds = std::chrono::duration<double>(end - st.start).count();
    if (o.keep_bodies)
        for (std::size_t i = 0; i < o.count; ++i)
            if (result.status_of[i] >= 300)
                result.sample_refusals.emplace(std::to_string(result.status_of[i]),
                                               result.bodies[i].substr(0, 300));
    return result;
}

latency_summary summarize(std::vector<std::uint32_t> v) {
    latency_summary s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))] / 1000.0; };
    s.p50_ms = at(0.50);
    s.p90_ms = at(0.90);
    s.p99_ms = at(0.99);
    s.max_ms = v.back() / 1000.0;
    return s;
}

} // namespace motcua::bench
