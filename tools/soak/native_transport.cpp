// Blocking over asynchronous: each step is an async Beast operation with a deadline, run to
// completion on the transport's own io_context, so a timeout cancels a read that would hang.
#include "tools/soak/native_transport.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/http.hpp>

namespace motcua::soak {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

native_transport::native_transport(transport_options options) : options_(std::move(options)) {}

native_transport::~native_transport() {
    close();
}

void native_transport::close() {
    if (!stream_) return;
    boost::system::error_code ec;
    stream_->socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_->socket().close(ec);
    stream_.reset();
    buffer_.clear();
}

bool native_transport::connect() {
    boost::system::error_code ec;
    if (!resolved_) {
        tcp::resolver resolver(ioc_);
        auto found = resolver.resolve(options_.host, std::to_string(options_.port), ec);
        if (ec || found.empty()) return false;
        endpoint_ = found.begin()->endpoint();
        resolved_ = true;
    }
    auto s = std::make_unique<beast::tcp_stream>(ioc_);
    s->expires_after(options_.connect_timeout);
    ec = net::error::would_block;
    s->async_connect(endpoint_, [&](boost::system::error_code e) { ec = e; });
    ioc_.restart();
    ioc_.run();
    if (ec) {
        timeouts_ += ec == beast::error::timeout;
        return false;
    }
    s->socket().set_option(tcp::no_delay(true), ec);
    ++connects_;
    stream_ = std::move(s);
    buffer_.clear();
    return true;
}

client::http_reply native_transport::exchange(const client::http_request_out& out) {
    ++requests_;
    auto fail = [&]() {
        ++failures_;
        close();
        return client::http_reply{};
    };
    http::verb verb = http::string_to_verb(out.method);
    if (verb == http::verb::unknown) return fail();
    if (!stream_ && !connect()) return fail();

    http::request<http::string_body> req{verb, out.target, 11};
    req.set(http::field::host, options_.host + ":" + std::to_string(options_.port));
    for (const auto& [name, value] : out.headers)
        req.set(name, value);
    req.body() = out.body;
    req.keep_alive(options_.keep_alive);
    req.prepare_payload();

    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    parser.skip(verb == http::verb::head);
    boost::system::error_code ec = net::error::would_block;
    stream_->expires_after(options_.read_timeout);
    http::async_write(*stream_, req, [&](boost::system::error_code e, std::size_t) {
        ec = e;
        if (e) return;
        ec = net::error::would_block;
        http::async_read(*stream_, buffer_, parser,
                         [&](boost::system::error_code e2, std::size_t) { ec = e2; });
    });
    ioc_.restart();
    ioc_.run();
    if (ec) {
        timeouts_ += ec == beast::error::timeout;
        return fail();
    }

    auto res = parser.release();
    client::http_reply reply;
    reply.status = int(res.result_int());
    for (const auto& field : res)
        reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    reply.body = std::move(res.body());
    if (!options_.keep_alive || !res.keep_alive()) close();
    return reply;
}

void native_transport::send(client::http_request_out request,
                            std::function<void(client::http_reply)> done) {
    done(exchange(request));
}

} // namespace motcua::soak
