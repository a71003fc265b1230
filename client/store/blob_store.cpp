// Attached files by content hash, with the changes the platform must make durable.
#include "client/store/blob_store.hpp"

#include "shared/encoding/base64.hpp"

// The folder is the native tools' way to keep files; in the browser the platform keeps them
// (IndexedDB), and std::filesystem would cost the download about as much as the form view.
#ifndef __EMSCRIPTEN__
#include <filesystem>
#include <fstream>
#include <iterator>
#endif

namespace motcua::client {

void blob_changes::merge(blob_changes later) {
    for (const auto& key : later.removed) {
        put.erase(key);
        removed.insert(key);
    }
    for (auto& [key, b] : later.put) {
        removed.erase(key);
        put[key] = std::move(b);
    }
}

std::string blob_store::key_of(const crypto::digest& hash) { return encoding::to_hex(hash); }

#ifndef __EMSCRIPTEN__
namespace {
// A file holds its media type on the first line, then the content.
bool write_file(const std::filesystem::path& path, const stored_file& f) {
    const auto tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << f.media_type << '\n';
        out.write(reinterpret_cast<const char*>(f.content.data()), std::streamsize(f.content.size()));
        if (!out.flush()) return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    return !ec;
}
} // namespace

blob_store blob_store::in_directory(const std::string& dir) {
    blob_store s;
    s.platform_durable_ = false;
    s.dir_ = dir;
    if (dir.empty()) return s;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        crypto::digest d;
        if (!encoding::from_hex(name, d)) continue; // a temporary file a crash left, or not ours
        std::ifstream in(e.path(), std::ios::binary);
        stored_file f;
        if (!std::getline(in, f.media_type)) continue;
        f.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        s.load(name, std::move(f));
    }
    return s;
}
#else
blob_store blob_store::in_directory(const std::string&) {
    blob_store s;
    s.platform_durable_ = false;
    return s;
}
#endif

void blob_store::load(std::string key, stored_file b) {
    const std::size_t n = b.content.size();
    if (blobs_.emplace(std::move(key), std::move(b)).second) bytes_ += n;
}

bool blob_store::put(const crypto::digest& hash, std::string media_type, std::span<const std::uint8_t> content) {
    std::string key = key_of(hash);
    if (blobs_.count(key)) return true; // written once: the same content is the same file
    stored_file b{std::move(media_type), {content.begin(), content.end()}};
#ifndef __EMSCRIPTEN__
    if (!dir_.empty() && !write_file(std::filesystem::path(dir_) / key, b)) return false;
#endif
    bytes_ += b.content.size();
    if (platform_durable_) {
        changes_.removed.erase(key);
        changes_.put[key] = b;
    }
    blobs_.emplace(std::move(key), std::move(b));
    return true;
}

const stored_file* blob_store::get(const crypto::digest& hash) const {
    auto it = blobs_.find(key_of(hash));
    return it == blobs_.end() ? nullptr : &it->second;
}

void blob_store::remove(const std::string& key) {
    auto it = blobs_.find(key);
    if (it == blobs_.end()) return;
    bytes_ -= it->second.content.size();
    blobs_.erase(it);
#ifndef __EMSCRIPTEN__
    if (!dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove(std::filesystem::path(dir_) / key, ec);
    }
#endif
    if (platform_durable_) {
        changes_.put.erase(key);
        changes_.removed.insert(key);
    }
}

std::vector<std::string> blob_store::keys() const {
    std::vector<std::string> out;
    out.reserve(blobs_.size());
    for (const auto& [k, b] : blobs_) out.push_back(k);
    return out;
}

blob_changes blob_store::take_changes() {
    blob_changes out = std::move(changes_);
    changes_ = {};
    return out;
}

} // namespace motcua::client
