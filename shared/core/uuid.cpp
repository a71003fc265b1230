// UUID formatting and strict parsing.
#include "shared/core/uuid.hpp"

namespace motcua {

uuid uuid_v4_from_random(std::array<std::uint8_t, 16> random) {
    random[6] = (random[6] & 0x0f) | 0x40; // version 4
    random[8] = (random[8] & 0x3f) | 0x80; // RFC 4122 variant
    return uuid{random};
}

uuid uuid_v7(std::int64_t unix_ms, std::array<std::uint8_t, 16> random) {
    const auto ms = std::uint64_t(unix_ms < 0 ? 0 : unix_ms);
    for (int i = 0; i < 6; ++i) random[i] = std::uint8_t(ms >> (8 * (5 - i))); // 48 bits, big-endian
    random[6] = (random[6] & 0x0f) | 0x70; // version 7
    random[8] = (random[8] & 0x3f) | 0x80; // RFC 9562 variant
    return uuid{random};
}

std::string to_string(const uuid& id) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(hex[id.bytes[i] >> 4]);
        out.push_back(hex[id.bytes[i] & 0x0f]);
    }
    return out;
}

std::optional<uuid> parse_uuid(std::string_view text) {
    if (text.size() != 36) return std::nullopt;
    uuid id;
    int nibble = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return std::nullopt;
            continue;
        }
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else return std::nullopt;
        auto& byte = id.bytes[nibble / 2];
        byte = (nibble % 2 == 0) ? std::uint8_t(v << 4) : std::uint8_t(byte | v);
        ++nibble;
    }
    return id;
}

} // namespace motcua
