// RAII over sqlite3 / sqlite3_stmt.
#include "shared/sqlite/sqlite.hpp"

#include <sqlite3.h>

namespace motcua::sqlite {

statement& statement::operator=(statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(s_);
        s_ = o.s_;
        rc_ok_ = o.rc_ok_;
        o.s_ = nullptr;
    }
    return *this;
}

statement::~statement() { sqlite3_finalize(s_); }

statement& statement::bind(int index, std::int64_t v) {
    rc_ok_ = rc_ok_ && sqlite3_bind_int64(s_, index, v) == SQLITE_OK;
    return *this;
}

statement& statement::bind(int index, std::string_view text) {
    rc_ok_ = rc_ok_ && sqlite3_bind_text(s_, index, text.data(), int(text.size()), SQLITE_TRANSIENT) == SQLITE_OK;
    return *this;
}

statement& statement::bind_blob(int index, std::span<const std::uint8_t> blob) {
    // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
    static const std::uint8_t empty = 0;
    rc_ok_ = rc_ok_ && sqlite3_bind_blob(s_, index, blob.empty() ? &empty : blob.data(),
                                         int(blob.size()), SQLITE_TRANSIENT) == SQLITE_OK;
    return *this;
}

statement& statement::bind_null(int index) {
    rc_ok_ = rc_ok_ && sqlite3_bind_null(s_, index) == SQLITE_OK;
    return *this;
}

bool statement::step() {
    if (!rc_ok_) return false;
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) rc_ok_ = false;
    return false;
}

void statement::reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    rc_ok_ = true;
}

std::int64_t statement::column_int64(int col) const { return sqlite3_column_int64(s_, col); }

std::string statement::column_text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), std::size_t(sqlite3_column_bytes(s_, col)))
             : std::string();
}

std::vector<std::uint8_t> statement::column_blob(int col) const {
    auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s_, col));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(s_, col)) : std::vector<std::uint8_t>();
}

bool statement::column_is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

database& database::operator=(database&& o) noexcept {
    if (this != &o) {
        sqlite3_close_v2(db_);
        db_ = o.db_;
        o.db_ = nullptr;
    }
    return *this;
}

database::~database() { sqlite3_close_v2(db_); }

result<database> database::open(const std::string& path, const char* vfs) {
    database db;
    int rc = sqlite3_open_v2(path.c_str(), &db.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
    if (rc != SQLITE_OK) return storage_error(db.db_ ? sqlite3_errmsg(db.db_) : "open failed");
    sqlite3_busy_timeout(db.db_, 5000);
    return db;
}

status database::exec(std::string_view sql) {
    std::string s(sql);
    char* msg = nullptr;
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string detail = msg ? msg : "exec failed";
        sqlite3_free(msg);
        return storage_error(detail);
    }
    return ok_status();
}

result<statement> database::prepare(std::string_view sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), int(sql.size()), &s, nullptr) != SQLITE_OK)
        return storage_error(sqlite3_errmsg(db_));
    return statement(s);
}

std::int64_t database::changes() const { return sqlite3_changes(db_); }

std::string database::last_error() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

transaction::~transaction() {
    if (open_) db_.exec("ROLLBACK");
}

status transaction::begin(std::string_view how) {
    auto st = db_.exec(how);
    open_ = st.ok();
    return st;
}

status transaction::commit() {
    auto st = db_.exec("COMMIT");
    open_ = !st.ok();
    return st;
}

error storage_error(std::string_view detail) {
    return error{"storage_error", "Lỗi khi ghi hoặc đọc dữ liệu lưu trữ.",
                 "Reading or writing stored data failed (" + std::string(detail) + ")."};
}

} // namespace motcua::sqlite
