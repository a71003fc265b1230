// The closed-loop HTTP driver of motcua-load, on plain non-blocking sockets and epoll: the load
// generator shares the two cores with the server it measures, so every µs it spends per request
// is one the server does not get. Requests are pre-serialised bytes; answers are read with a
// minimal HTTP/1.1 reader (status line, Content-Length, Connection), enough for this server,
// which always answers with a Content-Length. Anything else counts as a transport error.
#include "tools/bench/load/http_load.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace motcua::bench {

using clock_type = std::chrono::steady_clock;

namespace {

struct shared_state {
    const std::vector<std::string>& requests;
    const load_options& o;
    std::atomic<std::size_t> next{0};
    clock_type::time_point start, deadline;
    load_result& result; // status_of and bodies: each index is written by one connection only
    std::mutex samples;
};

int open_connection(const boost::asio::ip::tcp::endpoint& to) {
    const int fd = ::socket(to.protocol().family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, to.data(), socklen_t(to.size())) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

// One parsed answer, or nothing yet (need more bytes), or a broken one.
struct answer {
    enum { incomplete, complete, broken } state = incomplete;
    int status = 0;
    bool keep_alive = true;
    std::size_t length = 0; // bytes of the whole answer
    std::string_view body;
};

answer parse_answer(std::string_view in) {
    answer a;
    const auto head_end = in.find("\r\n\r\n");
    if (head_end == std::string_view::npos) return a;
    std::string_view head = in.substr(0, head_end);
    if (head.size() < 12 || head.substr(0, 5) != "HTTP/") return a.state = answer::broken, a;
    a.status = std::atoi(std::string(head.substr(9, 3)).c_str());
    a.keep_alive = head.substr(5, 3) == "1.1";
    std::size_t content_length = 0;
    bool has_length = false;
    for (std::size_t pos = head.find("\r\n"); pos != std::string_view::npos;) {
        const auto next = head.find("\r\n", pos + 2);
        auto line = head.substr(pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
        pos = next;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        auto name = line.substr(0, colon);
        auto value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (iequals(name, "content-length")) {
            content_length = std::strtoull(std::string(value).c_str(), nullptr, 10);
            has_length = true;
        } else if (iequals(name, "connection")) {
            a.keep_alive = !iequals(value, "close");
        } else if (iequals(name, "transfer-encoding")) {
            return a.state = answer::broken, a;
        }
    }
    if (!has_length) return a.state = answer::broken, a;
    const std::size_t total = head_end + 4 + content_length;
    if (in.size() < total) return a;
    a.length = total;
    a.body = in.substr(head_end + 4, content_length);
    a.state = answer::complete;
    return a;
}

class connection {
  public:
    connection(shared_state& st, int epoll_fd) : st_(st), epoll_(epoll_fd) {}
    ~connection() { close(); }

    bool connect() {
        fd_ = open_connection(st_.o.server);
        if (fd_ < 0) return false;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.ptr = this;
        writing_ = true;
        return ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd_, &ev) == 0;
    }

    // Takes the next request; false when the run is over for this connection.
    bool send_next() {
        index_ = st_.next.fetch_add(1, std::memory_order_relaxed);
        if (index_ >= st_.o.count || (st_.o.duration_s > 0 && clock_type::now() >= st_.deadline)) {
            done_ = true;
            return false;
        }
        out_ = st_.requests[index_ % st_.requests.size()];
        sent_ = clock_type::now();
        flush();
        return true;
    }

    void on_event(std::uint32_t events) {
        if (events & (EPOLLERR | EPOLLHUP) && !(events & EPOLLIN)) return fail();
        if (events & EPOLLOUT && writing_) flush();
        if (events & EPOLLIN) read();
    }

    bool done() const { return done_; }

    std::vector<std::uint32_t> latency_us;
    std::map<int, std::size_t> statuses;
    std::size_t errors = 0;
    clock_type::time_point last_answer{};

  private:
    void want_write(bool on) {
        if (on == writing_) return;
        writing_ = on;
        epoll_event ev{};
        ev.events = EPOLLIN | (on ? EPOLLOUT : 0u);
        ev.data.ptr = this;
        ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd_, &ev);
    }

    void flush() {
        while (!out_.empty()) {
            const ssize_t n = ::send(fd_, out_.data(), out_.size(), MSG_NOSIGNAL);
            if (n > 0) {
                out_.remove_prefix(std::size_t(n));
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                return want_write(true);
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                return fail();
            }
        }
        want_write(false);
    }

    void read() {
        thread_local char chunk[65536];
        for (;;) {
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n > 0) in_.append(chunk, std::size_t(n));
            if (n == ssize_t(sizeof chunk)) continue;
            if (n > 0) break; // a short read drained the socket: no second call to learn so
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            if (n < 0 && errno == EINTR) continue;
            return fail(); // closed by the server, or an error
        }
        auto a = parse_answer(in_);
        if (a.state == answer::broken) return fail();
        if (a.state == answer::incomplete) return;
        on_answer(a);
    }

    void on_answer(const answer& a) {
        last_answer = clock_type::now();
        latency_us.push_back(std::uint32_t(std::chrono::duration_cast<std::chrono::microseconds>(last_answer - sent_).count()));
        ++statuses[a.status];
        auto& r = st_.result;
        if (st_.o.keep_bodies) {
            r.status_of[index_] = a.status;
            r.bodies[index_].assign(a.body);
        } else if (a.status >= 300) {
            std::lock_guard lock(st_.samples);
            r.sample_refusals.emplace(std::to_string(a.status), std::string(a.body.substr(0, 300)));
        }
        const bool keep_alive = a.keep_alive;
        in_.erase(0, a.length);
        if (!keep_alive) {
            close();
            if (!connect()) {
                ++errors;
                done_ = true;
                return;
            }
        }
        send_next();
    }

    void fail() {
        ++errors;
        if (st_.o.keep_bodies && index_ < st_.o.count) st_.result.status_of[index_] = -1;
        close();
        // Go on with a new connection, so one lost connection does not shrink the concurrency.
        if (connect()) send_next();
        else done_ = true;
    }

    void close() {
        if (fd_ >= 0) ::close(fd_); // also leaves the epoll set
        fd_ = -1;
        in_.clear();
        out_ = {};
    }

    shared_state& st_;
    const int epoll_;
    int fd_ = -1;
    bool writing_ = false, done_ = false;
    std::string in_;
    std::string_view out_;
    std::size_t index_ = 0;
    clock_type::time_point sent_;
};

// One thread's share of the connections, driven by its own epoll set.
void drive(std::vector<std::unique_ptr<connection>>& mine, int epoll_fd) {
    std::size_t running = 0;
    for (auto& c : mine) running += c->send_next() ? 1 : 0;
    epoll_event events[128];
    while (running > 0) {
        const int n = ::epoll_wait(epoll_fd, events, 128, 1000);
        for (int i = 0; i < n; ++i) {
            auto* c = static_cast<connection*>(events[i].data.ptr);
            const bool was_done = c->done();
            c->on_event(events[i].events);
            if (!was_done && c->done()) --running;
        }
    }
}

} // namespace

load_result run_load(const std::vector<std::string>& requests, const load_options& o) {
    load_result result;
    if (o.keep_bodies) {
        result.status_of.assign(o.count, 0);
        result.bodies.resize(o.count);
    }
    shared_state st{requests, o, {}, {}, {}, result, {}};
    const unsigned threads = std::max(1u, std::min(o.threads, o.clients));
    std::vector<int> epolls;
    std::vector<std::vector<std::unique_ptr<connection>>> shares(threads);
    for (unsigned t = 0; t < threads; ++t) epolls.push_back(::epoll_create1(EPOLL_CLOEXEC));
    // Every connection is open before the clock starts: the run measures requests, not handshakes.
    for (unsigned i = 0; i < o.clients; ++i) {
        auto c = std::make_unique<connection>(st, epolls[i % threads]);
        if (!c->connect()) throw std::runtime_error(std::string("cannot connect: ") + std::strerror(errno));
        shares[i % threads].push_back(std::move(c));
    }
    if (o.on_start) o.on_start();
    st.start = clock_type::now();
    st.deadline = st.start + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(o.duration_s));
    std::vector<std::thread> extra;
    for (unsigned t = 1; t < threads; ++t) extra.emplace_back([&, t] { drive(shares[t], epolls[t]); });
    drive(shares[0], epolls[0]);
    for (auto& t : extra) t.join();
    if (o.on_stop) o.on_stop();

    clock_type::time_point end = st.start;
    for (auto& share : shares)
        for (auto& c : share) {
            end = std::max(end, c->last_answer);
            result.answered += c->latency_us.size();
            result.transport_errors += c->errors;
            result.latency_us.insert(result.latency_us.end(), c->latency_us.begin(), c->latency_us.end());
            for (auto [s, n] : c->statuses) result.statuses[s] += n;
        }
    for (int e : epolls) ::close(e);
    result.seconds = std::chrono::duration<double>(end - st.start).count();
    if (o.keep_bodies)
        for (std::size_t i = 0; i < o.count; ++i)
            if (result.status_of[i] >= 300)
                result.sample_refusals.emplace(std::to_string(result.status_of[i]), result.bodies[i].substr(0, 300));
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
