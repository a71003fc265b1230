// Reading the catalog file for the command line (the same file the build embeds), so an edit
// is checked at once, without a rebuild.
#pragma once

#include "shared/catalog/catalog.hpp"
#include "tools/cli/command.hpp"

#include <optional>

namespace motcua::cli {

// The catalog from io.data_dir/catalog/procedures.json; prints the problem and returns nullopt.
std::optional<catalog::catalog> load_catalog(io& io);

} // namespace motcua::cli
