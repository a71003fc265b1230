// Fuzzes the administrative-units asset decoder (shared/units/asset.hpp), which the app reads
// from GET /v1/reference/units. Each input is tried as sent and with its CRC-32 made right, so
// the fuzzer gets past the checksum. Invariant: what decodes re-encodes to an asset that
// decodes to the same units, and that encoding is a fixed point.
#include "shared/units/asset.hpp"
#include "shared/units/registry.hpp"

#include "tests/fuzz/fuzz_support.hpp"

#include <array>
#include <vector>

namespace {

using namespace motcua;

std::uint32_t crc32(std::span<const std::uint8_t> bytes) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::uint8_t b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

bool same(const units::unit_set& a, const units::unit_set& b) {
    const auto &sa = a.structure(), &sb = b.structure();
    if (sa.id != sb.id || sa.depth != sb.depth || sa.valid_from != sb.valid_from ||
        sa.valid_until != sb.valid_until || a.size() != b.size() || a.root_count() != b.root_count())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const auto &ua = a.units()[k], &ub = b.units()[k];
        if (ua.code != ub.code || ua.name != ub.name || ua.type != ub.type || ua.parent_code != ub.parent_code ||
            ua.level != ub.level)
            return false;
    }
    return true;
}

std::vector<std::uint8_t> encode(const std::vector<units::unit_set>& sets) {
    std::vector<const units::unit_set*> p;
    for (const auto& s : sets) p.push_back(&s);
    return units::encode_asset(p);
}

void check(std::span<const std::uint8_t> bytes) {
    auto decoded = units::decode_asset(bytes);
    if (!decoded) {
        FUZZ_CHECK(decoded.err().code.starts_with("units_"));
        return;
    }
    FUZZ_CHECK(!decoded->empty());
    for (const auto& set : *decoded) {
        FUZZ_CHECK(set.size() > 0);
        for (const auto& u : set.units()) {
            FUZZ_CHECK(set.find(u.code) == &u);
            (void)set.path_to_root(u);
        }
        (void)set.search(set.units()[0].name, 5);
    }
    const auto again = encode(*decoded);
    auto back = units::decode_asset(again);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(back->size() == decoded->size());
    for (std::size_t k = 0; k < back->size(); ++k) FUZZ_CHECK(same((*back)[k], (*decoded)[k]));
    FUZZ_CHECK(encode(*back) == again);
    units::registry r;
    (void)units::load_asset(r, bytes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const std::uint8_t> in(data, size);
    check(in);
    if (size >= 4) {
        std::vector<std::uint8_t> fixed(data, data + size);
        const std::uint32_t crc = crc32(in.first(size - 4));
        for (int k = 0; k < 4; ++k) fixed[size - 4 + k] = std::uint8_t(crc >> (8 * k));
        if (fixed != std::vector<std::uint8_t>(data, data + size)) check(fixed);
    }
    return 0;
}
