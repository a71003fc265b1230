// What the client asked for, in the headers that choose an answer: If-None-Match against a strong
// ETag, and the q-value of a content coding in Accept-Encoding. Shared by the static files and
// the reference data.
#pragma once

#include <string_view>

namespace motcua::server {

// Whether an If-None-Match value (a list of tags, or *) names `etag`. The comparison is the weak
// one RFC 9110 asks for here: W/ is ignored.
bool if_none_match_names(std::string_view if_none_match, std::string_view etag);

// The q-value Accept-Encoding gives `coding` (lowercase; "gzip" also matches x-gzip): its own,
// else *'s, else 0 (RFC 9110 12.5.3). Unreadable q-values count as 0, the safe side.
double accepted_q(std::string_view accept_encoding, std::string_view coding);

} // namespace motcua::server
