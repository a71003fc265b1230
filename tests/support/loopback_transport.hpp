// The sync engine's transport, reaching the real loopback server over HTTP; it can lose answers
// or requests the way a bad mobile link does.
#pragma once

#include "client/sync/sync_engine.hpp"
#include "tests/support/loopback_server.hpp"

namespace motcua::testing {

class loopback_transport final : public client::transport {
  public:
    explicit loopback_transport(loopback_server& server) : server_(server) {}

    int lose_answers = 0;  // the request reaches the server, its answer is lost
    int lose_requests = 0; // the request never leaves the device
    int sent = 0;

    void put_json(const std::string& path, const std::string& body,
                  std::function<void(client::http_reply)> done) override {
        if (lose_requests > 0) {
            --lose_requests;
            return done({0, {}});
        }
        ++sent;
        auto answer = server_.call(boost::beast::http::verb::put, path, body);
        if (lose_answers > 0) {
            --lose_answers;
            return done({0, {}});
        }
        done({int(answer.status), answer.body});
    }

  private:
    loopback_server& server_;
};

} // namespace motcua::testing
