// PUT /v1/submissions/{uuid}: check, verify, store once (in a group commit), answer with the
// signed receipt only after the row is on disk. The receipt is signed here, after the commit and
// off the committer's thread: the store keeps it unsigned.
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "server/metrics/metrics.hpp"
#include "server/store/group_commit.hpp"
#include "server/store/receipt_json.hpp"
#include "shared/calendar/builtin_days_off.hpp"
#include "shared/calendar/holidays.hpp"
#include "shared/catalog/catalog.hpp"
#include "shared/forms/form.hpp"
#include "shared/protocol/json_codec.hpp"

#include <map>
#include <mutex>

namespace motcua::server {

namespace {

// The appointment date. Computing it walks the lunar calendar and the days-off table, which is
// an eighth of a submission's CPU; the answer only changes with the day, so it is kept.
civil_date due_date(civil_date received, int working_days) {
    static std::mutex mutex;
    static std::map<std::pair<std::int64_t, int>, civil_date> known;
    const auto key = std::make_pair(days_from_civil(received), working_days);
    std::lock_guard lock(mutex);
    if (known.size() > 4096) known.clear();
    auto [it, fresh] = known.try_emplace(key);
    if (fresh) it->second = calendar::deadline(received, working_days, calendar::builtin_days_off());
    return it->second;
}

void count_outcome(metrics_registry* m, const char* outcome) {
    if (m) m->counter("motcua_submissions_total", "Submissions answered, by outcome.", {{"outcome", outcome}}).inc();
}

// The answer for what the store said, with the receipt signed. Ed25519 is deterministic: a
// retry's receipt is the same bytes as the first answer's.
string_response stored_answer(result<put_result>& stored, const crypto::key_pair& key, metrics_registry* m,
                              unsigned version, bool keep_alive) {
    count_outcome(m, !stored                                         ? "error"
                     : stored->outcome == put_outcome::created  ? "created"
                     : stored->outcome == put_outcome::repeated ? "repeated"
                                                                : "conflict");
    if (!stored) {
        log::error("store_failed", {{"code", stored.err().code}, {"detail", stored.err().en}});
        int status = stored.err().code == protocol::errors::daily_capacity.code ? 503 : 500;
        return error_response(status == 503 ? stored.err() : protocol::make_error(protocol::errors::server_error),
                              status, version, keep_alive);
    }
    auto signed_receipt = [&] {
        auto& r = stored->receipt;
        r.server_key = key.pk;
        r = submission::sign(std::move(r), key.sk);
        return receipt_json(r);
    };
    switch (stored->outcome) {
    case put_outcome::conflict:
        log::info("submission_refused", {{"reason", protocol::errors::submission_conflict.code}});
        return error_response(protocol::errors::submission_conflict, version, keep_alive);
    case put_outcome::repeated:
        log::info("submission_repeated", {{"dossier", stored->receipt.dossier_code}});
        return json_response(http::status::ok, signed_receipt(), version, keep_alive);
    case put_outcome::created: break;
    }
    log::info("submission_received", {{"dossier", stored->receipt.dossier_code}, {"procedure", stored->receipt.procedure}});
    return json_response(http::status::created, signed_receipt(), version, keep_alive);
}

// Every attachment the submission lists must be held whole, with the size it says.
bool attachments_complete(const submission::submission& s, dossier_store& store) {
    for (const auto& a : s.attachments) {
        auto state = store.attachment(a.hash);
        if (!state || !*state || !(*state)->complete || (*state)->size != a.size) return false;
    }
    return true;
}

string_response check_and_prepare(const request& req, std::string_view id_text, api_context& ctx,
                                  const source_address& from, std::optional<put_request>& prepared) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    auto refuse = [&](const protocol::error_kind& kind, std::string_view code_for_log = {}) {
        log::info("submission_refused", {{"reason", kind.code}, {"detail", code_for_log}});
        count_refusal(ctx.metrics, kind.code);
        return error_response(kind, version, keep_alive);
    };

    auto id = parse_uuid(id_text);
    if (!id) return refuse(protocol::errors::not_found);
    if (!has_content_type(req, "application/json")) return refuse(protocol::errors::content_type_unsupported);
    auto who = signed_by(req, ctx, from);
    if (auto* refused = std::get_if<string_response>(&who)) return std::move(*refused);

    auto decoded = protocol::submission_from_json(req.body());
    if (!decoded) {
        const auto& e = decoded.err();
        int status = e.code == "json_malformed" ? 400 : e.code == "protocol_unsupported" ? 400 : 422;
        log::info("submission_refused", {{"reason", e.code}});
        count_refusal(ctx.metrics, e.code);
        return error_response(e, status, version, keep_alive);
    }
    auto& s = *decoded;
    if (!(s.body.id == *id)) return refuse(protocol::errors::id_mismatch);
    if (auto wf = submission::check_well_formed(s.body); !wf) {
        log::info("submission_refused", {{"reason", wf.err().code}});
        count_refusal(ctx.metrics, wf.err().code);
        return error_response(wf.err(), protocol::errors::submission_malformed.http_status, version, keep_alive);
    }
    // The canonical bytes are what the device signed and what the store keeps.
    auto canonical = submission::canonical_bytes(s.body);
    if (!ctx.signatures->verify(canonical, s.signature, s.body.device_key))
        return refuse(protocol::errors::signature_invalid);
    if (s.body.device_key != std::get<crypto::public_key>(who)) return refuse(protocol::errors::device_mismatch);

    const auto* procedure = catalog::builtin().find(s.body.procedure);
    if (!procedure) return refuse(protocol::errors::procedure_unknown, s.body.procedure);
    // A phone may hold a draft made with an older form version: the catalog keeps the versions
    // it still accepts.
    const auto* form = procedure->form_version(s.body.form_version);
    if (!form) return refuse(protocol::errors::form_version_unknown, s.body.procedure);
    const std::int64_t now = ctx.now();
    const civil_date today = vietnam_date_of(now);
    auto all_problems = forms::validate(*form, s.body.values, forms::validation_context{today, ctx.unit_exists});
    std::vector<forms::field_problem> problems;
    for (auto& p : all_problems)
        if (p.level == forms::severity::error) problems.push_back(std::move(p));
    if (!problems.empty()) {
        // Only the field names go to the log, never what was typed.
        std::string fields;
        for (const auto& p : problems) (fields += fields.empty() ? "" : ",") += p.field;
        log::info("submission_refused", {{"reason", "form_invalid"}, {"fields", fields}});
        count_refusal(ctx.metrics, "form_invalid");
        // A control character comes first (forms::validate) and keeps its own code: what the
        // codec refuses everywhere else, the form refuses in a field of one line.
        const auto& first = problems.front().message;
        const auto& kind = first.code == protocol::errors::control_character.code ? protocol::errors::control_character
                                                                                  : protocol::errors::submission_malformed;
        return error_response(protocol::make_error(kind, first.vi, first.en), kind.http_status, version, keep_alive);
    }

    if (!attachments_complete(s.body, ctx.store)) return refuse(protocol::errors::attachment_missing);

    put_request p;
    p.canonical = std::move(canonical);
    p.received = today;
    // Weekends, public holidays and the announced swaps are skipped (shared/calendar).
    const civil_date due = due_date(today, procedure->processing_working_days);
    const auto& key = ctx.server_key;
    // The receipt but its dossier code (the store allocates it) and its signature (made after
    // the commit); the hash is computed once, here, and the store compares it with a stored one.
    p.receipt.submission_id = s.body.id;
    p.receipt.submission_hash = crypto::hash(p.canonical);
    p.receipt.agency = s.body.agency;
    p.receipt.procedure = s.body.procedure;
    p.receipt.received_at = now;
    p.receipt.due_date = to_iso(due);
    p.receipt.server_key = key.pk;
    auto& e = p.received_entry;
    e.device_key = s.body.device_key;
    e.submission_id = s.body.id;
    e.status = 2; // đã tiếp nhận
    e.at = now;
    e.document = "receipt";
    e.note_vi = "Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: " + to_vn(due) + ".";
    e.note_en = "The dossier was received. Results are due on " + to_iso(due) + ".";
    e.server_key = key.pk;
    p.submission = std::move(s);
    prepared = std::move(p);
    return {};
}

} // namespace

void put_submission(const request& req, std::string_view id_text, api_context& ctx, reply_fn reply,
                    const source_address& from) {
    std::optional<put_request> prepared;
    auto refused = check_and_prepare(req, id_text, ctx, from, prepared);
    if (!prepared) return reply(std::move(refused));
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    if (!ctx.committer) {
        auto stored = ctx.store.put_submission(*prepared);
        return reply(stored_answer(stored, ctx.server_key, ctx.metrics, version, keep_alive));
    }
    // Called where the committer hands its answers (the I/O threads in the server): signing,
    // formatting and logging stay off the committer's thread.
    ctx.committer->submit(std::move(*prepared), [reply = std::move(reply), key = ctx.server_key,
                                                 m = ctx.metrics, version, keep_alive](result<put_result> r) {
        reply(stored_answer(r, key, m, version, keep_alive));
    });
}

feed_signer feed_signer_for(const crypto::key_pair& key) {
    return [key](protocol::feed_entry entry) {
        entry.server_key = key.pk;
        return protocol::sign(std::move(entry), key.sk);
    };
}

} // namespace motcua::server
