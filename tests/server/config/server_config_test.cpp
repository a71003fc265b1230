// The config file and the command line: what they set, which wins, and the errors a person reads.
#include "server/config/server_config.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace motcua;
using namespace motcua::server;
using namespace std::chrono_literals;

namespace {
result<server_config> options(std::vector<std::string> argv, server_config base = {}) {
    return apply_options(std::move(base), argv);
}
} // namespace

TEST_CASE("a config file sets every kind of value, with comments, quotes and units") {
    auto c = parse_config_file("# MộtCửa server for UBND xã Tân Lập\n"
                               "address = 0.0.0.0\n"
                               "port=8443   # the LAN port\n"
                               "\n"
                               "data_dir = \"/var/lib/motcua # main\"\n"
                               "tls_cert = /etc/motcua/server.pem\r\n"
                               "tls_key = /etc/motcua/server-key.pem\n"
                               "database_url = postgresql://motcua@localhost/motcua\n"
                               "body_limit = 2MiB\n"
                               "header_limit = 16 KiB\n"
                               "read_timeout = 1m\n"
                               "idle_timeout = 20s\n"
                               "max_connections = 300\n"
                               "rate_per_device = 2.5\n"
                               "rate_burst = 50\n"
                               "io_threads = 4\n"
                               "metrics_loopback_only = false\n"
                               "shutdown_grace = 0");
    REQUIRE(c);
    CHECK(c->address == "0.0.0.0");
    CHECK(c->port == 8443);
    CHECK(c->data_dir == "/var/lib/motcua # main");
    CHECK(c->tls_cert == "/etc/motcua/server.pem");
    CHECK(c->tls_key == "/etc/motcua/server-key.pem");
    CHECK(c->database_url == "postgresql://motcua@localhost/motcua");
    CHECK(c->limits.body_limit == 2 << 20);
    CHECK(c->limits.header_limit == 16 << 10);
    CHECK(c->limits.read_timeout == 60s);
    CHECK(c->limits.idle_timeout == 20s);
    CHECK(c->limits.max_connections == 300);
    CHECK(c->rate_per_device == 2.5);
    CHECK(c->rate_burst == 50);
    CHECK(c->io_threads == 4);
    CHECK_FALSE(c->limits.metrics_loopback_only);
    CHECK(c->shutdown_grace == 0s);
    CHECK(c->tls());
    CHECK(c->server_key_path() == "/var/lib/motcua # main/server-key");
    CHECK(validate(*c));
}

TEST_CASE("settings missing from the file keep the base's values") {
    server_config base;
    base.reference_data = "/usr/share/motcua";
    auto c = parse_config_file("port = 9000\n", base);
    REQUIRE(c);
    CHECK(c->port == 9000);
    CHECK(c->reference_data == "/usr/share/motcua");
    CHECK(c->address == "127.0.0.1");
    CHECK(c->limits.body_limit == 1 << 20);
    CHECK(c->limits.max_connections == 1024);
    CHECK(parse_config_file("")->port == 8080);
}

TEST_CASE("file errors name the line, in Vietnamese first and English second") {
    auto unknown = parse_config_file("port = 1\n\n# ok\nprot = 2\n");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.err().code == "config_invalid");
    CHECK(unknown.err().vi == "Tệp cấu hình, dòng 4: khóa không xác định “prot”.");
    CHECK(unknown.err().en == "Config file, line 4: unknown key 'prot'.");

    auto bad = parse_config_file("port = 80a\n");
    REQUIRE_FALSE(bad);
    CHECK(bad.err().en ==
          "Config file, line 1: bad value '80a' for port, expected a number from 0 to 65535.");
    CHECK(bad.err().vi.starts_with("Tệp cấu hình, dòng 1: giá trị “80a” của port không hợp lệ"));

    CHECK(parse_config_file("port 80\n").err().en == "Config file, line 1: expected key = value.");
    CHECK(parse_config_file("a=1\n").err().en == "Config file, line 1: unknown key 'a'.");
    CHECK(parse_config_file("port = 1\nport = 2\n").err().en ==
          "Config file, line 2: key 'port' is set twice.");
    CHECK(parse_config_file("data_dir = \"x\n").err().en == "Config file, line 1: missing closing quote.");
    CHECK(parse_config_file("data_dir = \"x\" y\n").err().en ==
          "Config file, line 1: unexpected text after the closing quote.");
    CHECK_FALSE(parse_config_file("port = 65536"));
    CHECK_FALSE(parse_config_file("body_limit = 0"));
    CHECK_FALSE(parse_config_file("body_limit = 1 GiB"));
    CHECK_FALSE(parse_config_file("read_timeout = -1"));
    CHECK_FALSE(parse_config_file("read_timeout = 0"));
    CHECK_FALSE(parse_config_file("max_connections = 0"));
    CHECK_FALSE(parse_config_file("rate_per_device = 0"));
    CHECK_FALSE(parse_config_file("io_threads = 0"));
    CHECK_FALSE(parse_config_file("metrics_loopback_only = maybe"));
}

TEST_CASE("the command line overrides the file, in both spellings, and skips --config") {
    auto file = parse_config_file("port = 9000\nio_threads = 4\n");
    REQUIRE(file);
    auto c =
        options({"--config", "/etc/motcua.conf", "--port", "9001", "--data=/srv/d", "--body-limit", "64KiB",
                 "--chunk-limit", "32k", "--web-root", "/srv/web", "--metrics-loopback-only=no"},
                *file);
    REQUIRE(c);
    CHECK(c->port == 9001);
    CHECK(c->io_threads == 4);
    CHECK(c->data_dir == "/srv/d");
    CHECK(c->limits.body_limit == 64 << 10);
    CHECK(c->chunk_limit == 32 << 10);
    CHECK(c->web_root == "/srv/web");
    CHECK_FALSE(c->limits.metrics_loopback_only);
    CHECK(config_file_option(std::vector<std::string>{"--port", "1", "--config", "a.conf"}) == "a.conf");
    CHECK(config_file_option(std::vector<std::string>{"--config=b.conf"}) == "b.conf");
    CHECK(config_file_option(std::vector<std::string>{"--port", "1"}).empty());
}

TEST_CASE("command-line errors name the option") {
    auto unknown = options({"--prot", "1"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.err().en == "Option --prot: unknown option.");
    CHECK(unknown.err().vi == "Tùy chọn --prot: tùy chọn không xác định.");
    CHECK(options({"--port"}).err().en == "Option --port: missing value.");
    CHECK(options({"--port", "x"}).err().en ==
          "Option --port: bad value 'x' for port, expected a number from 0 to 65535.");
    CHECK(options({"8080"}).err().en == "Option 8080: not an option (expected --name value).");
}

TEST_CASE("plain HTTP is allowed on loopback only; TLS needs both the certificate and the key") {
    CHECK(options({"--address", "127.0.0.1"}));
    CHECK(options({"--address", "::1"}));
    CHECK(options({"--address", "127.0.0.5"}));
    auto lan = options({"--address", "0.0.0.0"});
    REQUIRE_FALSE(lan);
    CHECK(lan.err().en.find("plain HTTP is allowed on loopback only") != std::string::npos);
    CHECK(lan.err().vi.find("loopback") != std::string::npos);
    CHECK_FALSE(options({"--address", "192.168.1.10"}));
    CHECK(options({"--address", "0.0.0.0", "--tls-cert", "s.pem", "--tls-key", "k.pem"}));
    auto half = options({"--address", "0.0.0.0", "--tls-cert", "s.pem"});
    REQUIRE_FALSE(half);
    CHECK(half.err().en == "tls_cert and tls_key go together.");
    auto name = options({"--address", "motcua.lan"});
    REQUIRE_FALSE(name);
    CHECK(name.err().en == "The address 'motcua.lan' is not an IP address.");
}

TEST_CASE("validate refuses zero limits and a chunk larger than a body") {
    server_config c;
    CHECK(validate(c));
    c.limits.max_connections = 0;
    CHECK_FALSE(validate(c));
    c = {};
    c.limits.idle_timeout = 0s;
    CHECK_FALSE(validate(c));
    c = {};
    c.limits.body_limit = 100 << 10;
    CHECK(validate(c).err().en == "chunk_limit cannot exceed body_limit.");
    CHECK(options({"--body-limit", "100KiB", "--chunk-limit", "64KiB"}));
}

TEST_CASE("--help text lists every option with its default") {
    auto help = options_help();
    for (const char* o : {"--address",
                          "--port",
                          "--data-dir",
                          "--web-root",
                          "--reference-data",
                          "--database-url",
                          "--tls-cert",
                          "--tls-key",
                          "--server-key",
                          "--body-limit",
                          "--header-limit",
                          "--chunk-limit",
                          "--read-timeout",
                          "--write-timeout",
                          "--idle-timeout",
                          "--max-connections",
                          "--rate-per-device",
                          "--rate-burst",
                          "--io-threads",
                          "--commit-threads",
                          "--metrics-loopback-only",
                          "--shutdown-grace"})
        CHECK_MESSAGE(help.find(std::string(o) + " ") != std::string::npos, o);
    CHECK(help.find("[1024]") != std::string::npos);
    CHECK(help.find("[127.0.0.1]") != std::string::npos);
}

TEST_CASE("the budgets of failed authentications per source and the sizes of the rate tables are set by file "
          "or flag") {
    const server_config defaults;
    CHECK(defaults.auth_failures_per_source == 1);
    CHECK(defaults.auth_failure_burst == 100);
    CHECK(defaults.auth_failure_sources == 65536);
    CHECK(defaults.rate_devices == 65536);
    auto file = parse_config_file("auth_failures_per_source = 0.5\nauth_failure_burst = 30\n"
                                  "auth_failure_sources = 1000\nrate_devices = 5000\n");
    REQUIRE(file);
    CHECK(file->auth_failures_per_source == 0.5);
    CHECK(file->auth_failure_burst == 30);
    CHECK(file->auth_failure_sources == 1000);
    CHECK(file->rate_devices == 5000);
    auto c = options({"--auth-failure-burst", "7", "--auth-failures-per-source=2"}, *file);
    REQUIRE(c);
    CHECK(c->auth_failure_burst == 7);
    CHECK(c->auth_failures_per_source == 2);
    CHECK(c->auth_failure_sources == 1000);
    CHECK_FALSE(parse_config_file("auth_failures_per_source = 0"));
    CHECK_FALSE(parse_config_file("auth_failure_burst = 0"));
    CHECK_FALSE(parse_config_file("auth_failure_sources = 0"));
    CHECK_FALSE(parse_config_file("rate_devices = 0"));
    CHECK(options_help().find("--auth-failure-burst N") != std::string::npos);
}

TEST_CASE("trusted proxies are a list of IP addresses, none by default") {
    CHECK(server_config{}.limits.trusted_proxies.empty());
    auto c = parse_config_file("trusted_proxies = 127.0.0.1, ::1\n");
    REQUIRE(c);
    CHECK(c->limits.trusted_proxies == std::vector<std::string>{"127.0.0.1", "::1"});
    CHECK(options({"--trusted-proxies", "10.0.0.5"})->limits.trusted_proxies == std::vector<std::string>{"10.0.0.5"});
    CHECK(parse_config_file("trusted_proxies =\n")->limits.trusted_proxies.empty());
    CHECK_FALSE(parse_config_file("trusted_proxies = haproxy\n"));
    CHECK_FALSE(parse_config_file("trusted_proxies = 10.0.0.0/8\n"));
}
