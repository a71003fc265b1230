// The listener and its sessions: sockets, limits and timeouts only. What a request means is
// server/api's business. Implemented: HTTP/1.1 keep-alive, header and body limits answered
// with JSON errors, per-read timeouts. Missing: TLS, connection cap, rate limits.
#pragma once

#include "server/api/api.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>

namespace motcua::server {

struct server_limits {
    std::size_t body_limit = 1 << 20;  // bytes; a submission without attachments is a few KB
    std::size_t header_limit = 8 << 10;
    std::chrono::seconds read_timeout{30}; // a slow client cannot hold a connection forever
};

class http_server {
  public:
    http_server(boost::asio::io_context& ioc, api_context& ctx, server_limits limits);
    // Binds and starts accepting; returns the bound port (useful with port 0).
    result<unsigned short> start(const boost::asio::ip::tcp::endpoint& at);
    void stop();

  private:
    void accept();
    boost::asio::io_context& ioc_;
    api_context& ctx_;
    server_limits limits_;
    boost::asio::ip::tcp::acceptor acceptor_;
};

} // namespace motcua::server
