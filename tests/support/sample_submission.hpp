// Test data: a valid, signed birth registration from a fixed device key.
#pragma once

#include "shared/core/uuid.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/submission/submission.hpp"

#include <string>

namespace motcua::testing {

inline crypto::key_pair device_keys(std::uint8_t which = 1) {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(which);
    return crypto::key_pair_from_seed(seed);
}

inline uuid numbered_uuid(unsigned n) {
    std::array<std::uint8_t, 16> r{};
    for (int i = 0; i < 4; ++i) r[15 - i] = std::uint8_t(n >> (8 * i));
    r[0] = 0x5a;
    return uuid_v4_from_random(r);
}

inline submission::signed_submission signed_birth_registration(unsigned n = 1, std::uint8_t device = 1) {
    auto kp = device_keys(device);
    submission::submission s;
    s.id = numbered_uuid(n);
    s.device_key = kp.pk;
    s.procedure = "1.001193";
    s.form_version = 1;
    s.agency = "000.00.10.H26";
    s.created_at = 1795506600;
    s.values = {{"requester_name", "Nguyễn Văn Đức"},
                {"child_name", "Nguyễn Thị Mai Anh"},
                {"child_birth_date", "2026-11-20"},
                {"child_sex", "nu"},
                {"birth_place", "Bệnh viện Phụ sản Hà Nội"}};
    return submission::sign(std::move(s), kp.sk);
}

} // namespace motcua::testing
