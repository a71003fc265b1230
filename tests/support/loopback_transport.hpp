// The sync engine's transport, reaching the real loopback server over HTTP; it can lose answers
// or requests the way a bad mobile link does.
#pragma once

#include "client/sync/transport.hpp"
#include "tests/support/loopback_server.hpp"

#include <functional>

namespace motcua::testing {

class loopback_transport final : public client::transport {
  public:
    explicit loopback_transport(loopback_server& server) : server_(server) {}

    int lose_answers = 0;  // the request reaches the server, its answer is lost
    int lose_requests = 0; // the request never leaves the device
    int sent = 0;
    std::vector<std::string> targets; // "PUT /v1/submissions/…", in order
    std::vector<std::string> auth;    // per request: "signature", "mac" or "none"
    // Rewrites an answer before the app sees it: whoever answers in the server's place (a
    // captive portal, a forged server, another device's upload state).
    std::function<void(const std::string& method_and_target, client::http_reply&)> tamper;

    void send(client::http_request_out req, std::function<void(client::http_reply)> done) override {
        if (lose_requests > 0) {
            --lose_requests;
            return done({0, {}, {}});
        }
        ++sent;
        targets.push_back(req.method + " " + req.target);
        std::string kind = "none";
        for (const auto& [name, value] : req.headers)
            if (name == protocol::signature_header) kind = "signature";
            else if (name == protocol::mac_header) kind = "mac";
        auth.push_back(kind);
        auto answer = server_.request(req.method, req.target, req.headers, req.body);
        if (lose_answers > 0) {
            --lose_answers;
            return done({0, {}, {}});
        }
        client::http_reply reply{int(answer.status), answer.body, {}};
        for (const auto& h : answer.headers)
            reply.headers.emplace_back(std::string(h.name_string()), std::string(h.value()));
        if (tamper) tamper(req.method + " " + req.target, reply);
        done(std::move(reply));
    }

  private:
    loopback_server& server_;
};

} // namespace motcua::testing
