// Reading and creating the server key file: the 32-byte seed, nothing else.
#include "server/keys/key_file.hpp"

#include "server/log/log.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace motcua::server {

namespace {
error key_error(const std::string& what) {
    return error{"server_key", "Không đọc hoặc tạo được khoá của máy chủ.",
                 "Cannot read or create the server key: " + what};
}
} // namespace

result<crypto::key_pair> load_or_create_key(const std::filesystem::path& file) {
    crypto::key_seed seed{};
    if (std::filesystem::exists(file)) {
        // A key others can read is a key others may have: tighten it, and say so.
        struct stat st {};
        if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
            if (::chmod(file.c_str(), 0600) != 0) return key_error("cannot restrict " + file.string() + " to 0600");
            char mode[8];
            std::snprintf(mode, sizeof mode, "%03o", unsigned(st.st_mode & 0777));
            log::warn("server_key_permissions_tightened", {{"mode_was", mode}});
        }
        std::ifstream in(file, std::ios::binary);
        in.read(reinterpret_cast<char*>(seed.data()), seed.size());
        if (in.gcount() != std::streamsize(seed.size()) || in.peek() != EOF)
            return key_error(file.string() + " is not a 32-byte key file");
        return crypto::key_pair_from_seed(seed);
    }
    randombytes_buf(seed.data(), seed.size());
    // Written to a temporary name with 0600, then renamed: a crash leaves no half key.
    auto tmp = file;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return key_error("cannot create " + tmp.string());
    bool ok = ::write(fd, seed.data(), seed.size()) == ssize_t(seed.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return key_error("cannot write " + tmp.string());
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec) return key_error(ec.message());
    auto kp = crypto::key_pair_from_seed(seed);
    sodium_memzero(seed.data(), seed.size());
    return kp;
}

} // namespace motcua::server
