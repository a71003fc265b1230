// The server's settings: defaults, then a config file, then the command line. Pure functions (no
// I/O), so main() reads the file and the tests feed text.
#pragma once

#include "server/net/server_limits.hpp"
#include "shared/core/result.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace motcua::server {

struct server_config {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    std::filesystem::path data_dir = "data";
    std::filesystem::path web_root;       // the built PWA; empty: serve no files
    std::filesystem::path reference_data; // holds units/*.csv; main() sets the built-in default
    std::string database_url;             // empty: SQLite in data_dir; postgresql://… for PostgreSQL
    unsigned database_connections = 8;    // PostgreSQL only
    std::filesystem::path tls_cert;       // PEM chain, server certificate first
    std::filesystem::path tls_key;        // PEM private key
    std::filesystem::path server_key;     // receipt signing key; empty: data_dir/server-key
    server_limits limits;
    std::size_t chunk_limit = 256 << 10; // bytes per attachment chunk
    double rate_per_device = 20;         // requests per second, sustained
    unsigned rate_burst = 200;
    std::size_t rate_devices = 1 << 16;  // devices whose rate is remembered (least recently seen go)
    // Failed authentications of signed requests per source address (IPv4, or IPv6 /64): per
    // second sustained, at once, and how many sources are remembered (least recently seen go).
    double auth_failures_per_source = 1;
    unsigned auth_failure_burst = 100;
    std::size_t auth_failure_sources = 1 << 16;
    unsigned io_threads = 2;
    unsigned commit_threads = 1;
    std::size_t commit_max_batch = 512;
    std::size_t signature_tables = 1024; // devices whose keys have a verify table (~30 KB each)
    std::chrono::seconds shutdown_grace{10};

    bool tls() const { return !tls_cert.empty(); }
    std::filesystem::path server_key_path() const {
        return server_key.empty() ? data_dir / "server-key" : server_key;
    }
};

// `key = value` lines; `#` starts a comment (outside double quotes); a value may be double-quoted
// (with \" and \\ inside). Keys are the long option names with '_' (port, data_dir, body_limit …).
// Sizes take an optional suffix (KiB, MiB; e.g. 1MiB), durations one of s, m (e.g. 30s). An
// unknown key, a repeated key or a bad value is an error naming the line. Settings not in the
// text keep their value from `base`.
result<server_config> parse_config_file(std::string_view text, server_config base = {});

// Applies command-line options (argv without the program name) over `base`: `--key value` or
// `--key=value`, with the key names of the file spelt with '-' (--data-dir, --body-limit …; --data
// is --data-dir). `--config FILE` is skipped (main reads it first, see config_file_option), and
// `--help` is not handled here. Validates the result (see validate).
result<server_config> apply_options(server_config base, std::span<const std::string> argv);

// The value of --config in argv, or empty.
std::string config_file_option(std::span<const std::string> argv);

// Checks the whole: an IP address; plain HTTP on loopback only; certificate and key together;
// limits and thread counts above zero.
status validate(const server_config& config);

// One line per option with its default, for --help.
std::string options_help();

} // namespace motcua::server
