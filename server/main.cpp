// motcua-server: the sync server, serving the PWA and the API over HTTPS on a LAN (or plain HTTP
// on loopback), with its store, group committer and metrics; stops gracefully on SIGTERM.
#include "server/api/api.hpp"
#include "server/api/request_guard.hpp"
#include "server/api/static_site.hpp"
#include "server/config/data_layout.hpp"
#include "server/config/server_config.hpp"
#include "server/keys/key_file.hpp"
#include "server/log/log.hpp"
#include "server/metrics/metrics.hpp"
#include "server/net/http_server.hpp"
#include "server/store/group_commit.hpp"
#include "server/store/open_store.hpp"

#include "shared/units/csv.hpp"
#include "shared/units/asset.hpp"
#include "shared/units/registry.hpp"

#include <malloc.h>
#include <sys/stat.h>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace motcua;

// Both structures of the whole country, so unit fields are checked against the day they name.
bool load_units(const std::filesystem::path& dir, units::registry& into) {
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
    std::fputs("usage: motcua-server [--config FILE] [--OPTION VALUE | --OPTION=VALUE]...\n"
               "Options (the config file takes the same names with '_', one `key = value` a line,\n"
               "# for comments; the command line overrides the file; see docs/motcua-server.conf.example):\n"
               "  --config FILE                   read settings from FILE first\n",
               to);
    std::fputs(server::options_help().c_str(), to);
    std::fputs("Plain HTTP is allowed on loopback only; on a LAN give --tls-cert and --tls-key\n"
               "(tools/make-local-ca makes them; see docs/https-on-a-lan.md).\n",
               to);
}

// Both languages, Vietnamese first, as every message the server gives a person.
int fail(const error& e, int code) {
    std::fprintf(stderr, "motcua-server: %s\nmotcua-server: %s\n", e.vi.c_str(), e.en.c_str());
    return code;
}

result<server::server_config> read_config(const std::vector<std::string>& args) {
    server::server_config base;
    base.reference_data = MOTCUA_DATA_DIR;
    std::string file = server::config_file_option(args);
    if (!file.empty()) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in)
            return error{"config_unreadable", "Không đọc được tệp cấu hình " + file + ".",
                         "Cannot read the config file " + file + "."};
        auto parsed = server::parse_config_file(text.str(), base);
        if (!parsed) {
            error e = parsed.err();
            e.vi = file + ": " + e.vi;
            e.en = file + ": " + e.en;
            return e;
        }
        base = *parsed;
    }
    return server::apply_options(base, args);
}

// The first `most` names, for a log line that says what the web root held but is not served.
std::string join_names(const std::vector<std::string>& names, std::size_t most) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? " " : "") + names[i];
    if (names.size() > most) out += " …";
    return out;
}

std::string url_of(const server::server_config& cfg, bool tls, unsigned short port) {
    bool v6 = cfg.address.find(':') != std::string::npos;
    return std::string(tls ? "https://" : "http://") + (v6 ? "[" + cfg.address + "]" : cfg.address) + ":" +
           std::to_string(port) + "/";
}

} // namespace

int main(int argc, char** argv) {
    namespace net = boost::asio;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        }
    auto cfg_read = read_config(args);
    if (!cfg_read) {
        fail(cfg_read.err(), 2);
        std::fputs("(motcua-server --help lists the options)\n", stderr);
        return 2;
    }
    const server::server_config cfg = *cfg_read;
    crypto::init();
    // glibc would hand memory back to the kernel after nearly every SQLite page split; keeping
    // 64 MB doubles the store's throughput on this kind of VM (tools/bench/bench_store.cpp).
    mallopt(M_TRIM_THRESHOLD, 64 << 20);

    // Everything the server creates (key, database, WAL) is its own alone.
    ::umask(077);
    // The database (sqlite:PATH names it outside the data folder) and the TLS key too.
    std::vector<std::filesystem::path> private_paths{cfg.data_dir, cfg.server_key_path(), cfg.tls_key};
    if (std::string_view(cfg.database_url).substr(0, 7) == "sqlite:" && cfg.database_url.size() > 7)
        private_paths.emplace_back(cfg.database_url.substr(7));
    if (auto ok = server::keep_apart_from_web_root(cfg.web_root, private_paths); !ok) return fail(ok.err(), 1);
    if (auto ok = server::prepare_data_dir(cfg.data_dir); !ok) return fail(ok.err(), 1);
    // The web app is read once, here; requests are answered from this index alone.
    std::shared_ptr<const server::static_site> site;
    if (!cfg.web_root.empty()) {
        auto indexed = server::static_site::index(cfg.web_root);
        if (!indexed) return fail(indexed.err(), 1);
        site = std::make_shared<const server::static_site>(std::move(*indexed));
        server::log::info("web_root_indexed", {{"files", std::to_string(site->size())},
                                               {"bytes", std::to_string(site->total_bytes())},
                                               {"left_out", std::to_string(site->skipped().size())},
                                               {"left_out_names", join_names(site->skipped(), 20)}});
    }
    auto key = server::load_or_create_key(cfg.server_key_path());
    if (!key) return fail(key.err(), 1);
    auto store = server::open_store(cfg.database_url, cfg.data_dir, int(cfg.database_connections));
    if (!store) return fail(store.err(), 1);

    // Declared before the io_context: sessions still queued in it when it is destroyed use them.
    server::metrics_registry metrics;
    server::api_context ctx{**store, *key, site, [] {
                                using namespace std::chrono;
                                return std::int64_t(
                                    duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
                            }};
    ctx.metrics = &metrics;
    ctx.chunk_limit = cfg.chunk_limit;
    ctx.signatures = std::make_shared<server::device_signatures>(cfg.signature_tables);
    server::guard_settings guard{cfg.rate_per_device, double(cfg.rate_burst)};
    guard.max_devices = cfg.rate_devices;
    guard.failures_per_source = cfg.auth_failures_per_source;
    guard.failure_burst = double(cfg.auth_failure_burst);
    guard.max_sources = cfg.auth_failure_sources;
    ctx.guard = std::make_shared<server::request_guard>(guard);
    units::registry unit_registry;
    if (load_units(cfg.reference_data, unit_registry))
    {
        ctx.unit_exists = [&unit_registry](std::string_view code, civil_date on) {
            return unit_registry.exists(code, on);
        };
        // The whole country's units, both structures, for apps that update their unit lists.
        std::vector<const units::unit_set*> sets;
        for (std::size_t i = 0; i < unit_registry.size(); ++i) sets.push_back(&unit_registry.set_at(i));
        auto asset = units::encode_asset(sets);
        ctx.units_file = std::make_shared<server::reference_file>(server::make_reference_file(
            std::string(asset.begin(), asset.end()), "application/octet-stream"));
    } else
        server::log::warn("units_not_loaded", {{"effect", "unit fields are checked for their shape only"}});

    net::io_context ioc{int(cfg.io_threads)};
    // The committer's answers (receipt signed, JSON, log line, metrics) are made on the I/O
    // threads, so its thread does nothing but database work. Declared after the io_context, so it
    // is stopped (and has handed over its last answers) while the io_context still exists.
    server::group_committer committer(
        **store, {cfg.commit_max_batch, int(cfg.commit_threads),
                  [&ioc](std::function<void()> answers) { net::post(ioc, std::move(answers)); }});
    ctx.committer = &committer;
    server::http_server http(ioc, ctx, cfg.limits, &metrics);
    if (cfg.tls())
        if (auto ok = http.use_tls(cfg.tls_cert, cfg.tls_key); !ok) return fail(ok.err(), 1);
    auto port = http.start({net::ip::make_address(cfg.address), cfg.port});
    if (!port) return fail(port.err(), 1);

    // SIGTERM: answer what is in flight, then stop. Nothing answered is lost: a submission is
    // answered only after its commit, and stop() below commits whatever is still queued. A
    // second signal stops at once.
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    std::function<void(const boost::system::error_code&, int)> on_signal;
    bool stopping = false;
    on_signal = [&](const boost::system::error_code& ec, int) {
        if (ec) return;
        if (stopping) {
            server::log::warn("shutdown_forced");
            http.stop();
            ioc.stop();
            return;
        }
        stopping = true;
        server::log::info("shutdown", {{"grace_seconds", std::to_string(cfg.shutdown_grace.count())}});
        http.shutdown(cfg.shutdown_grace, [&ioc] { ioc.stop(); });
        signals.async_wait(on_signal);
    };
    signals.async_wait(on_signal);

    std::string url = url_of(cfg, http.tls(), *port);
    server::log::info("listening", {{"url", url}, {"io_threads", std::to_string(cfg.io_threads)}});
    std::printf("MộtCửa Offline: %s\n", url.c_str());
    std::fflush(stdout);

    std::vector<std::thread> threads;
    for (unsigned i = 1; i < cfg.io_threads; ++i)
        threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads)
        t.join();
    committer.stop();
    server::log::info("stopped");
    return 0;
}
