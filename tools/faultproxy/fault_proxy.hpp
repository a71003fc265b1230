// A fault-injecting HTTP proxy on loopback, between simulated devices and the sync server: it
// reads whole requests (Content-Length or chunked) and, per request, drops, delays, truncates,
// resets or duplicates them, or drops their answers, as a seeded random draw decides.
#pragma once

#include "shared/core/result.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <random>
#include <string>

namespace motcua::faultproxy {

// Probabilities per request. drop, drop_answer, truncate, reset and duplicate exclude each other
// (their sum must be ≤ 1); a delay may come on top of any of them.
struct fault_rates {
    double drop = 0;        // close the client's connection before forwarding
    double drop_answer = 0; // forward, then close before the answer goes back
    double delay = 0;       // hold the request or the answer for up to max_delay_ms
    double truncate = 0;    // forward part of the request, or return part of the answer, then close
    double reset = 0;       // RST the client (SO_LINGER 0), before or after forwarding
    double duplicate = 0;   // send the request twice on two upstream connections, answer once
    int max_delay_ms = 200;
};

enum class fault {
    none,
    drop,
    drop_answer,
    truncate_request,
    truncate_answer,
    reset_before,
    reset_after,
    duplicate
};

// What happened, for the summary line. Read while the proxy runs, so atomics.
struct fault_counts {
    std::atomic<std::uint64_t> connections{0}, requests{0}, answered{0};
    std::atomic<std::uint64_t> drop{0}, drop_answer{0}, delay{0}, truncate{0}, reset{0},
        duplicate{0};
    std::atomic<std::uint64_t> upstream_unreachable{0}, upstream_failed{0};
    // {"connections":…,"requests":…,…} on one line.
    std::string to_json() const;
    std::uint64_t faults() const {
        return drop + drop_answer + delay + truncate + reset + duplicate;
    }
};

// Checks the rates: each in [0, 1], the exclusive ones summing to at most 1, max_delay_ms ≥ 0.
status check_rates(const fault_rates& r);

// The seeded draw: one call per request. Not thread-safe; the proxy draws on its one thread.
class fault_picker {
  public:
    fault_picker(fault_rates rates, std::uint64_t seed) : rates_(rates), rng_(seed) {}
    fault pick();
    // 0 when no delay this time, else 1 … max_delay_ms.
    int pick_delay_ms();
    double fraction(); // in (0, 1): how much of a message to pass before truncating
    bool coin();

  private:
    double uniform();
    fault_rates rates_;
    std::mt19937_64 rng_;
};

struct proxy_config {
    std::string upstream_host = "127.0.0.1";
    unsigned short upstream_port = 0;
    fault_rates rates;
    std::uint64_t seed = 1;
    std::size_t body_limit = 64u << 20;
    int upstream_timeout_ms = 30000; // an answer slower than this is a failure
    int idle_timeout_ms = 120000;    // a client that sends nothing for this long is closed
};

// Runs on the io_context it is given (one thread: the draw is sequential).
class fault_proxy {
  public:
    fault_proxy(boost::asio::io_context& ioc, proxy_config config);
    ~fault_proxy();
    // Binds and starts accepting; returns the bound port (0 asks the system for one).
    result<unsigned short> start(const boost::asio::ip::tcp::endpoint& at);
    // Stops accepting; connections end with their current request.
    void stop();
    const fault_counts& counts() const;
    // Faults can be switched off and on while running (e.g. for a final drain).
    void set_faults_enabled(bool on);

  private:
    struct state;
    std::shared_ptr<state> state_;
};

} // namespace motcua::faultproxy
