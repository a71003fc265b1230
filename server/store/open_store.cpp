// The database URL → a store.
#include "server/store/open_store.hpp"

#include "server/store/postgres_store.hpp"
#include "server/store/sqlite_store.hpp"

namespace motcua::server {

namespace {
error url_invalid() {
    return error{"database_url_invalid",
                 "Địa chỉ cơ sở dữ liệu không hợp lệ: dùng sqlite:/đường/dẫn/tệp.sqlite hoặc "
                 "postgresql://người_dùng@máy:cổng/tên_csdl.",
                 "The database URL is not valid: use sqlite:/path/to/file.sqlite or "
                 "postgresql://user@host:port/database."};
}
} // namespace

result<std::unique_ptr<dossier_store>> open_store(std::string_view url, const std::filesystem::path& data_dir,
                                                  int postgres_connections) {
    auto widen = [](auto r) -> result<std::unique_ptr<dossier_store>> {
        if (!r) return r.err();
        return std::unique_ptr<dossier_store>(std::move(*r));
    };
    if (url.empty() || url == "sqlite:") return widen(sqlite_store::open(data_dir / "motcua.sqlite"));
    if (url.starts_with("sqlite:")) return widen(sqlite_store::open(std::filesystem::path(url.substr(7))));
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return widen(postgres_store::open(std::string(url), postgres_connections));
    return url_invalid();
}

} // namespace motcua::server
