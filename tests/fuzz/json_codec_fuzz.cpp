// Fuzzes every JSON decoder of the protocol (shared/protocol/json_codec.hpp) on the same input.
// Invariant: whatever decodes re-encodes to JSON that decodes to an equal value, and that
// encoding is a fixed point. Adding a decoder is one line in `decoders` below.
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/submission_json_reader.hpp"

#include "shared/crypto/signing.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/submission/receipt.hpp"
#include "shared/submission/submission.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <optional>
#include <string>

namespace motcua::fuzz {
namespace {

// Values that have no operator==.
bool same(const submission::signed_submission& a, const submission::signed_submission& b) {
    return a.body == b.body && a.signature == b.signature;
}
bool same(const error& a, const error& b) { return a.code == b.code && a.vi == b.vi && a.en == b.en; }
bool same(const protocol::feed_page& a, const protocol::feed_page& b) {
    return a.entries == b.entries && a.more == b.more;
}
template <class T> bool same(const T& a, const T& b) { return a == b; }

// The encoder that answers a decoder: protocol::to_json by default, or a named function.
struct to_json {
    template <class T> std::string operator()(const T& v) const { return protocol::to_json(v); }
};
template <auto encode_fn> struct with {
    template <class T> std::string operator()(const T& v) const { return encode_fn(v); }
};

// What else must hold of a decoded value, beyond the round trip: checking a signature over any
// bytes answers true or false, never crashes.
void more_checks(const submission::signed_submission& s) {
    (void)submission::verify(s);
    if (!submission::check_well_formed(s.body)) return;
    // A well-formed submission fits the canonical limits: its signed bytes decode back to it.
    auto back = submission::decode_canonical(submission::canonical_bytes(s.body));
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(*back == s.body);
}
void more_checks(const submission::receipt& r) { (void)submission::verify(r); }
void more_checks(const protocol::feed_entry& e) { (void)protocol::verify(e); }
void more_checks(const protocol::feed_page& p) {
    for (const auto& e : p.entries) more_checks(e);
}
void more_checks(const protocol::attachment_state& a) { FUZZ_CHECK(a.received <= a.size); }
template <class T> void more_checks(const T&) {}

template <class T> const T* value_of(const result<T>& r) { return r.ok() ? &*r : nullptr; }
template <class T> const T* value_of(const std::optional<T>& o) { return o ? &*o : nullptr; }

template <auto decode, class Encode = to_json> void round_trip(std::string_view in) {
    auto first = decode(in);
    const auto* v = value_of(first);
    if (!v) return;
    const std::string out = Encode{}(*v);
    auto second = decode(out);
    const auto* w = value_of(second);
    FUZZ_CHECK(w != nullptr);
    FUZZ_CHECK(same(*v, *w));
    FUZZ_CHECK(Encode{}(*w) == out);
    more_checks(*v);
}

// The fast submission reader answers only as the general decoder does: the same value, or the
// same refusal (a key twice, a control character), word for word.
void fast_reader_agrees(std::string_view in) {
    auto fast = protocol::read_submission_json(in);
    if (!fast) return;
    auto general = protocol::submission_from_json_general(in);
    FUZZ_CHECK(fast->ok() == general.ok());
    if (general.ok()) FUZZ_CHECK(same(**fast, *general));
    else FUZZ_CHECK(same(fast->err(), general.err()));
}

// Every *_from_json of json_codec.hpp, one line each (with its encoder unless it is to_json).
constexpr void (*decoders[])(std::string_view) = {
    round_trip<protocol::submission_from_json>,
    round_trip<protocol::submission_from_json_general>,
    fast_reader_agrees,
    round_trip<protocol::receipt_from_json>,
    round_trip<protocol::error_from_json, with<protocol::error_to_json>>,
    round_trip<protocol::attachment_list_from_json, with<protocol::attachment_list_to_json>>,
    round_trip<protocol::device_registration_from_json, with<protocol::device_registration_json>>,
    round_trip<protocol::device_registered_from_json>,
    round_trip<protocol::attachment_announce_from_json, with<protocol::attachment_announce_json>>,
    round_trip<protocol::attachment_state_from_json>,
    round_trip<protocol::feed_entry_from_json>,
    round_trip<protocol::feed_page_from_json>,
};

} // namespace
} // namespace motcua::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    motcua::crypto::init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = motcua::fuzz::as_text(data, size);
    for (auto decoder : motcua::fuzz::decoders) decoder(text);
    return 0;
}
