// JSON encoding of the sync messages: device registration, attachment states, feed pages.
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/json_fields.hpp"

namespace motcua::protocol {

using namespace json_fields;

namespace {

error malformed(const char* what) {
    return make_error(errors::request_malformed, std::string("Trường lỗi: ") + what + ".",
                      std::string("Bad field: ") + what + ".");
}

json feed_entry_object(const feed_entry& e) {
    return {{"device_key", encoding::to_base64(e.device_key)},
            {"cursor", e.cursor},
            {"submission_id", to_string(e.submission_id)},
            {"dossier_code", e.dossier_code},
            {"status", e.status},
            {"at", e.at},
            {"document", e.document},
            {"note_vi", e.note_vi},
            {"note_en", e.note_en},
            {"server_key", encoding::to_base64(e.server_key)},
            {"signature", encoding::to_base64(e.signature)}};
}

result<feed_entry> feed_entry_from(const json& j) {
    if (!j.is_object()) return malformed("entry");
    feed_entry e;
    std::string id;
    std::int64_t status = 0;
    if (!read_fixed(j, "device_key", e.device_key) || !read_int(j, "cursor", 1, INT64_MAX, e.cursor) ||
        !read_string(j, "submission_id", id) || !parse_uuid(id) || !read_string(j, "dossier_code", e.dossier_code) ||
        !read_int(j, "status", 1, 10, status) || !read_int(j, "at", 0, INT64_MAX, e.at) ||
        !read_string(j, "document", e.document) || !read_string(j, "note_vi", e.note_vi) ||
        !read_string(j, "note_en", e.note_en) || !read_fixed(j, "server_key", e.server_key) ||
        !read_fixed(j, "signature", e.signature))
        return malformed("entry");
    e.submission_id = *parse_uuid(id);
    e.status = int(status);
    return e;
}

json attachment_object(const attachment_state& a) {
    return {{"hash", encoding::to_base64(a.hash)},
            {"size", a.size},
            {"received", a.received},
            {"complete", a.complete},
            {"media_type", a.media_type}};
}

bool read_size(const json& j, const char* name, std::uint64_t& out) {
    std::int64_t v = 0;
    if (!read_int(j, name, 0, INT64_MAX, v)) return false;
    out = std::uint64_t(v);
    return true;
}

} // namespace

std::string device_registration_json(const crypto::public_key& device) {
    return dump(json{{"protocol", version}, {"device_key", encoding::to_base64(device)}});
}

result<crypto::public_key> device_registration_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return parsed.err();
    if (!check_protocol(*parsed)) return make_error(errors::protocol_unsupported);
    crypto::public_key pk{};
    if (!read_fixed(*parsed, "device_key", pk)) return malformed("device_key");
    return pk;
}

std::string to_json(const device_registered& d) {
    return dump(json{{"protocol", version},
                     {"device_key", encoding::to_base64(d.device_key)},
                     {"registered_at", d.registered_at},
                     {"server_key", encoding::to_base64(d.server_key)}});
}

result<device_registered> device_registered_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return parsed.err();
    device_registered d;
    if (!read_fixed(*parsed, "device_key", d.device_key) ||
        !read_int(*parsed, "registered_at", 0, INT64_MAX, d.registered_at) ||
        !read_fixed(*parsed, "server_key", d.server_key))
        return malformed("device");
    return d;
}

std::string attachment_announce_json(const attachment_state& a) {
    return dump(json{{"hash", encoding::to_base64(a.hash)}, {"size", a.size}, {"media_type", a.media_type}});
}

result<attachment_state> attachment_announce_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return parsed.err();
    attachment_state a;
    if (!read_fixed(*parsed, "hash", a.hash)) return malformed("hash");
    if (!read_size(*parsed, "size", a.size)) return malformed("size");
    if (!read_string(*parsed, "media_type", a.media_type) || a.media_type.size() > 100) return malformed("media_type");
    return a;
}

std::string to_json(const attachment_state& a) { return dump(attachment_object(a)); }

result<attachment_state> attachment_state_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return parsed.err();
    const json& j = *parsed;
    attachment_state a;
    const json* complete = field(j, "complete");
    if (!read_fixed(j, "hash", a.hash) || !read_size(j, "size", a.size) || !read_size(j, "received", a.received) ||
        !complete || !complete->is_boolean() || !read_string(j, "media_type", a.media_type) ||
        a.received > a.size)
        return malformed("attachment");
    a.complete = complete->get<bool>();
    return a;
}

std::string to_json(const feed_entry& e) { return dump(feed_entry_object(e)); }

result<feed_entry> feed_entry_from_json(std::string_view text) {
    auto j = strict_json::parse(text);
    if (!j) return j.err();
    return feed_entry_from(*j);
}

std::string to_json(const feed_page& p) {
    json entries = json::array();
    for (const auto& e : p.entries) entries.push_back(feed_entry_object(e));
    return dump(json{{"protocol", version}, {"entries", std::move(entries)}, {"more", p.more}});
}

result<feed_page> feed_page_from_json(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return parsed.err();
    const json* entries = field(*parsed, "entries");
    const json* more = field(*parsed, "more");
    if (!entries || !entries->is_array() || !more || !more->is_boolean()) return malformed("feed");
    feed_page p;
    p.more = more->get<bool>();
    for (const json& e : *entries) {
        auto entry = feed_entry_from(e);
        if (!entry) return entry.err();
        p.entries.push_back(std::move(*entry));
    }
    return p;
}

} // namespace motcua::protocol
