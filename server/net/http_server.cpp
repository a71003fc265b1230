// Asynchronous accept/read/write loop, after Beast's advanced server example.
#include "server/net/http_server.hpp"

#include "server/log/log.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

namespace motcua::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class http_session : public std::enable_shared_from_this<http_session> {
  public:
    http_session(tcp::socket&& socket, api_context& ctx, const server_limits& limits)
        : stream_(std::move(socket)), ctx_(ctx), limits_(limits) {}

    void run() {
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&http_session::read, shared_from_this()));
    }

  private:
    void read() {
        parser_.emplace();
        parser_->body_limit(limits_.body_limit);
        parser_->header_limit(std::uint32_t(limits_.header_limit));
        stream_.expires_after(limits_.read_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&http_session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream || ec == net::error::operation_aborted) return close();
        if (ec == beast::error::timeout) return close();
        if (ec == http::error::body_limit)
            return send(error_response(protocol::errors::body_too_large, 11, false));
        if (ec == http::error::header_limit)
            return send(error_response(protocol::errors::header_too_large, 11, false));
        if (ec.category() == http::make_error_code(http::error::bad_target).category())
            return send(error_response(protocol::errors::request_malformed, 11, false));
        if (ec) return close();

        try {
            send(handle_request(parser_->release(), ctx_));
        } catch (const std::exception& e) {
            // Bad input is answered by the handlers; reaching here is a bug, so keep the session
            // alive for others and say so in the log.
            log::error("handler_exception", {{"what", e.what()}});
            send(error_response(protocol::errors::server_error, 11, false));
        }
    }

    void send(http::message_generator&& msg) {
        const bool keep_alive = msg.keep_alive();
        beast::async_write(stream_, std::move(msg),
                           beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
    }

    void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
        if (ec) return;
        if (!keep_alive) return close();
        read();
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    api_context& ctx_;
    server_limits limits_;
};

} // namespace

http_server::http_server(net::io_context& ioc, api_context& ctx, server_limits limits)
    : ioc_(ioc), ctx_(ctx), limits_(limits), acceptor_(net::make_strand(ioc)) {}

result<unsigned short> http_server::start(const tcp::endpoint& at) {
    beast::error_code ec;
    auto fail = [&](const char* step) {
        return error{"listen_failed", "Không mở được cổng mạng cho máy chủ.",
                     std::string("Cannot listen (") + step + "): " + ec.message()};
    };
    acceptor_.open(at.protocol(), ec);
    if (ec) return fail("open");
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    acceptor_.bind(at, ec);
    if (ec) return fail("bind");
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen");
    accept();
    return acceptor_.local_endpoint().port();
}

void http_server::stop() {
    net::post(acceptor_.get_executor(), [this] {
        beast::error_code ec;
        acceptor_.close(ec);
    });
}

void http_server::accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;
        if (!ec) std::make_shared<http_session>(std::move(socket), ctx_, limits_)->run();
        if (acceptor_.is_open()) accept();
    });
}

} // namespace motcua::server
