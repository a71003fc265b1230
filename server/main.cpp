// motcua-server: the sync server with its embedded SQLite store, serving the PWA.
// Plain HTTP is for loopback only; TLS for a LAN comes with the sync server's own issue.
#include "server/api/api.hpp"
#include "server/keys/key_file.hpp"
#include "server/log/log.hpp"
#include "server/net/http_server.hpp"
#include "server/store/sqlite_store.hpp"

#include "shared/units/csv.hpp"
#include "shared/units/registry.hpp"

#include <boost/asio/signal_set.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

struct options {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    std::filesystem::path data_dir = "data";
    std::filesystem::path web_root;
    std::filesystem::path reference_data = MOTCUA_DATA_DIR; // units/*.csv
};

// Both structures of the whole country, so unit fields are checked against the day they name.
bool load_units(const std::filesystem::path& dir, motcua::units::registry& into) {
    using namespace motcua::units;
    const std::pair<const char*, structure_info> files[] = {
        {"units-vn-3level-2025-03.csv", three_level_2025()},
        {"units-vn-2level-2026-07.csv", two_level_2025()},
    };
    for (const auto& [name, structure] : files) {
        std::ifstream in(dir / "units" / name, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        auto set = parse_units_csv(text.str(), structure);
        if (!in || !set || !into.add(std::move(*set))) {
            std::fprintf(stderr, "motcua-server: cannot load %s%s%s\n", (dir / "units" / name).c_str(),
                         set ? "" : ": ", set ? "" : set.err().en.c_str());
            return false;
        }
    }
    return true;
}

void usage(std::FILE* to) {
    std::fputs("usage: motcua-server [--address 127.0.0.1] [--port 8080] [--data DIR] [--web-root DIR]\n"
               "                     [--reference-data DIR (holds units/*.csv)]\n", to);
}

// Prints a one-line error and exits with status 2 on any bad argument.
options parse(int argc, char** argv) {
    options o;
    auto bad = [](const std::string& what) {
        std::fprintf(stderr, "motcua-server: %s\n", what.c_str());
        usage(stderr);
        std::exit(2);
    };
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) bad("missing value after " + a);
            return argv[++i];
        };
        if (a == "--port") {
            std::string v = value();
            char* end = nullptr;
            long p = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end || p < 0 || p > 65535) bad("bad port: " + v);
            o.port = static_cast<unsigned short>(p);
        } else if (a == "--data") o.data_dir = value();
        else if (a == "--web-root") o.web_root = value();
        else if (a == "--address") o.address = value();
        else if (a == "--reference-data") o.reference_data = value();
        else if (a == "--help" || a == "-h") {
            usage(stdout);
            std::exit(0);
        } else bad("unknown option " + a);
    }
    return o;
}

} // namespace

int main(int argc, char** argv) {
    using namespace motcua;
    namespace net = boost::asio;
    options opt = parse(argc, argv);
    crypto::init();

    boost::system::error_code ec;
    auto address = net::ip::make_address(opt.address, ec);
    if (ec) {
        std::fprintf(stderr, "motcua-server: bad address %s\n", opt.address.c_str());
        return 2;
    }
    if (!address.is_loopback()) {
        std::fprintf(stderr, "motcua-server: plain HTTP is served on loopback only (got %s)\n", opt.address.c_str());
        return 2;
    }
    std::filesystem::create_directories(opt.data_dir, ec);
    auto key = server::load_or_create_key(opt.data_dir / "server-key");
    if (!key) {
        std::fprintf(stderr, "motcua-server: %s\n", key.err().en.c_str());
        return 1;
    }
    auto store = server::sqlite_store::open(opt.data_dir / "motcua.sqlite");
    if (!store) {
        std::fprintf(stderr, "motcua-server: %s\n", store.err().en.c_str());
        return 1;
    }

    server::api_context ctx{**store, *key, opt.web_root, [] {
                                using namespace std::chrono;
                                return std::int64_t(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
                            }};
    units::registry unit_registry;
    if (load_units(opt.reference_data, unit_registry))
        ctx.unit_exists = [&unit_registry](std::string_view code, civil_date on) { return unit_registry.exists(code, on); };
    else
        server::log::warn("units_not_loaded", {{"effect", "unit fields are checked for their shape only"}});
    net::io_context ioc{1};
    server::http_server http(ioc, ctx, {});
    auto port = http.start({address, opt.port});
    if (!port) {
        std::fprintf(stderr, "motcua-server: %s\n", port.err().en.c_str());
        return 1;
    }
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        server::log::info("shutdown");
        http.stop();
        ioc.stop();
    });
    std::string url = "http://" + opt.address + ":" + std::to_string(*port) + "/";
    server::log::info("listening", {{"url", url}});
    std::printf("MộtCửa Offline: %s\n", url.c_str());
    std::fflush(stdout);
    ioc.run();
    return 0;
}
