// motcua-load: load generator for the sync server's throughput benchmark (BENCHMARKS.md; run by
// tools/bench/server_throughput.py). Prints text lines and one JSON line (starting with '{') per run.
#include "server/crypto/device_signatures.hpp"
#include "tools/bench/load/cpu_usage.hpp"
#include "tools/bench/load/http_load.hpp"
#include "tools/bench/load/workload.hpp"

#include "shared/encoding/base64.hpp"
#include "shared/protocol/feed_entry.hpp"
#include "shared/protocol/request_signature.hpp"
#include "shared/submission/receipt.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

namespace {

using namespace motcua;
using namespace motcua::bench;
using json = nlohmann::ordered_json;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

struct options {
    std::string mode;
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    unsigned clients = 100;
    unsigned threads = 1;
    std::optional<std::size_t> count, devices;
    double duration_s = -1; // -1: the mode's default
    std::size_t agencies = 20;
    std::vector<cpu_probe> cpu;
    std::string label;
};

[[noreturn]] void usage(int status) {
    std::fputs(
        "usage: motcua-load --mode submit|health|verify [--address 127.0.0.1] [--port 8080]\n"
        "                   [--clients 100] [--threads 1] [--count N] [--duration SECONDS]\n"
        "                   [--devices D] [--agencies 20] [--cpu NAME=PID[+]]... [--label TEXT]\n"
        "  submit: PUT pre-signed submissions (default 60000, or until --duration), every answer must be\n"
        "          201 with a receipt that verifies (checked after the timed part); devices are registered\n"
        "          first (POST /v1/devices; skipped when the server answers 404). Default devices:\n"
        "          max(clients, count/150), so no device sends more than the default rate burst (200).\n"
        "  health: GET /v1/health for --duration (default 10 s): the trivial-request ceiling.\n"
        "  verify: in this process, Ed25519 checks of --count (default 20000) submissions, 1 and 2 threads.\n"
        "  --cpu NAME=PID: report that process's CPU seconds over the timed part ('+': with its children).\n",
        status ? stderr : stdout);
    std::exit(status);
}

options parse(int argc, char** argv) {
    options o;
    auto bad = [](const std::string& what) {
        std::fprintf(stderr, "motcua-load: %s\n", what.c_str());
        usage(2);
    };
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) bad("missing value after " + a);
            return argv[++i];
        };
        auto number = [&]() -> double {
            std::string v = value();
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            if (v.empty() || *end || d < 0) bad("bad number after " + a + ": " + v);
            return d;
        };
        if (a == "--mode")
            o.mode = value();
        else if (a == "--address")
            o.address = value();
        else if (a == "--port")
            o.port = static_cast<unsigned short>(number());
        else if (a == "--clients")
            o.clients = unsigned(number());
        else if (a == "--threads")
            o.threads = unsigned(number());
        else if (a == "--count")
            o.count = std::size_t(number());
        else if (a == "--devices")
            o.devices = std::size_t(number());
        else if (a == "--duration")
            o.duration_s = number();
        else if (a == "--agencies")
            o.agencies = std::max<std::size_t>(1, std::size_t(number()));
        else if (a == "--label")
            o.label = value();
        else if (a == "--cpu") {
            auto p = parse_cpu_probe(value());
            if (p.name.empty()) bad("--cpu takes NAME=PID or NAME=PID+");
            o.cpu.push_back(p);
        } else if (a == "--help" || a == "-h")
            usage(0);
        else
            bad("unknown option " + a);
    }
    if (o.mode != "submit" && o.mode != "health" && o.mode != "verify")
        bad("--mode must be submit, health or verify");
    if (o.clients == 0) bad("--clients must be at least 1");
    return o;
}

double round_to(double v, int digits) {
    double f = std::pow(10.0, digits);
    return std::round(v * f) / f;
}

// CPU seconds over the timed part: the probes, this process and the machine.
class cpu_window {
  public:
    explicit cpu_window(const std::vector<cpu_probe>& probes) : probes_(probes) {}
    void start() {
        at_start_.clear();
        written_at_start_.clear();
        threads_at_start_.clear();
        for (const auto& p : probes_) {
            at_start_.push_back(process_cpu_seconds(p));
            written_at_start_.push_back(process_write_bytes(p));
            threads_at_start_.push_back(p.with_children ? decltype(thread_cpu_seconds(0)){}
                                                        : thread_cpu_seconds(p.pid));
        }
        self_ = self_cpu_seconds();
        machine_ = read_machine_cpu();
    }
    void stop() {
        json j = json::object();
        json threads = json::object(), written = json::object();
        for (std::size_t i = 0; i < probes_.size(); ++i) {
            j[probes_[i].name] = round_to(process_cpu_seconds(probes_[i]) - at_start_[i], 2);
            written[probes_[i].name] = process_write_bytes(probes_[i]) - written_at_start_[i];
            if (probes_[i].with_children) continue;
            // Per thread: a thread near the run's whole length is a serial bottleneck.
            json per = json::object();
            for (const auto& [tid, s] : thread_cpu_seconds(probes_[i].pid)) {
                double before = 0;
                for (const auto& [t0, s0] : threads_at_start_[i])
                    if (t0 == tid) before = s0;
                if (s - before >= 0.01) per[tid] = round_to(s - before, 2);
            }
            threads[probes_[i].name] = per;
        }
        threads_result_ = threads;
        written_result_ = written;
        j["load"] = round_to(self_cpu_seconds() - self_, 2);
        auto m = read_machine_cpu();
        j["machine_busy"] = round_to(m.busy_s - machine_.busy_s, 2);
        j["machine_total"] = round_to(m.total_s - machine_.total_s, 2);
        result_ = j;
    }
    const json& result() const { return result_; }
    const json& threads() const { return threads_result_; }
    const json& written() const { return written_result_; }

  private:
    std::vector<cpu_probe> probes_;
    std::vector<double> at_start_, written_at_start_;
    std::vector<std::vector<std::pair<std::string, double>>> threads_at_start_;
    json threads_result_, written_result_;
    double self_ = 0;
    machine_cpu machine_;
    json result_;
};

// POST /v1/devices for each device over one connection. Returns the server key the answers
// name, nullopt when the server has no such endpoint (404) or did not give one.
std::optional<crypto::public_key>
register_devices(const options& o, const std::vector<crypto::key_pair>& devices, std::string& outcome) {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect({net::ip::make_address(o.address), o.port});
    beast::flat_buffer buffer;
    const std::string host = o.address + ":" + std::to_string(o.port);
    std::optional<crypto::public_key> server_key;
    std::size_t registered = 0;
    for (const auto& d : devices) {
        std::string body = R"({"protocol":1,"device_key":")" + encoding::to_base64(d.pk) + "\"}";
        net::write(socket, net::buffer(http_request("POST", "/v1/devices", host, body, &d)));
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        if (res.result_int() == 404) {
            outcome = "absent (404): devices not registered";
            return std::nullopt;
        }
        if (res.result_int() != 200 && res.result_int() != 201) {
            outcome = "refused: " + std::to_string(res.result_int()) + " " + res.body().substr(0, 200);
            return std::nullopt;
        }
        ++registered;
        auto j = json::parse(res.body(), nullptr, false);
        if (j.is_object() && j.contains("server_key") && j["server_key"].is_string()) {
            auto k = encoding::from_base64(j["server_key"].get<std::string>());
            if (k && k->size() == 32) {
                crypto::public_key pk;
                std::copy(k->begin(), k->end(), pk.begin());
                server_key = pk;
            }
        }
    }
    outcome = std::to_string(registered) + " registered";
    return server_key;
}

json http_run_json(const options& o, const load_result& r, const cpu_window& cpu) {
    auto lat = summarize(r.latency_us);
    json j;
    j["mode"] = o.mode;
    if (!o.label.empty()) j["label"] = o.label;
    j["clients"] = o.clients;
    j["threads"] = o.threads;
    j["answered"] = r.answered;
    j["seconds"] = round_to(r.seconds, 3);
    j["per_second"] = round_to(r.seconds > 0 ? double(r.answered) / r.seconds : 0, 0);
    j["p50_ms"] = round_to(lat.p50_ms, 2);
    j["p90_ms"] = round_to(lat.p90_ms, 2);
    j["p99_ms"] = round_to(lat.p99_ms, 2);
    j["max_ms"] = round_to(lat.max_ms, 2);
    json st = json::object();
    for (auto [s, n] : r.statuses)
        st[std::to_string(s)] = n;
    j["statuses"] = st;
    j["transport_errors"] = r.transport_errors;
    j["cpu_s"] = cpu.result();
    if (!cpu.threads().empty()) j["thread_cpu_s"] = cpu.threads();
    // Bytes written to storage per answer, by process (WAL, checkpoints, logs).
    json per_answer = json::object();
    for (auto& [name, bytes] : cpu.written().items())
        per_answer[name] = round_to(r.answered ? bytes.get<double>() / double(r.answered) : 0, 0);
    if (!per_answer.empty()) j["written_bytes_per_answer"] = per_answer;
    if (!r.sample_refusals.empty()) j["sample_refusals"] = r.sample_refusals;
    return j;
}

void print_http_text(const json& j) {
    std::printf(
        "%s: %zu answers in %.2f s = %.0f/s; latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f; statuses",
        j["mode"].get<std::string>().c_str(), j["answered"].get<std::size_t>(), j["seconds"].get<double>(),
        j["per_second"].get<double>(), j["p50_ms"].get<double>(), j["p90_ms"].get<double>(),
        j["p99_ms"].get<double>(), j["max_ms"].get<double>());
    for (auto& [k, v] : j["statuses"].items())
        std::printf(" %s:%zu", k.c_str(), v.get<std::size_t>());
    std::printf("; transport errors %zu\n", j["transport_errors"].get<std::size_t>());
    std::string cpu;
    for (auto& [k, v] : j["cpu_s"].items())
        cpu += " " + k + " " + v.dump();
    std::printf("  cpu seconds over the run:%s\n", cpu.c_str());
    if (j.contains("written_bytes_per_answer")) {
        std::string w;
        for (auto& [k, v] : j["written_bytes_per_answer"].items())
            w += " " + k + " " + v.dump();
        std::printf("  bytes written to storage per answer:%s\n", w.c_str());
    }
    if (j.contains("thread_cpu_s"))
        for (auto& [name, per] : j["thread_cpu_s"].items()) {
            std::string t;
            for (auto& [tid, v] : per.items())
                t += " [" + tid + "] " + v.dump();
            std::printf("  %s threads:%s\n", name.c_str(), t.c_str());
        }
    if (j.contains("sample_refusals"))
        for (auto& [k, v] : j["sample_refusals"].items())
            std::printf("  a %s answer: %s\n", k.c_str(), v.get<std::string>().c_str());
}

int run_health(const options& o) {
    const std::string host = o.address + ":" + std::to_string(o.port);
    std::vector<std::string> requests{http_request("GET", "/v1/health", host, "", nullptr)};
    load_options lo;
    lo.server = {net::ip::make_address(o.address), o.port};
    lo.clients = o.clients;
    lo.threads = o.threads;
    lo.duration_s = o.duration_s < 0 ? 10 : o.duration_s;
    lo.count = o.count.value_or(lo.duration_s > 0 ? std::size_t(-1) / 2 : 100000);
    cpu_window cpu(o.cpu);
    lo.on_start = [&] { cpu.start(); };
    lo.on_stop = [&] { cpu.stop(); };
    auto r = run_load(requests, lo);
    auto j = http_run_json(o, r, cpu);
    print_http_text(j);
    std::cout << j.dump() << std::endl;
    return r.statuses.size() == 1 && r.statuses.count(200) && r.transport_errors == 0 ? 0 : 1;
}

int run_submit(const options& o) {
    const std::size_t count = o.count.value_or(60000);
    const std::size_t devices_n = o.devices.value_or(std::max<std::size_t>(o.clients, (count + 149) / 150));
    auto t0 = std::chrono::steady_clock::now();
    auto devices = make_devices(devices_n);
    workload_options wo;
    wo.host = o.address + ":" + std::to_string(o.port);
    wo.agencies = o.agencies;
    wo.threads = std::max(1u, std::thread::hardware_concurrency());
    // Registered first, as the app does: the server key it answers keys the requests' MACs.
    std::string registration;
    auto server_key = register_devices(o, devices, registration);
    std::printf("device registration: %s\n", registration.c_str());
    wo.server_key = server_key;
    auto sent = presign(devices, count, wo);
    double presign_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("signed %zu submissions from %zu devices (%zu agencies) in %.1f s, outside the timed part; "
                "requests %s\n",
                count, devices_n, o.agencies, presign_s, server_key ? "MAC'd (MCQ2)" : "signed (MCQ1)");

    std::vector<std::string> wires;
    wires.reserve(sent.size());
    std::size_t body_bytes = 0, wire_bytes = 0;
    for (auto& p : sent) {
        body_bytes += p.body.size();
        wire_bytes += p.wire.size();
        wires.push_back(std::move(p.wire));
    }
    if (count)
        std::printf("average request %zu bytes, body (signed submission JSON) %zu bytes\n",
                    wire_bytes / count, body_bytes / count);
    load_options lo;
    lo.server = {net::ip::make_address(o.address), o.port};
    lo.clients = o.clients;
    lo.threads = o.threads;
    lo.count = count;
    lo.duration_s = o.duration_s < 0 ? 0 : o.duration_s;
    lo.keep_bodies = true;
    cpu_window cpu(o.cpu);
    lo.on_start = [&] { cpu.start(); };
    lo.on_stop = [&] { cpu.stop(); };
    auto r = run_load(wires, lo);

    auto check = check_receipts(sent, r.bodies, r.status_of, server_key);
    auto j = http_run_json(o, r, cpu);
    j["devices"] = devices_n;
    j["agencies"] = o.agencies;
    j["registration"] = registration;
    j["request_bytes"] = count ? wire_bytes / count : 0;
    j["receipts_good"] = check.good;
    j["receipts_bad"] = check.bad;
    print_http_text(j);
    std::printf("  receipts: %zu good (signature, submission id and hash checked)", check.good);
    for (auto& [why, n] : check.bad)
        std::printf(", %zu %s", n, why.c_str());
    std::printf("\n");
    std::cout << j.dump() << std::endl;
    return check.bad.empty() && check.good == r.answered && r.transport_errors == 0 ? 0 : 1;
}

// The crypto a server does per submission, without the server: the ceiling its CPUs allow.
int run_verify(const options& o) {
    const std::size_t count = o.count.value_or(20000);
    auto devices = make_devices(std::max<std::size_t>(1, o.devices.value_or(100)));
    workload_options wo;
    wo.agencies = o.agencies;
    wo.threads = std::max(1u, std::thread::hardware_concurrency());
    const auto server = make_devices(1).front();
    wo.server_key = server.pk;
    auto sent = presign(devices, count, wo);

    // The server checks a device's signatures with a table per device key once it has seen two
    // (server/crypto/device_signatures.hpp): the tables are made here before the clock runs.
    static server::device_signatures tables;
    for (const auto& d : devices)
        for (int twice = 0; twice < 2; ++twice) tables.verify(std::vector<std::uint8_t>{1}, {}, d.pk);

    struct kind {
        const char* what;
        const char* meaning;
        bool (*one)(const prepared_submission&, const crypto::key_pair&);
    };
    const kind kinds[] = {
        {"submission", "the submission's Ed25519 signature (canonical bytes + verify)",
         [](const prepared_submission& p, const crypto::key_pair&) {
             return submission::verify(p.signed_body);
         }},
        {"submission_table", "the same, with the device's table, as the server checks it",
         [](const prepared_submission& p, const crypto::key_pair&) {
             return tables.verify(submission::canonical_bytes(p.signed_body.body), p.signed_body.signature,
                                  p.signed_body.body.device_key);
         }},
        {"server_crypto", "request MAC and submission signature checked (with the device's table), receipt "
                          "and feed entry signed (the entry when the device reads its feed)",
         [](const prepared_submission& p, const crypto::key_pair& server) {
             bool ok = p.mac_key && protocol::verify_request_mac(p.auth, "PUT", p.target, p.body, *p.mac_key) &&
                       tables.verify(submission::canonical_bytes(p.signed_body.body), p.signed_body.signature,
                                     p.signed_body.body.device_key);
             submission::receipt r;
             r.submission_id = p.signed_body.body.id;
             r.submission_hash = p.hash;
             r.dossier_code = "000.00.10.H26-261124-0001";
             r.agency = p.signed_body.body.agency;
             r.procedure = p.signed_body.body.procedure;
             r.due_date = "2026-11-25";
             r.server_key = server.pk;
             protocol::feed_entry e;
             e.device_key = p.signed_body.body.device_key;
             e.cursor = 1;
             e.submission_id = r.submission_id;
             e.dossier_code = r.dossier_code;
             e.status = 2;
             e.document = "receipt";
             e.server_key = server.pk;
             // The signatures are kept, so the compiler cannot drop the signing.
             static thread_local crypto::signature sink[2];
             sink[0] = submission::sign(std::move(r), server.sk).signature;
             sink[1] = protocol::sign(std::move(e), server.sk).signature;
             return ok;
         }},
    };
    int status = 0;
    for (const auto& k : kinds) {
        for (unsigned threads : {1u, 2u}) {
            std::atomic<std::size_t> failures{0};
            double machine_before = read_machine_cpu().busy_s;
            double self_before = self_cpu_seconds();
            auto t0 = std::chrono::steady_clock::now();
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t)
                pool.emplace_back([&, t] {
                    for (std::size_t i = count * t / threads; i < count * (t + 1) / threads; ++i)
                        if (!k.one(sent[i], server)) ++failures;
                });
            for (auto& t : pool)
                t.join();
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            double busy = read_machine_cpu().busy_s - machine_before;
            // On a shared machine the wall rate depends on what else runs; the rate per CPU second
            // of this process does much less.
            double cpu = self_cpu_seconds() - self_before;
            json j;
            j["mode"] = "verify";
            if (!o.label.empty()) j["label"] = o.label;
            j["what"] = k.what;
            j["threads"] = threads;
            j["count"] = count;
            j["seconds"] = round_to(s, 3);
            j["per_second"] = round_to(double(count) / s, 0);
            j["per_cpu_second"] = round_to(double(count) / cpu, 0);
            j["failures"] = failures.load();
            j["cpu_s"] = {{"load", round_to(cpu, 2)}, {"machine_busy", round_to(busy, 2)}};
            std::printf("verify %s, %u thread%s: %.0f/s, %.0f per CPU second (%s); %zu failures; "
                        "machine busy %.2f s in %.2f s\n",
                        k.what, threads, threads > 1 ? "s" : "", double(count) / s, double(count) / cpu,
                        k.meaning, failures.load(), busy, s);
            std::cout << j.dump() << std::endl;
            if (failures) status = 1;
        }
    }
    return status;
}

} // namespace

int main(int argc, char** argv) {
    options o = parse(argc, argv);
    crypto::init();
    try {
        if (o.mode == "verify") return run_verify(o);
        if (o.mode == "health") return run_health(o);
        return run_submit(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "motcua-load: %s\n", e.what());
        return 1;
    }
}
