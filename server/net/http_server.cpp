// Asynchronous accept/read/write loop after Beast's advanced server example: one session template
// for plain TCP and TLS, each session on its own strand, one request at a time (no pipelining).
#include "server/net/http_server.hpp"

#include "server/log/log.hpp"
#include "server/metrics/metrics.hpp"
#include "server/net/tls_context.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace motcua::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

std::string_view route_class(std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    auto under = [&](std::string_view prefix) {
        return path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
    };
    if (path == "/v1/health") return "health";
    if (under("/v1/submissions")) return "submissions";
    if (under("/v1/attachments")) return "attachments";
    if (under("/v1/feed")) return "feed";
    if (under("/v1/devices")) return "devices";
    if (under("/v1/reference")) return "reference";
    if (path == "/metrics") return "metrics";
    if (under("/v1")) return "other";
    return "static";
}

source_address source_of(const net::ip::address& peer) {
    if (peer.is_v4()) return source_address::v4(peer.to_v4().to_uint());
    return source_address::v6(peer.to_v6().to_bytes()); // a mapped IPv4 address comes out as one
}

namespace {

// Connections over the cap are answered 503 by this many sessions at most, which read the
// request first; beyond, each is answered at once with a canned 503 and closed (a flood must
// not buy itself a session per connection).
constexpr std::size_t max_busy_sessions = 64;
// What a busy client is told to wait before it tries again.
constexpr int busy_retry_after_seconds = 2;
// After the last answer on a connection, how long its unread input is drained before the close,
// so the peer reads the answer instead of a reset (e.g. a 413 sent before a large body).
constexpr auto linger_time = std::chrono::seconds(2);

string_response busy_response(unsigned version) {
    auto res = error_response(protocol::errors::server_busy, version, false);
    res.set(http::field::retry_after, std::to_string(busy_retry_after_seconds));
    return res;
}

// The 503 server_busy answer as bytes, made once: sent without a session, parser or buffer.
std::string canned_busy_response() {
    std::ostringstream out;
    out << busy_response(11);
    return out.str();
}

// Reads and drops what the peer has already sent, without waiting, at most 64 KiB.
void discard_available(tcp::socket& socket) {
    char scratch[4096];
    for (int i = 0; i < 16; ++i) {
        beast::error_code ec;
        if (socket.read_some(net::buffer(scratch), ec) == 0 || ec) return;
    }
}

// Answers a connection past the busy sessions on the spot, on the acceptor's strand: a few
// non-blocking system calls and no allocation. Unread input when the socket is closed would make
// the kernel send a reset, which can discard the answer: what already came is read first, and
// again after the half-close (the request of a client that connected and wrote at once is
// usually there). A request arriving after the close is met with a reset, which Linux and most
// clients read past: the answer is already in their receive buffer. Over TLS an answer needs
// a handshake, which is the expensive part: such a connection is closed unanswered.
void answer_busy_at_once(tcp::socket& socket, bool tls, const std::string& answer) {
    beast::error_code ec;
    if (!tls) {
        socket.non_blocking(true, ec);
        discard_available(socket);
        // A fresh connection's send buffer holds the whole answer (about 800 bytes).
        socket.write_some(net::buffer(answer), ec);
        socket.shutdown(tcp::socket::shutdown_send, ec);
        discard_available(socket);
    }
    socket.close(ec);
}

net::ip::address unmapped(const net::ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
    return a;
}

bool is_loopback(const net::ip::address& a) { return unmapped(a).is_loopback(); }

std::vector<net::ip::address> parse_addresses(const std::vector<std::string>& texts) {
    std::vector<net::ip::address> out;
    for (const auto& t : texts) {
        beast::error_code ec;
        auto a = net::ip::make_address(t, ec);
        if (!ec) out.push_back(unmapped(a)); // the config checked them
    }
    return out;
}

// The address a trusted proxy appended to X-Forwarded-For: the last of the last such header (a
// client may send its own, which the proxy keeps in front, or as an earlier header line).
std::optional<net::ip::address> forwarded_for(const request& req) {
    std::string_view last;
    auto [it, end] = req.equal_range("X-Forwarded-For");
    for (; it != end; ++it)
        last = it->value();
    if (auto comma = last.rfind(','); comma != std::string_view::npos) last.remove_prefix(comma + 1);
    while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
    while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
    beast::error_code ec;
    auto a = net::ip::make_address(last, ec);
    if (ec) return std::nullopt;
    return a;
}

// "HTTP/1.1 201 Created…": the status of an answer, read from the first bytes it serialises to.
unsigned status_of(const http::message_generator::const_buffers_type& buffers) {
    char head[12];
    std::size_t n = 0;
    for (const auto& b : buffers) {
        auto* p = static_cast<const char*>(b.data());
        for (std::size_t i = 0; i < b.size() && n < sizeof head; ++i)
            head[n++] = p[i];
    }
    if (n < 12) return 0;
    unsigned s = 0;
    for (int i = 9; i < 12; ++i) {
        if (head[i] < '0' || head[i] > '9') return 0;
        s = s * 10 + unsigned(head[i] - '0');
    }
    return s;
}

class session_base {
  public:
    virtual ~session_base() = default;
    // From any thread: a graceful stop closes the session when it is idle (now or after its
    // current answer); a forced one closes it at once.
    virtual void request_stop(bool force) = 0;
};

} // namespace

struct http_server::state : std::enable_shared_from_this<state> {
    state(net::io_context& io, api_context& c, server_limits l, metrics_registry* m)
        : ioc(io), ctx(c), limits(l), metrics(m), busy_answer(canned_busy_response()),
          trusted_proxies(parse_addresses(l.trusted_proxies)), acceptor(net::make_strand(io)),
          grace_timer(acceptor.get_executor()), retry_timer(acceptor.get_executor()) {
        if (metrics) open_gauge = &metrics->gauge("motcua_open_connections", "Connections open now.");
    }

    net::io_context& ioc;
    api_context& ctx;
    const server_limits limits;
    metrics_registry* const metrics;
    metric_gauge* open_gauge = nullptr;
    const std::string busy_answer;
    const std::vector<net::ip::address> trusted_proxies;
    std::shared_ptr<ssl::context> tls;
    request_handler handler; // empty: handle_request
    tcp::acceptor acceptor;  // these three on the acceptor's strand
    net::steady_timer grace_timer;
    net::steady_timer retry_timer;

    std::atomic<bool> stopping{false};
    std::atomic<bool> finished{false};
    std::atomic<std::size_t> alive{0};  // sessions, including the busy ones
    std::atomic<std::size_t> served{0}; // sessions under the cap
    std::mutex mutex;                   // guards the three below
    std::unordered_map<std::uint64_t, std::weak_ptr<session_base>> sessions;
    std::uint64_t next_id = 0;
    std::function<void()> done;

    void accept();
    void admit(tcp::socket socket);
    void session_ended(std::uint64_t id, bool busy);
    void stop_sessions(bool force);
    void finish();
};

namespace {

template <class Stream>
class session final : public session_base, public std::enable_shared_from_this<session<Stream>> {
    static constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;
    enum class phase { handshake, idle, reading, handling, writing };

  public:
    session(tcp::socket&& socket, std::shared_ptr<http_server::state> server, std::uint64_t id, bool busy,
            const net::ip::address& peer)
        : stream_(make_stream(std::move(socket), *server)), deadline_(stream_.get_executor()),
          server_(std::move(server)), id_(id), busy_(busy), loopback_peer_(is_loopback(peer)),
          source_(source_of(peer)), proxy_peer_(std::find(server_->trusted_proxies.begin(),
                                                          server_->trusted_proxies.end(),
                                                          unmapped(peer)) != server_->trusted_proxies.end()) {}
    ~session() override { server_->session_ended(id_, busy_); }

    void run() {
        net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->start(); });
    }

    void request_stop(bool force) override {
        net::post(stream_.get_executor(), [self = this->shared_from_this(), force] { self->on_stop(force); });
    }

  private:
    static Stream make_stream(tcp::socket&& socket, http_server::state& server) {
        if constexpr (is_tls)
            return Stream(std::move(socket), *server.tls);
        else
            return Stream(std::move(socket));
    }
    beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
    const server_limits& limits() const { return server_->limits; }
    bool stopping() const { return stop_requested_ || server_->stopping.load(); }

    void start() {
        if constexpr (is_tls) {
            phase_ = phase::handshake;
            lowest().expires_after(limits().tls_handshake_timeout);
            stream_.async_handshake(
                ssl::stream_base::server,
                [self = this->shared_from_this()](beast::error_code ec) { self->on_handshake(ec); });
        } else {
            await_request();
        }
    }

    void on_handshake(beast::error_code ec) {
        if (ec) {
            // Plain HTTP sent to the TLS port ends here too.
            if (server_->metrics)
                server_->metrics
                    ->counter("motcua_tls_handshake_failures_total", "TLS handshakes that failed.")
                    .inc();
            return close_now();
        }
        lowest().expires_never();
        await_request();
    }

    // Waits for the first byte of the next request within the idle timeout; the request's own
    // time starts with that byte.
    void await_request() {
        if (stopping()) return close();
        if (buffer_.size() > 0) return read_request();
        phase_ = phase::idle;
        arm_deadline(limits().idle_timeout);
        stream_.async_read_some(buffer_.prepare(4096),
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->on_first_bytes(ec, n);
                                });
    }

    void on_first_bytes(beast::error_code ec, std::size_t n) {
        disarm_deadline();
        if (ec) return close(); // idle too long, the peer left, or the server is stopping
        buffer_.commit(n);
        read_request();
    }

    void read_request() {
        phase_ = phase::reading;
        input_pending_ = true;
        timed_out_ = false;
        parser_.emplace();
        parser_->body_limit(limits().body_limit);
        parser_->header_limit(std::uint32_t(limits().header_limit));
        arm_deadline(limits().read_timeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        disarm_deadline();
        started_ = steady::now();
        route_ = parser_->is_header_done() ? route_class(parser_->get().target()) : "other";
        const unsigned version = parser_->is_header_done() ? parser_->get().version() : 11;
        if (timed_out_) return refuse(protocol::errors::timeout, version);
        if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
            ec == net::error::operation_aborted)
            return close();
        if (ec == http::error::body_limit) return refuse(protocol::errors::body_too_large, version);
        if (ec == http::error::header_limit) return refuse(protocol::errors::header_too_large, version);
        if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
            return refuse(protocol::errors::request_malformed, version);
        if (ec) return close();
        input_pending_ = false;
        if (busy_) return refuse(protocol::errors::server_busy, version);

        request req = parser_->release();
        source_address from = source_;
        if (proxy_peer_)
            if (auto client = forwarded_for(req)) from = source_of(*client);
        if (route_ == "metrics" && limits().metrics_loopback_only && !loopback_peer_)
            return write(error_response(protocol::errors::not_found, version, req.keep_alive()));
        if (stopping()) req.keep_alive(false);
        phase_ = phase::handling;
        replied_ = false;
        auto self = this->shared_from_this();
        try {
            reply_fn reply = [self](http::message_generator&& answer) {
                if (self->replied_.exchange(true)) return;
                // The answer may come from the group committer's thread: back onto our strand.
                net::post(self->stream_.get_executor(),
                          [self, answer = std::move(answer)]() mutable { self->write(std::move(answer)); });
            };
            if (server_->handler)
                server_->handler(std::move(req), server_->ctx, std::move(reply));
            else
                handle_request(std::move(req), server_->ctx, std::move(reply), from);
        } catch (const std::exception& e) {
            // Bad input is answered by the handlers; reaching here is a bug, so keep the session
            // alive for others and say so in the log.
            log::error("handler_exception", {{"what", e.what()}});
            if (!replied_.exchange(true))
                write(error_response(protocol::errors::server_error, version, false));
        }
    }

    void refuse(const protocol::error_kind& kind, unsigned version) {
        // Busy connections are counted when admitted, answered or not.
        if (kind.code != protocol::errors::server_busy.code) {
            count_refusal(server_->metrics, kind.code);
            return write(error_response(kind, version, false));
        }
        write(busy_response(version));
    }

    void write(http::message_generator&& answer) {
        phase_ = phase::writing;
        keep_alive_ = answer.keep_alive() && !stopping() && !busy_;
        answer_.emplace(std::move(answer));
        status_ = 0;
        // A peer that does not read its answer: the write is cancelled, and the connection closed.
        arm_deadline(limits().write_timeout);
        write_some();
    }

    void write_some() {
        beast::error_code ec;
        auto buffers = answer_->prepare(ec);
        if (ec) return close_now();
        if (status_ == 0) status_ = status_of(buffers);
        stream_.async_write_some(buffers,
                                 [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                     self->on_write(ec, n);
                                 });
    }

    void on_write(beast::error_code ec, std::size_t n) {
        if (ec) return close_now();
        answer_->consume(n);
        if (!answer_->is_done()) return write_some();
        answer_.reset();
        disarm_deadline();
        record();
        if (keep_alive_ && !stopping()) return await_request();
        close();
    }

    void record() {
        auto* m = server_->metrics;
        if (!m) return;
        std::string route(route_);
        m->counter("motcua_http_requests_total", "HTTP requests answered, by route and status.",
                   {{"route", route}, {"status", std::to_string(status_)}})
            .inc();
        m->histogram("motcua_http_request_duration_seconds",
                     "Time from a request read in full to its answer written, by route.", latency_buckets,
                     {{"route", route}})
            .observe(std::chrono::duration<double>(steady::now() - started_).count());
    }

    void on_stop(bool force) {
        stop_requested_ = true;
        if (force) return close_now();
        // A connection with no request under way is closed now; one with a request finishes it.
        if (phase_ == phase::handshake || phase_ == phase::idle) lowest().cancel();
    }

    // Ends the connection politely: TLS close_notify, or a half-close and a short drain.
    void close() {
        if (closing_) return;
        closing_ = true;
        disarm_deadline();
        lowest().expires_after(linger_time);
        if constexpr (is_tls) {
            stream_.async_shutdown(
                [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
        } else {
            beast::error_code ec;
            lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
            // Closing with input unread makes the kernel reset the connection, and the peer may
            // lose the answer (a 413 sent before the body): drain first, unless all was read.
            if (!input_pending_ && lowest().socket().available(ec) == 0) return close_now();
            drain();
        }
    }

    void drain() {
        buffer_.clear();
        lowest().async_read_some(buffer_.prepare(4096),
                                 [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec) return self->close_now();
                                     self->drain();
                                 });
    }

    void close_now() {
        if (closed_) return;
        closed_ = closing_ = true;
        stop_deadline();
        beast::error_code ec;
        lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
        lowest().close();
    }

    // The idle, read and write deadlines cancel the pending operation rather than close the
    // socket (as the stream's own timeout would), so that a slow request can still be answered
    // 408 (a cancelled write closes the connection in on_write). One timer,
    // moved lazily: arming or disarming sets deadline_at_, and the timer, when it goes off, waits
    // again if the deadline has moved later. A request costs no timer work unless its deadline
    // comes before the one the timer already waits for.
    void arm_deadline(std::chrono::seconds after) {
        deadline_at_ = steady::now() + after;
        if (deadline_waiting_ && deadline_.expiry() <= deadline_at_) return;
        wait_for_deadline();
    }
    void disarm_deadline() { deadline_at_ = steady::time_point::max(); }
    // At the close: the pending wait holds the session alive.
    void stop_deadline() {
        deadline_at_ = steady::time_point::max();
        deadline_.cancel();
    }
    void wait_for_deadline() {
        deadline_waiting_ = true;
        deadline_.expires_at(deadline_at_); // a wait still pending ends with an error, and does nothing
        deadline_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
            if (!ec) self->on_deadline();
        });
    }
    void on_deadline() {
        deadline_waiting_ = false;
        if (closed_ || deadline_at_ == steady::time_point::max()) return;
        if (steady::now() < deadline_at_) return wait_for_deadline();
        timed_out_ = true;
        lowest().cancel();
    }

    Stream stream_;
    net::steady_timer deadline_;
    std::shared_ptr<http_server::state> server_;
    const std::uint64_t id_;
    const bool busy_; // over the connection cap: answered 503 server_busy
    const bool loopback_peer_;
    const source_address source_;
    const bool proxy_peer_; // one of the trusted proxies: its requests say who their client is
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::message_generator> answer_;
    std::atomic<bool> replied_{false};
    phase phase_ = phase::idle;
    bool keep_alive_ = false;
    bool timed_out_ = false;
    bool input_pending_ = false; // a request is partly read
    bool stop_requested_ = false;
    bool closing_ = false;
    bool closed_ = false;
    steady::time_point deadline_at_ = steady::time_point::max();
    bool deadline_waiting_ = false;
    std::string_view route_ = "other";
    unsigned status_ = 0;
    steady::time_point started_;
};

} // namespace

void http_server::state::accept() {
    acceptor.async_accept(net::make_strand(ioc),
                          [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                              if (ec == net::error::operation_aborted || !self->acceptor.is_open()) return;
                              if (!ec) {
                                  self->admit(std::move(socket));
                                  return self->accept();
                              }
                              // Out of file descriptors and the like: wait a moment rather than spin.
                              log::warn("accept_failed", {{"error", ec.message()}});
                              self->retry_timer.expires_after(std::chrono::milliseconds(100));
                              self->retry_timer.async_wait([self](beast::error_code ec) {
                                  if (!ec && self->acceptor.is_open()) self->accept();
                              });
                          });
}

void http_server::state::admit(tcp::socket socket) {
    beast::error_code ec;
    auto peer = socket.remote_endpoint(ec);
    if (ec || stopping) return;
    const bool busy = served.load() >= limits.max_connections;
    if (busy) {
        count_refusal(metrics, protocol::errors::server_busy.code);
        if (alive.load() - served.load() >= max_busy_sessions)
            return answer_busy_at_once(socket, tls != nullptr, busy_answer);
    }
    std::uint64_t id;
    {
        std::lock_guard lock(mutex);
        id = next_id++;
    }
    ++alive;
    if (!busy) ++served;
    if (open_gauge) open_gauge->inc();

    auto start = [&](auto session) {
        {
            std::lock_guard lock(mutex);
            sessions.emplace(id, session);
        }
        session->run();
    };
    if (tls)
        start(std::make_shared<session<beast::ssl_stream<beast::tcp_stream>>>(
            std::move(socket), shared_from_this(), id, busy, peer.address()));
    else
        start(std::make_shared<session<beast::tcp_stream>>(std::move(socket), shared_from_this(), id, busy,
                                                           peer.address()));
}

void http_server::state::session_ended(std::uint64_t id, bool busy) {
    {
        std::lock_guard lock(mutex);
        sessions.erase(id);
    }
    if (!busy) --served;
    if (open_gauge) open_gauge->dec();
    if (--alive == 0 && stopping) finish();
}

void http_server::state::stop_sessions(bool force) {
    std::vector<std::shared_ptr<session_base>> live;
    {
        std::lock_guard lock(mutex);
        for (auto& [id, weak] : sessions)
            if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live)
        s->request_stop(force);
}

void http_server::state::finish() {
    std::function<void()> d;
    {
        std::lock_guard lock(mutex);
        if (!done) return;
        d = std::move(done);
        done = nullptr;
    }
    finished = true;
    // `done` is queued before the grace timer goes: the timer is what keeps the io_context busy.
    net::post(ioc, std::move(d));
    net::post(acceptor.get_executor(), [self = shared_from_this()] { self->grace_timer.cancel(); });
}

http_server::http_server(net::io_context& ioc, api_context& ctx, server_limits limits,
                         metrics_registry* metrics)
    : state_(std::make_shared<state>(ioc, ctx, limits, metrics)) {}

http_server::~http_server() {
    stop();
}

status http_server::use_tls(const std::filesystem::path& cert_chain_pem,
                            const std::filesystem::path& key_pem) {
    auto ctx = make_tls_context(cert_chain_pem, key_pem);
    if (!ctx) return ctx.err();
    state_->tls = std::move(*ctx);
    return ok_status();
}

void http_server::set_handler(request_handler h) {
    state_->handler = std::move(h);
}

bool http_server::tls() const {
    return state_->tls != nullptr;
}

std::size_t http_server::open_connections() const {
    return state_->alive.load();
}

result<unsigned short> http_server::start(const tcp::endpoint& at) {
    auto& acceptor = state_->acceptor;
    beast::error_code ec;
    auto fail = [&](const char* step) {
        return error{"listen_failed",
                     "Không mở được cổng mạng " + std::to_string(at.port()) + " cho máy chủ: " + ec.message(),
                     std::string("Cannot listen on port ") + std::to_string(at.port()) + " (" + step +
                         "): " + ec.message()};
    };
    acceptor.open(at.protocol(), ec);
    if (ec) return fail("open");
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    acceptor.bind(at, ec);
    if (ec) return fail("bind");
    acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen");
    auto port = acceptor.local_endpoint().port();
    state_->accept();
    return port;
}

void http_server::stop() {
    auto s = state_;
    s->stopping = true;
    net::post(s->acceptor.get_executor(), [s] {
        beast::error_code ec;
        s->acceptor.close(ec);
        s->retry_timer.cancel();
        s->grace_timer.cancel();
        s->stop_sessions(true);
    });
}

void http_server::shutdown(std::chrono::seconds grace, std::function<void()> done) {
    auto s = state_;
    {
        std::lock_guard lock(s->mutex);
        s->done = std::move(done);
    }
    s->stopping = true;
    // The listener closes first, so no connection is accepted once any has been told to stop.
    net::post(s->acceptor.get_executor(), [s, grace] {
        beast::error_code ec;
        s->acceptor.close(ec);
        s->retry_timer.cancel();
        if (s->finished) return; // every session ended before this ran
        s->grace_timer.expires_after(grace);
        s->grace_timer.async_wait([s](beast::error_code ec) {
            if (ec) return;
            log::warn("shutdown_grace_expired", {{"connections", std::to_string(s->alive.load())}});
            s->stop_sessions(true);
            s->finish();
        });
        s->stop_sessions(false);
        if (s->alive.load() == 0) s->finish();
    });
}

} // namespace motcua::server
