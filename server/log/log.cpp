// JSON-lines logging to stderr, one write per line so lines from threads never interleave.
#include "server/log/log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <string>

namespace motcua::server::log {

namespace {
void write(std::string_view level, std::string_view event, std::initializer_list<field> fields) {
    using namespace std::chrono;
    nlohmann::ordered_json j;
    j["ts"] = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    j["level"] = level;
    j["event"] = event;
    for (const auto& [k, v] : fields) j[std::string(k)] = v;
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stderr);
}
} // namespace

void info(std::string_view event, std::initializer_list<field> fields) { write("info", event, fields); }
void warn(std::string_view event, std::initializer_list<field> fields) { write("warn", event, fields); }
void error(std::string_view event, std::initializer_list<field> fields) { write("error", event, fields); }

} // namespace motcua::server::log
