// Parsing and checking the server's settings; one table of options serves the file, the command
// line and --help.
#include "server/config/server_config.hpp"

#include <boost/asio/ip/address.hpp>

#include <charconv>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <set>

namespace motcua::server {

namespace {

struct expected {
    std::string vi;
    std::string en;
};
// A setter answers nothing when the value is good, else what was expected.
using setter = std::function<std::optional<expected>(server_config&, std::string_view)>;

struct option {
    std::string_view name; // as in the file; the command line spells '_' as '-'
    std::string_view arg;
    std::string_view help;
    setter set;
    std::function<std::string(const server_config&)> show;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

// A whole number with an optional unit suffix (after optional spaces), from `units`.
std::optional<std::uint64_t>
number_with_unit(std::string_view v,
                 std::initializer_list<std::pair<std::string_view, std::uint64_t>> units) {
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || end == v.data()) return std::nullopt;
    std::string unit = lower(trim(std::string_view(end, std::size_t(v.data() + v.size() - end))));
    for (const auto& [name, factor] : units)
        if (unit == name) {
            if (n > std::numeric_limits<std::uint64_t>::max() / factor) return std::nullopt;
            return n * factor;
        }
    return std::nullopt;
}

const expected positive_count{"một số nguyên lớn hơn 0", "a whole number above 0"};
const expected positive_size{"một số byte lớn hơn 0, có thể kèm đơn vị KiB hoặc MiB",
                             "a byte count above 0, optionally with KiB or MiB"};
const expected positive_duration{"một số giây lớn hơn 0, có thể kèm đơn vị s, m hoặc h",
                                 "a number of seconds above 0, optionally with s, m or h"};

setter count_setter(std::function<void(server_config&, std::uint64_t)> put, std::uint64_t max) {
    return [put, max](server_config& c, std::string_view v) -> std::optional<expected> {
        auto n = number_with_unit(v, {{"", 1}});
        if (!n || *n == 0 || *n > max) return positive_count;
        put(c, *n);
        return std::nullopt;
    };
}

setter size_setter(std::function<void(server_config&, std::size_t)> put, std::uint64_t max) {
    return [put, max](server_config& c, std::string_view v) -> std::optional<expected> {
        auto n = number_with_unit(v, {{"", 1},
                                      {"b", 1},
                                      {"k", 1024},
                                      {"kib", 1024},
                                      {"kb", 1024},
                                      {"m", 1 << 20},
                                      {"mib", 1 << 20},
                                      {"mb", 1 << 20}});
        if (!n || *n == 0 || *n > max) return positive_size;
        put(c, std::size_t(*n));
        return std::nullopt;
    };
}

setter duration_setter(std::function<void(server_config&, std::chrono::seconds)> put, bool zero_ok = false) {
    return [put, zero_ok](server_config& c, std::string_view v) -> std::optional<expected> {
        auto n = number_with_unit(v, {{"", 1}, {"s", 1}, {"m", 60}, {"min", 60}, {"h", 3600}});
        if (!n || (*n == 0 && !zero_ok) || *n > 86400) return positive_duration;
        put(c, std::chrono::seconds(*n));
        return std::nullopt;
    };
}

setter path_setter(std::function<void(server_config&, std::string_view)> put) {
    return [put](server_config& c, std::string_view v) -> std::optional<expected> {
        put(c, v);
        return std::nullopt;
    };
}

// A number above 0 (a rate), at most 1e6.
setter rate_setter(std::function<void(server_config&, double)> put) {
    return [put](server_config& c, std::string_view v) -> std::optional<expected> {
        double d = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc{} || end != v.data() + v.size() || !(d > 0) || d > 1e6)
            return expected{"một số lớn hơn 0", "a number above 0"};
        put(c, d);
        return std::nullopt;
    };
}
std::string show_rate(double r) {
    std::string s = std::to_string(r);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.'))
        s.pop_back();
    return s;
}

std::string quoted(const std::filesystem::path& p) {
    return p.empty() ? "(none)" : p.string();
}
std::string secs(std::chrono::seconds s) {
    return std::to_string(s.count()) + "s";
}

const std::vector<option>& options() {
    static const std::vector<option> table = {
        {"address", "IP", "address to listen on; other than loopback needs TLS",
         [](server_config& c, std::string_view v) -> std::optional<expected> {
             if (v.empty()) return expected{"một địa chỉ IP", "an IP address"};
             c.address = std::string(v);
             return std::nullopt;
         },
         [](const server_config& c) { return c.address; }},
        {"port", "N", "TCP port (0: any free port)",
         [](server_config& c, std::string_view v) -> std::optional<expected> {
             auto n = number_with_unit(v, {{"", 1}});
             if (!n || *n > 65535) return expected{"một số từ 0 đến 65535", "a number from 0 to 65535"};
             c.port = static_cast<unsigned short>(*n);
             return std::nullopt;
         },
         [](const server_config& c) { return std::to_string(c.port); }},
        {"data_dir", "DIR", "data folder: SQLite database, server key (also --data)",
         [](server_config& c, std::string_view v) -> std::optional<expected> {
             if (v.empty()) return expected{"đường dẫn một thư mục", "a folder path"};
             c.data_dir = std::string(v);
             return std::nullopt;
         },
         [](const server_config& c) { return c.data_dir.string(); }},
        {"web_root", "DIR", "the built app to serve (build/web/client/app)",
         path_setter([](server_config& c, std::string_view v) { c.web_root = std::string(v); }),
         [](const server_config& c) { return quoted(c.web_root); }},
        {"reference_data", "DIR", "folder holding units/*.csv",
         path_setter([](server_config& c, std::string_view v) { c.reference_data = std::string(v); }),
         [](const server_config& c) {
             return c.reference_data.empty() ? std::string("(built in)") : c.reference_data.string();
         }},
        {"database_url", "URL", "postgresql://… ; empty: SQLite in the data folder",
         path_setter([](server_config& c, std::string_view v) { c.database_url = std::string(v); }),
         [](const server_config& c) {
             return c.database_url.empty() ? std::string("(SQLite)") : c.database_url;
         }},
        {"database_connections", "N", "PostgreSQL connections (at least commit_threads)",
         count_setter([](server_config& c, std::uint64_t n) { c.database_connections = unsigned(n); }, 1000),
         [](const server_config& c) { return std::to_string(c.database_connections); }},
        {"tls_cert", "FILE", "TLS certificate chain, PEM (server certificate first)",
         path_setter([](server_config& c, std::string_view v) { c.tls_cert = std::string(v); }),
         [](const server_config& c) { return quoted(c.tls_cert); }},
        {"tls_key", "FILE", "TLS private key, PEM",
         path_setter([](server_config& c, std::string_view v) { c.tls_key = std::string(v); }),
         [](const server_config& c) { return quoted(c.tls_key); }},
        {"server_key", "FILE", "receipt signing key, made on first start (default DATA_DIR/server-key)",
         path_setter([](server_config& c, std::string_view v) { c.server_key = std::string(v); }),
         [](const server_config& c) { return quoted(c.server_key); }},
        {"body_limit", "BYTES", "largest request body",
         size_setter([](server_config& c, std::size_t n) { c.limits.body_limit = n; }, 1ull << 30),
         [](const server_config& c) { return std::to_string(c.limits.body_limit); }},
        {"header_limit", "BYTES", "largest request header",
         size_setter([](server_config& c, std::size_t n) { c.limits.header_limit = n; }, 1 << 20),
         [](const server_config& c) { return std::to_string(c.limits.header_limit); }},
        {"chunk_limit", "BYTES", "largest attachment chunk (at most body_limit)",
         size_setter([](server_config& c, std::size_t n) { c.chunk_limit = n; }, 1ull << 30),
         [](const server_config& c) { return std::to_string(c.chunk_limit); }},
        {"read_timeout", "SECONDS", "time to receive one whole request, from its first byte",
         duration_setter([](server_config& c, std::chrono::seconds s) { c.limits.read_timeout = s; }),
         [](const server_config& c) { return secs(c.limits.read_timeout); }},
        {"write_timeout", "SECONDS", "time to send one answer",
         duration_setter([](server_config& c, std::chrono::seconds s) { c.limits.write_timeout = s; }),
         [](const server_config& c) { return secs(c.limits.write_timeout); }},
        {"idle_timeout", "SECONDS", "how long a connection may wait for its next request",
         duration_setter([](server_config& c, std::chrono::seconds s) { c.limits.idle_timeout = s; }),
         [](const server_config& c) { return secs(c.limits.idle_timeout); }},
        {"tls_handshake_timeout", "SECONDS", "time for a TLS handshake",
         duration_setter(
             [](server_config& c, std::chrono::seconds s) { c.limits.tls_handshake_timeout = s; }),
         [](const server_config& c) { return secs(c.limits.tls_handshake_timeout); }},
        {"max_connections", "N", "open connections; more are answered 503 server_busy",
         count_setter([](server_config& c, std::uint64_t n) { c.limits.max_connections = std::size_t(n); },
                      1000000),
         [](const server_config& c) { return std::to_string(c.limits.max_connections); }},
        {"rate_per_device", "N", "requests per second per device, sustained",
         rate_setter([](server_config& c, double d) { c.rate_per_device = d; }),
         [](const server_config& c) { return show_rate(c.rate_per_device); }},
        {"rate_burst", "N", "requests a device may send at once above its rate",
         count_setter([](server_config& c, std::uint64_t n) { c.rate_burst = unsigned(n); }, 1000000),
         [](const server_config& c) { return std::to_string(c.rate_burst); }},
        {"rate_devices", "N", "devices whose rate is remembered (the least recently seen make room)",
         count_setter([](server_config& c, std::uint64_t n) { c.rate_devices = std::size_t(n); }, 100000000),
         [](const server_config& c) { return std::to_string(c.rate_devices); }},
        {"auth_failures_per_source", "N",
         "failed authentications per second per source address (IPv4, IPv6 /64), sustained",
         rate_setter([](server_config& c, double d) { c.auth_failures_per_source = d; }),
         [](const server_config& c) { return show_rate(c.auth_failures_per_source); }},
        {"auth_failure_burst", "N", "failed authentications a source address may make at once",
         count_setter([](server_config& c, std::uint64_t n) { c.auth_failure_burst = unsigned(n); }, 1000000),
         [](const server_config& c) { return std::to_string(c.auth_failure_burst); }},
        {"auth_failure_sources", "N",
         "source addresses whose failures are remembered (the least recently seen make room)",
         count_setter([](server_config& c, std::uint64_t n) { c.auth_failure_sources = std::size_t(n); },
                      100000000),
         [](const server_config& c) { return std::to_string(c.auth_failure_sources); }},
        {"io_threads", "N", "threads serving connections",
         count_setter([](server_config& c, std::uint64_t n) { c.io_threads = unsigned(n); }, 256),
         [](const server_config& c) { return std::to_string(c.io_threads); }},
        {"commit_threads", "N", "threads committing submissions to the database",
         count_setter([](server_config& c, std::uint64_t n) { c.commit_threads = unsigned(n); }, 256),
         [](const server_config& c) { return std::to_string(c.commit_threads); }},
        {"commit_max_batch", "N", "submissions committed in one transaction at most",
         count_setter([](server_config& c, std::uint64_t n) { c.commit_max_batch = std::size_t(n); }, 100000),
         [](const server_config& c) { return std::to_string(c.commit_max_batch); }},
        {"signature_tables", "N", "devices whose keys keep a table for faster signature checks (~30 KB each)",
         count_setter([](server_config& c, std::uint64_t n) { c.signature_tables = std::size_t(n); }, 1000000),
         [](const server_config& c) { return std::to_string(c.signature_tables); }},
        {"trusted_proxies", "IP,IP",
         "proxies whose X-Forwarded-For names the client whose failed authentications are counted",
         [](server_config& c, std::string_view v) -> std::optional<expected> {
             std::vector<std::string> list;
             while (!v.empty()) {
                 auto comma = v.find(',');
                 auto item = trim(v.substr(0, comma));
                 v = comma == std::string_view::npos ? std::string_view{} : v.substr(comma + 1);
                 boost::system::error_code ec;
                 boost::asio::ip::make_address(item, ec);
                 if (ec)
                     return expected{"các địa chỉ IP cách nhau bằng dấu phẩy",
                                     "IP addresses separated by commas"};
                 list.emplace_back(item);
             }
             c.limits.trusted_proxies = std::move(list);
             return std::nullopt;
         },
         [](const server_config& c) {
             std::string out;
             for (const auto& a : c.limits.trusted_proxies)
                 out += (out.empty() ? "" : ",") + a;
             return out.empty() ? std::string("(none)") : out;
         }},
        {"metrics_loopback_only", "BOOL", "serve GET /metrics to this machine only",
         [](server_config& c, std::string_view v) -> std::optional<expected> {
             std::string b = lower(v);
             if (b == "true" || b == "yes" || b == "on" || b == "1")
                 c.limits.metrics_loopback_only = true;
             else if (b == "false" || b == "no" || b == "off" || b == "0")
                 c.limits.metrics_loopback_only = false;
             else
                 return expected{"true hoặc false", "true or false"};
             return std::nullopt;
         },
         [](const server_config& c) {
             return std::string(c.limits.metrics_loopback_only ? "true" : "false");
         }},
        {"shutdown_grace", "SECONDS", "on SIGTERM, time given to requests in flight",
         duration_setter([](server_config& c, std::chrono::seconds s) { c.shutdown_grace = s; }, true),
         [](const server_config& c) { return secs(c.shutdown_grace); }},
    };
    return table;
}

const option* find_option(std::string_view name) {
    for (const auto& o : options())
        if (o.name == name) return &o;
    return nullptr;
}

std::string normalise(std::string_view key) {
    std::string k(key);
    for (char& c : k)
        if (c == '-') c = '_';
    return k;
}

error config_error(std::size_t line, const std::string& vi, const std::string& en) {
    return error{"config_invalid", "Tệp cấu hình, dòng " + std::to_string(line) + ": " + vi + ".",
                 "Config file, line " + std::to_string(line) + ": " + en + "."};
}

error option_error(std::string_view option, const std::string& vi, const std::string& en) {
    return error{"config_invalid", "Tùy chọn " + std::string(option) + ": " + vi + ".",
                 "Option " + std::string(option) + ": " + en + "."};
}

std::string bad_value_vi(std::string_view v, std::string_view name, const expected& e) {
    return "giá trị “" + std::string(v) + "” của " + std::string(name) + " không hợp lệ, cần " + e.vi;
}
std::string bad_value_en(std::string_view v, std::string_view name, const expected& e) {
    return "bad value '" + std::string(v) + "' for " + std::string(name) + ", expected " + e.en;
}

bool is_loopback(const boost::asio::ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).is_loopback();
    return a.is_loopback();
}

} // namespace

result<server_config> parse_config_file(std::string_view text, server_config base) {
    std::set<std::string> seen;
    std::size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);

        // The value, unquoted; a '#' outside quotes ends the line.
        std::string value;
        std::size_t eq = std::string_view::npos;
        std::size_t end = line.size();
        bool in_quotes = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (in_quotes) {
                if (c == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\'))
                    ++i;
                else if (c == '"')
                    in_quotes = false;
            } else if (c == '#') {
                end = i;
                break;
            } else if (c == '"' && eq != std::string_view::npos) {
                in_quotes = true;
            } else if (c == '=' && eq == std::string_view::npos) {
                eq = i;
            }
        }
        if (in_quotes) return config_error(line_no, "thiếu dấu ngoặc kép đóng", "missing closing quote");
        std::string_view content = trim(line.substr(0, end));
        if (content.empty()) continue;
        if (eq == std::string_view::npos || eq >= end)
            return config_error(line_no, "cần dạng khóa = giá trị", "expected key = value");
        std::string key = normalise(trim(line.substr(0, eq)));
        std::string_view raw = trim(line.substr(eq + 1, end - eq - 1));
        if (!raw.empty() && raw.front() == '"') {
            std::size_t i = 1;
            for (; i < raw.size() && raw[i] != '"'; ++i) {
                if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
                value += raw[i];
            }
            if (i + 1 != raw.size())
                return config_error(line_no, "có ký tự thừa sau dấu ngoặc kép đóng",
                                    "unexpected text after the closing quote");
        } else {
            value = std::string(raw);
        }

        const option* o = find_option(key);
        if (!o)
            return config_error(line_no, "khóa không xác định “" + key + "”", "unknown key '" + key + "'");
        if (!seen.insert(key).second)
            return config_error(line_no, "khóa “" + key + "” được đặt hai lần",
                                "key '" + key + "' is set twice");
        if (auto bad = o->set(base, value))
            return config_error(line_no, bad_value_vi(value, key, *bad), bad_value_en(value, key, *bad));
    }
    return base;
}

std::string config_file_option(std::span<const std::string> argv) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] == "--config" && i + 1 < argv.size()) return argv[i + 1];
        if (argv[i].starts_with("--config=")) return argv[i].substr(9);
    }
    return {};
}

result<server_config> apply_options(server_config base, std::span<const std::string> argv) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        std::string_view arg = argv[i];
        if (!arg.starts_with("--") || arg.size() == 2)
            return option_error(arg, "không phải một tùy chọn (cần --tên giá-trị)",
                                "not an option (expected --name value)");
        auto eq = arg.find('=');
        std::string_view spelt = arg.substr(0, eq);
        std::string name = normalise(spelt.substr(2));
        if (name == "data") name = "data_dir";
        std::string value;
        if (eq != std::string_view::npos) {
            value = std::string(arg.substr(eq + 1));
        } else {
            if (i + 1 >= argv.size()) return option_error(spelt, "thiếu giá trị", "missing value");
            value = argv[++i];
        }
        if (name == "config") continue;
        const option* o = find_option(name);
        if (!o) return option_error(spelt, "tùy chọn không xác định", "unknown option");
        if (auto bad = o->set(base, value))
            return option_error(spelt, bad_value_vi(value, name, *bad), bad_value_en(value, name, *bad));
    }
    if (auto ok = validate(base); !ok) return ok.err();
    return base;
}

status validate(const server_config& c) {
    auto invalid = [](std::string vi, std::string en) {
        return error{"config_invalid", std::move(vi), std::move(en)};
    };
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(c.address, ec);
    if (ec)
        return invalid("Địa chỉ “" + c.address + "” không phải một địa chỉ IP.",
                       "The address '" + c.address + "' is not an IP address.");
    if (c.tls_cert.empty() != c.tls_key.empty())
        return invalid("tls_cert và tls_key phải được đặt cùng nhau.", "tls_cert and tls_key go together.");
    if (!c.tls() && !is_loopback(address))
        return invalid(
            "HTTP không mã hóa chỉ được dùng trên địa chỉ loopback (127.0.0.1, ::1); để nghe trên " +
                c.address + " hãy đặt tls_cert và tls_key (xem docs/https-on-a-lan.md).",
            "plain HTTP is allowed on loopback only (127.0.0.1, ::1): to listen on " + c.address +
                ", set tls_cert and tls_key (see docs/https-on-a-lan.md).");
    const auto& l = c.limits;
    if (l.body_limit == 0 || l.header_limit == 0 ||
        l.header_limit > std::numeric_limits<std::uint32_t>::max() || c.chunk_limit == 0 ||
        l.read_timeout.count() <= 0 || l.write_timeout.count() <= 0 || l.idle_timeout.count() <= 0 ||
        l.tls_handshake_timeout.count() <= 0 || l.max_connections == 0 || !(c.rate_per_device > 0) ||
        c.rate_burst == 0 || c.rate_devices == 0 || !(c.auth_failures_per_source > 0) ||
        c.auth_failure_burst == 0 || c.auth_failure_sources == 0 || c.io_threads == 0 || c.commit_threads == 0 || c.commit_max_batch == 0 ||
        c.database_connections == 0 || c.shutdown_grace.count() < 0)
        return invalid("Các giới hạn, thời gian chờ và số luồng phải lớn hơn 0.",
                       "Limits, timeouts and thread counts must be above zero.");
    if (c.chunk_limit > l.body_limit)
        return invalid("chunk_limit không được lớn hơn body_limit.", "chunk_limit cannot exceed body_limit.");
    if (c.data_dir.empty())
        return invalid("Cần một thư mục dữ liệu (data_dir).", "A data folder (data_dir) is needed.");
    return ok_status();
}

std::string options_help() {
    const server_config defaults;
    std::string out;
    for (const auto& o : options()) {
        std::string flag = "--" + normalise(o.name);
        for (char& ch : flag)
            if (ch == '_') ch = '-';
        std::string left = "  " + flag + " " + std::string(o.arg);
        if (left.size() < 34)
            left.resize(34, ' ');
        else
            left += ' ';
        out += left + std::string(o.help) + " [" + o.show(defaults) + "]\n";
    }
    return out;
}

} // namespace motcua::server
