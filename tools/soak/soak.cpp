// motcua-soak: exactly-once delivery under faults. N simulated devices, each with its own SQLite
// store, key and sync engine, send M signed submissions with attachments through the fault proxy
// to a server this program starts, SIGKILLs and restarts at random points; afterwards the
// server's database and every device's store are checked. With --scale-out it runs against
// instances already serving one PostgreSQL (behind haproxy) and first races one submission to
// every instance at the same moment.
#include "client/sync/sync_engine.hpp"
#include "server/store/open_store.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"
#include "tools/faultproxy/fault_proxy.hpp"
#include "tools/soak/checks.hpp"
#include "tools/soak/native_transport.hpp"
#include "tools/soak/server_process.hpp"
#include "tools/soak/workload.hpp"

#include <boost/asio/io_context.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <latch>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace motcua;
using namespace std::chrono;
namespace fs = std::filesystem;

struct endpoint {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string text() const { return host + ":" + std::to_string(port); }
};

struct options {
    int devices = 10;
    int submissions = 200;
    std::uint64_t seed = 1;
    int kills = 2;
    std::string server_binary;
    std::vector<std::string> server_args;
    std::string database; // PostgreSQL URL; empty: the server's SQLite file
    std::string work_dir;
    bool keep = false;
    bool proxy = true;
    faultproxy::fault_rates rates{.drop = 0.05,
                                  .drop_answer = 0.05,
                                  .delay = 0.1,
                                  .truncate = 0.03,
                                  .reset = 0.03,
                                  .duplicate = 0.05,
                                  .max_delay_ms = 200};
    std::int64_t backoff_first_ms = 20;
    std::int64_t backoff_cap_ms = 500;
    int timeout_s = 600;
    std::size_t max_attachment_bytes = 300 << 10;
    int shared_attachments = 16;
    // --scale-out
    bool scale_out = false;
    std::vector<endpoint> targets; // the instances, each reached directly
    endpoint via;                  // the load balancer in front of them
    int race_rounds = 10;
    int race_copies = 2; // requests per target per round
};

void usage(std::FILE* to) {
    std::fputs(
        "usage: motcua-soak --server PATH [--devices 10] [--submissions 200] [--kills 2] [--seed "
        "1]\n"
        "         [--database URL] [--server-arg ARG]… [--work DIR] [--keep] [--timeout-s 600]\n"
        "         [--backoff-first-ms 20] [--backoff-cap-ms 500] [--max-attachment-kb 300]\n"
        "         [--no-proxy] [--drop P] [--drop-answer P] [--delay P] [--max-delay-ms MS]\n"
        "         [--truncate P] [--reset P] [--duplicate P]\n"
        "       motcua-soak --scale-out --target HOST:PORT --target HOST:PORT --via HOST:PORT "
        "--database URL\n"
        "         [--race-rounds 10] [--devices 4] [--submissions 200]\n"
        "Prints TAP lines (ok - … / not ok - …) and a summary; exits 1 when a check fails.\n",
        to);
}

[[noreturn]] void bad(const std::string& what) {
    std::fprintf(stderr, "motcua-soak: %s\n", what.c_str());
    usage(stderr);
    std::exit(2);
}

long long to_int(const std::string& v, long long lo, long long hi) {
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || n < lo || n > hi) bad("bad number: " + v);
    return n;
}

double to_rate(const std::string& v) {
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || d < 0 || d > 1) bad("bad rate: " + v);
    return d;
}

endpoint to_endpoint(const std::string& v) {
    auto colon = v.rfind(':');
    if (colon == std::string::npos || colon == 0) bad("want HOST:PORT, got " + v);
    return {v.substr(0, colon), static_cast<unsigned short>(to_int(v.substr(colon + 1), 1, 65535))};
}

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage(stdout);
            std::exit(0);
        }
        if (a == "--keep") {
            o.keep = true;
            continue;
        }
        if (a == "--no-proxy") {
            o.proxy = false;
            continue;
        }
        if (a == "--scale-out") {
            o.scale_out = true;
            continue;
        }
        if (i + 1 >= argc) bad("missing value after " + a);
        std::string v = argv[++i];
        if (a == "--devices")
            o.devices = int(to_int(v, 1, 1000));
        else if (a == "--submissions")
            o.submissions = int(to_int(v, 1, 1000000));
        else if (a == "--seed")
            o.seed = std::uint64_t(to_int(v, 0, INT64_MAX));
        else if (a == "--kills")
            o.kills = int(to_int(v, 0, 1000));
        else if (a == "--server")
            o.server_binary = v;
        else if (a == "--server-arg")
            o.server_args.push_back(v);
        else if (a == "--database")
            o.database = v;
        else if (a == "--work")
            o.work_dir = v;
        else if (a == "--timeout-s")
            o.timeout_s = int(to_int(v, 1, 86400));
        else if (a == "--backoff-first-ms")
            o.backoff_first_ms = to_int(v, 1, 600000);
        else if (a == "--backoff-cap-ms")
            o.backoff_cap_ms = to_int(v, 1, 3600000);
        else if (a == "--max-attachment-kb")
            o.max_attachment_bytes = std::size_t(to_int(v, 4, 10240)) << 10;
        else if (a == "--shared-attachments")
            o.shared_attachments = int(to_int(v, 0, 10000));
        else if (a == "--drop")
            o.rates.drop = to_rate(v);
        else if (a == "--drop-answer")
            o.rates.drop_answer = to_rate(v);
        else if (a == "--delay")
            o.rates.delay = to_rate(v);
        else if (a == "--max-delay-ms")
            o.rates.max_delay_ms = int(to_int(v, 0, 600000));
        else if (a == "--truncate")
            o.rates.truncate = to_rate(v);
        else if (a == "--reset")
            o.rates.reset = to_rate(v);
        else if (a == "--duplicate")
            o.rates.duplicate = to_rate(v);
        else if (a == "--target")
            o.targets.push_back(to_endpoint(v));
        else if (a == "--via")
            o.via = to_endpoint(v);
        else if (a == "--race-rounds")
            o.race_rounds = int(to_int(v, 0, 10000));
        else
            bad("unknown option " + a);
    }
    if (o.scale_out) {
        if (o.targets.empty() || o.via.port == 0 || o.database.empty())
            bad("--scale-out needs --target (at least one), --via and --database");
    } else if (o.server_binary.empty())
        bad("--server is required");
    if (auto s = faultproxy::check_rates(o.rates); !s) bad(s.err().en);
    return o;
}

std::int64_t wall_ms() {
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// ---- devices ----

struct device {
    int index = 0;
    std::unique_ptr<client::local_store> store;
    crypto::key_pair key;
    std::vector<soak::planned_item> items;
    std::atomic<int> received{0};
    std::atomic<bool> done{false};
    std::string problem;
    std::uint64_t requests = 0, no_answer = 0, timeouts = 0;
    steady_clock::time_point started_at, finished_at;
    std::uint64_t attachment_bytes = 0, attachments = 0;
};

// Opens the device's store and queues its share: `count` submissions numbered from `first`.
status prepare(device& d, const options& o, const std::vector<soak::blob>& shared, unsigned first,
               unsigned count, const fs::path& file) {
    auto st = client::local_store::open(file.string(), [] {});
    if (!st) return st.err();
    d.store = std::make_unique<client::local_store>(std::move(*st));
    std::mt19937_64 rng(o.seed * 1000003u + unsigned(d.index));
    auto key = d.store->device_key([&] {
        crypto::key_seed s;
        for (auto& b : s)
            b = std::uint8_t(rng());
        return s;
    });
    if (!key) return key.err();
    d.key = *key;
    static const char* names[] = {"Giấy chứng sinh", "Giấy chứng nhận kết hôn của cha mẹ"};
    std::int64_t now_s = wall_ms() / 1000;
    for (unsigned i = 0; i < count; ++i) {
        int how_many = 1 + int(rng() % 2);
        std::vector<submission::attachment_ref> refs;
        for (int k = 0; k < how_many; ++k) {
            soak::blob own;
            const soak::blob* b;
            if (!shared.empty() && rng() % 4 == 0)
                b = &shared[rng() % shared.size()];
            else {
                own = soak::make_blob(rng, soak::draw_attachment_size(rng, o.max_attachment_bytes),
                                      names[k]);
                b = &own;
            }
            bool listed = false;
            for (const auto& r : refs)
                listed = listed || r.hash == b->ref.hash;
            if (listed) continue;
            if (auto s = d.store->put_attachment(b->ref.hash, b->ref.media_type, b->bytes); !s)
                return s;
            auto ref = b->ref;
            ref.name = names[k];
            refs.push_back(ref);
            d.attachment_bytes += b->bytes.size();
            ++d.attachments;
        }
        soak::planned_item plan;
        auto item =
            soak::make_item(d.key, soak::draw_uuid(rng), std::move(refs), now_s, first + i, plan);
        if (auto s = d.store->enqueue(item); !s) return s;
        d.items.push_back(std::move(plan));
    }
    return ok_status();
}

// Runs the device's engine until each of its items has a receipt (or failed for good) and the
// engine is idle, the time is up, or `stop` is set.
void run_device(device& d, const options& o, endpoint to, const std::atomic<bool>& stop,
                steady_clock::time_point deadline) {
    soak::native_transport net({to.host, to.port, milliseconds(3000), milliseconds(10000), true});
    std::mt19937 rng(std::uint32_t(o.seed * 7919u + unsigned(d.index)));
    client::backoff_policy policy;
    policy.first_ms = o.backoff_first_ms;
    policy.cap_ms = o.backoff_cap_ms;
    policy.feed_first_ms = o.backoff_cap_ms;
    policy.feed_cap_ms = o.backoff_cap_ms;
    client::sync_engine engine(
        *d.store, net, d.key, wall_ms, [&rng] { return std::uint32_t(rng()); }, policy);
    engine.sync_now();
    const int total = int(d.items.size());
    std::uint64_t generation = ~std::uint64_t(0);
    int received = 0, failed = 0;
    auto next_feed_check = steady_clock::now();
    while (!stop) {
        auto before = net.requests();
        engine.tick(true);
        if (engine.generation() != generation) {
            generation = engine.generation();
            received = failed = 0;
            for (const auto& item : d.store->outbox()) {
                received += item.state == client::outbox_state::received;
                failed += item.state == client::outbox_state::failed;
            }
            d.received = received;
        }
        // Done once every item is settled, the engine idle and the feed holds each receipt's line
        // (the engine pulls it after the last receipt; checked at most every 20 ms).
        if (received + failed == total && !engine.busy() && engine.idle_and_done() &&
            steady_clock::now() >= next_feed_check) {
            next_feed_check = steady_clock::now() + milliseconds(20);
            bool feed_complete = true;
            for (const auto& item : d.items)
                feed_complete =
                    feed_complete && d.store->latest_feed_entry(item.id_text).has_value();
            if (feed_complete || failed) break;
        }
        if (steady_clock::now() > deadline) {
            d.problem = "device " + std::to_string(d.index) + " timed out with " +
                        std::to_string(received) + " of " + std::to_string(total) + " received";
            break;
        }
        if (net.requests() == before) std::this_thread::sleep_for(milliseconds(2));
    }
    if (failed)
        d.problem = "device " + std::to_string(d.index) + ": " + std::to_string(failed) +
                    " items failed for good";
    d.requests = net.requests();
    d.no_answer = net.failures();
    d.timeouts = net.timeouts();
    d.finished_at = steady_clock::now();
    d.done = true;
}

// Prepares every device in parallel (its store, key and queued submissions), then starts them
// together. Returns the seconds from that start to the last device's end.
double run_devices(std::vector<std::unique_ptr<device>>& devices, const options& o,
                   const fs::path& dir, const std::vector<soak::blob>& shared,
                   const std::function<endpoint(int)>& route, std::atomic<bool>& stop,
                   std::vector<std::string>& problems) {
    const int n = int(devices.size());
    std::latch prepared(n), go(1);
    std::mutex m;
    steady_clock::time_point deadline;
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
            device& d = *devices[std::size_t(i)];
            unsigned base = unsigned(o.submissions / n), extra = unsigned(o.submissions % n);
            unsigned share = base + (unsigned(i) < extra),
                     first = unsigned(i) * base + std::min(unsigned(i), extra);
            auto s = prepare(d, o, shared, first, share,
                             dir / ("device-" + std::to_string(i) + ".sqlite"));
            if (!s) {
                std::lock_guard lock(m);
                problems.push_back("device " + std::to_string(i) +
                                   " could not be prepared: " + s.err().en);
                stop = true;
            }
            prepared.count_down();
            go.wait();
            if (!stop) run_device(d, o, route(i), stop, deadline);
            d.done = true;
        });
    }
    prepared.wait();
    auto start = steady_clock::now();
    deadline = start + seconds(o.timeout_s);
    for (auto& d : devices)
        d->started_at = start;
    go.count_down();
    for (auto& t : threads)
        t.join();
    return duration<double>(steady_clock::now() - start).count();
}

int total_received(const std::vector<std::unique_ptr<device>>& devices) {
    int total = 0;
    for (const auto& d : devices)
        total += d->received;
    return total;
}

// Kills the server at random moments: once the devices together hold receipts for a drawn share
// of the submissions (between 10 % and 85 %), after a further random pause so the kill lands in
// the middle of whatever is in flight, and restarts it after a random down time.
struct control_result {
    int kills = 0;
    std::string problem;
};

void control(soak::server_process& server, const options& o,
             const std::vector<std::unique_ptr<device>>& devices, std::atomic<bool>& stop,
             const std::atomic<bool>& finished, control_result& out) {
    std::mt19937_64 rng(o.seed ^ 0x5eedULL);
    std::vector<int> at;
    for (int k = 0; k < o.kills; ++k)
        at.push_back(std::uniform_int_distribution<int>(
            std::max(1, o.submissions / 10), std::max(1, o.submissions * 85 / 100))(rng));
    std::sort(at.begin(), at.end());
    std::size_t next = 0;
    auto pause = [&](int lo, int hi) {
        std::this_thread::sleep_for(milliseconds(std::uniform_int_distribution<int>(lo, hi)(rng)));
    };
    while (!finished && !stop) {
        if (next < at.size() && total_received(devices) >= at[next]) {
            pause(0, 150);
            server.kill_hard();
            ++out.kills;
            ++next;
            pause(50, 500);
            if (auto s = server.start(seconds(30)); !s) {
                out.problem = s.err().en;
                stop = true;
                return;
            }
            continue;
        }
        std::this_thread::sleep_for(milliseconds(5));
    }
}

fs::path make_work_dir(const options& o) {
    if (!o.work_dir.empty()) {
        fs::create_directories(o.work_dir);
        return o.work_dir;
    }
    std::string pattern = (fs::temp_directory_path() / "motcua-soak-XXXXXX").string();
    if (!mkdtemp(pattern.data())) bad("cannot make a temporary directory");
    return pattern;
}

std::vector<soak::device_view> views_of(const std::vector<std::unique_ptr<device>>& devices) {
    std::vector<soak::device_view> views;
    for (const auto& d : devices)
        views.push_back({d->index, d->key.pk, d->store.get(), d->items});
    return views;
}

std::vector<std::unique_ptr<device>> make_devices(int n) {
    std::vector<std::unique_ptr<device>> devices;
    for (int i = 0; i < n; ++i) {
        devices.push_back(std::make_unique<device>());
        devices.back()->index = i;
    }
    return devices;
}

std::vector<soak::blob> shared_blobs(const options& o) {
    std::mt19937_64 rng(o.seed ^ 0xb10bULL);
    std::vector<soak::blob> shared;
    for (int i = 0; i < o.shared_attachments; ++i)
        shared.push_back(soak::make_blob(
            rng, soak::draw_attachment_size(rng, o.max_attachment_bytes), "shared"));
    return shared;
}

void print_traffic(const std::vector<std::unique_ptr<device>>& devices, double seconds,
                   int submissions) {
    std::uint64_t requests = 0, no_answer = 0, timeouts = 0, attachments = 0, bytes = 0;
    double first_done = 1e9, last_done = 0;
    std::set<crypto::digest> distinct;
    for (const auto& d : devices) {
        double took = duration<double>(d->finished_at - d->started_at).count();
        first_done = std::min(first_done, took);
        last_done = std::max(last_done, took);
        requests += d->requests;
        no_answer += d->no_answer;
        timeouts += d->timeouts;
        attachments += d->attachments;
        bytes += d->attachment_bytes;
        for (const auto& item : d->items)
            for (const auto& a : item.attachments)
                distinct.insert(a.hash);
    }
    std::printf("# %zu devices, %d submissions, %llu attachments listed (%zu distinct, %.1f MB)\n",
                devices.size(), submissions, (unsigned long long)attachments, distinct.size(),
                double(bytes) / 1e6);
    std::printf("# %llu requests, %llu without an answer (%llu of them timed out); devices done "
                "after %.1f–%.1f s\n",
                (unsigned long long)requests, (unsigned long long)no_answer,
                (unsigned long long)timeouts, first_done, last_done);
    std::printf("# elapsed %.1f s, %.1f submissions/s\n", seconds, double(submissions) / seconds);
}

int run_soak(const options& o) {
    fs::path work = make_work_dir(o);
    fs::path data = work / "server";
    fs::create_directories(work / "devices");
    soak::tap t;

    unsigned short port = soak::free_port();
    std::vector<std::string> args{"--port", std::to_string(port), "--data", data.string()};
    if (!o.database.empty()) args.insert(args.end(), {"--database-url", o.database});
    args.insert(args.end(), o.server_args.begin(), o.server_args.end());
    soak::server_process server(o.server_binary, args, (work / "server.log").string(), port);
    if (auto s = server.start(); !s) {
        t.check(false, "the server starts", {s.err().en});
        return 1;
    }

    boost::asio::io_context proxy_ioc{1};
    faultproxy::proxy_config pc;
    pc.upstream_port = port;
    pc.rates = o.rates;
    pc.seed = o.seed;
    faultproxy::fault_proxy proxy(proxy_ioc, pc);
    endpoint to{"127.0.0.1", port};
    std::thread proxy_thread;
    if (o.proxy) {
        auto pport = proxy.start({boost::asio::ip::make_address("127.0.0.1"), 0});
        if (!pport) {
            t.check(false, "the fault proxy starts", {pport.err().en});
            return 1;
        }
        to.port = *pport;
        proxy_thread = std::thread([&] { proxy_ioc.run(); });
    }

    auto devices = make_devices(o.devices);
    auto shared = shared_blobs(o);
    std::atomic<bool> stop{false}, finished{false};
    control_result ctl;
    std::vector<std::string> problems;
    std::thread controller([&] { control(server, o, devices, stop, finished, ctl); });
    double secs = run_devices(
        devices, o, work / "devices", shared, [&](int) { return to; }, stop, problems);
    finished = true;
    controller.join();
    if (o.proxy) {
        proxy.stop();
        proxy_ioc.stop();
        proxy_thread.join();
    }
    server.stop();

    for (const auto& d : devices)
        if (!d->problem.empty()) problems.push_back(d->problem);
    if (!ctl.problem.empty()) problems.push_back("the server did not come back: " + ctl.problem);
    t.check(problems.empty(),
            "each of the " + std::to_string(o.devices) +
                " devices settled all its submissions (none failed for good) and went idle",
            problems);
    t.check(ctl.kills == o.kills, "the server was killed (SIGKILL) and restarted " +
                                      std::to_string(ctl.kills) + " times mid-run (asked for " +
                                      std::to_string(o.kills) + ")");
    if (o.proxy) {
        const auto& c = proxy.counts();
        t.check(o.rates.drop + o.rates.drop_answer + o.rates.truncate + o.rates.reset +
                            o.rates.duplicate ==
                        0 ||
                    c.faults() > 0,
                "the proxy injected faults: " + c.to_json());
    }

    // The server is stopped: the checks read its database directly (SQLite file or PostgreSQL).
    auto store = server::open_store(o.database, data, 2);
    if (!store) {
        t.check(false, "the server's database opens for the checks", {store.err().en});
        return 1;
    }
    auto views = views_of(devices);
    soak::receipt_map receipts;
    soak::check_server(**store, views, o.submissions, receipts, t);
    soak::check_devices(views, receipts, t);
    soak::check_codes(receipts, t, true);

    print_traffic(devices, secs, o.submissions);
    std::printf("# %d server starts (%d kills); work directory %s%s\n", server.starts(), ctl.kills,
                work.c_str(), o.keep || t.failed() ? " (kept)" : " (removed)");
    std::printf("# %d passed, %d failed\n", t.passed(), t.failed());
    std::fflush(stdout);
    devices.clear();
    store->reset();
    if (!o.keep && !t.failed()) {
        std::error_code ec;
        fs::remove_all(work, ec);
    }
    return t.failed() ? 1 : 0;
}

// ---- scale-out ----

client::http_request_out signed_request(const std::string& method, const std::string& target,
                                        const std::string& body, const crypto::key_pair& key) {
    protocol::nonce nonce{};
    static thread_local std::random_device rd;
    for (auto& b : nonce)
        b = std::uint8_t(rd());
    auto h = protocol::to_headers(
        protocol::sign_request(method, target, body, wall_ms() / 1000, nonce, key));
    client::http_request_out r{method, target, {}, body};
    if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
    r.headers.emplace_back(std::string(protocol::device_header), h.device);
    r.headers.emplace_back(std::string(protocol::time_header), h.time);
    r.headers.emplace_back(std::string(protocol::nonce_header), h.nonce);
    r.headers.emplace_back(std::string(protocol::signature_header), h.signature);
    return r;
}

// Each round: one new submission, PUT at the same moment (threads released together, their
// connections already open) `race_copies` times to every instance and to the balancer. Exactly
// one answer may say 201 (created); all others 200 with the very same receipt.
void race(const options& o, soak::tap& t, std::vector<soak::planned_item>& raced) {
    std::mt19937_64 rng(o.seed ^ 0xaceULL);
    crypto::key_seed seed;
    for (auto& b : seed)
        b = std::uint8_t(rng());
    auto key = crypto::key_pair_from_seed(seed);
    std::vector<endpoint> all = o.targets;
    all.push_back(o.via);
    auto transport_to = [](const endpoint& e) {
        return std::make_unique<soak::native_transport>(
            soak::transport_options{e.host, e.port, milliseconds(3000), milliseconds(10000), true});
    };
    auto reg = transport_to(all.front())
                   ->exchange(signed_request("POST", "/v1/devices",
                                             protocol::device_registration_json(key.pk), key));
    if (reg.status != 200 && reg.status != 201) {
        t.check(false, "the racing device registers",
                {"status " + std::to_string(reg.status) + ": " + reg.body});
        return;
    }
    const int n = int(all.size()) * o.race_copies;
    std::vector<std::string> bad;
    for (int round = 0; round < o.race_rounds; ++round) {
        soak::planned_item plan;
        auto item = soak::make_item(key, soak::draw_uuid(rng), {}, wall_ms() / 1000,
                                    100000 + unsigned(round), plan);
        std::vector<std::unique_ptr<soak::native_transport>> nets;
        std::vector<client::http_request_out> requests;
        for (int i = 0; i < n; ++i) {
            nets.push_back(transport_to(all[std::size_t(i) % all.size()]));
            nets.back()->exchange({"GET", "/v1/health", {}, {}}); // opens the connection beforehand
            requests.push_back(
                signed_request("PUT", "/v1/submissions/" + item.id, item.request_json, key));
        }
        std::vector<client::http_reply> replies(static_cast<std::size_t>(n));
        std::latch go(1);
        std::vector<std::thread> threads;
        for (int i = 0; i < n; ++i)
            threads.emplace_back([&, i] {
                go.wait();
                replies[std::size_t(i)] = nets[std::size_t(i)]->exchange(requests[std::size_t(i)]);
            });
        go.count_down();
        for (auto& th : threads)
            th.join();

        int created = 0, repeated = 0;
        std::optional<submission::receipt> first;
        bool same = true;
        std::string statuses;
        for (int i = 0; i < n; ++i) {
            const auto& r = replies[std::size_t(i)];
            statuses +=
                " " + all[std::size_t(i) % all.size()].text() + "→" + std::to_string(r.status);
            created += r.status == 201;
            repeated += r.status == 200;
            auto receipt = protocol::receipt_from_json(r.body);
            if (!receipt || !submission::verify(*receipt) ||
                receipt->submission_hash != plan.canonical_hash) {
                same = false;
                continue;
            }
            if (!first)
                first = *receipt;
            else
                same = same && *first == *receipt;
        }
        if (created != 1 || repeated != n - 1 || !same)
            bad.push_back("round " + std::to_string(round) + ": " + std::to_string(created) +
                          " created, " + std::to_string(repeated) + " repeated, receipts " +
                          (same ? "equal" : "differ") + ";" + statuses);
        raced.push_back(plan);
    }
    t.check(bad.empty(),
            "one submission PUT at the same moment " + std::to_string(n) + " times (" +
                std::to_string(o.race_copies) + " to each of " + std::to_string(o.targets.size()) +
                " instances and to the balancer), " + std::to_string(o.race_rounds) +
                " rounds: one 201, the rest 200, the same verified receipt",
            bad);
}

int run_scale_out(const options& o) {
    soak::tap t;
    fs::path work = make_work_dir(o);
    std::vector<soak::planned_item> raced;
    race(o, t, raced);

    auto devices = make_devices(o.devices);
    auto shared = shared_blobs(o);
    std::atomic<bool> stop{false};
    std::vector<std::string> problems;
    double secs = run_devices(
        devices, o, work, shared, [&](int) { return o.via; }, stop, problems);
    for (const auto& d : devices)
        if (!d->problem.empty()) problems.push_back(d->problem);
    t.check(problems.empty(),
            std::to_string(o.devices) + " devices sent " + std::to_string(o.submissions) +
                " submissions through the balancer concurrently",
            problems);

    auto store = server::open_store(o.database, work, 2);
    if (!store) {
        t.check(false, "the database opens for the checks", {store.err().en});
        return 1;
    }
    auto views = views_of(devices);
    auto with_race = views;
    with_race.push_back({-1, {}, nullptr, raced});
    soak::receipt_map receipts;
    soak::check_server(**store, with_race, std::int64_t(o.submissions) + o.race_rounds, receipts,
                       t);
    soak::check_devices(views, receipts, t);
    soak::check_codes(receipts, t, true);
    print_traffic(devices, secs, o.submissions);
    std::printf("# %d passed, %d failed\n", t.passed(), t.failed());
    devices.clear();
    if (!o.keep && !t.failed()) {
        std::error_code ec;
        fs::remove_all(work, ec);
    }
    return t.failed() ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
    options o = parse(argc, argv);
    motcua::crypto::init();
    return o.scale_out ? run_scale_out(o) : run_soak(o);
}
