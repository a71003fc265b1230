// gzip (RFC 1952) of data made once at start, such as the reference files: zlib at level 9.
#pragma once

#include <string>
#include <string_view>

namespace motcua::server {

// The gzip stream of `data`; empty only if zlib fails (out of memory).
std::string gzip_compress(std::string_view data);

} // namespace motcua::server
