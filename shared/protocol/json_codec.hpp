// The JSON wire format of the protocol, the one codec both sides use. Decoders never throw
// (the wasm client has no exceptions): they return an error value for any bad input.
#pragma once

#include "shared/core/result.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace motcua::protocol {

std::string to_json(const submission::signed_submission& s);
result<submission::signed_submission> submission_from_json(std::string_view json);

std::string to_json(const submission::receipt& r);
result<submission::receipt> receipt_from_json(std::string_view json);

// {"error":{"code":…,"vi":…,"en":…}}
std::string error_to_json(const error& e);
// nullopt when the text is not an error of this shape.
std::optional<error> error_from_json(std::string_view json);

} // namespace motcua::protocol
