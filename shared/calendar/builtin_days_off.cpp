// The days-off table compiled into this build (shared/data/calendar/days_off.csv, embedded by CMake).
#include "shared/calendar/builtin_days_off.hpp"

#include <cstddef>
#include <cstdio>

extern const char motcua_builtin_days_off_csv[];
extern const std::size_t motcua_builtin_days_off_csv_size;

namespace motcua::calendar {

const days_off_table& builtin_days_off() {
    static const days_off_table table = [] {
        auto parsed = parse_days_off_table({motcua_builtin_days_off_csv, motcua_builtin_days_off_csv_size});
        // The file is checked by the tests; a broken one falls back to the computed defaults.
        if (!parsed) {
            std::fprintf(stderr, "motcua: %s\n", parsed.err().en.c_str());
            return days_off_table{};
        }
        return std::move(*parsed);
    }();
    return table;
}

} // namespace motcua::calendar
