// Where the server keeps what no request may reach (the signing key, the database, logs), kept
// apart from the web root it serves: checked before anything is opened.
#pragma once

#include "shared/core/result.hpp"

#include <filesystem>
#include <vector>

namespace motcua::server {

// Refuses (with a message that says which) when any of `private_paths` is the web root, lies
// inside it, or contains it. Paths that do not exist yet are compared as they will be made.
status keep_apart_from_web_root(const std::filesystem::path& web_root,
                                const std::vector<std::filesystem::path>& private_paths);

// Makes the data folder (0700), or tightens it to 0700 if others may read or enter it.
status prepare_data_dir(const std::filesystem::path& dir);

} // namespace motcua::server
