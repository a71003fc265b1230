// fetch() for the sync engine.
#include "client/platform/web_transport.hpp"

extern "C" void motcua_js_fetch(int id, const char* method, const char* path, const char* body);

namespace motcua::platform {

void web_transport::put_json(const std::string& path, const std::string& body,
                             std::function<void(client::http_reply)> done) {
    int id = next_id_++;
    pending_[id] = std::move(done);
    motcua_js_fetch(id, "PUT", path.c_str(), body.c_str());
}

void web_transport::complete(int request_id, int status, std::string body) {
    auto it = pending_.find(request_id);
    if (it == pending_.end()) return;
    auto done = std::move(it->second);
    pending_.erase(it);
    done(client::http_reply{status, std::move(body)});
}

} // namespace motcua::platform
