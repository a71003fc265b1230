// The receipt's JSON, written without building a JSON tree: the committer's thread writes one per
// dossier (both stores keep the receipt as protocol JSON, unsigned), and nlohmann's tree took an
// eighth of its time; the API layer writes one per answer.
#pragma once

#include "shared/core/result.hpp"
#include "shared/submission/receipt.hpp"

#include <string>
#include <string_view>

namespace motcua::server {

// Exactly protocol::to_json(r), byte for byte.
std::string receipt_json(const submission::receipt& r);
// A stored receipt, with its signature cleared: rows written by an older server carry one, and the
// API layer makes the same one again.
result<submission::receipt> stored_receipt(std::string_view json);

} // namespace motcua::server
