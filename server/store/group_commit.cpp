// The group committer's threads: take what is queued in their lane, store it as one batch,
// answer each.
#include "server/store/group_commit.hpp"

#include "server/log/log.hpp"
#include "shared/protocol/errors.hpp"

#include <algorithm>
#include <exception>

#include <pthread.h>

namespace motcua::server {

namespace {
// A batch's answers go to the I/O threads in at most this many parts of at least this many.
constexpr std::size_t max_parts = 4;
constexpr std::size_t answers_per_part = 8;

// FNV-1a: the same agency, the same lane, on every run.
std::size_t lane_of(const std::string& agency, std::size_t lanes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : agency) h = (h ^ c) * 1099511628211ull;
    return std::size_t(h % lanes);
}
} // namespace

group_committer::group_committer(dossier_store& store, group_commit_options options)
    : store_(store), options_{std::max<std::size_t>(1, options.max_batch), std::max(1, options.threads),
                              std::move(options.post)} {
    for (int i = 0; i < options_.threads; ++i) lanes_.push_back(std::make_unique<lane>());
    for (auto& l : lanes_)
        threads_.emplace_back([this, &l = *l] {
            pthread_setname_np(pthread_self(), "motcua-commit"); // its CPU shows apart in top and benchmarks
            run(l);
        });
}

group_committer::~group_committer() { stop(); }

void group_committer::submit(put_request r, done_fn done) {
    {
        std::lock_guard lock(m_);
        if (!stopping_) {
            auto& l = *lanes_[lane_of(r.submission.body.agency, lanes_.size())];
            l.requests.push_back(std::move(r));
            l.dones.push_back(std::move(done));
            l.wake.notify_one();
            return;
        }
    }
    done(protocol::make_error(protocol::errors::server_busy));
}

void group_committer::stop() {
    {
        std::lock_guard lock(m_);
        stopping_ = true;
        for (auto& l : lanes_) l->wake.notify_all();
    }
    for (auto& t : threads_)
        if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
}

group_commit_stats group_committer::stats() const {
    std::lock_guard lock(m_);
    return stats_;
}

void group_committer::run(lane& l) {
    for (;;) {
        batch b;
        {
            std::unique_lock lock(m_);
            l.wake.wait(lock, [&] { return stopping_ || !l.requests.empty(); });
            if (l.requests.empty()) return; // stopping, and nothing left to commit
            std::size_t n = std::min(options_.max_batch, l.requests.size());
            b.requests.reserve(n);
            b.dones.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                b.requests.push_back(std::move(l.requests.front()));
                b.dones.push_back(std::move(l.dones.front()));
                l.requests.pop_front();
                l.dones.pop_front();
            }
            ++stats_.batches;
            stats_.requests += std::int64_t(n);
            stats_.largest_batch = std::max(stats_.largest_batch, n);
        }
        try {
            b.results = store_.put_batch(b.requests);
        } catch (const std::exception& e) {
            // Not expected (out of memory): answer rather than end the server.
            log::error("group_commit_failed", {{"detail", e.what()}});
        }
        if (b.results.size() != b.requests.size())
            b.results.assign(b.requests.size(),
                             result<put_result>(protocol::make_error(protocol::errors::server_error)));
        const std::size_t n = b.requests.size();
        if (!options_.post) {
            b.answer(0, n);
            continue;
        }
        // Handed over in a few parts (a few wake-ups, not one per answer), so that every I/O
        // thread signs receipts at once rather than one signing the whole batch while the others
        // wait for requests that its clients cannot send before their answers. The requests go
        // along, to be freed there too, off this thread.
        auto whole = std::make_shared<batch>(std::move(b));
        const std::size_t part = std::max<std::size_t>(answers_per_part, (n + max_parts - 1) / max_parts);
        for (std::size_t from = 0; from < n; from += part) {
            try {
                options_.post([whole, from, to = std::min(n, from + part)] { whole->answer(from, to); });
            } catch (const std::exception& e) {
                log::error("group_commit_answer_failed", {{"detail", e.what()}});
            }
        }
    }
}

void group_committer::batch::answer(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        try {
            dones[i](std::move(results[i]));
        } catch (const std::exception& e) {
            log::error("group_commit_answer_failed", {{"detail", e.what()}});
        }
    }
}

} // namespace motcua::server
