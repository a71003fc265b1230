// The device's own database: drafts, the device key and the outbox of signed submissions.
// Every change is one SQLite transaction; after each commit the platform is told (on_commit)
// so it can persist the file (IDBFS in the browser). Storage stays behind this one class.
#pragma once

#include "client/store/blob_store.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/core/result.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/forms/form.hpp"
#include "shared/sqlite/sqlite.hpp"
#include "shared/submission/submission.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motcua::client {

struct draft {
    std::string id; // its own: several drafts of one procedure can coexist
    std::string procedure;
    std::uint32_t form_version = 1;
    forms::values typed; // as the person typed it, before normalising
    std::vector<submission::attachment_ref> attachments;
    std::int64_t created_at_ms = 0; // 0: the first save's time
    std::int64_t updated_at_ms = 0;
};

enum class outbox_state { queued, received, failed };

struct outbox_item {
    std::string id; // the submission's UUID, its idempotency key
    std::string procedure;
    std::string title;       // what the list shows, e.g. the child's name
    std::int64_t created_at_ms = 0;
    std::string request_json; // the exact body to PUT, signature included
    std::vector<std::uint8_t> canonical; // the signed bytes, to check the receipt's hash
    outbox_state state = outbox_state::queued;
    int attempts = 0;
    std::int64_t next_attempt_ms = 0;
    std::optional<error> last_error; // the latest problem, transient or permanent
    std::string receipt_json;
    std::string dossier_code;
    std::string due_date;
};

class local_store {
  public:
    // `vfs`: null for the platform's files (native tools and tests); the page VFS in the browser,
    // which syncs once per commit and hands the changed blocks to the platform.
    // `blobs`: where attached files live (the platform makes them durable with the database's
    // commits; see blob_store.hpp); null: a store of the local_store's own, in memory.
    static result<local_store> open(const std::string& path, std::function<void()> on_commit,
                                    const char* vfs = nullptr, blob_store* blobs = nullptr);
    // PRAGMA integrity_check's first line ("ok" when all is well).
    std::string integrity_check();

    // The device's signing key, made on first use from a seed the platform draws.
    result<crypto::key_pair> device_key(const std::function<crypto::key_seed()>& draw_seed);

    // The schema version this code writes (PRAGMA user_version); open() migrates older stores.
    static constexpr int latest_schema_version = 3;
    // Takes a store up to `to_version` (tests open stores of every earlier version with it).
    // Version 3 moves attached files out of the database into `blobs`.
    static status migrate(sqlite::database& db, int to_version, blob_store& blobs);

    status save_draft(const draft& d);
    std::optional<draft> load_draft(const std::string& id);
    // Newest first; all of them when `procedure` is empty.
    std::vector<draft> drafts(std::string_view procedure = {});
    status delete_draft(const std::string& id);

    // Queues the item and removes the draft it came from, in one transaction: after a crash
    // there is either a draft or a queued item, never both and never neither.
    status enqueue(const outbox_item& item, const std::string& draft_id = {});
    std::vector<outbox_item> outbox(); // newest first
    // The queued item whose turn has come, soonest first: a failing item never blocks others.
    std::optional<outbox_item> next_due(std::int64_t now_ms);
    std::optional<std::int64_t> next_attempt_time();
    status mark_received(const std::string& id, const std::string& receipt_json,
                         const std::string& dossier_code, const std::string& due_date);
    status mark_retry(const std::string& id, int attempts, std::int64_t next_attempt_ms, const error& why);
    status mark_failed(const std::string& id, const error& why);
    status retry_all_now(std::int64_t now_ms);

    // The server key seen first; later receipts must be signed by it.
    std::optional<crypto::public_key> pinned_server_key();
    status pin_server_key(const crypto::public_key& key);

    // Attachments by content hash, apart from the database (blob_store.hpp): the same photo in
    // two dossiers is kept once, and written once.
    status put_attachment(const crypto::digest& hash, const std::string& media_type,
                          std::span<const std::uint8_t> content);
    std::optional<std::vector<std::uint8_t>> attachment(const crypto::digest& hash);
    // Removes the files no draft and no dossier still to be sent names (a received dossier's
    // files are the office's now). Nothing is removed if any dossier cannot be read. Returns how
    // many files went. Run at open and after a draft or a sent dossier lets go of files.
    std::size_t release_unreferenced_attachments();
    const blob_store& attachments() const { return *blobs_; }

    // The feed as received (entries already verified): its cursor moves only with what is stored.
    std::int64_t feed_cursor();
    status store_feed(const std::vector<protocol::feed_entry>& entries);
    std::optional<protocol::feed_entry> latest_feed_entry(const std::string& submission_id);

    // Small named values that survive reloads (registration, clock offset, catalog and its ETag).
    std::optional<std::string> text_meta(const std::string& key);
    status set_text_meta(const std::string& key, std::string_view value);

  private:
    local_store(sqlite::database db, std::function<void()> on_commit, blob_store* blobs,
                std::unique_ptr<blob_store> own_blobs)
        : db_(std::move(db)), on_commit_(std::move(on_commit)), own_blobs_(std::move(own_blobs)),
          blobs_(blobs ? blobs : own_blobs_.get()) {}
    status committed(status s);
    std::optional<std::vector<std::uint8_t>> meta(const std::string& key);
    status set_meta(const std::string& key, std::span<const std::uint8_t> value);

    sqlite::database db_;
    std::function<void()> on_commit_;
    std::unique_ptr<blob_store> own_blobs_; // when the platform gave none
    blob_store* blobs_;
};

} // namespace motcua::client
