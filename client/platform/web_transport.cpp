// fetch() for the sync engine.
#include "client/platform/web_transport.hpp"

#include <nlohmann/json.hpp>

extern "C" void motcua_js_fetch(int id, const char* method, const char* path, const char* headers_json,
                                const void* body, int body_size);

namespace motcua::platform {

void web_transport::send(client::http_request_out request, std::function<void(client::http_reply)> done) {
    int id = next_id_++;
    pending_[id] = std::move(done);
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [k, v] : request.headers) headers[k] = v;
    const std::string h = headers.dump();
    motcua_js_fetch(id, request.method.c_str(), request.target.c_str(), h.c_str(), request.body.data(),
                    int(request.body.size()));
}

void web_transport::complete(int request_id, int status, std::string body, std::string_view headers_json) {
    auto it = pending_.find(request_id);
    if (it == pending_.end()) return;
    auto done = std::move(it->second);
    pending_.erase(it);
    client::http_reply reply{status, std::move(body), {}};
    auto headers = nlohmann::json::parse(headers_json.begin(), headers_json.end(), nullptr, false);
    if (headers.is_object())
        for (auto h = headers.begin(); h != headers.end(); ++h)
            if (h.value().is_string()) reply.headers.emplace_back(h.key(), h.value().get<std::string>());
    done(std::move(reply));
}

} // namespace motcua::platform
