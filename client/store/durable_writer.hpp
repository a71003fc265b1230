// Carries the page VFS's change sets to durable storage one write at a time: while a write is in
// flight, later syncs are merged into one pending set, which goes as soon as the write ends. A
// failed write is merged back under what came after it, so the next write covers both. The
// platform does the writing (one IndexedDB transaction per set) and reports back.
#pragma once

#include "client/store/page_vfs.hpp"

#include <functional>
#include <optional>

namespace motcua::client {

class durable_writer {
  public:
    // `write` starts writing a set; the platform calls written() when it ends.
    explicit durable_writer(std::function<void(const pages::change_set&)> write) : write_(std::move(write)) {}

    // A sync of the database: the blocks changed since the last one.
    void synced(pages::change_set changes);
    // The write in flight ended. Returns true when everything synced so far is durable.
    bool written(bool ok);

    // Writes again what a failed write left, if nothing is being written.
    void retry() {
        if (!in_flight_ && pending_) start();
    }

    bool writing() const { return in_flight_.has_value(); }
    // Nothing synced waits to be written, and nothing is being written.
    bool durable() const { return !in_flight_ && !pending_; }
    int failures() const { return failures_; }

  private:
    void start();

    std::function<void(const pages::change_set&)> write_;
    std::optional<pages::change_set> in_flight_;
    std::optional<pages::change_set> pending_;
    int failures_ = 0; // in a row; reset by a good write
};

} // namespace motcua::client
