// A thin RAII layer over the SQLite C API, used by the client's local store and the server's
// embedded store alike. It keeps SQL visible: no query builder, only ownership and error values.
#pragma once

#include "shared/core/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace motcua::sqlite {

class statement {
  public:
    statement() = default;
    explicit statement(sqlite3_stmt* s) : s_(s) {}
    statement(statement&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
    statement& operator=(statement&& o) noexcept;
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement();

    // Parameters are 1-based, as in SQLite. Each returns *this to chain.
    statement& bind(int index, std::int64_t v);
    statement& bind(int index, std::string_view text);
    statement& bind_blob(int index, std::span<const std::uint8_t> blob);
    statement& bind_null(int index);

    // true: a row is ready; false: done. An error shows in ok() and error().
    bool step();
    void reset();
    bool ok() const { return rc_ok_; }

    std::int64_t column_int64(int col) const;
    std::string column_text(int col) const;
    std::vector<std::uint8_t> column_blob(int col) const;
    bool column_is_null(int col) const;

  private:
    sqlite3_stmt* s_ = nullptr;
    bool rc_ok_ = true;
};

class database {
  public:
    database() = default;
    database(database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    database& operator=(database&& o) noexcept;
    database(const database&) = delete;
    database& operator=(const database&) = delete;
    ~database();

    // `vfs`: a registered SQLite VFS by name; null: the default one.
    static result<database> open(const std::string& path, const char* vfs = nullptr);

    status exec(std::string_view sql);
    result<statement> prepare(std::string_view sql);
    std::int64_t changes() const;
    std::string last_error() const;
    sqlite3* handle() const { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

// Rolls back unless committed, so an early return never leaves a transaction open.
class transaction {
  public:
    explicit transaction(database& db) : db_(db) {}
    ~transaction();
    // "BEGIN IMMEDIATE" takes the write lock at once: no other writer can slip in between
    // a read and the write that depends on it.
    status begin(std::string_view how = "BEGIN IMMEDIATE");
    status commit();

  private:
    database& db_;
    bool open_ = false;
};

// The error a storage failure becomes; SQLite's own message stays in the English text, for support.
error storage_error(std::string_view detail);

} // namespace motcua::sqlite
