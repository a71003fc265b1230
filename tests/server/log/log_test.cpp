// Log lines are one JSON object each, whatever the fields hold, and reach stderr by flush().
#include "server/log/log.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace motcua;

namespace {

std::vector<std::string> logged_lines(void (*log_some)()) {
    const auto path = std::filesystem::temp_directory_path() / ("motcua-log-test-" + std::to_string(::getpid()));
    server::log::flush();
    std::fflush(stderr);
    const int saved = ::dup(2);
    std::FILE* f = std::fopen(path.c_str(), "w");
    ::dup2(::fileno(f), 2);
    log_some();
    server::log::flush();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::fclose(f);
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::filesystem::remove(path);
    return lines;
}

} // namespace

TEST_CASE("every log line is a JSON object with its fields, escaped as JSON needs") {
    auto lines = logged_lines([] {
        server::log::info("plain", {{"code", "a\"b\\c\nd\x01"}});
        server::log::warn("tiếng Việt", {{"lý do", "đã tiếp nhận"}});
        server::log::error("ill_formed", {{"detail", "\xC3\x28"}});
    });
    REQUIRE(lines.size() == 3);
    auto first = nlohmann::json::parse(lines[0]);
    CHECK(first["level"] == "info");
    CHECK(first["event"] == "plain");
    CHECK(first["code"] == "a\"b\\c\nd\x01");
    CHECK(first["ts"].is_number_integer());
    auto second = nlohmann::json::parse(lines[1]);
    CHECK(second["level"] == "warn");
    CHECK(second["lý do"] == "đã tiếp nhận");
    auto third = nlohmann::json::parse(lines[2]);
    CHECK(third["detail"] == "\xEF\xBF\xBD(");
}

TEST_CASE("info lines wait to be gathered, and none is lost or repeated") {
    auto lines = logged_lines([] {
        for (int i = 0; i < 1000; ++i) server::log::info("line", {{"n", std::to_string(i)}});
    });
    REQUIRE(lines.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(nlohmann::json::parse(lines[std::size_t(i)])["n"] == std::to_string(i));
}
