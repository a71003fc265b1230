// A real server on 127.0.0.1 with an ephemeral port and its own temporary data folder,
// running on a background thread for the length of a test; and a small blocking HTTP client.
#pragma once

#include "server/api/api.hpp"
#include "server/net/http_server.hpp"
#include "server/store/sqlite_store.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>

#include <filesystem>
#include <optional>
#include <thread>
#include <unistd.h>

namespace motcua::testing {

struct http_answer {
    unsigned status = 0;
    std::string body;
    boost::beast::http::fields headers;
};

class loopback_server {
  public:
    // `now`: the server's clock, unix seconds (default 2026-11-24 07:50 UTC, a Tuesday);
    // `key_byte`: the seed of the server key (another value: a server with another key).
    explicit loopback_server(server::server_limits limits = {}, std::int64_t now = 1795506600,
                             std::uint8_t key_byte = 0x42) {
        static int n = 0;
        dir_ = std::filesystem::temp_directory_path() /
               ("motcua-http-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        std::filesystem::create_directories(dir_);
        crypto::init();
        crypto::key_seed seed{};
        seed.fill(key_byte);
        key_ = crypto::key_pair_from_seed(seed);
        store_ = std::move(server::sqlite_store::open(dir_ / "db.sqlite")).value();
        now_ = now;
        ctx_ = std::make_unique<server::api_context>(server::api_context{*store_, key_, {}, [now] { return now; }});
        http_ = std::make_unique<server::http_server>(ioc_, *ctx_, limits);
        port_ = *http_->start({boost::asio::ip::make_address("127.0.0.1"), 0});
        thread_ = std::thread([this] { ioc_.run(); });
    }
    ~loopback_server() {
        http_->stop();
        ioc_.stop();
        thread_.join();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    unsigned short port() const { return port_; }
    server::dossier_store& store() { return *store_; }
    const crypto::public_key& server_key() const { return key_.pk; }

    http_answer call(boost::beast::http::verb method, std::string target, std::string body = {},
                     std::string content_type = "application/json") const {
        namespace beast = boost::beast;
        namespace http = beast::http;
        boost::asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        connect(stream);
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        if (!content_type.empty()) req.set(http::field::content_type, content_type);
        req.body() = std::move(body);
        req.prepare_payload();
        http::write(stream, req);
        return read_answer(stream);
    }

    // Any method, with headers as a client sends them (the signature headers among them).
    http_answer request(const std::string& method, const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        const std::string& body) const {
        namespace beast = boost::beast;
        namespace http = beast::http;
        boost::asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        connect(stream);
        http::request<http::string_body> req{http::string_to_verb(method), target, 11};
        req.set(http::field::host, "127.0.0.1");
        for (const auto& [k, v] : headers) req.set(k, v);
        req.body() = body;
        req.prepare_payload();
        http::write(stream, req);
        return read_answer(stream);
    }

    // A request signed by `device` at the server's own time, with a fresh nonce.
    http_answer signed_call(const crypto::key_pair& device, const std::string& method, const std::string& target,
                            const std::string& body = {}, std::string content_type = "application/json",
                            std::int64_t time = -1) const {
        static std::uint32_t counter = 0;
        protocol::nonce n{};
        ++counter;
        for (int i = 0; i < 4; ++i) n[i] = std::uint8_t(counter >> (8 * i));
        n[15] = std::uint8_t(::getpid());
        auto auth = protocol::to_headers(
            protocol::sign_request(method, target, body, time < 0 ? now_ : time, n, device));
        std::vector<std::pair<std::string, std::string>> headers = {
            {std::string(protocol::device_header), auth.device},
            {std::string(protocol::time_header), auth.time},
            {std::string(protocol::nonce_header), auth.nonce},
            {std::string(protocol::signature_header), auth.signature}};
        if (!body.empty() || method != "GET") headers.emplace_back("Content-Type", content_type);
        return request(method, target, headers, body);
    }

    // Registers the device (once per test server), as the app does before anything else.
    void register_device(const crypto::key_pair& device) const {
        signed_call(device, "POST", "/v1/devices", protocol::device_registration_json(device.pk));
    }

    std::int64_t now() const { return now_; }
    server::api_context& context() { return *ctx_; }

    // The address the following calls come from: any of 127.0.0.0/8 is this machine, so a test
    // can be several sources (the server limits failed authentications per source).
    void call_from(const std::string& address) { client_address_ = boost::asio::ip::make_address(address); }

    // Sends raw bytes (for requests a well-behaved client would never make).
    http_answer call_raw(const std::string& bytes) const {
        namespace beast = boost::beast;
        boost::asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        connect(stream);
        boost::system::error_code ec;
        boost::asio::write(stream.socket(), boost::asio::buffer(bytes), ec);
        return read_answer(stream);
    }

  private:
    void connect(boost::beast::tcp_stream& stream) const {
        if (client_address_) {
            stream.socket().open(boost::asio::ip::tcp::v4());
            stream.socket().bind({*client_address_, 0});
        }
        stream.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
    }

    static http_answer read_answer(boost::beast::tcp_stream& stream) {
        namespace beast = boost::beast;
        namespace http = beast::http;
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        beast::error_code ec;
        stream.expires_after(std::chrono::seconds(10));
        http::read(stream, buffer, res, ec);
        if (ec) return {};
        return {res.result_int(), res.body(), res.base()};
    }

    std::filesystem::path dir_;
    crypto::key_pair key_;
    std::unique_ptr<server::sqlite_store> store_;
    std::unique_ptr<server::api_context> ctx_;
    boost::asio::io_context ioc_;
    std::unique_ptr<server::http_server> http_;
    unsigned short port_ = 0;
    std::int64_t now_ = 0;
    std::optional<boost::asio::ip::address> client_address_; // none: the kernel's choice (127.0.0.1)
    std::thread thread_;
};

} // namespace motcua::testing
