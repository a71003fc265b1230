// One-shot gzip through zlib's deflate with a gzip wrapper (windowBits 15 + 16).
#include "server/api/gzip.hpp"

#include <zlib.h>

namespace motcua::server {

std::string gzip_compress(std::string_view data) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, uLong(data.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const auto n = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return {};
    out.resize(n);
    return out;
}

} // namespace motcua::server
