// One line of a device's feed: a dossier's new status and the document to show with it, signed
// by the server so that a phone can trust what it shows offline later.
#pragma once

#include "shared/core/result.hpp"
#include "shared/core/uuid.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/canonical.hpp"

#include <cstdint>
#include <string>

namespace motcua::protocol {

struct feed_entry {
    crypto::public_key device_key{}; // whose dossier it is: a feed is per device
    std::int64_t cursor = 0;         // 1, 2, 3 … per device, allocated by the database
    uuid submission_id;
    std::string dossier_code;
    int status = 0;                  // national status code 1–10 (shared/workflow/vocabulary.hpp)
    std::int64_t at = 0;             // server clock, unix seconds
    std::string document;            // receipt, supplement_request, refusal, apology, result, or empty
    std::string note_vi;             // what the person reads, Vietnamese first
    std::string note_en;
    crypto::public_key server_key{};
    crypto::signature signature{};
    friend bool operator==(const feed_entry&, const feed_entry&) = default;
};

// What the signature covers: every field but the signature ("MCF1" …).
encoding::bytes canonical_bytes(const feed_entry& e);
feed_entry sign(feed_entry e, const crypto::secret_key& server_sk);
bool verify(const feed_entry& e);

} // namespace motcua::protocol
