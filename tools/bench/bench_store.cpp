// Durable submissions per second through the group committer, as the API layer stores them
// (receipt and feed entry unsigned), from N concurrent submitters; each signs its receipt once
// answered, as the server's I/O threads do.
//   bench_store URL [--clients 100] [--count 50000] [--threads T] [--connections C]
//                   [--max-batch 512] [--agencies 10] [--devices 1000] [--plain-wal 1]
// --plain-wal 1: SQLite without the WAL-gathering VFS (server/store/sqlite_wal_buffer.hpp).
// URL as the server takes it: sqlite:/path/file.sqlite, or postgresql://user@host:port/db.
#include "server/store/group_commit.hpp"
#include "server/store/open_store.hpp"
#include "server/store/sqlite_store.hpp"
#include "server/store/postgres_store.hpp"
#include "server/store/sqlite_store.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/protocol/feed_entry.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <future>
#include <filesystem>
#include <fstream>
#include <random>
#include <malloc.h>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace motcua;
using namespace motcua::server;

namespace {

struct options {
    std::string url;
    int clients = 100;
    int count = 50000;
    int threads = 0; // 0: 1 for SQLite, the connections for PostgreSQL
    int connections = 8;
    std::size_t max_batch = 512;
    int agencies = 10; // each has 9,999 numbers a day
    int devices = 1000;
    int plain_wal = 0; // 1: SQLite writes its WAL frame by frame (the store before WAL gathering)
};

crypto::key_pair keys_for(unsigned n) {
    crypto::key_seed seed{};
    for (int i = 0; i < 4; ++i) seed[std::size_t(i)] = std::uint8_t(n >> (8 * i));
    seed[31] = 0x42;
    return crypto::key_pair_from_seed(seed);
}

// Ids of their own for each run (8 random bytes), so a run on a used database stores anew.
uuid id_for(unsigned n, std::uint64_t run) {
    std::array<std::uint8_t, 16> r{};
    for (int i = 0; i < 8; ++i) r[std::size_t(i)] = std::uint8_t(run >> (8 * i));
    for (int i = 0; i < 4; ++i) r[std::size_t(15 - i)] = std::uint8_t(n >> (8 * i));
    return uuid_v4_from_random(r);
}

// CPU seconds of this process's threads whose name starts with `prefix` (the committer's are
// "motcua-commit", the checkpointer's "motcua-ckpt").
double threads_cpu(const std::string& prefix) {
    double total = 0;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm"), stat(task.path() / "stat");
        std::string name, line;
        std::getline(comm, name);
        std::getline(stat, line);
        if (!name.starts_with(prefix) || line.rfind(')') == std::string::npos) continue;
        std::istringstream fields(line.substr(line.rfind(')') + 2));
        std::string f;
        long long utime = 0, stime = 0;
        for (int k = 3; fields >> f; ++k) {
            if (k == 14) utime = std::stoll(f);
            if (k == 15) stime = std::stoll(f);
        }
        total += double(utime + stime) / double(sysconf(_SC_CLK_TCK));
    }
    return total;
}

std::string agency_for(int k) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "000.%02d.10.H26", k);
    return buf;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_store URL [--clients N] [--count N] [--threads N] [--connections N] "
                             "[--max-batch N] [--agencies N] [--devices N] [--plain-wal 1]\n");
        return 2;
    }
    o.url = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        long v = std::strtol(argv[i + 1], nullptr, 10);
        if (k == "--clients") o.clients = int(v);
        else if (k == "--count") o.count = int(v);
        else if (k == "--threads") o.threads = int(v);
        else if (k == "--connections") o.connections = int(v);
        else if (k == "--max-batch") o.max_batch = std::size_t(v);
        else if (k == "--agencies") o.agencies = int(v);
        else if (k == "--devices") o.devices = int(v);
        else if (k == "--plain-wal") o.plain_wal = int(v);
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }
    if (o.count > o.agencies * 9999) {
        std::fprintf(stderr, "--count %d needs at least %d agencies (9,999 dossiers each a day)\n", o.count,
                     o.count / 9999 + 1);
        return 2;
    }
    const bool postgres = o.url.starts_with("postgres");
    if (o.threads == 0) o.threads = postgres ? o.connections : 1;

    // As the server should: glibc otherwise gives freed heap back to the kernel after nearly every
    // SQLite page split, and on a VM each return costs a TLB shootdown across cores.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    crypto::init();
    auto store = o.plain_wal && o.url.starts_with("sqlite:") && o.url.size() > 7
                     ? [&]() -> result<std::unique_ptr<dossier_store>> {
                           auto s = sqlite_store::open(o.url.substr(7), sqlite_options{.gather_wal_writes = false});
                           if (!s) return s.err();
                           return std::unique_ptr<dossier_store>(std::move(*s));
                       }()
                     : open_store(o.url, std::filesystem::current_path(), o.connections);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", store.err().en.c_str());
        return 1;
    }
    const auto server = keys_for(0xffffff);

    // Signed submissions made beforehand: the phones' work is not the server's.
    std::vector<crypto::key_pair> devices;
    for (int d = 0; d < o.devices; ++d) devices.push_back(keys_for(unsigned(d)));
    // A day of its own for each run, so a run on a used database still starts at 0001.
    const civil_date day = add_days({2030, 1, 1}, std::int64_t(std::time(nullptr) % 20000));
    const std::uint64_t run = (std::uint64_t(std::random_device{}()) << 32) | std::random_device{}();
    std::vector<put_request> requests(std::size_t(o.count));
    for (int n = 0; n < o.count; ++n) {
        const auto& kp = devices[std::size_t(n % o.devices)];
        submission::submission s;
        s.id = id_for(unsigned(n), run);
        s.device_key = kp.pk;
        s.procedure = "1.001193";
        s.agency = agency_for(n % o.agencies);
        s.created_at = 1795506600;
        s.values = {{"requester_name", "Nguyễn Văn Đức"},       {"child_name", "Nguyễn Thị Mai Anh"},
                    {"child_birth_date", "2026-11-20"},          {"child_sex", "nu"},
                    {"birth_place", "Bệnh viện Phụ sản Hà Nội"}, {"note", std::string(400, 'x')}};
        auto& r = requests[std::size_t(n)];
        r.submission = submission::sign(std::move(s), kp.sk);
        r.canonical = submission::canonical_bytes(r.submission.body);
        r.received = day;
        const auto& body = r.submission.body;
        r.receipt = {body.id, crypto::hash(r.canonical), "", body.agency, "1.001193", 1795506600, "2026-12-01",
                     server.pk, {}};
        r.received_entry = {.status = 2, .at = 1795506600, .document = "receipt", .note_vi = "Đã tiếp nhận hồ sơ",
                            .note_en = "Dossier received", .server_key = server.pk};
    }

    group_committer committer(**store, {.max_batch = o.max_batch, .threads = o.threads});
    std::atomic<int> next{0}, failed{0};
    std::vector<std::vector<double>> latencies(std::size_t(o.clients));
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < o.clients; ++c)
        clients.emplace_back([&, c] {
            for (int n; (n = next++) < o.count;) {
                std::promise<result<put_result>> answer;
                auto t0 = std::chrono::steady_clock::now();
                committer.submit(std::move(requests[std::size_t(n)]),
                                 [&](result<put_result> r) { answer.set_value(std::move(r)); });
                auto r = answer.get_future().get();
                if (r && r->outcome == put_outcome::created)
                    r->receipt = submission::sign(r->receipt, server.sk);
                latencies[std::size_t(c)].push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                if (!r || r->outcome != put_outcome::created) {
                    if (failed++ == 0) std::fprintf(stderr, "failed: %s\n", r ? "not created" : r.err().en.c_str());
                }
            }
        });
    for (auto& t : clients) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double commit_cpu = threads_cpu("motcua-commit"), checkpoint_cpu = threads_cpu("motcua-ckpt");
    committer.stop();

    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, std::size_t(p * double(all.size())))]; };
    auto st = committer.stats();
    std::printf("backend=%s clients=%d threads=%d count=%d failed=%d\n", postgres ? "postgres" : "sqlite", o.clients,
                o.threads, o.count, failed.load());
    std::printf("throughput=%.0f/s seconds=%.2f p50=%.1fms p99=%.1fms max=%.1fms batches=%lld mean_batch=%.1f "
                "largest=%zu\n",
                double(o.count) / seconds, seconds, pct(0.50), pct(0.99), all.empty() ? 0.0 : all.back(),
                (long long)st.batches, double(st.requests) / double(std::max<std::int64_t>(1, st.batches)),
                st.largest_batch);
    std::printf("cpu per submission: committer %.1f us, checkpointer %.1f us\n", 1e6 * commit_cpu / o.count,
                1e6 * checkpoint_cpu / o.count);
    if (auto* lite = dynamic_cast<sqlite_store*>(store->get()))
        std::printf("checkpoints: background %lld, by the committer at the WAL's bound %lld\n",
                    (long long)lite->checkpoints().background, (long long)lite->checkpoints().blocking);
    if (auto* pg = dynamic_cast<postgres_store*>(store->get())) std::printf("batch_retries=%lld\n", (long long)pg->batch_retries());
    return failed == 0 ? 0 : 1;
}
