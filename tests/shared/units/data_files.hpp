// The real unit lists of shared/data/units, found from this file's path, for the tests.
#pragma once

#include "shared/units/csv.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace motcua::units::test {

inline std::string read_units_file(const std::string& name) {
    const auto path =
        std::filesystem::path(__FILE__).parent_path() / "../../../shared/data/units" / name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline unit_set load_units_file(const std::string& name, structure_info structure) {
    auto set = parse_units_csv(read_units_file(name), std::move(structure));
    REQUIRE_MESSAGE(set.ok(), name << ": " << (set.ok() ? "" : set.err().en));
    return std::move(*set);
}

inline const char* const hanoi_3level = "units-hanoi-3level-2025-03.csv";
inline const char* const hanoi_2level = "units-hanoi-2level-2026-07.csv";
inline const char* const vn_3level = "units-vn-3level-2025-03.csv";
inline const char* const vn_2level = "units-vn-2level-2026-07.csv";

} // namespace motcua::units::test
