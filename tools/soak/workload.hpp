// What the simulated devices send: signed birth registrations with 1–2 attachments each, some
// attachments shared between devices (content addressing stores them once).
#pragma once

#include "client/store/local_store.hpp"
#include "shared/core/uuid.hpp"
#include "shared/submission/submission.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace motcua::soak {

struct blob {
    submission::attachment_ref ref;
    std::vector<std::uint8_t> bytes;
};

// Mostly phone-photo thumbnails and one-page scans: 70 % of 2–30 KB, 25 % up to 120 KB, the rest
// up to `max_bytes` (at least 4 KB).
std::size_t draw_attachment_size(std::mt19937_64& rng, std::size_t max_bytes);
// `size` bytes that start like a JPEG, PNG or PDF (chosen by the draw), the rest random.
blob make_blob(std::mt19937_64& rng, std::size_t size, const std::string& name);

// What the checks need to know of a queued submission.
struct planned_item {
    uuid id;
    std::string id_text;
    crypto::digest canonical_hash{};
    std::vector<submission::attachment_ref> attachments;
};

// A birth registration (tests/support/sample_submission.hpp) from `device`, listing the
// attachments (sorted by hash, as a well-formed submission lists them), signed by the device.
client::outbox_item make_item(const crypto::key_pair& device, const uuid& id,
                              std::vector<submission::attachment_ref> attachments,
                              std::int64_t now_s, unsigned n, planned_item& plan);

uuid draw_uuid(std::mt19937_64& rng);

} // namespace motcua::soak
