// The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) the server signs for a submission.
// It binds the dossier code to the exact bytes the citizen signed, through their hash.
#pragma once

#include "shared/core/uuid.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/canonical.hpp"

#include <cstdint>
#include <string>

namespace motcua::submission {

struct receipt {
    uuid submission_id;
    crypto::digest submission_hash{}; // BLAKE2b-256 of the submission's canonical bytes
    std::string dossier_code;
    std::string agency;
    std::string procedure;
    std::int64_t received_at = 0; // server clock, unix seconds
    std::string due_date;         // YYYY-MM-DD, the appointment date
    crypto::public_key server_key{};
    crypto::signature signature{};
    friend bool operator==(const receipt&, const receipt&) = default;
};

// What the signature covers: every field but the signature itself.
encoding::bytes canonical_bytes(const receipt& r);
receipt sign(receipt r, const crypto::secret_key& server_sk);
bool verify(const receipt& r);

} // namespace motcua::submission
