// Fuzzes the strict decoder of a submission's canonical bytes (shared/submission/submission.hpp),
// the bytes a signature covers. Invariants: what decodes is exactly what canonical_bytes()
// writes for it, and a well-formed one travels through the JSON codec unchanged.
#include "shared/protocol/json_codec.hpp"
#include "shared/submission/submission.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    motcua::crypto::init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace motcua;
    auto decoded = submission::decode_canonical(std::span<const std::uint8_t>(data, size));
    if (!decoded) return 0;
    const auto& s = *decoded;
    // Strict: one value has one encoding, so the input is the encoding.
    FUZZ_CHECK(submission::canonical_bytes(s) == encoding::bytes(data, data + size));
    if (!submission::check_well_formed(s)) return 0;
    submission::signed_submission signed_s{s, {}};
    signed_s.signature.fill(0x5a);
    (void)submission::verify(signed_s);
    auto via_json = protocol::submission_from_json(protocol::to_json(signed_s));
    FUZZ_CHECK(via_json.ok());
    static const bool known = fuzz::known("wellformed_json");
    if (!known) FUZZ_CHECK(via_json->body == s && via_json->signature == signed_s.signature);
    return 0;
}
