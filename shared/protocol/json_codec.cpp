// JSON encoding of submissions, receipts and errors (nlohmann::json, used without exceptions:
// every access is checked first, parse errors come back as a discarded value).
#include "shared/protocol/json_codec.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/submission_json_reader.hpp"
#include "shared/protocol/version.hpp"

#include "shared/protocol/json_fields.hpp"

namespace motcua::protocol {

using nlohmann::json;

using namespace json_fields;

namespace {

json attachment_array(const std::vector<submission::attachment_ref>& list) {
    json attachments = json::array();
    for (const auto& a : list)
        attachments.push_back({{"name", a.name},
                               {"media_type", a.media_type},
                               {"hash", encoding::to_base64(a.hash)},
                               {"size", a.size}});
    return attachments;
}

bool read_attachments(const json& attachments, std::vector<submission::attachment_ref>& out) {
    if (!attachments.is_array() || attachments.size() > submission::max_attachments) return false;
    for (const json& a : attachments) {
        if (!a.is_object()) return false;
        submission::attachment_ref ref;
        std::int64_t size = 0;
        if (!read_string(a, "name", ref.name) || !read_string(a, "media_type", ref.media_type) ||
            !read_fixed(a, "hash", ref.hash) || !read_int(a, "size", 0, INT64_MAX, size))
            return false;
        ref.size = std::uint64_t(size);
        out.push_back(std::move(ref));
    }
    return true;
}

} // namespace

std::string attachment_list_to_json(const std::vector<submission::attachment_ref>& list) {
    return dump(attachment_array(list));
}

result<std::vector<submission::attachment_ref>> attachment_list_from_json(std::string_view text) {
    auto j = strict_json::parse(text);
    if (!j) return j.err();
    std::vector<submission::attachment_ref> out;
    if (!read_attachments(*j, out)) return bad_field("attachments");
    return out;
}


std::string to_json(const submission::signed_submission& s) {
    const auto& b = s.body;
    json values = json::object();
    for (const auto& [k, v] : b.values) values[k] = v;
    json attachments = attachment_array(b.attachments);
    json j = {{"protocol", version},
              {"id", to_string(b.id)},
              {"device_key", encoding::to_base64(b.device_key)},
              {"procedure", b.procedure},
              {"form_version", b.form_version},
              {"agency", b.agency},
              {"created_at", b.created_at},
              {"values", std::move(values)},
              {"attachments", std::move(attachments)},
              {"signature", encoding::to_base64(s.signature)}};
    return dump(j);
}

result<submission::signed_submission> submission_from_json(std::string_view text) {
    if (auto fast = read_submission_json(text)) return std::move(*fast); // a value or a refusal
    return submission_from_json_general(text);
}

result<submission::signed_submission> submission_from_json_general(std::string_view text) {
    auto parsed = parse_object(text, /*newlines_in_values=*/true);
    if (!parsed) return parsed.err();
    const json& j = *parsed;
    if (!check_protocol(j)) return make_error(errors::protocol_unsupported);

    submission::signed_submission s;
    auto& b = s.body;
    std::string id;
    if (!read_string(j, "id", id)) return bad_field("id");
    auto uid = parse_uuid(id);
    if (!uid) return bad_field("id");
    b.id = *uid;
    if (!read_fixed(j, "device_key", b.device_key)) return bad_field("device_key");
    if (!read_string(j, "procedure", b.procedure)) return bad_field("procedure");
    std::int64_t n = 0;
    if (!read_int(j, "form_version", 0, 0xffffffff, n)) return bad_field("form_version");
    b.form_version = std::uint32_t(n);
    if (!read_string(j, "agency", b.agency)) return bad_field("agency");
    if (!read_int(j, "created_at", 0, INT64_MAX, b.created_at)) return bad_field("created_at");

    const json* values = field(j, "values");
    if (!values || !values->is_object() || values->size() > submission::max_values)
        return bad_field("values");
    for (auto it = values->begin(); it != values->end(); ++it) {
        if (!it.value().is_string()) return bad_field("values");
        b.values.emplace(it.key(), it.value().get_ref<const std::string&>());
    }

    const json* attachments = field(j, "attachments");
    if (!attachments || !attachments->is_array() || attachments->size() > submission::max_attachments)
        return bad_field("attachments");
    if (!read_attachments(*attachments, b.attachments)) return bad_field("attachments");
    if (!read_fixed(j, "signature", s.signature)) return bad_field("signature");
    return s;
}

std::string to_json(const submission::receipt& r) {
    json j = {{"protocol", version},
              {"submission_id", to_string(r.submission_id)},
              {"submission_hash", encoding::to_base64(r.submission_hash)},
              {"dossier_code", r.dossier_code},
              {"agency", r.agency},
              {"procedure", r.procedure},
              {"received_at", r.received_at},
              {"due_date", r.due_date},
              {"server_key", encoding::to_base64(r.server_key)},
              {"signature", encoding::to_base64(r.signature)}};
    return dump(j);
}

result<submission::receipt> receipt_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return parsed.err();
    const json& j = *parsed;
    if (!check_protocol(j)) return make_error(errors::protocol_unsupported);
    submission::receipt r;
    std::string id;
    if (!read_string(j, "submission_id", id) || !parse_uuid(id)) return bad_field("submission_id");
    r.submission_id = *parse_uuid(id);
    if (!read_fixed(j, "submission_hash", r.submission_hash) ||
        !read_string(j, "dossier_code", r.dossier_code) || !read_string(j, "agency", r.agency) ||
        !read_string(j, "procedure", r.procedure) ||
        !read_int(j, "received_at", 0, INT64_MAX, r.received_at) ||
        !read_string(j, "due_date", r.due_date) || !read_fixed(j, "server_key", r.server_key) ||
        !read_fixed(j, "signature", r.signature))
        return make_error(errors::request_malformed, "Biên nhận thiếu trường.", "Receipt field missing.");
    return r;
}

std::string error_to_json(const error& e) {
    return dump(json{{"error", {{"code", e.code}, {"vi", e.vi}, {"en", e.en}}}});
}

std::optional<error> error_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return std::nullopt;
    const json* e = field(*parsed, "error");
    error out;
    if (!e || !e->is_object() || !read_string(*e, "code", out.code) || !read_string(*e, "vi", out.vi) ||
        !read_string(*e, "en", out.en))
        return std::nullopt;
    return out;
}

} // namespace motcua::protocol
