// If-None-Match against a strong ETag, shared by the static files and the reference data.
#pragma once

#include <string_view>

namespace motcua::server {

// Whether an If-None-Match value (a list of tags, or *) names `etag`. The comparison is the weak
// one RFC 9110 asks for here: W/ is ignored.
bool if_none_match_names(std::string_view if_none_match, std::string_view etag);

} // namespace motcua::server
