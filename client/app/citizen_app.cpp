// Form state, autosave and submission for the citizen's screens.
#include "client/app/citizen_app.hpp"

#include "shared/forms/groups.hpp"

#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/text/control_chars.hpp"
#include "shared/text/nfc.hpp"

#include <algorithm>

namespace motcua::client {

namespace {
// Long enough not to write on every key press, short enough that a closed tab loses little.
constexpr std::int64_t autosave_delay_ms = 300;
// Someone typing without a pause still gets a save this often: a crash loses at most this much.
constexpr std::int64_t autosave_longest_wait_ms = 700;
} // namespace

namespace {
// The procedure a first start opens (the birth registration: the commonest at a commune desk).
constexpr std::string_view first_procedure = "1.001193";

// The catalog the sync engine stored, if it reads and still has this app's procedure.
std::optional<catalog::catalog> load_downloaded_catalog(local_store& store) {
    auto text = store.text_meta("catalog_json");
    if (!text) return std::nullopt;
    auto parsed = catalog::parse_catalog(*text);
    if (!parsed || !parsed->find(first_procedure)) return std::nullopt;
    return std::move(*parsed);
}

// The device's signing key, made on first start; an error leaves the app unable to submit.
crypto::key_pair load_device_key(local_store& store, const platform_services& services, bool& ready,
                                 std::optional<error>& problem) {
    auto key = store.device_key([&services] {
        crypto::key_seed seed{};
        services.random_bytes(seed);
        return seed;
    });
    ready = key.ok();
    if (!key) {
        problem = key.err();
        return {};
    }
    return *key;
}
} // namespace

citizen_app::citizen_app(local_store& store, transport& net, platform_services services)
    : store_(store), services_(std::move(services)),
      device_key_(load_device_key(store_, services_, key_ready_, last_error_)),
      engine_(store, net, device_key_, services_.now_ms,
              [this] {
                  std::uint32_t r = 0;
                  services_.random_bytes({reinterpret_cast<std::uint8_t*>(&r), sizeof r});
                  return r;
              }),
      downloaded_catalog_(load_downloaded_catalog(store_)), procedure_(catalog_in_use().find(first_procedure)) {
    // The person comes back to what they were last filling in, whatever procedure it is.
    std::optional<draft> latest;
    for (auto& d : store_.drafts())
        if (const auto* p = catalog_in_use().find(d.procedure)) {
            procedure_ = p;
            latest = std::move(d);
            break;
        }
    open_draft(std::move(latest));
    reload_outbox();
    engine_.sync_now();
}

std::string citizen_app::fresh_draft_id() {
    std::array<std::uint8_t, 16> random{};
    services_.random_bytes(random);
    return to_string(uuid_v7(services_.now_ms(), random));
}

void citizen_app::open_draft(std::optional<draft> d) {
    typed_.clear();
    attachments_.clear();
    attachment_error_.reset();
    problems_.clear();
    notice_.reset();
    warnings_seen_ = false;
    save_state_ = save_state::clean;
    unsaved_since_ms_ = 0;
    draft_created_at_ms_ = 0;
    draft_id_ = d ? d->id : fresh_draft_id();
    if (d) {
        typed_ = d->typed;
        attachments_ = d->attachments;
        draft_created_at_ms_ = d->created_at_ms;
        saved_at_ms_ = d->updated_at_ms;
        save_state_ = save_state::saved;
        const forms::form_def* old_form = procedure_->form_version(d->form_version);
        if (d->form_version != form().version && old_form) {
            // The catalog moved on since this draft was made: keep what still fits, and say so.
            auto m = forms::migrate(d->typed, *old_form, form());
            typed_ = std::move(m.kept);
            if (!m.dropped.empty()) {
                std::string list;
                for (const auto& k : m.dropped) (list += list.empty() ? "" : ", ") += k;
                notice_ = error{"form_updated", "Mẫu đơn đã được cập nhật; các mục sau không còn trong mẫu mới: " + list,
                                "The form was updated; these fields are no longer in it: " + list};
            }
            save_state_ = save_state::pending;
        }
    }
    ++generation_;
}

bool citizen_app::open_draft(const std::string& id) {
    flush_draft();
    auto d = store_.load_draft(id);
    if (!d || d->procedure != procedure_->code) return false;
    open_draft(std::move(d));
    return true;
}

bool citizen_app::start_procedure(const std::string& code) {
    const catalog::procedure* p = catalog_in_use().find(code);
    if (!p) return false;
    if (p == procedure_) return true;
    flush_draft();
    procedure_ = p;
    auto drafts = store_.drafts(code); // the newest draft of it, if one was begun
    open_draft(drafts.empty() ? std::nullopt : std::optional<draft>(std::move(drafts.front())));
    return true;
}

std::string dossier_title(const forms::form_def& form, const forms::values& v) {
    // Whom or what the dossier is about: the first name that is not the requester's own (the
    // child, the deceased, the business), else the requester's.
    std::string requester;
    for (const auto& f : form.fields) {
        if (f.kind != forms::field_kind::text || f.id.size() < 5 || f.id.compare(f.id.size() - 5, 5, "_name") != 0)
            continue;
        auto it = v.find(f.id);
        if (it == v.end() || it->second.empty()) continue;
        if (f.id.rfind("requester", 0) != 0) return it->second;
        if (requester.empty()) requester = it->second;
    }
    return requester;
}

void citizen_app::new_draft() {
    flush_draft();
    open_draft(std::nullopt);
}

// A file's name as the picker gave it, made one the protocol takes: NFC, no control character
// (the server refuses them, and the item would never be received), at most 200 bytes cut at a
// character's boundary.
std::string citizen_app::attachment_name(const std::string& picked) {
    std::string name = text::to_nfc(picked);
    for (auto& c : name)
        if (text::is_control_character(static_cast<unsigned char>(c))) c = ' ';
    if (name.size() > 200) {
        std::size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xc0) == 0x80) --cut;
        name.resize(cut);
    }
    return name;
}

status citizen_app::add_attachment(const std::string& name, const std::string& media_type,
                                   std::span<const std::uint8_t> content) {
    attachment_error_.reset();
    ++generation_;
    auto refuse = [this](const protocol::error_kind& kind) {
        attachment_error_ = protocol::make_error(kind);
        return *attachment_error_;
    };
    if (content.size() > protocol::max_attachment_size) return refuse(protocol::errors::attachment_too_large);
    if (media_type != "image/jpeg" && media_type != "image/png" && media_type != "application/pdf")
        return refuse(protocol::errors::attachment_type_unsupported);
    if (attachments_.size() >= submission::max_attachments) return refuse(protocol::errors::submission_malformed);
    submission::attachment_ref ref{attachment_name(name), media_type, crypto::hash(content), content.size()};
    for (const auto& a : attachments_)
        if (a.hash == ref.hash) return ok_status(); // the same photo twice is one attachment
    if (auto stored = store_.put_attachment(ref.hash, media_type, content); !stored) {
        attachment_error_ = stored.err();
        return stored;
    }
    attachments_.push_back(std::move(ref));
    save_attachment_list();
    return ok_status();
}

void citizen_app::remove_attachment(std::size_t index) {
    if (index >= attachments_.size()) return;
    attachments_.erase(attachments_.begin() + std::ptrdiff_t(index));
    attachment_error_.reset();
    save_attachment_list();
    ++generation_;
}

// The list of files is saved at once (not after a pause): the file itself is already stored.
void citizen_app::save_attachment_list() {
    ++edits_;
    save_state_ = save_state::pending;
    flush_draft();
}

bool citizen_app::draft_empty() const {
    if (!attachments_.empty()) return false;
    for (const auto& [k, v] : typed_)
        if (!v.empty()) return false;
    return true;
}

void citizen_app::edited(const std::string& id) {
    problems_.erase(id);
    warnings_seen_ = false;
    ++edits_;
    edited_at_ms_ = services_.now_ms();
    if (!unsaved_since_ms_) unsaved_since_ms_ = edited_at_ms_;
    save_state_ = save_state::pending;
    ++generation_;
}

void citizen_app::clear_form() {
    typed_.clear();
    attachments_.clear();
    attachment_error_.reset();
    problems_.clear();
    store_.delete_draft(draft_id_);
    notice_.reset();
    save_state_ = save_state::clean;
    unsaved_since_ms_ = 0;
    ++generation_;
}

void citizen_app::flush_draft() {
    if (save_state_ != save_state::pending) return;
    const std::int64_t now = services_.now_ms();
    if (!draft_created_at_ms_) draft_created_at_ms_ = now;
    draft d{draft_id_, procedure_->code, form().version, typed_, attachments_, draft_created_at_ms_, now};
    auto s = draft_empty() ? store_.delete_draft(d.id) : store_.save_draft(d);
    if (!s) {
        save_state_ = save_state::failed;
        last_error_ = s.err();
        return;
    }
    saved_at_ms_ = d.updated_at_ms;
    edits_flushed_ = edits_;
    unsaved_since_ms_ = 0; // what is typed from now on waits for the next save
    waiting_for_persist_ = true;
    ++generation_;
}

void citizen_app::persisted() {
    if (!waiting_for_persist_) return;
    waiting_for_persist_ = false;
    if (save_state_ == save_state::pending && edits_flushed_ == edits_) save_state_ = save_state::saved;
    ++generation_;
}

std::string citizen_app::computed(const std::string& id) const {
    forms::values v = normalized(nullptr);
    forms::compute(form(), v);
    auto it = v.find(id);
    return it == v.end() ? std::string() : it->second;
}

forms::values citizen_app::normalized(std::map<std::string, forms::field_problem>* problems) const {
    forms::values out;
    for (const auto& [key, typed] : typed_) {
        const forms::field_def* f = forms::field_for_key(form(), key);
        if (!f || !f->computed.empty() || !forms::visible(*f, typed_)) continue;
        auto v = forms::normalize(*f, typed);
        if (!v) {
            if (problems) (*problems)[key] = forms::field_problem{key, v.err()};
        } else if (!v->empty()) out[key] = *v;
    }
    return out;
}

bool citizen_app::submit() {
    problems_.clear();
    forms::values values = normalized(&problems_);
    forms::compute(form(), values);
    const std::int64_t now = services_.now_ms();
    bool warnings = false;
    const forms::validation_context ctx{vietnam_date_of(now / 1000), services_.unit_exists};
    for (auto& p : forms::validate(form(), values, ctx)) {
        warnings = warnings || p.level == forms::severity::warning;
        problems_.emplace(p.field, std::move(p));
    }
    // A row of a repeating group left blank would vanish and renumber the rows after it.
    for (auto& p : forms::empty_group_items(form(), typed_)) problems_.emplace(p.field, std::move(p));
    ++generation_;
    bool errors = false;
    for (const auto& [k, p] : problems_) errors = errors || p.level == forms::severity::error;
    if (errors || !key_ready_) {
        warnings_seen_ = false;
        return false;
    }
    if (warnings && !warnings_seen_) {
        warnings_seen_ = true; // shown once; submitting again means the person has read them
        return false;
    }
    warnings_seen_ = false;

    submission::submission s;
    std::array<std::uint8_t, 16> random{};
    services_.random_bytes(random);
    s.id = uuid_v7(now, random);
    s.device_key = device_key_.pk;
    s.procedure = procedure_->code;
    s.form_version = form().version;
    s.agency = procedure_->receiving_agency;
    s.created_at = now / 1000;
    s.values = std::move(values);
    s.attachments = attachments_;
    // The canonical order: by hash (submission::check_well_formed).
    std::sort(s.attachments.begin(), s.attachments.end(),
              [](const auto& a, const auto& b) { return a.hash < b.hash; });
    auto signed_s = submission::sign(std::move(s), device_key_.sk);

    outbox_item item;
    item.id = to_string(signed_s.body.id);
    item.procedure = signed_s.body.procedure;
    item.title = dossier_title(form(), signed_s.body.values);
    item.created_at_ms = now;
    item.request_json = protocol::to_json(signed_s);
    item.canonical = submission::canonical_bytes(signed_s.body);
    if (auto q = store_.enqueue(item, draft_id_); !q) {
        last_error_ = q.err();
        return false;
    }
    draft_id_ = fresh_draft_id(); // what is typed next is a new draft
    draft_created_at_ms_ = 0;
    typed_.clear();
    attachments_.clear();
    attachment_error_.reset();
    problems_.clear();
    notice_.reset();
    save_state_ = save_state::clean;
    unsaved_since_ms_ = 0;
    reload_outbox();
    engine_.sync_now();
    return true;
}

void citizen_app::tick(bool online) {
    const std::int64_t now = services_.now_ms();
    if (save_state_ == save_state::pending && !waiting_for_persist_ &&
        (now - edited_at_ms_ >= autosave_delay_ms || (unsaved_since_ms_ && now - unsaved_since_ms_ >= autosave_longest_wait_ms)))
        flush_draft();
    engine_.tick(online);
    if (engine_.generation() != seen_engine_generation_) reload_outbox();
}

void citizen_app::reload_outbox() {
    seen_engine_generation_ = engine_.generation();
    outbox_ = store_.outbox();
    statuses_.clear();
    for (const auto& item : outbox_)
        if (item.state == outbox_state::received)
            if (auto e = store_.latest_feed_entry(item.id)) statuses_[item.id] = std::move(*e);
    ++generation_;
}

} // namespace motcua::client
