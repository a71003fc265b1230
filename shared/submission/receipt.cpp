// Canonical encoding and signing of receipts.
#include "shared/submission/receipt.hpp"

namespace motcua::submission {

encoding::bytes canonical_bytes(const receipt& r) {
    encoding::canonical_writer w;
    w.magic("MCR1");
    w.fixed(r.submission_id.bytes);
    w.fixed(r.submission_hash);
    w.text(r.dossier_code);
    w.text(r.agency);
    w.text(r.procedure);
    w.uint(std::uint64_t(r.received_at));
    w.text(r.due_date);
    w.fixed(r.server_key);
    return w.take();
}

receipt sign(receipt r, const crypto::secret_key& server_sk) {
    r.signature = crypto::sign(canonical_bytes(r), server_sk);
    return r;
}

bool verify(const receipt& r) { return crypto::verify(canonical_bytes(r), r.signature, r.server_key); }

} // namespace motcua::submission
