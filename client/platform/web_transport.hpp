// The sync engine's transport in the browser: fetch(), through web_platform.js. Bodies cross
// as bytes (attachment chunks are binary); the answer brings Date, ETag and Retry-After.
#pragma once

#include "client/sync/transport.hpp"

#include <map>

namespace motcua::platform {

class web_transport final : public client::transport {
  public:
    void send(client::http_request_out request, std::function<void(client::http_reply)> done) override;
    // Called from JS when a request ends; `headers` is a JSON object of the headers kept.
    void complete(int request_id, int status, std::string body, std::string_view headers_json);

  private:
    int next_id_ = 1;
    std::map<int, std::function<void(client::http_reply)>> pending_;
};

} // namespace motcua::platform
