// Group commit: submissions that arrive while a batch is being committed wait together and go
// to disk in the next batch, one transaction and one fsync for all of them. Each is answered
// only after the batch holding it has committed.
#pragma once

#include "server/store/dossier_store.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace motcua::server {

struct group_commit_options {
    std::size_t max_batch = 512;
    // Committer threads; for PostgreSQL, up to the pool's connections. Each thread has a lane of
    // its own and an agency's submissions always take the same lane, so two batches of one
    // server never wait on each other's dossier sequence rows.
    int threads = 1;
    // Hands each batch's answers to another thread, so that a committer thread does nothing but
    // database work (the answers sign, format JSON, log and count). The server posts them onto
    // its I/O threads; empty: `done` is called on the committer thread (tests, benchmarks).
    std::function<void(std::function<void()>)> post = {};
};

struct group_commit_stats {
    std::int64_t batches = 0;
    std::int64_t requests = 0;
    std::size_t largest_batch = 0;
};

class group_committer {
  public:
    using done_fn = std::function<void(result<put_result>)>;

    group_committer(dossier_store& store, group_commit_options options = {});
    ~group_committer(); // stop()
    group_committer(const group_committer&) = delete;
    group_committer& operator=(const group_committer&) = delete;

    // Queues a submission; `done` is called once its batch has committed (or failed): through
    // options.post, or on a committer thread without one. After stop(), `done` is called at once,
    // on this thread, with server_busy.
    void submit(put_request r, done_fn done);
    // Commits everything already queued, then ends the threads. Safe to call twice.
    void stop();

    group_commit_stats stats() const;

  private:
    // First come, first committed: the lane's thread takes everything waiting (up to max_batch).
    struct lane {
        std::deque<put_request> requests;
        std::deque<done_fn> dones;
        std::condition_variable wake;
    };
    // A batch taken from a lane, and what the store answered.
    struct batch {
        std::vector<put_request> requests;
        std::vector<done_fn> dones;
        std::vector<result<put_result>> results;
        void answer(std::size_t from, std::size_t to); // calls each done in [from, to) with its result, in order
    };
    void run(lane& l);

    dossier_store& store_;
    const group_commit_options options_;
    mutable std::mutex m_;
    std::vector<std::unique_ptr<lane>> lanes_;
    bool stopping_ = false;
    group_commit_stats stats_;
    std::vector<std::thread> threads_;
};

} // namespace motcua::server
