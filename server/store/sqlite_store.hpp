// The embedded default store: one SQLite file in WAL mode, synchronous=FULL, so an answered
// submission survives a crash or a power cut.
#pragma once

#include "server/store/dossier_store.hpp"
#include "shared/sqlite/sqlite.hpp"

#include <filesystem>
#include <memory>

namespace motcua::server {

class sqlite_store final : public dossier_store {
  public:
    static result<std::unique_ptr<sqlite_store>> open(const std::filesystem::path& file);

    result<put_result> put_submission(const submission::signed_submission& s,
                                      const encoding::bytes& canonical, civil_date received,
                                      const receipt_maker& make) override;
    std::optional<submission::receipt> find_receipt(const uuid& id) override;
    std::int64_t count_dossiers() override;

  private:
    explicit sqlite_store(sqlite::database db) : db_(std::move(db)) {}
    sqlite::database db_;
};

} // namespace motcua::server
