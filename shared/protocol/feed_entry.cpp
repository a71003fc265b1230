// Canonical encoding and signing of feed entries.
#include "shared/protocol/feed_entry.hpp"

namespace motcua::protocol {

encoding::bytes canonical_bytes(const feed_entry& e) {
    encoding::canonical_writer w;
    w.magic("MCF1");
    w.fixed(e.device_key);
    w.uint(std::uint64_t(e.cursor));
    w.fixed(e.submission_id.bytes);
    w.text(e.dossier_code);
    w.uint(std::uint64_t(e.status));
    w.uint(std::uint64_t(e.at));
    w.text(e.document);
    w.text(e.note_vi);
    w.text(e.note_en);
    w.fixed(e.server_key);
    return w.take();
}

feed_entry sign(feed_entry e, const crypto::secret_key& server_sk) {
    e.signature = crypto::sign(canonical_bytes(e), server_sk);
    return e;
}

bool verify(const feed_entry& e) { return crypto::verify(canonical_bytes(e), e.signature, e.server_key); }

} // namespace motcua::protocol
