// The sync engine's transport for native programs (the soak test, load tools): a blocking Beast
// HTTP/1.1 client that answers before send() returns. Any failure (refused, reset, timeout, a
// truncated answer) is status 0, as the engine expects from a lost request.
#pragma once

#include "client/sync/transport.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace motcua::soak {

struct transport_options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds read_timeout{10000}; // for the whole exchange, write and read
    bool keep_alive = true; // reuse the connection while the server keeps it open
};

class native_transport final : public client::transport {
  public:
    explicit native_transport(transport_options options);
    ~native_transport() override;
    native_transport(const native_transport&) = delete;
    native_transport& operator=(const native_transport&) = delete;

    // Blocks until the answer (or the failure), then calls `done` on the caller's thread.
    void send(client::http_request_out request,
              std::function<void(client::http_reply)> done) override;
    // The same, returning the answer.
    client::http_reply exchange(const client::http_request_out& request);

    std::uint64_t requests() const { return requests_; }
    std::uint64_t failures() const { return failures_; } // answers with status 0
    std::uint64_t connects() const { return connects_; }
    std::uint64_t timeouts() const { return timeouts_; } // failures that were deadlines passing

  private:
    bool connect();
    void close();

    transport_options options_;
    boost::asio::io_context ioc_{1};
    boost::asio::ip::tcp::endpoint endpoint_;
    bool resolved_ = false;
    std::unique_ptr<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
    std::uint64_t requests_ = 0, failures_ = 0, connects_ = 0, timeouts_ = 0;
};

} // namespace motcua::soak
