// Decoding a gzip answer in tests, with zlib (the server's compressed copies must be the file).
#pragma once

#include <zlib.h>

#include <string>
#include <string_view>

namespace motcua::testing {

// The data of a gzip stream; empty if it is not one.
inline std::string gunzip(std::string_view gz) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return {};
    std::string out;
    char buf[1 << 15];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    z.avail_in = uInt(gz.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

} // namespace motcua::testing
