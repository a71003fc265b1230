// Canonical encoding, checks and signing of submissions.
#include "shared/submission/submission.hpp"

#include "shared/dossier/dossier_code.hpp"
#include "shared/text/control_chars.hpp"
#include "shared/text/nfc.hpp"
#include "shared/text/utf8.hpp"

#include <algorithm>

namespace motcua::submission {

namespace {
constexpr std::string_view magic = "MCS1"; // domain separation: a receipt never verifies as this

error malformed(std::string vi, std::string en) {
    return error{"submission_malformed", "Hồ sơ không hợp lệ: " + vi, "Malformed submission: " + en};
}

bool valid_key(std::string_view k) {
    if (k.empty() || k.size() > max_key_size) return false;
    for (char c : k)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
    return true;
}

bool valid_code(std::string_view c) {
    if (c.empty() || c.size() > max_code_size) return false;
    for (char ch : c)
        if (ch <= ' ' || ch > '~') return false;
    return true;
}

bool attachment_order(const attachment_ref& a, const attachment_ref& b) { return a.hash < b.hash; }
} // namespace

encoding::bytes canonical_bytes(const submission& s) {
    encoding::canonical_writer w;
    w.magic(magic);
    w.fixed(s.id.bytes);
    w.fixed(s.device_key);
    w.text(s.procedure);
    w.uint(s.form_version);
    w.text(s.agency);
    w.uint(std::uint64_t(s.created_at));
    w.uint(s.values.size());
    for (const auto& [k, v] : s.values) {
        w.text(k);
        w.text(v);
    }
    w.uint(s.attachments.size());
    for (const auto& a : s.attachments) {
        w.fixed(a.hash);
        w.uint(a.size);
        w.text(a.media_type);
        w.text(a.name);
    }
    return w.take();
}

result<submission> decode_canonical(std::span<const std::uint8_t> data) {
    encoding::canonical_reader r(data);
    submission s;
    r.magic(magic);
    r.fixed(s.id.bytes);
    r.fixed(s.device_key);
    s.procedure = r.text(max_code_size);
    std::uint64_t version = r.uint();
    if (version > 0xffffffffu) r.fail();
    s.form_version = std::uint32_t(version);
    s.agency = r.text(max_code_size);
    s.created_at = std::int64_t(r.uint());
    std::uint64_t n = r.uint();
    if (n > max_values) r.fail();
    for (std::uint64_t i = 0; r.ok() && i < n; ++i) {
        std::string k = r.text(max_key_size);
        std::string v = r.text(max_value_size);
        // Keys must arrive strictly sorted: the only order canonical_bytes() writes.
        if (!s.values.empty() && !(s.values.rbegin()->first < k)) r.fail();
        s.values.emplace(std::move(k), std::move(v));
    }
    n = r.uint();
    if (n > max_attachments) r.fail();
    for (std::uint64_t i = 0; r.ok() && i < n; ++i) {
        attachment_ref a;
        r.fixed(a.hash);
        a.size = r.uint();
        a.media_type = r.text(max_code_size * 4);
        a.name = r.text(max_value_size);
        s.attachments.push_back(std::move(a));
    }
    if (!r.ok() || !r.at_end()) return malformed("mã hoá không đúng chuẩn.", "non-canonical encoding.");
    if (canonical_bytes(s) != encoding::bytes(data.begin(), data.end()))
        return malformed("mã hoá không đúng chuẩn.", "non-canonical encoding.");
    return s;
}

status check_well_formed(const submission& s) {
    if (!valid_code(s.procedure)) return malformed("mã thủ tục sai.", "bad procedure code.");
    if (!dossier::is_valid_agency_code(s.agency))
        return malformed("mã cơ quan tiếp nhận sai.", "bad receiving agency code.");
    if (s.created_at < 0) return malformed("thời điểm tạo sai.", "bad creation time.");
    if (s.values.size() > max_values) return malformed("quá nhiều trường.", "too many fields.");
    for (const auto& [k, v] : s.values) {
        if (!valid_key(k)) return malformed("tên trường sai: " + k, "bad field name: " + k);
        if (v.size() > max_value_size)
            return malformed("trường " + k + " quá dài.", "field " + k + " is too long.");
        if (!text::is_valid_utf8(v) || !text::is_nfc(v))
            return malformed("trường " + k + " không phải UTF-8 chuẩn NFC.",
                             "field " + k + " is not NFC UTF-8.");
        // As the JSON codec refuses them (shared/protocol/strict_json.hpp): a signed submission
        // must read the same on every path, the QR hand-over's canonical bytes included. Which
        // fields may hold a line break is the form's to say (forms::validate).
        if (text::find_control_character(v, /*newline_allowed=*/true) != std::string::npos)
            return malformed("trường " + k + " có ký tự điều khiển.", "field " + k + " holds a control character.");
    }
    if (s.attachments.size() > max_attachments)
        return malformed("quá nhiều tệp đính kèm.", "too many attachments.");
    if (!std::is_sorted(s.attachments.begin(), s.attachments.end(), attachment_order) ||
        std::adjacent_find(s.attachments.begin(), s.attachments.end(),
                           [](auto& a, auto& b) { return a.hash == b.hash; }) != s.attachments.end())
        return malformed("tệp đính kèm trùng hoặc sai thứ tự.", "attachments repeated or unsorted.");
    // A media type is plain ASCII "type/subtype", and a size fits what JSON carries: a signed
    // submission must survive the JSON trip unchanged or its signature fails on the server.
    auto media_type_ok = [](const std::string& t) {
        if (t.empty() || t.size() > max_code_size * 4 || t.find('/') == std::string::npos) return false;
        for (char c : t)
            if (c <= ' ' || c > '~') return false;
        return true;
    };
    for (const auto& a : s.attachments)
        if (a.name.empty() || !text::is_valid_utf8(a.name) || !text::is_nfc(a.name) ||
            text::find_control_character(a.name) != std::string::npos ||
            a.name.size() > max_value_size || !media_type_ok(a.media_type) || a.size > max_attachment_bytes)
            return malformed("tệp đính kèm thiếu tên hoặc loại.", "attachment without name or type.");
    return ok_status();
}

signed_submission sign(submission s, const crypto::secret_key& sk) {
    auto bytes = canonical_bytes(s);
    return signed_submission{std::move(s), crypto::sign(bytes, sk)};
}

bool verify(const signed_submission& s) {
    return crypto::verify(canonical_bytes(s.body), s.signature, s.body.device_key);
}

} // namespace motcua::submission
