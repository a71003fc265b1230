// The whole of a file as a string, for the benchmark programs (an empty string if unreadable).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace motcua::bench {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace motcua::bench
