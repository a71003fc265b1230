// What the fuzz targets share: an invariant check that stops the run like a crash (so libFuzzer
// keeps the input), and views of the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include <sanitizer/common_interface_defs.h>

// Not assert(): it must hold in release builds too. The summary goes where the sanitizers
// report, which stays open when -close_fd_mask=2 silences the code under test.
#define FUZZ_STR2(x) #x
#define FUZZ_STR(x) FUZZ_STR2(x)
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            __sanitizer_report_error_summary(__FILE__ ":" FUZZ_STR(__LINE__) ": invariant broken: " #cond);              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

namespace motcua::fuzz {

// Whether a known finding is to be let through for now (MOTCUA_FUZZ_KNOWN=name,name…), so a
// long run can look past it for others. tools/fuzz never sets it: a known finding still fails.
inline bool known(std::string_view name) {
    const char* env = std::getenv("MOTCUA_FUZZ_KNOWN");
    std::string_view list = env ? env : "";
    while (!list.empty()) {
        auto comma = list.find(',');
        if (list.substr(0, comma) == name) return true;
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return false;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Cuts the next field off `in` at `sep` (the rest when there is none).
inline std::string_view next_field(std::string_view& in, char sep = '\n') {
    auto at = in.find(sep);
    std::string_view field = in.substr(0, at);
    in = at == std::string_view::npos ? std::string_view() : in.substr(at + 1);
    return field;
}

} // namespace motcua::fuzz
