// The receipt's JSON, written field by field in the order nlohmann's sorted object has.
#include "server/store/receipt_json.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/version.hpp"

#include <algorithm>

namespace motcua::server {

namespace {
// Printable ASCII without a quote or a backslash: written as it is, as nlohmann does.
bool plain(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
}
} // namespace

std::string receipt_json(const submission::receipt& r) {
    // The codes come from the catalog and the dossier code's format, so this is the only path in
    // practice; anything else is left to the codec, which escapes it.
    if (!plain(r.agency) || !plain(r.procedure) || !plain(r.dossier_code) || !plain(r.due_date))
        return protocol::to_json(r);
    std::string out;
    out.reserve(400);
    auto text = [&](std::string_view key, std::string_view value) {
        ((((out += '"') += key) += "\":\"") += value) += "\",";
    };
    out += '{';
    text("agency", r.agency);
    text("dossier_code", r.dossier_code);
    text("due_date", r.due_date);
    text("procedure", r.procedure);
    ((out += "\"protocol\":") += std::to_string(protocol::version)) += ',';
    ((out += "\"received_at\":") += std::to_string(r.received_at)) += ',';
    text("server_key", encoding::to_base64(r.server_key));
    text("signature", encoding::to_base64(r.signature));
    text("submission_hash", encoding::to_base64(r.submission_hash));
    text("submission_id", to_string(r.submission_id));
    out.back() = '}';
    return out;
}

result<submission::receipt> stored_receipt(std::string_view json) {
    auto r = protocol::receipt_from_json(json);
    if (r) r->signature = {};
    return r;
}

} // namespace motcua::server
