// The group committer: batching, answers after commit, draining on stop; against a scripted
// store, and under load against both real backends.
#include "server/store/group_commit.hpp"

#include "shared/protocol/errors.hpp"
#include "tests/server/store/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <latch>
#include <set>
#include <thread>

using namespace motcua;
using namespace motcua::server;

namespace {

// Records the batches it is given; the first batch can be held until the test lets it go.
class scripted_store final : public dossier_store {
  public:
    std::mutex m;
    std::vector<std::size_t> batch_sizes;
    std::optional<error> fail_with;
    bool hold_first = false; // set before the first batch
    std::latch first_entered{1};
    std::latch release_first{1};

    std::vector<result<put_result>> put_batch(std::span<const put_request> batch) override {
        bool first = false;
        {
            std::lock_guard lock(m);
            first = batch_sizes.empty();
            batch_sizes.push_back(batch.size());
        }
        if (first) {
            first_entered.count_down();
            if (hold_first) release_first.wait();
        }
        std::vector<result<put_result>> out;
        for (const auto& r : batch) {
            if (fail_with) out.push_back(*fail_with);
            else {
                auto receipt = r.receipt;
                receipt.dossier_code = "code";
                out.push_back(put_result{put_outcome::created, std::move(receipt)});
            }
        }
        return out;
    }
    std::optional<submission::receipt> find_receipt(const uuid&) override { return std::nullopt; }
    std::int64_t count_dossiers() override { return 0; }
    std::optional<submission::signed_submission> find_submission(const uuid&) override { return std::nullopt; }
    result<bool> register_device(const crypto::public_key&, std::int64_t) override { return true; }
    result<bool> device_known(const crypto::public_key&) override { return true; }
    result<protocol::attachment_state> begin_attachment(const crypto::digest&, std::uint64_t,
                                                        const std::string&) override {
        return protocol::attachment_state{};
    }
    result<std::optional<protocol::attachment_state>> attachment(const crypto::digest&) override {
        return std::optional<protocol::attachment_state>();
    }
    result<append_result> append_attachment(const crypto::digest&, std::uint64_t,
                                            std::span<const std::uint8_t>) override {
        return append_result{attachment_outcome::unknown, {}};
    }
    result<std::optional<encoding::bytes>> read_attachment(const crypto::digest&) override {
        return std::optional<encoding::bytes>();
    }
    result<protocol::feed_entry> append_feed(const uuid&, int, std::int64_t, const std::string&, const std::string&,
                                             const std::string&) override {
        return protocol::feed_entry{};
    }
    result<std::vector<protocol::feed_entry>> feed_after(const crypto::public_key&, std::int64_t,
                                                         std::size_t) override {
        return std::vector<protocol::feed_entry>();
    }
};

put_request sample_request(unsigned n) { return testing::request_for(testing::signed_birth_registration(n)); }

} // namespace

TEST_CASE("group_committer: what arrives while a batch commits goes together in the next batch") {
    scripted_store store;
    // The first batch waits inside the store until the others have queued up behind it.
    store.hold_first = true;
    std::atomic<int> answered{0};
    {
        group_committer committer(store, {.max_batch = 512, .threads = 1});
        committer.submit(sample_request(1), [&](result<put_result> r) { answered += r.ok(); });
        store.first_entered.wait();
        for (unsigned n = 2; n <= 11; ++n)
            committer.submit(sample_request(n), [&](result<put_result> r) { answered += r.ok(); });
        CHECK(answered == 0); // nothing answered before its batch commits
        store.release_first.count_down();
        committer.stop();
        auto stats = committer.stats();
        CHECK(stats.batches == 2);
        CHECK(stats.requests == 11);
        CHECK(stats.largest_batch == 10);
    }
    CHECK(answered == 11);
    CHECK(store.batch_sizes == std::vector<std::size_t>{1, 10});
}

TEST_CASE("group_committer: a batch holds at most max_batch requests") {
    scripted_store store;
    store.hold_first = true;
    group_committer committer(store, {.max_batch = 4, .threads = 1});
    std::atomic<int> answered{0};
    committer.submit(sample_request(1), [&](result<put_result>) { ++answered; });
    store.first_entered.wait();
    for (unsigned n = 2; n <= 11; ++n) committer.submit(sample_request(n), [&](result<put_result>) { ++answered; });
    store.release_first.count_down();
    committer.stop();
    CHECK(answered == 11);
    CHECK(store.batch_sizes == std::vector<std::size_t>{1, 4, 4, 2});
}

TEST_CASE("group_committer: stop() commits and answers everything queued; later submissions are refused at once") {
    scripted_store store;
    group_committer committer(store, {.max_batch = 16, .threads = 2});
    std::atomic<int> answered{0};
    for (unsigned n = 1; n <= 300; ++n) committer.submit(sample_request(n), [&](result<put_result> r) {
        CHECK(r);
        ++answered;
    });
    committer.stop();
    CHECK(answered == 300);
    std::optional<result<put_result>> late;
    committer.submit(sample_request(301), [&](result<put_result> r) { late = std::move(r); });
    REQUIRE(late);
    REQUIRE_FALSE(*late);
    CHECK(late->err().code == protocol::errors::server_busy.code);
    committer.stop(); // twice is fine
}

TEST_CASE("group_committer: a failed batch answers each of its requests with the error") {
    scripted_store store;
    store.fail_with = error{"storage_error", "vi", "disk full"};
    group_committer committer(store);
    std::atomic<int> failed{0};
    for (unsigned n = 1; n <= 5; ++n)
        committer.submit(sample_request(n), [&](result<put_result> r) { failed += !r && r.err().code == "storage_error"; });
    committer.stop();
    CHECK(failed == 5);
}

TEST_CASE("group_committer: with a poster, every answer goes through it in a few parts, none on the committer thread") {
    scripted_store store;
    store.hold_first = true;
    std::mutex m;
    std::deque<std::function<void()>> posted;
    std::set<std::thread::id> committer_threads;
    group_commit_options options{.max_batch = 512, .threads = 1};
    options.post = [&](std::function<void()> answers) {
        std::lock_guard lock(m);
        committer_threads.insert(std::this_thread::get_id());
        posted.push_back(std::move(answers));
    };
    group_committer committer(store, options);
    std::vector<std::thread::id> answered_on;
    int created = 0;
    auto done = [&](result<put_result> r) {
        answered_on.push_back(std::this_thread::get_id());
        created += r && r->outcome == put_outcome::created && r->receipt.dossier_code == "code";
    };
    committer.submit(sample_request(1), done);
    store.first_entered.wait();
    for (unsigned n = 2; n <= 40; ++n) committer.submit(sample_request(n), done);
    store.release_first.count_down();
    committer.stop(); // both batches committed and handed over
    CHECK(answered_on.empty()); // nothing answered on the committer thread

    std::lock_guard lock(m);
    REQUIRE(committer_threads.size() == 1);
    CHECK_FALSE(committer_threads.contains(std::this_thread::get_id()));
    // The batch of one is one hand-over; the batch of 39 goes in 4 parts (of 10, 10, 10, 9), so
    // that the I/O threads share its answers.
    CHECK(posted.size() == 5);
    for (auto& answers : posted) answers(); // here, as an I/O thread would
    CHECK(created == 40);
    CHECK(answered_on == std::vector<std::thread::id>(40, std::this_thread::get_id()));
}

TEST_CASE_TEMPLATE("group_committer: 64 concurrent submitters are all answered, in batches of more than one", B,
                   testing::sqlite_backend, testing::postgres_backend) {
    B backend;
    constexpr int connections = 4;
    auto store = backend.open(connections);
    const int threads = std::string(B::name) == "postgres" ? connections : 1;
    group_committer committer(*store, {.max_batch = 512, .threads = threads});
    constexpr unsigned submitters = 64, each = 8;
    std::mutex m;
    std::set<std::string> codes;
    std::atomic<int> created{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < submitters; ++t)
        pool.emplace_back([&, t] {
            for (unsigned k = 0; k < each; ++k) {
                std::promise<result<put_result>> answer;
                committer.submit(testing::request_for(testing::signed_birth_registration(t * each + k + 1)),
                                 [&](result<put_result> r) { answer.set_value(std::move(r)); });
                auto r = answer.get_future().get();
                if (r && r->outcome == put_outcome::created) {
                    ++created;
                    std::lock_guard lock(m);
                    codes.insert(r->receipt.dossier_code);
                }
            }
        });
    for (auto& t : pool) t.join();
    committer.stop();
    CHECK(created == int(submitters * each));
    CHECK(codes.size() == submitters * each);
    CHECK(store->count_dossiers() == submitters * each);
    auto stats = committer.stats();
    CHECK(stats.requests == submitters * each);
    const double mean = double(stats.requests) / double(stats.batches);
    MESSAGE(std::string(B::name) << ": " << stats.batches << " batches, mean " << mean << ", largest " << stats.largest_batch);
    CHECK(mean > 1.5);
}
