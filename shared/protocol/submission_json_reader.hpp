// A fast reader for the JSON document the server reads most: a signed submission. It returns a
// value only where the general decoder (submission_from_json_general, over nlohmann::json) would
// return the same one; on anything unusual (a duplicated key, a number that is not a plain
// integer, a byte-order mark, a field of the wrong shape, bad JSON) it gives up and the general
// decoder answers, errors included. It builds no tree: about a quarter of the time.
#pragma once

#include "shared/submission/submission.hpp"

#include <optional>
#include <string_view>

namespace motcua::protocol {

std::optional<submission::signed_submission> read_submission_json(std::string_view text);

} // namespace motcua::protocol
