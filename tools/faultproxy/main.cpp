// motcua-faultproxy: the fault-injecting proxy as a program, for soak runs by hand and scripts.
// Prints "listening 127.0.0.1:PORT" once bound, a JSON line of counts on stderr every few
// seconds, and the final counts as one JSON line on stdout when stopped (SIGTERM or SIGINT).
#include "tools/faultproxy/fault_proxy.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

namespace {

using namespace motcua;

void usage(std::FILE* to) {
    std::fputs(
        "usage: motcua-faultproxy --upstream HOST:PORT [--listen PORT (0: any)] [--seed N]\n"
        "         [--drop P] [--drop-answer P] [--delay P] [--max-delay-ms MS] [--truncate P]\n"
        "         [--reset P] [--duplicate P] [--stats-interval-ms MS (0: none)]\n"
        "Rates are per request; drop, drop-answer, truncate, reset and duplicate exclude each "
        "other.\n",
        to);
}

[[noreturn]] void bad(const std::string& what) {
    std::fprintf(stderr, "motcua-faultproxy: %s\n", what.c_str());
    usage(stderr);
    std::exit(2);
}

double to_double(const std::string& v) {
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end) bad("not a number: " + v);
    return d;
}

long long to_int(const std::string& v, long long lo, long long hi) {
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || n < lo || n > hi) bad("bad number: " + v);
    return n;
}

} // namespace

int main(int argc, char** argv) {
    namespace net = boost::asio;
    faultproxy::proxy_config cfg;
    unsigned short listen_port = 0;
    long long stats_ms = 5000;
    bool have_upstream = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) bad("missing value after " + a);
        std::string v = argv[++i];
        if (a == "--listen")
            listen_port = static_cast<unsigned short>(to_int(v, 0, 65535));
        else if (a == "--upstream") {
            auto colon = v.rfind(':');
            if (colon == std::string::npos || colon == 0)
                bad("--upstream wants HOST:PORT, got " + v);
            cfg.upstream_host = v.substr(0, colon);
            cfg.upstream_port = static_cast<unsigned short>(to_int(v.substr(colon + 1), 1, 65535));
            have_upstream = true;
        } else if (a == "--seed")
            cfg.seed = static_cast<std::uint64_t>(to_int(v, 0, INT64_MAX));
        else if (a == "--drop")
            cfg.rates.drop = to_double(v);
        else if (a == "--drop-answer")
            cfg.rates.drop_answer = to_double(v);
        else if (a == "--delay")
            cfg.rates.delay = to_double(v);
        else if (a == "--max-delay-ms")
            cfg.rates.max_delay_ms = static_cast<int>(to_int(v, 0, 600000));
        else if (a == "--truncate")
            cfg.rates.truncate = to_double(v);
        else if (a == "--reset")
            cfg.rates.reset = to_double(v);
        else if (a == "--duplicate")
            cfg.rates.duplicate = to_double(v);
        else if (a == "--stats-interval-ms")
            stats_ms = to_int(v, 0, 3600000);
        else
            bad("unknown option " + a);
    }
    if (!have_upstream) bad("--upstream is required");

    net::io_context ioc{1};
    faultproxy::fault_proxy proxy(ioc, cfg);
    auto port = proxy.start({net::ip::make_address("127.0.0.1"), listen_port});
    if (!port) {
        std::fprintf(stderr, "motcua-faultproxy: %s\n", port.err().en.c_str());
        return 1;
    }
    std::printf("listening 127.0.0.1:%u\n", unsigned(*port));
    std::fflush(stdout);

    net::steady_timer stats_timer(ioc);
    std::function<void()> arm = [&] {
        if (stats_ms == 0) return;
        stats_timer.expires_after(std::chrono::milliseconds(stats_ms));
        stats_timer.async_wait([&](const boost::system::error_code& ec) {
            if (ec) return;
            std::fprintf(stderr, "%s\n", proxy.counts().to_json().c_str());
            arm();
        });
    };
    arm();
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) { ioc.stop(); });
    ioc.run();
    std::printf("%s\n", proxy.counts().to_json().c_str());
    std::fflush(stdout);
    return 0;
}
