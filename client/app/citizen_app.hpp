// The citizen's side of the app without any drawing: the form being filled, its autosaved
// draft, submitting (validate, sign, queue), and the list of what was sent. The UI reads and
// edits this; the platform supplies time, randomness and persistence.
#pragma once

#include "client/store/local_store.hpp"
#include "client/sync/sync_engine.hpp"
#include "shared/catalog/catalog.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace motcua::client {

struct platform_services {
    std::function<std::int64_t()> now_ms;          // wall clock, ms since 1970
    std::function<void(std::span<std::uint8_t>)> random_bytes;
    // Whether an administrative unit code is in force on a date; empty: shape checks only.
    std::function<bool(std::string_view code, civil_date on)> unit_exists = {};
};

enum class save_state { clean, pending, saved, failed };

// What a dossier is called in the list: the first name in the form that is not the requester's
// (the child, the deceased, the business), else the requester's name.
std::string dossier_title(const forms::form_def& form, const forms::values& values);

class citizen_app {
  public:
    citizen_app(local_store& store, transport& net, platform_services services);

    const catalog::procedure& procedure() const { return *procedure_; }
    // Switches to another procedure of the catalog (the current draft saved first), on its newest
    // draft or a new one. False for a code the catalog does not have.
    bool start_procedure(const std::string& code);
    // The catalog the server last sent (checked when it arrived, taken at the next start so a
    // form never changes under the person's hands), or the one built in.
    const catalog::catalog& catalog_in_use() const {
        return downloaded_catalog_ ? *downloaded_catalog_ : catalog::builtin();
    }
    const forms::form_def& form() const { return procedure_->current_form(); }

    // The draft being filled: its own id, so several drafts of one procedure can coexist. The app
    // starts on the newest; open_draft and new_draft save the current one first.
    const std::string& draft_id() const { return draft_id_; }
    bool open_draft(const std::string& id);
    void new_draft();

    // The text of a field as the person typed it; call edited(id) after changing it.
    std::string& field(const std::string& id) { return typed_[id]; }
    // Everything typed, by key (the form view edits repeating groups' rows in place).
    forms::values& typed() { return typed_; }
    void edited(const std::string& id);
    void clear_form();
    // Problems from the last submit attempt (cleared field by field as it is edited); warnings
    // among them do not block a second press of submit.
    const std::map<std::string, forms::field_problem>& problems() const { return problems_; }
    // What the form fills in itself (e.g. the date of birth in words), from what is typed.
    std::string computed(const std::string& id) const;
    bool visible(const forms::field_def& f) const { return forms::visible(f, typed_); }
    // Set when a draft made with an older form version was carried over and lost fields.
    const std::optional<error>& notice() const { return notice_; }

    // Files attached to the draft (photos of papers). A file over the server's limit or of a type
    // it does not take is refused here, before it is stored or sent; the error says why.
    // The name kept for a picked file: NFC, control characters made spaces, at most 200 bytes.
    static std::string attachment_name(const std::string& picked);
    status add_attachment(const std::string& name, const std::string& media_type,
                          std::span<const std::uint8_t> content);
    // The platform refuses a file by its announced size before reading it.
    void attachment_refused(const error& why) { attachment_error_ = why; ++generation_; }
    void remove_attachment(std::size_t index);
    const std::vector<submission::attachment_ref>& attachments() const { return attachments_; }
    const std::optional<error>& attachment_error() const { return attachment_error_; }

    // Validates every field; on success signs, queues and clears the form. Returns whether queued.
    bool submit();

    // Once per frame: autosave when due, and the sync pump.
    void tick(bool online);
    void sync_now() { engine_.sync_now(); }
    bool syncing() const { return engine_.busy(); }
    const sync_progress& sync_state() const { return engine_.progress(); }
    const std::optional<error>& sync_problem() const { return engine_.problem(); }
    // The latest line of the dossier's feed (status and what to show), null until one came.
    const protocol::feed_entry* latest_status(const std::string& id) const {
        auto it = statuses_.find(id);
        return it == statuses_.end() ? nullptr : &it->second;
    }

    save_state draft_state() const { return save_state_; }
    std::int64_t draft_saved_at_ms() const { return saved_at_ms_; }
    // The platform calls this when the store's last commit has reached durable storage.
    void persisted();
    void flush_draft(); // save now (page hidden, app closing)

    const std::vector<outbox_item>& outbox() const { return outbox_; }
    const std::optional<error>& last_error() const { return last_error_; }
    std::uint64_t generation() const { return generation_; }

  private:
    void open_draft(std::optional<draft> d);
    std::string fresh_draft_id();
    void reload_outbox();
    void save_attachment_list();
    bool draft_empty() const;
    forms::values normalized(std::map<std::string, forms::field_problem>* problems) const;

    local_store& store_;
    platform_services services_;
    std::optional<error> last_error_;
    bool key_ready_;              // set by the initialiser of device_key_, just below
    crypto::key_pair device_key_;
    sync_engine engine_; // after the key it signs with
    std::optional<catalog::catalog> downloaded_catalog_;
    const catalog::procedure* procedure_; // after the catalog it points into

    std::string draft_id_;
    std::int64_t draft_created_at_ms_ = 0;
    forms::values typed_;
    std::vector<submission::attachment_ref> attachments_;
    std::optional<error> attachment_error_;
    std::map<std::string, forms::field_problem> problems_;
    bool warnings_seen_ = false; // the person has seen the warnings once; a second submit goes
    std::optional<error> notice_;
    save_state save_state_ = save_state::clean;
    std::int64_t edited_at_ms_ = 0;
    std::int64_t unsaved_since_ms_ = 0; // the first edit not yet written; 0: none
    std::int64_t saved_at_ms_ = 0;
    bool waiting_for_persist_ = false;
    std::uint64_t edits_ = 0;         // counts edits, so a save is only "saved" if nothing
    std::uint64_t edits_flushed_ = 0; // was typed between its write and its persistence

    std::vector<outbox_item> outbox_;
    std::map<std::string, protocol::feed_entry> statuses_; // by submission id, kept with outbox_
    std::uint64_t seen_engine_generation_ = ~0ull;
    std::uint64_t generation_ = 0;
};

} // namespace motcua::client
