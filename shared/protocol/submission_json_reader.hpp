// A fast reader for the JSON document the server reads most: a signed submission. It answers
// only where it answers as the general decoder (submission_from_json_general, over
// nlohmann::json) does: with the same submission, or with the same refusal of a key given twice
// or a control character (strict_json.hpp; both read in order and stop at the first fault). On
// anything else unusual (a number that is not a plain integer, a byte-order mark, a field of the
// wrong shape, bad JSON) it is unsure, and the general decoder answers, errors included. It
// builds no tree: about a quarter of the time.
#pragma once

#include "shared/core/result.hpp"
#include "shared/submission/submission.hpp"

#include <optional>
#include <string_view>

namespace motcua::protocol {

// nullopt: unsure. Otherwise the general decoder's own answer, value or refusal.
std::optional<result<submission::signed_submission>> read_submission_json(std::string_view text);

} // namespace motcua::protocol
