// Test helper: the text of the real shared/data/calendar/days_off.csv, found from this file's path
// (tests run from the build directory), else from the current directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace motcua::calendar::testing {

inline std::optional<std::string> read_days_off_csv() {
    namespace fs = std::filesystem;
    const fs::path relative = fs::path("shared") / "data" / "calendar" / "days_off.csv";
    const fs::path candidates[] = {
        fs::path(__FILE__).parent_path() / ".." / ".." / ".." / relative,
        relative,
    };
    for (const auto& p : candidates) {
        std::ifstream in(p, std::ios::binary);
        if (!in) continue;
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
    return std::nullopt;
}

} // namespace motcua::calendar::testing
