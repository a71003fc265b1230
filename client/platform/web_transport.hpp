// The sync engine's transport in the browser: fetch(), through web_platform.js.
// Implemented: JSON PUT with a timeout, status 0 for any network failure. Missing: progress
// events and resumable uploads (they come with attachments).
#pragma once

#include "client/sync/sync_engine.hpp"

#include <map>

namespace motcua::platform {

class web_transport final : public client::transport {
  public:
    void put_json(const std::string& path, const std::string& body,
                  std::function<void(client::http_reply)> done) override;
    // Called from JS when a request ends.
    void complete(int request_id, int status, std::string body);

  private:
    int next_id_ = 1;
    std::map<int, std::function<void(client::http_reply)>> pending_;
};

} // namespace motcua::platform
