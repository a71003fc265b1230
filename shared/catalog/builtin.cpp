// The catalog compiled into this build (shared/data/catalog/procedures.json, embedded by CMake).
#include "shared/catalog/catalog.hpp"

#include <cstddef>
#include <cstdio>

extern const char motcua_builtin_catalog_json[];
extern const std::size_t motcua_builtin_catalog_json_size;

namespace motcua::catalog {

std::string_view builtin_json() { return {motcua_builtin_catalog_json, motcua_builtin_catalog_json_size}; }

const catalog& builtin() {
    static const catalog c = [] {
        auto parsed = parse_catalog({motcua_builtin_catalog_json, motcua_builtin_catalog_json_size});
        // The file is checked by the tests and by the build's own users; a broken one is a bug.
        if (!parsed) {
            std::fprintf(stderr, "motcua: %s\n", parsed.err().en.c_str());
            return catalog();
        }
        return std::move(*parsed);
    }();
    return c;
}

} // namespace motcua::catalog
