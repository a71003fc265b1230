// Indexing the web root once: an allow-list of names and types, read into memory, with the
// precompressed copies the build made beside each file.
#include "server/api/static_site.hpp"

#include "shared/crypto/signing.hpp"
#include "shared/encoding/base64.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>

namespace motcua::server {

namespace {

error index_error(const std::string& vi, const std::string& en) { return error{"web_root_invalid", vi, en}; }

bool segment_char(char c, bool first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
        return true;
    return c == '.' && !first;
}

std::string etag_of(std::string_view body, std::string_view suffix) {
    auto h = crypto::hash({reinterpret_cast<const std::uint8_t*>(body.data()), body.size()});
    return "\"" + encoding::to_hex(std::span<const std::uint8_t>(h.data(), 16)) + std::string(suffix) + "\"";
}

// The whole file, opened without following a symlink and only if it is a regular file, so a
// name swapped for a link between the walk and the read is refused too.
std::optional<std::string> read_regular_file(const std::filesystem::path& p, std::size_t max_bytes) {
    int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<std::string> out;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && std::size_t(st.st_size) <= max_bytes) {
        std::string body(std::size_t(st.st_size), '\0');
        std::size_t got = 0;
        while (got < body.size()) {
            auto n = ::read(fd, body.data() + got, body.size() - got);
            if (n <= 0) break;
            got += std::size_t(n);
        }
        if (got == body.size()) out = std::move(body);
    }
    ::close(fd);
    return out;
}

std::string_view extension(std::string_view name) {
    auto slash = name.rfind('/');
    auto base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    auto dot = base.rfind('.');
    return dot == std::string_view::npos ? std::string_view{} : base.substr(dot);
}

} // namespace

std::string_view static_mime_type(std::string_view name) {
    struct entry {
        std::string_view ext, type;
    };
    // The types the app is made of; anything else in the folder is never served.
    static constexpr entry table[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"}, // the browser stream-compiles only this type
        {".json", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
        {".data", "application/octet-stream"},
        {".txt", "text/plain; charset=utf-8"},
    };
    auto ext = extension(name);
    for (const auto& e : table)
        if (e.ext == ext) return e.type;
    return {};
}

bool servable_name(std::string_view name, const static_site_limits& limits) {
    if (name.empty() || name.size() > limits.max_name_length) return false;
    std::size_t depth = 0;
    std::size_t start = 0;
    while (start <= name.size()) {
        auto end = name.find('/', start);
        if (end == std::string_view::npos) end = name.size();
        auto seg = name.substr(start, end - start);
        if (seg.empty() || ++depth > limits.max_depth) return false;
        for (std::size_t i = 0; i < seg.size(); ++i)
            if (!segment_char(seg[i], i == 0)) return false;
        start = end + 1;
    }
    auto ext = extension(name);
    if (ext == ".gz" || ext == ".br") return !static_mime_type(name.substr(0, name.size() - 3)).empty();
    return !static_mime_type(name).empty();
}

bool content_hashed_name(std::string_view name) {
    // name.<8 to 64 lowercase hex digits>.ext, as the build names versioned files.
    auto slash = name.rfind('/');
    auto base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    auto last = base.rfind('.');
    if (last == std::string_view::npos || last == 0) return false;
    auto before = base.substr(0, last);
    auto dot = before.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    auto hash = before.substr(dot + 1);
    if (hash.size() < 8 || hash.size() > 64) return false;
    return std::all_of(hash.begin(), hash.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<std::string> percent_decode_once(std::string_view path) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '%') {
            out += path[i];
            continue;
        }
        if (i + 2 >= path.size()) return std::nullopt;
        int hi = hex(path[i + 1]), lo = hex(path[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += char(hi * 16 + lo);
        i += 2;
    }
    return out;
}

result<static_site> static_site::assemble(std::map<std::string, std::string> files, std::vector<std::string> skipped,
                                          const static_site_limits& limits) {
    if (files.size() > limits.max_files)
        return index_error("Thư mục ứng dụng web có quá nhiều tệp (" + std::to_string(files.size()) + ").",
                           "The web root holds too many files (" + std::to_string(files.size()) + ", at most " +
                               std::to_string(limits.max_files) + ").");
    static_site site;
    std::map<std::string, std::string> gz, br;
    for (auto it = files.begin(); it != files.end();) {
        auto ext = extension(it->first);
        auto base = it->first.substr(0, it->first.size() - ext.size());
        const bool copy = ext == ".gz" || ext == ".br";
        if (!servable_name(it->first, limits) || (copy && !files.count(base))) {
            skipped.push_back(it->first); // a name outside the rule, or a copy with no original
            it = files.erase(it);
        } else if (copy) {
            (ext == ".gz" ? gz : br)[base] = std::move(it->second);
            it = files.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& file : files) {
        // Named references, not a structured binding: clang 14 (the fuzz build) cannot capture one.
        const std::string& name = file.first;
        std::string& body = file.second;
        static_entry e;
        e.content_type = std::string(static_mime_type(name));
        e.cache_control = content_hashed_name(name) ? "public, max-age=31536000, immutable" : "no-cache";
        e.identity.etag = etag_of(body, "");
        const std::string tag = e.identity.etag.substr(1, e.identity.etag.size() - 2);
        // A compressed copy is used only when it saves bytes; its ETag differs from the
        // original's, as a strong validator of other bytes must.
        auto attach = [&](std::map<std::string, std::string>& copies, std::optional<static_variant>& slot,
                          const char* suffix) {
            auto it = copies.find(name);
            if (it == copies.end() || it->second.size() >= body.size()) return;
            site.total_bytes_ += it->second.size();
            slot = static_variant{std::move(it->second), "\"" + tag + suffix + "\""};
        };
        attach(gz, e.gzip, "-gz");
        attach(br, e.brotli, "-br");
        site.total_bytes_ += body.size();
        e.identity.body = std::move(body);
        site.entries_.emplace("/" + name, std::move(e));
    }
    if (site.total_bytes_ > limits.max_total_bytes)
        return index_error("Thư mục ứng dụng web quá lớn.", "The web root is larger than " +
                                                               std::to_string(limits.max_total_bytes) + " bytes.");
    std::sort(skipped.begin(), skipped.end());
    site.skipped_ = std::move(skipped);
    return site;
}

result<static_site> static_site::from_files(const std::vector<std::pair<std::string, std::string>>& files,
                                            static_site_limits limits) {
    std::map<std::string, std::string> named;
    std::vector<std::string> skipped;
    for (const auto& [name, body] : files)
        if (!named.emplace(name, body).second) skipped.push_back(name);
    return assemble(std::move(named), std::move(skipped), limits);
}

result<static_site> static_site::index(const std::filesystem::path& root, static_site_limits limits) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto base = fs::canonical(root, ec);
    if (ec || !fs::is_directory(base, ec))
        return index_error("Không mở được thư mục ứng dụng web " + root.string() + ".",
                           "Cannot open the web root " + root.string() + ".");
    std::map<std::string, std::string> files;
    std::map<std::string, fs::file_time_type> times;
    std::vector<std::string> skipped;
    std::size_t bytes = 0;
    // Directory links are not followed (the iterator's default); file links are skipped below.
    fs::recursive_directory_iterator it(base, fs::directory_options::none, ec), end;
    if (ec) return index_error("Không đọc được thư mục ứng dụng web.", "Cannot list the web root: " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) return index_error("Không đọc được thư mục ứng dụng web.", "Cannot list the web root: " + ec.message());
        const auto rel = it->path().lexically_relative(base).generic_string();
        const auto kind = it->symlink_status(ec).type();
        if (kind == fs::file_type::directory) {
            // Hidden and oddly named folders are not walked at all.
            if (!servable_name(rel + "/x.txt", limits)) {
                skipped.push_back(rel + "/");
                it.disable_recursion_pending();
            }
            continue;
        }
        if (kind != fs::file_type::regular || !servable_name(rel, limits)) {
            skipped.push_back(rel);
            continue;
        }
        if (files.size() >= limits.max_files)
            return index_error("Thư mục ứng dụng web có quá nhiều tệp.",
                               "The web root holds more than " + std::to_string(limits.max_files) + " files.");
        auto body = read_regular_file(it->path(), limits.max_total_bytes - bytes);
        if (!body)
            return index_error("Không đọc được tệp " + rel + " của ứng dụng web.",
                               "Cannot read " + rel + " in the web root (or the web root is too large).");
        bytes += body->size();
        files.emplace(rel, std::move(*body));
        times.emplace(rel, it->last_write_time(ec));
    }
    // A compressed copy older than its file was made from other bytes: leave it out, so the file
    // is sent as it is rather than stale.
    for (auto f = files.begin(); f != files.end();) {
        auto ext = extension(f->first);
        auto base = times.find(f->first.substr(0, f->first.size() - ext.size()));
        if ((ext == ".gz" || ext == ".br") && base != times.end() && times[f->first] < base->second) {
            skipped.push_back(f->first + " (older than its file)");
            f = files.erase(f);
        } else {
            ++f;
        }
    }
    return assemble(std::move(files), std::move(skipped), limits);
}

const static_entry* static_site::find(std::string_view target_path) const {
    auto decoded = percent_decode_once(target_path);
    if (!decoded) return nullptr;
    auto it = entries_.find(*decoded == "/" ? std::string("/index.html") : *decoded);
    return it == entries_.end() ? nullptr : &it->second;
}

std::vector<std::string> static_site::names() const {
    std::vector<std::string> out;
    for (const auto& [name, e] : entries_) out.push_back(name);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace motcua::server
