// Checks of the data folder's place and permissions, made once at start.
#include "server/config/data_layout.hpp"

#include <sys/stat.h>

namespace motcua::server {

namespace {

namespace fs = std::filesystem;

// The absolute, symlink-free form of a path that may not exist yet.
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    auto r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p).lexically_normal() : r;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty() && std::next(o) == outer.end()) break; // a trailing separator
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

} // namespace

status keep_apart_from_web_root(const fs::path& web_root, const std::vector<fs::path>& private_paths) {
    if (web_root.empty()) return ok_status();
    const auto root = resolved(web_root);
    for (const auto& p : private_paths) {
        if (p.empty()) continue;
        const auto q = resolved(p);
        if (is_within(q, root) || is_within(root, q))
            return error{"data_in_web_root",
                         "Không khởi động: " + p.string() + " nằm chung với thư mục ứng dụng web " +
                             web_root.string() + ". Khoá và dữ liệu phải ở ngoài thư mục được phục vụ.",
                         "Not starting: " + p.string() + " overlaps the web root " + web_root.string() +
                             ". The key and the data must live outside the folder that is served."};
    }
    return ok_status();
}

status prepare_data_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return error{"data_dir", "Không tạo được thư mục dữ liệu " + dir.string() + ".",
                     "Cannot create the data folder " + dir.string() + "."};
    if ((st.st_mode & 077) != 0 && ::chmod(dir.c_str(), st.st_mode & 0700) != 0)
        return error{"data_dir", "Không giới hạn được quyền của thư mục dữ liệu " + dir.string() + ".",
                     "Cannot restrict the data folder " + dir.string() + " to its owner."};
    return ok_status();
}

} // namespace motcua::server
