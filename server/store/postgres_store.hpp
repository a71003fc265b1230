// The PostgreSQL backend, for several server instances on one database: every uniqueness (the
// submission id, dossier codes, feed cursors) is kept by the database, none in a server's memory.
#pragma once

#include "server/store/dossier_store.hpp"

#include <memory>
#include <string>

namespace motcua::server {

class postgres_store final : public dossier_store {
  public:
    // `url`: a libpq connection URI (postgresql://user@host:port/db). Opens `connections`
    // connections (a pool; a call waits for a free one) and creates the schema if missing.
    static result<std::unique_ptr<postgres_store>> open(const std::string& url, int connections);
    ~postgres_store() override;

    // One transaction per batch; deadlocks and lost races with another instance are retried
    // (the batch is redone from the start). For each new dossier the store fills in the
    // received entry's device key, submission id, dossier code and cursor (and status 2,
    // document "receipt", `at` = the receipt's time when left empty), and stores it unsigned, as
    // the receipt.
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

    // How many times put_batch redid a batch after a deadlock or a lost race (for tests).
    std::int64_t batch_retries() const;

    class pool; // connections, defined in the .cpp

  private:
    explicit postgres_store(std::unique_ptr<pool> p);
    std::unique_ptr<pool> pool_;
};

} // namespace motcua::server
