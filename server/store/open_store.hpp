// Picks the store backend from the configured database URL.
#pragma once

#include "server/store/dossier_store.hpp"

#include <filesystem>
#include <memory>
#include <string_view>

namespace motcua::server {

// "" or "sqlite:"            → <data_dir>/motcua.sqlite
// "sqlite:/path/file.sqlite" → that file
// "postgresql://…", "postgres://…" → PostgreSQL (libpq URI), with `postgres_connections` connections
// Anything else: error "database_url_invalid".
result<std::unique_ptr<dossier_store>> open_store(std::string_view url, const std::filesystem::path& data_dir,
                                                  int postgres_connections = 8);

} // namespace motcua::server
