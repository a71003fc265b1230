// The embedded default store: one SQLite file in WAL mode, synchronous=FULL, so an answered
// submission survives a crash or a power cut. One connection writes (under a mutex; SQLite has
// one writer anyway), a second one reads, so reads do not wait behind a commit's fsync (":memory:",
// for fuzzers, has one connection for both). A third connection, on a thread of its own, copies
// the WAL back into the database file (checkpoints), so a commit never waits for that.
#pragma once

#include "server/store/dossier_store.hpp"
#include "shared/sqlite/sqlite.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>

namespace motcua::server {

struct sqlite_options {
    // The background thread checkpoints (PASSIVE: never waits for a reader or the writer) once
    // this many pages have been committed to the WAL since its last checkpoint (an eighth of it
    // near the WAL's bound, so that the committer's checkpoint there finds little left to copy).
    std::int64_t checkpoint_pages = 4000;
    // The WAL's bound: when it holds this many pages (the background checkpoints fell behind,
    // or readers kept it from starting over), the committing thread checkpoints itself, waiting
    // (RESTART), so that the next commit writes the WAL from its start again.
    std::int64_t wal_limit_pages = 16000;
    bool background_checkpoints = true; // false: only the committer's (for tests)
    // The writer's WAL writes gathered into one write per commit (server/store/sqlite_wal_buffer.hpp).
    bool gather_wal_writes = true;
};

struct checkpoint_counts {
    std::int64_t background = 0; // run by the background thread
    std::int64_t blocking = 0;   // run by a committing thread at the WAL's bound
};

class sqlite_store final : public dossier_store {
  public:
    static result<std::unique_ptr<sqlite_store>> open(const std::filesystem::path& file,
                                                      const sqlite_options& options = {});
    ~sqlite_store() override; // a last checkpoint, then the connections close

    // For each new dossier the store fills in the received entry's device key, submission id,
    // dossier code and cursor (and status 2, document "receipt", `at` = the receipt's time when
    // left empty), and stores it unsigned, as the receipt.
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
                                             const std::string& note_en) override;
    result<std::vector<protocol::feed_entry>> feed_after(const crypto::public_key& device, std::int64_t after,
                                                         std::size_t limit) override;

    // How many checkpoints were run, and by whom (for tests and benchmarks).
    checkpoint_counts checkpoints() const;

  private:
    struct write_statements;
    struct item_result;
    class checkpointer;
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
    std::unique_ptr<checkpointer> checkpointer_; // null for ":memory:"
};

} // namespace motcua::server
