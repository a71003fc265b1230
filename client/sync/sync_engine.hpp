// The outbox's pump: sends queued submissions one at a time when online, stores the verified
// receipt, and sorts failures into transient (retry with backoff and jitter) and permanent
// (the item waits for the person, and never blocks the items behind it).
#pragma once

#include "client/store/local_store.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace motcua::client {

// status 0 means the request never got an answer (offline, reset, timeout).
struct http_reply {
    int status = 0;
    std::string body;
};

// How the engine reaches the server; the browser's fetch in the app, a stand-in in tests.
class transport {
  public:
    virtual ~transport() = default;
    virtual void put_json(const std::string& path, const std::string& body,
                          std::function<void(http_reply)> done) = 0;
};

struct backoff_policy {
    std::int64_t first_ms = 2000;
    std::int64_t cap_ms = 180000; // a few minutes at most between tries
};

class sync_engine {
  public:
    sync_engine(local_store& store, transport& net, std::function<std::int64_t()> now_ms,
                std::function<std::uint32_t()> random, backoff_policy policy = {});

    // Cheap; called every frame. Starts the next due upload when online and idle.
    void tick(bool online);
    // "Đồng bộ ngay", the browser's online event, app start: try every queued item now.
    void sync_now();
    bool busy() const { return in_flight_; }
    // Changes whenever an item's state changes, so the UI knows when to reload its list.
    std::uint64_t generation() const { return generation_; }

    // The wait before try number `attempts` + 1: exponential, capped, with jitter.
    static std::int64_t backoff_ms(int attempts, std::uint32_t random, const backoff_policy& p);

  private:
    void on_reply(const outbox_item& item, const http_reply& reply);

    local_store& store_;
    transport& net_;
    std::function<std::int64_t()> now_ms_;
    std::function<std::uint32_t()> random_;
    backoff_policy policy_;
    bool in_flight_ = false;
    std::uint64_t generation_ = 0;
};

} // namespace motcua::client
