// SQLite's WAL checkpoints run off the commit path (a background thread), and the WAL stays
// bounded even when they fall behind; nothing committed is lost across a reopen.
#include "tests/server/store/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

using namespace motcua;
using namespace motcua::server;

namespace {

constexpr std::uintmax_t frame_bytes = 4096 + 24; // a WAL frame: header and a page of the default size

std::uintmax_t wal_size(const testing::sqlite_backend& backend) {
    std::error_code ec;
    auto size = std::filesystem::file_size(backend.file().string() + "-wal", ec);
    return ec ? 0 : size;
}

// Commits `batches` batches of `each` submissions, one after the other, as the committer does;
// returns the largest WAL seen after a commit.
std::uintmax_t commit_batches(sqlite_store& store, const testing::sqlite_backend& backend, unsigned batches,
                              unsigned each) {
    std::uintmax_t largest = 0;
    for (unsigned b = 0; b < batches; ++b) {
        std::vector<put_request> batch;
        for (unsigned k = 0; k < each; ++k)
            batch.push_back(testing::request_for(testing::signed_birth_registration(b * each + k + 1)));
        for (const auto& r : store.put_batch(batch)) REQUIRE((r && r->outcome == put_outcome::created));
        largest = std::max(largest, wal_size(backend));
    }
    return largest;
}

void check_everything_there(const testing::sqlite_backend& backend, unsigned count) {
    auto reopened = sqlite_store::open(backend.file());
    REQUIRE(reopened);
    auto& store = **reopened;
    CHECK(store.count_dossiers() == std::int64_t(count));
    for (unsigned n = 1; n <= count; n += 97) CHECK(store.find_receipt(testing::numbered_uuid(n)));
    CHECK(store.find_receipt(testing::numbered_uuid(count)));
    auto feed = store.feed_after(testing::device_keys(1).pk, 0, 200);
    REQUIRE(feed);
    CHECK(feed->size() == std::min<std::size_t>(count, 200));
}

struct run_outcome {
    std::uintmax_t largest_wal = 0;
    checkpoint_counts counts;
};

// Commits `batches` batches of `each` through a store opened with `options`, then closes it.
run_outcome run_batches(testing::sqlite_backend& backend, const sqlite_options& options, unsigned batches,
                        unsigned each) {
    run_outcome out;
    auto store = sqlite_store::open(backend.file(), options);
    REQUIRE(store);
    out.largest_wal = commit_batches(**store, backend, batches, each);
    out.counts = (*store)->checkpoints();
    return out;
}

} // namespace

TEST_CASE("sqlite_store: background checkpoints keep the WAL bounded; a reopened database holds every row") {
    testing::sqlite_backend backend;
    const sqlite_options options{.checkpoint_pages = 64, .wal_limit_pages = 256};
    constexpr unsigned batches = 120, each = 20;
    const auto [largest, counts] = run_batches(backend, options, batches, each);
    MESSAGE("background " << counts.background << ", blocking " << counts.blocking << ", largest WAL "
                          << largest / frame_bytes << " frames");
    CHECK(counts.background > 0);
    // A batch of 20 writes a few dozen pages: the bound, and at most one batch past it.
    CHECK(largest <= (256 + 64) * frame_bytes + 32);
    check_everything_there(backend, batches * each);
}

TEST_CASE("sqlite_store: without background checkpoints the committer checkpoints at the WAL's bound") {
    testing::sqlite_backend backend;
    const sqlite_options options{
        .checkpoint_pages = 64, .wal_limit_pages = 128, .background_checkpoints = false};
    constexpr unsigned batches = 60, each = 20;
    const auto [largest, counts] = run_batches(backend, options, batches, each);
    CHECK(counts.background == 0);
    CHECK(counts.blocking > 0);
    CHECK(largest <= (128 + 64) * frame_bytes + 32);
    check_everything_there(backend, batches * each);
}
