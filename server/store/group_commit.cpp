// The group committer's threads: take what is queued in their lane, store it as one batch,
// answer each.
#include "server/store/group_commit.hpp"

#include "server/log/log.hpp"
#include "shared/protocol/errors.hpp"

#include <algorithm>
#include <exception>

namespace motcua::server {

namespace {
// FNV-1a: the same agency, the same lane, on every run.
std::size_t lane_of(const std::string& agency, std::size_t lanes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : agency) h = (h ^ c) * 1099511628211ull;
    return std::size_t(h % lanes);
}
} // namespace

group_committer::group_committer(dossier_store& store, group_commit_options options)
    : store_(store), options_{std::max<std::size_t>(1, options.max_batch), std::max(1, options.threads)} {
    for (int i = 0; i < options_.threads; ++i) lanes_.push_back(std::make_unique<lane>());
    for (auto& l : lanes_) threads_.emplace_back([this, &l = *l] { run(l); });
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
    std::vector<put_request> batch;
    std::vector<done_fn> dones;
    for (;;) {
        batch.clear();
        dones.clear();
        {
            std::unique_lock lock(m_);
            l.wake.wait(lock, [&] { return stopping_ || !l.requests.empty(); });
            if (l.requests.empty()) return; // stopping, and nothing left to commit
            std::size_t n = std::min(options_.max_batch, l.requests.size());
            for (std::size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(l.requests.front()));
                dones.push_back(std::move(l.dones.front()));
                l.requests.pop_front();
                l.dones.pop_front();
            }
            ++stats_.batches;
            stats_.requests += std::int64_t(n);
            stats_.largest_batch = std::max(stats_.largest_batch, n);
        }
        std::vector<result<put_result>> results;
        try {
            results = store_.put_batch(batch);
        } catch (const std::exception& e) {
            // Not expected (a receipt or feed signer threw): answer rather than end the server.
            log::error("group_commit_failed", {{"detail", e.what()}});
        }
        if (results.size() != batch.size())
            results.assign(batch.size(), result<put_result>(protocol::make_error(protocol::errors::server_error)));
        for (std::size_t i = 0; i < dones.size(); ++i) {
            try {
                dones[i](std::move(results[i]));
            } catch (const std::exception& e) {
                log::error("group_commit_answer_failed", {{"detail", e.what()}});
            }
        }
    }
}

} // namespace motcua::server
