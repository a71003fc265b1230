// The built web app, indexed once at start and held in memory: the only files a request can
// name. A request is answered from this manifest or not at all; nothing on disk is opened at
// request time, so no path, however encoded, reaches outside it (issue 11).
#pragma once

#include "shared/core/result.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace motcua::server {

// One way of sending a file's bytes: as they are, or precompressed at build time.
struct static_variant {
    std::string body;
    std::string etag; // strong: "\"<hash>\"" for the bytes as they are, "\"<hash>-gz\"", "\"<hash>-br\""
};

struct static_entry {
    std::string content_type;
    std::string cache_control; // content-hashed names: a year, immutable; others: no-cache
    static_variant identity;
    std::optional<static_variant> gzip;   // name.gz beside the file, when smaller
    std::optional<static_variant> brotli; // name.br beside the file, when smaller
};

// What the index may hold; a web root beyond these refuses to start rather than serve part.
struct static_site_limits {
    std::size_t max_files = 4096;
    std::size_t max_total_bytes = std::size_t(256) << 20;
    std::size_t max_name_length = 200; // bytes of the path below the root
    std::size_t max_depth = 8;
};

class static_site {
  public:
    // Walks `root` once. Indexed: regular files (never through a symlink), every path segment
    // of [A-Za-z0-9_-][A-Za-z0-9._-]*, with an extension the MIME table knows. Everything else
    // (hidden files, symlinks, keys, databases, logs, unknown types) is left out and listed in
    // `skipped()`. `X.gz` and `X.br` are taken as X's precompressed copies, not as names.
    static result<static_site> index(const std::filesystem::path& root, static_site_limits limits = {});
    // A site from names and bytes already in memory (tests, fuzzers): the same rules.
    static result<static_site> from_files(const std::vector<std::pair<std::string, std::string>>& files,
                                          static_site_limits limits = {});

    // The entry for a request path (query already removed), percent-decoded exactly once; "/"
    // is index.html. Null for every other path.
    const static_entry* find(std::string_view target_path) const;

    std::size_t size() const { return entries_.size(); }
    std::size_t total_bytes() const { return total_bytes_; }
    const std::vector<std::string>& skipped() const { return skipped_; }
    std::vector<std::string> names() const;

  private:
    static result<static_site> assemble(std::map<std::string, std::string> files, std::vector<std::string> skipped,
                                        const static_site_limits& limits);
    std::unordered_map<std::string, static_entry> entries_; // "/name" -> entry
    std::size_t total_bytes_ = 0;
    std::vector<std::string> skipped_;
};

// The copy of an entry to send for an Accept-Encoding value: brotli, then gzip, then as is,
// each only if the browser takes it (q > 0). `content_encoding` is set to "br", "gzip" or "".
const static_variant& choose_variant(const static_entry& e, std::string_view accept_encoding,
                                     std::string_view& content_encoding);
// Percent-decodes a path once; nullopt on a malformed escape ("%", "%g1").
std::optional<std::string> percent_decode_once(std::string_view path);
// Whether a relative name is one the index may hold (the segment rule above, and a known type).
bool servable_name(std::string_view relative_name, const static_site_limits& limits = {});
// The MIME type of a name by its extension; empty if the type is not one the site serves.
std::string_view static_mime_type(std::string_view name);
// Whether a name carries its content's hash (app.3f2a9c1d.js): such a file never changes.
bool content_hashed_name(std::string_view name);

} // namespace motcua::server
