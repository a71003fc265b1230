// The client half of the sync contract (docs/protocol.md): registers the device, uploads each
// queued submission's attachments (resuming from what the server holds) and then the
// submission, stores the verified receipt, pulls the signed feed, and refreshes the catalog.
// Failures are sorted into transient (retry with backoff and jitter) and permanent (the item
// waits for the person and never blocks the items behind it). One request at a time: a phone on
// 2G has no bandwidth for more, and the order stays easy to reason about.
#pragma once

#include "client/store/local_store.hpp"
#include "client/sync/transport.hpp"
#include "shared/crypto/key_agreement.hpp"
#include "shared/protocol/attachment_state.hpp"
#include "shared/submission/submission.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motcua::client {

struct backoff_policy {
    std::int64_t first_ms = 2000;
    std::int64_t cap_ms = 180000;          // a few minutes at most between tries
    std::int64_t feed_first_ms = 60000;    // the feed is pulled every minute while things move …
    std::int64_t feed_cap_ms = 15 * 60000; // … and less often, up to 15 min, while nothing does
};

// What the UI shows while sending: "Đang gửi tệp đính kèm: 45%".
struct sync_progress {
    std::string item_id;           // the submission being sent, "" when none
    std::uint64_t bytes_sent = 0;  // of its attachments, as the server confirmed them
    std::uint64_t bytes_total = 0;
};

class sync_engine {
  public:
    sync_engine(local_store& store, transport& net, crypto::key_pair device, std::function<std::int64_t()> now_ms,
                std::function<std::uint32_t()> random, backoff_policy policy = {});

    // Cheap; called every frame. Starts the next step when online and nothing is in flight.
    void tick(bool online);
    // "Đồng bộ ngay", the browser's online event, app start: every queued item, the feed and
    // the catalog are due now.
    void sync_now();
    bool busy() const { return in_flight_; }
    // Nothing queued, nothing in flight: every submission has its receipt or waits for the person.
    bool idle_and_done();
    // Changes whenever an item, the feed or the catalog changes, so the UI knows when to reload.
    std::uint64_t generation() const { return generation_; }
    const sync_progress& progress() const { return progress_; }
    // A problem that is not any one item's (e.g. the server's key changed), or nullopt.
    const std::optional<error>& problem() const { return problem_; }

    // The wait before try number `attempts` + 1: exponential, capped, half of it random.
    static std::int64_t backoff_ms(int attempts, std::uint32_t random, const backoff_policy& p);

  private:
    struct upload {
        submission::attachment_ref ref;
        std::optional<protocol::attachment_state> state; // what the server said it holds
    };
    struct item_in_progress {
        outbox_item item;
        std::vector<upload> uploads;
        int repairs = 0; // re-asks after offset mismatches or missing attachments
    };
    using reply_handler = void (sync_engine::*)(const http_reply&);

    void send_signed(std::string method, std::string target, std::string content_type, std::string body,
                     reply_handler then);
    void send_plain(http_request_out request, reply_handler then);
    void begin_item(const outbox_item& item);
    void next_item_step();
    void register_device();
    void pull_feed();
    void fetch_catalog();

    void on_registered(const http_reply& reply);
    void on_attachment_state(const http_reply& reply);
    void on_receipt(const http_reply& reply);
    void on_feed(const http_reply& reply);
    void on_catalog(const http_reply& reply);

    // Answers every step shares: repair and resend, or nullopt when the caller must decide.
    bool repaired(const http_reply& reply);
    void retry_item(const error& why, std::int64_t at_least_ms = 0);
    void fail_item(const error& why);
    void schedule_feed(bool something_new);
    void update_progress();
    std::int64_t server_time_now() const;
    // The key for MAC'd requests: once registered and the server's key is pinned (derived once).
    const crypto::mac_key* request_mac_key();

    local_store& store_;
    transport& net_;
    crypto::key_pair device_;
    std::optional<std::pair<crypto::public_key, crypto::mac_key>> mac_key_; // server key, shared key
    bool last_sent_mac_ = false;
    // The server refused a MAC (it holds another key than the one pinned): sign from then on, so
    // the receipt check can say what happened (server_key_changed) instead of a bare refusal.
    bool mac_refused_ = false;
    std::function<std::int64_t()> now_ms_;
    std::function<std::uint32_t()> random_;
    backoff_policy policy_;

    bool in_flight_ = false;
    bool registered_ = false;
    std::int64_t register_due_ms_ = 0;
    int register_failures_ = 0;
    int stale_repairs_ = 0;
    std::int64_t clock_offset_s_ = 0; // server clock minus device clock, learnt from Date
    std::optional<item_in_progress> current_;
    std::int64_t feed_due_ms_ = 0;
    std::int64_t feed_interval_ms_ = 0;
    int feed_failures_ = 0;
    bool catalog_due_ = true;
    std::uint64_t generation_ = 0;
    sync_progress progress_;
    std::optional<error> problem_;
};

} // namespace motcua::client
