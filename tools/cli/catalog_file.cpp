// Loading procedures.json for the command line.
#include "tools/cli/catalog_file.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace motcua::cli {

std::optional<catalog::catalog> load_catalog(io& io) {
    auto path = io.data_dir / "catalog" / "procedures.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        io.err << "motcua: cannot read " << path.string() << "\n";
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto c = catalog::parse_catalog(text.str());
    if (!c) {
        io.err << "motcua: " << path.string() << ": " << c.err().en << "\n";
        return std::nullopt;
    }
    return std::move(*c);
}

} // namespace motcua::cli
