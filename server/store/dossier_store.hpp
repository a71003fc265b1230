// Where the server keeps dossiers, devices, attachments and feeds: one interface, one file per
// backend (SQLite, the embedded default; PostgreSQL for several instances). The same contract
// test suite (tests/server/store/) runs against both.
//
// Thread safety: every method may be called from any thread; a backend serialises what it must.
#pragma once

#include "shared/core/date.hpp"
#include "shared/core/result.hpp"
#include "shared/core/uuid.hpp"
#include "shared/protocol/attachment_state.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace motcua::server {

enum class put_outcome {
    created,  // a new dossier was made
    repeated, // the same submission again: the first receipt, nothing new stored
    conflict, // the same id with other content: refused, nothing stored
};

struct put_result {
    put_outcome outcome;
    submission::receipt receipt; // unsigned; empty for conflict
};

// One submission to store. `canonical` is exactly what the citizen signed.
//
// The store signs nothing (the server key lives in the API layer, and signing need not hold the
// write lock): it stores the receipt and the feed entry unsigned, and the API layer signs them
// when it hands them out. Ed25519 is deterministic, so every signing of the same bytes with the
// same key is the same signature: a retry gets a byte-identical receipt.
struct put_request {
    submission::signed_submission submission;
    encoding::bytes canonical;
    civil_date received;
    // Every field of the receipt but the dossier code (the store fills it in) and the signature.
    // Its submission_hash is the BLAKE2b-256 of `canonical`, computed once by the caller; the
    // store compares it with the stored one to tell a retry from a conflict.
    submission::receipt receipt;
    // The "received" line of the device's feed, written in the same transaction as the dossier
    // (status 2, document "receipt"). The store fills in the device key, submission id, dossier
    // code and cursor (and status 2, document "receipt", `at` = the receipt's time when left empty).
    protocol::feed_entry received_entry;
};

enum class attachment_outcome {
    ok,              // appended (or already complete)
    offset_mismatch, // the chunk does not start at `received`: state returned, nothing written
    hash_mismatch,   // the last chunk completed the size but the hash differs: upload dropped
    unknown,         // no upload announced for this hash
    too_long,        // the chunk would go past the announced size: nothing written
};

struct append_result {
    attachment_outcome outcome;
    protocol::attachment_state state; // the state after the call (zeroed when dropped/unknown)
};

class dossier_store {
  public:
    virtual ~dossier_store() = default;

    // ---- submissions ----
    // Stores a batch in ONE transaction (group commit), answering one result per request, in
    // order. For each: find the id, or allocate the agency's next sequence number for
    // `received`, insert the dossier with its receipt and its feed entry. The id's uniqueness is
    // a constraint of the database (the insert meets it), never a check made beforehand: two
    // instances on one PostgreSQL may race on the same id. A conflict (same id, other hash) is an
    // outcome, not an error, and does not spoil the rest of the batch. An error (disk, lost
    // connection) fails the whole batch: nothing of it is stored and every result is that error.
    virtual std::vector<result<put_result>> put_batch(std::span<const put_request> batch) = 0;
    result<put_result> put_submission(const put_request& one) {
        auto r = put_batch(std::span<const put_request>(&one, 1));
        return std::move(r.front());
    }

    // The stored receipt, unsigned (the caller signs it before handing it out).
    virtual std::optional<submission::receipt> find_receipt(const uuid& id) = 0;
    virtual std::int64_t count_dossiers() = 0;
    // The stored canonical bytes and signature of a dossier (for audits and the soak test).
    virtual std::optional<submission::signed_submission> find_submission(const uuid& id) = 0;

    // ---- devices ----
    // true if newly registered, false if it was already known (registration is idempotent).
    virtual result<bool> register_device(const crypto::public_key& device, std::int64_t at) = 0;
    virtual result<bool> device_known(const crypto::public_key& device) = 0;

    // ---- attachments: content-addressed, resumable ----
    // Announces an upload, or returns the state of the one already there (same hash: same
    // content, whoever sends it). A different announced size for a known hash keeps the first.
    virtual result<protocol::attachment_state> begin_attachment(const crypto::digest& hash,
                                                                std::uint64_t size,
                                                                const std::string& media_type) = 0;
    virtual result<std::optional<protocol::attachment_state>> attachment(const crypto::digest& hash) = 0;
    // Appends bytes at `offset`, which must equal what is held. When the size is reached the
    // store checks the BLAKE2b-256 of the whole; a mismatch drops the upload.
    virtual result<append_result> append_attachment(const crypto::digest& hash, std::uint64_t offset,
                                                    std::span<const std::uint8_t> bytes) = 0;
    // The whole content of a complete attachment.
    virtual result<std::optional<encoding::bytes>> read_attachment(const crypto::digest& hash) = 0;

    // ---- feed ----
    // Appends a status change for a stored dossier (the back office's moves), allocating the
    // device's next cursor in the same transaction. Error if the submission is unknown. The entry
    // is stored and returned unsigned.
    virtual result<protocol::feed_entry> append_feed(const uuid& submission, int status, std::int64_t at,
                                                     const std::string& document, const std::string& note_vi,
                                                     const std::string& note_en) = 0;
    // Entries of the device with cursor > `after`, oldest first, at most `limit`; unsigned (a
    // signature stored by an older server is not read: the API layer signs each entry anew).
    virtual result<std::vector<protocol::feed_entry>> feed_after(const crypto::public_key& device,
                                                                 std::int64_t after, std::size_t limit) = 0;
};

} // namespace motcua::server
