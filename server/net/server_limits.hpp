// What keeps the server alive under slow, large or many clients: sizes, timeouts and the
// connection cap. Plain values, shared by the network layer and the config file.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace motcua::server {

struct server_limits {
    std::size_t body_limit = 1 << 20; // bytes; a submission without attachments is a few KB
    std::size_t header_limit = 8 << 10;
    // From the first byte of a request to its last: a slow-loris client cannot stretch a request
    // by trickling bytes, because the time is counted per request, not per read.
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds write_timeout{30};
    // How long a keep-alive connection may wait for its next request (and a new one for its first).
    std::chrono::seconds idle_timeout{15};
    std::chrono::seconds tls_handshake_timeout{10};
    // Beyond this many open connections, each new one is answered 503 server_busy and closed.
    std::size_t max_connections = 1024;
    // Proxies (haproxy, nginx; IP addresses) trusted to say who their client is. A request on a
    // connection from one of them has for source (of the limit on failed authentications) the
    // last address of its last X-Forwarded-For header, the one the proxy appended; from anyone
    // else that header is never read (a client writes what it likes there). Empty: all requests
    // through a proxy share the proxy's address, and its budget.
    std::vector<std::string> trusted_proxies;
    // GET /metrics only from the machine itself (only the network layer knows the peer).
    bool metrics_loopback_only = true;
};

} // namespace motcua::server
