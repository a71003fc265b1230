// The JSON wire format of the protocol, the one codec both sides use. Decoders never throw
// (the wasm client has no exceptions): they return an error value for any bad input.
#pragma once

#include "shared/core/result.hpp"
#include "shared/protocol/attachment_state.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::protocol {

std::string to_json(const submission::signed_submission& s);
// Tries the fast reader (submission_json_reader.hpp) first, then the general decoder.
result<submission::signed_submission> submission_from_json(std::string_view json);
// The general decoder alone (nlohmann::json): the reference the fast reader is tested against.
result<submission::signed_submission> submission_from_json_general(std::string_view json);

std::string to_json(const submission::receipt& r);
result<submission::receipt> receipt_from_json(std::string_view json);

// {"error":{"code":…,"vi":…,"en":…}}
std::string error_to_json(const error& e);
// nullopt when the text is not an error of this shape.
std::optional<error> error_from_json(std::string_view json);

// A draft's attachment list as the app keeps it between sessions (the submission's own shape).
std::string attachment_list_to_json(const std::vector<submission::attachment_ref>& list);
result<std::vector<submission::attachment_ref>> attachment_list_from_json(std::string_view json);

// ---- sync messages (json_sync.cpp) ----

// POST /v1/devices: {"protocol":1,"device_key":…}
std::string device_registration_json(const crypto::public_key& device);
result<crypto::public_key> device_registration_from_json(std::string_view json);

struct device_registered {
    crypto::public_key device_key{};
    std::int64_t registered_at = 0;
    crypto::public_key server_key{};
    friend bool operator==(const device_registered&, const device_registered&) = default;
};
std::string to_json(const device_registered& d);
result<device_registered> device_registered_from_json(std::string_view json);

// POST /v1/attachments: {"hash","size","media_type"} (received/complete are not sent).
std::string attachment_announce_json(const attachment_state& a);
result<attachment_state> attachment_announce_from_json(std::string_view json);
// The state the server answers with.
std::string to_json(const attachment_state& a);
result<attachment_state> attachment_state_from_json(std::string_view json);

std::string to_json(const feed_entry& e);
result<feed_entry> feed_entry_from_json(std::string_view json);

// GET /v1/feed: {"entries":[…],"more":bool}
struct feed_page {
    std::vector<feed_entry> entries;
    bool more = false;
};
std::string to_json(const feed_page& p);
result<feed_page> feed_page_from_json(std::string_view json);

} // namespace motcua::protocol
