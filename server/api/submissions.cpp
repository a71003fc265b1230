// PUT /v1/submissions/{uuid}: check, verify, store once, answer with the signed receipt.
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "shared/calendar/builtin_days_off.hpp"
#include "shared/calendar/holidays.hpp"
#include "shared/catalog/catalog.hpp"
#include "shared/forms/form.hpp"
#include "shared/protocol/json_codec.hpp"

namespace motcua::server {

namespace {
bool is_json(std::string_view content_type) {
    auto semi = content_type.find(';');
    auto type = content_type.substr(0, semi);
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    if (type.size() != 16) return false;
    for (std::size_t i = 0; i < type.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(type[i])) != "application/json"[i]) return false;
    return true;
}
} // namespace

string_response put_submission(const request& req, std::string_view id_text, api_context& ctx) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    auto refuse = [&](const protocol::error_kind& kind, std::string_view code_for_log = {}) {
        log::info("submission_refused", {{"reason", kind.code}, {"detail", code_for_log}});
        return error_response(kind, version, keep_alive);
    };

    auto id = parse_uuid(id_text);
    if (!id) return refuse(protocol::errors::not_found);
    if (!is_json(req[http::field::content_type])) return refuse(protocol::errors::content_type_unsupported);

    auto decoded = protocol::submission_from_json(req.body());
    if (!decoded) {
        const auto& e = decoded.err();
        int status = e.code == "json_malformed" ? 400 : e.code == "protocol_unsupported" ? 400 : 422;
        log::info("submission_refused", {{"reason", e.code}});
        return error_response(e, status, version, keep_alive);
    }
    auto& s = *decoded;
    if (!(s.body.id == *id)) return refuse(protocol::errors::id_mismatch);
    if (auto wf = submission::check_well_formed(s.body); !wf) {
        log::info("submission_refused", {{"reason", wf.err().code}});
        return error_response(wf.err(), protocol::errors::submission_malformed.http_status, version, keep_alive);
    }
    if (!submission::verify(s)) return refuse(protocol::errors::signature_invalid);

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
        const auto& first = problems.front().message;
        return error_response(protocol::make_error(protocol::errors::submission_malformed, first.vi, first.en),
                              protocol::errors::submission_malformed.http_status, version, keep_alive);
    }

    auto canonical = submission::canonical_bytes(s.body);
    auto make_receipt = [&](const std::string& dossier_code) {
        submission::receipt r;
        r.submission_id = s.body.id;
        r.submission_hash = crypto::hash(canonical);
        r.dossier_code = dossier_code;
        r.agency = s.body.agency;
        r.procedure = s.body.procedure;
        r.received_at = now;
        // Weekends, public holidays and the announced swaps are skipped (shared/calendar).
        r.due_date = to_iso(calendar::deadline(today, procedure->processing_working_days, calendar::builtin_days_off()));
        r.server_key = ctx.server_key.pk;
        return submission::sign(std::move(r), ctx.server_key.sk);
    };
    auto stored = ctx.store.put_submission(s, canonical, today, make_receipt);
    if (!stored) {
        log::error("store_failed", {{"code", stored.err().code}, {"detail", stored.err().en}});
        int status = stored.err().code == protocol::errors::daily_capacity.code ? 503 : 500;
        return error_response(status == 503 ? stored.err() : protocol::make_error(protocol::errors::server_error),
                              status, version, keep_alive);
    }
    switch (stored->outcome) {
    case put_outcome::conflict: return refuse(protocol::errors::submission_conflict);
    case put_outcome::repeated:
        log::info("submission_repeated", {{"dossier", stored->receipt.dossier_code}});
        return json_response(http::status::ok, protocol::to_json(stored->receipt), version, keep_alive);
    case put_outcome::created: break;
    }
    log::info("submission_received",
              {{"dossier", stored->receipt.dossier_code}, {"procedure", s.body.procedure}});
    return json_response(http::status::created, protocol::to_json(stored->receipt), version, keep_alive);
}

} // namespace motcua::server
