// The embedded default store: one SQLite file in WAL mode, synchronous=FULL, so an answered
// submission survives a crash or a power cut. One connection writes (under a mutex; SQLite has
// one writer anyway), a second one reads, so reads do not wait behind a commit's fsync (":memory:",
// for fuzzers, has one connection for both).
#pragma once

#include "server/store/dossier_store.hpp"
#include "shared/sqlite/sqlite.hpp"

#include <filesystem>
#include <memory>
#include <mutex>

namespace motcua::server {

class sqlite_store final : public dossier_store {
  public:
    static result<std::unique_ptr<sqlite_store>> open(const std::filesystem::path& file);
    ~sqlite_store() override;

    // For each new dossier the store fills in the received entry's device key, submission id,
    // dossier code and cursor (and status 2, document "receipt", `at` = the receipt's time when
    // left empty) before it asks `sign_entry` to sign it.
    std::vector<result<put_result>> put_batch(std::span<const put_request> batch) override;
    std::optional<submission::receipt> find_receipt(const uuid& id) override;
    std::int64_t count_dossiers() override;
    std::optional<submission::signed_submission> find_submission(const uuid& id) override;

    result<bool> register_device(const crypto::public_key& device, std::int64_t at) override;
    result<bool> device_known(const crypto::public_key& device) override;

    result<protocol::attachment_state> begin_attachment(const crypto::digest& hash, std::uint64_t size,
                                                        const std::string& media_type) override;
    result<std::optional<protocol::attachment_state>> attachment(const crypto::digest& hash) override;
    result<append_result> append_attachment(const crypto::digest& hash, std::uint64_t offset,
                                            std::span<const std::uint8_t> bytes) override;
    result<std::optional<encoding::bytes>> read_attachment(const crypto::digest& hash) override;

    result<protocol::feed_entry> append_feed(const uuid& submission, int status, std::int64_t at,
                                             const std::string& document, const std::string& note_vi,
                                             const std::string& note_en, const feed_signer& sign) override;
    result<std::vector<protocol::feed_entry>> feed_after(const crypto::public_key& device, std::int64_t after,
                                                         std::size_t limit) override;

  private:
    struct write_statements;
    struct item_result;
    sqlite_store(sqlite::database writer, sqlite::database reader, std::unique_ptr<write_statements> st);
    item_result put_one(const put_request& r);
    result<std::int64_t> next_cursor(const crypto::public_key& device);

    std::mutex write_mutex_;
    sqlite::database write_;
    std::unique_ptr<write_statements> st_; // prepared on write_, used under write_mutex_
    sqlite::database reader_;
    std::mutex reader_mutex_;
    sqlite::database& read_;   // reader_, or write_ for ":memory:"
    std::mutex& read_mutex_;
};

} // namespace motcua::server
