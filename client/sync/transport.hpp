// How the client reaches the server: the browser's fetch in the app, a native HTTP client in the
// soak test and the benchmarks, an in-process stand-in in unit tests. One request, one answer.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace motcua::client {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_request_out {
    std::string method;       // GET, PUT, POST, PATCH
    std::string target;       // path and query, e.g. /v1/feed?after=3
    header_list headers;      // Content-Type, the Motcua-* signature headers, If-None-Match
    std::string body;         // bytes; JSON or an attachment chunk
};

// status 0 means the request never got an answer (offline, reset, timeout, truncated).
struct http_reply {
    int status = 0;
    std::string body;
    header_list headers; // at least Date, ETag and Retry-After when the server sent them

    // The first header of that name (case-insensitive), or "".
    std::string header(std::string_view name) const {
        for (const auto& [k, v] : headers) {
            if (k.size() != name.size()) continue;
            bool same = true;
            for (std::size_t i = 0; i < k.size() && same; ++i)
                same = (k[i] | 0x20) == (name[i] | 0x20);
            if (same) return v;
        }
        return {};
    }
};

class transport {
  public:
    virtual ~transport() = default;
    // `done` is called exactly once, later or at once, on the thread that drives the engine.
    virtual void send(http_request_out request, std::function<void(http_reply)> done) = 0;
};

} // namespace motcua::client
