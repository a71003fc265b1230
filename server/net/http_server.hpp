// The listener and its sessions: sockets, TLS, limits, timeouts, the connection cap, metrics per
// request and a graceful stop. What a request means is server/api's business.
#pragma once

#include "server/api/api.hpp"
#include "server/net/server_limits.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

namespace motcua::server {

class metrics_registry;

// Which family of routes a request target belongs to, for metrics labels: health, submissions,
// attachments, feed, devices, reference, metrics, static, or other (an unknown /v1/ path).
std::string_view route_class(std::string_view target);

// The source a connection's requests are limited by (request_guard.hpp): the peer's IPv4
// address, or its IPv6 /64; an IPv4-mapped IPv6 address is the IPv4 one.
source_address source_of(const boost::asio::ip::address& peer);

class http_server {
  public:
    // `metrics` may be null (nothing is counted); it must outlive the server's sessions.
    http_server(boost::asio::io_context& ioc, api_context& ctx, server_limits limits,
                metrics_registry* metrics = nullptr);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    // Answers requests with `h` instead of handle_request; call before start. For tests of this
    // layer, which need answers that are slow, late, missing or thrown.
    using request_handler = std::function<void(request&&, api_context&, reply_fn)>;
    void set_handler(request_handler h);

    // Serves HTTPS instead of plain HTTP; call before start.
    status use_tls(const std::filesystem::path& cert_chain_pem, const std::filesystem::path& key_pem);
    bool tls() const;

    // Binds and starts accepting; returns the bound port (useful with port 0).
    result<unsigned short> start(const boost::asio::ip::tcp::endpoint& at);

    // At once: stops accepting and drops every connection, answered or not.
    void stop();
    // Gracefully: stops accepting, closes idle keep-alive connections, lets requests in flight be
    // answered (then closes their connections), and calls `done` (once, on an I/O thread) when
    // no connection is left or `grace` has passed, whichever comes first.
    void shutdown(std::chrono::seconds grace, std::function<void()> done);

    // Connections open now, including those being refused as busy (not those past the busy
    // sessions: they are answered and closed as soon as they are accepted).
    std::size_t open_connections() const;

    struct state; // shared with the sessions, so it outlives this object while they run

  private:
    std::shared_ptr<state> state_;
};

} // namespace motcua::server
