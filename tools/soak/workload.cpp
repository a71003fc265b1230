// Test data for the soak and scale-out runs; nothing here touches the network.
#include "tools/soak/workload.hpp"

#include "shared/protocol/json_codec.hpp"
#include "tests/support/sample_submission.hpp"

#include <algorithm>

namespace motcua::soak {

std::size_t draw_attachment_size(std::mt19937_64& rng, std::size_t max_bytes) {
    max_bytes = std::max<std::size_t>(max_bytes, 4096);
    auto between = [&](std::size_t lo, std::size_t hi) {
        hi = std::min(hi, max_bytes);
        lo = std::min(lo, hi);
        return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
    };
    int bucket = std::uniform_int_distribution<int>(0, 99)(rng);
    if (bucket < 70) return between(2048, 30 << 10);
    if (bucket < 95) return between(30 << 10, 120 << 10);
    return between(120 << 10, max_bytes);
}

blob make_blob(std::mt19937_64& rng, std::size_t size, const std::string& name) {
    static const std::vector<std::uint8_t> jpeg{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10,
                                                'J',  'F',  'I',  'F',  0x00};
    static const std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    static const std::vector<std::uint8_t> pdf{'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n'};
    blob b;
    int kind = std::uniform_int_distribution<int>(0, 2)(rng);
    const auto& magic = kind == 0 ? jpeg : kind == 1 ? png : pdf;
    b.ref.media_type = kind == 0 ? "image/jpeg" : kind == 1 ? "image/png" : "application/pdf";
    b.ref.name = name;
    b.bytes.resize(std::max(size, magic.size()));
    std::copy(magic.begin(), magic.end(), b.bytes.begin());
    for (std::size_t i = magic.size(); i < b.bytes.size(); i += 8) {
        std::uint64_t r = rng();
        for (std::size_t k = 0; k < 8 && i + k < b.bytes.size(); ++k)
            b.bytes[i + k] = std::uint8_t(r >> (8 * k));
    }
    b.ref.size = b.bytes.size();
    b.ref.hash = crypto::hash(b.bytes);
    return b;
}

uuid draw_uuid(std::mt19937_64& rng) {
    std::array<std::uint8_t, 16> r{};
    for (auto& x : r)
        x = std::uint8_t(rng());
    return uuid_v4_from_random(r);
}

client::outbox_item make_item(const crypto::key_pair& device, const uuid& id,
                              std::vector<submission::attachment_ref> attachments,
                              std::int64_t now_s, unsigned n, planned_item& plan) {
    auto s = testing::signed_birth_registration(n).body;
    s.id = id;
    s.device_key = device.pk;
    s.created_at = now_s;
    // A birth some days before today (the form refuses a date after today).
    s.values["child_birth_date"] =
        to_iso(add_days(vietnam_date_of(now_s), -std::int64_t(1 + n % 200)));
    std::sort(attachments.begin(), attachments.end(),
              [](const auto& a, const auto& b) { return a.hash < b.hash; });
    s.attachments = std::move(attachments);
    auto signed_s = submission::sign(std::move(s), device.sk);

    client::outbox_item item;
    item.id = to_string(id);
    item.procedure = signed_s.body.procedure;
    item.title = "Khai sinh " + std::to_string(n);
    item.created_at_ms = now_s * 1000;
    item.request_json = protocol::to_json(signed_s);
    item.canonical = submission::canonical_bytes(signed_s.body);

    plan.id = id;
    plan.id_text = item.id;
    plan.canonical_hash = crypto::hash(item.canonical);
    plan.attachments = signed_s.body.attachments;
    return item;
}

} // namespace motcua::soak
