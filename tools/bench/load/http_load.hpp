// The closed-loop HTTP driver of motcua-load: C keep-alive connections, each sending its next
// pre-made request as soon as the previous answer is in, until a count or a duration is reached.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace motcua::bench {

struct load_options {
    boost::asio::ip::tcp::endpoint server;
    unsigned clients = 100;
    unsigned threads = 1;                    // threads running the connections
    std::size_t count = 0;                   // requests to send at most
    double duration_s = 0;                   // 0: until `count` is reached
    bool keep_bodies = false;                // answers kept by request index, for checking after the run
    std::function<void()> on_start, on_stop; // called just before the first request and after the last answer
};

struct load_result {
    double seconds = 0; // first request sent to last answer received
    std::size_t answered = 0;
    std::size_t transport_errors = 0;      // connection lost, unreadable answer (the request is not retried)
    std::vector<std::uint32_t> latency_us; // one per answer, unordered
    std::map<int, std::size_t> statuses;
    std::vector<int> status_of;                         // by request index (0: not sent); with keep_bodies
    std::vector<std::string> bodies;                    // by request index; with keep_bodies
    std::map<std::string, std::string> sample_refusals; // status → one body of that status, for the report
};

// Request i is requests[i % requests.size()].
load_result run_load(const std::vector<std::string>& requests, const load_options& o);

struct latency_summary {
    double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
};
latency_summary summarize(std::vector<std::uint32_t> latency_us);

} // namespace motcua::bench
