// bench_submission_steps: what each step of the server's PUT /v1/submissions costs one thread,
// in µs per submission, over the same submissions motcua-load sends (BENCHMARKS.md, "Sync
// server"). The steps are the ones server/api/submissions.cpp takes, called one by one.
//
//   bench_submission_steps [COUNT]     (default 20000)
#include "server/crypto/device_signatures.hpp"
#include "server/log/log.hpp"
#include "server/metrics/metrics.hpp"
#include "shared/catalog/catalog.hpp"
#include "shared/forms/form.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/submission_json_reader.hpp"
#include "shared/protocol/request_signature.hpp"
#include "tools/bench/load/workload.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>

using namespace motcua;

namespace {

struct step {
    const char* name;
    std::function<bool(std::size_t)> run; // false: the step failed, which the bench reports
    bool in_total = true;                 // false: another way of doing a step above, shown beside it
};

} // namespace

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
    auto devices = bench::make_devices(100);
    const auto server = bench::make_devices(1).front();
    bench::workload_options wo;
    wo.server_key = server.pk;
    auto sent = bench::presign(devices, count, wo);
    std::vector<submission::signed_submission> parsed(count);
    std::vector<encoding::bytes> canonical(count);
    std::vector<submission::receipt> receipts(count);
    const civil_date today{2026, 11, 24};
    server::metrics_registry metrics;
    // The server keeps a table per device key once it has seen two of its signatures.
    server::device_signatures device_checks;
    for (const auto& d : devices)
        for (int twice = 0; twice < 2; ++twice) device_checks.verify(std::vector<std::uint8_t>{1}, {}, d.pk);

    // Filled once before the clock runs, so the timed parse reuses memory as the server does
    // (fresh pages for 20,000 kept submissions would be counted against the first step).
    for (std::size_t i = 0; i < count; ++i)
        if (auto s = protocol::submission_from_json(sent[i].body)) parsed[i] = std::move(*s);

    const step steps[] = {
        {"MAC check of the request (MCQ2)",
         [&](std::size_t i) {
             return protocol::verify_request_mac(sent[i].auth, "PUT", sent[i].target, sent[i].body, *sent[i].mac_key);
         }},
        {"JSON body to signed_submission",
         [&](std::size_t i) {
             auto s = protocol::submission_from_json(sent[i].body);
             if (!s) return false;
             parsed[i] = std::move(*s);
             return true;
         }},
        {"(the general decoder alone: nlohmann)",
         [&](std::size_t i) { return protocol::submission_from_json_general(sent[i].body).ok(); }, false},
        {"(the fast reader alone)",
         [&](std::size_t i) {
             auto read = protocol::read_submission_json(sent[i].body);
             return read.has_value() && read->ok(); // an answer, and a value, not a refusal
         },
         false},
        {"well-formedness check", [&](std::size_t i) { return submission::check_well_formed(parsed[i].body).ok(); }},
        {"canonical bytes",
         [&](std::size_t i) {
             canonical[i] = submission::canonical_bytes(parsed[i].body);
             return !canonical[i].empty();
         }},
        {"Ed25519 check of the submission (canonical bytes + verify)",
         [&](std::size_t i) { return submission::verify(parsed[i]); }, false},
        {"Ed25519 check of the canonical bytes with the device's table (what the server does)",
         [&](std::size_t i) { return device_checks.verify(canonical[i], parsed[i].signature, parsed[i].body.device_key); }},
        {"BLAKE2b of the canonical bytes",
         [&](std::size_t i) { return crypto::hash(canonical[i])[0] != 0 || true; }},
        {"catalog lookup + form validation",
         [&](std::size_t i) {
             const auto* p = catalog::builtin().find(parsed[i].body.procedure);
             const auto* form = p ? p->form_version(parsed[i].body.form_version) : nullptr;
             if (!form) return false;
             auto problems = forms::validate(*form, parsed[i].body.values, forms::validation_context{today, {}});
             return !forms::has_errors(problems);
         }},
        {"receipt signed (Ed25519)",
         [&](std::size_t i) {
             submission::receipt r;
             r.submission_id = parsed[i].body.id;
             r.submission_hash = sent[i].hash;
             r.dossier_code = "000.00.10.H26-261124-0001";
             r.agency = parsed[i].body.agency;
             r.procedure = parsed[i].body.procedure;
             r.received_at = 1795506600;
             r.due_date = "2026-11-27";
             r.server_key = server.pk;
             receipts[i] = submission::sign(std::move(r), server.sk);
             return true;
         }},
        {"receipt to JSON", [&](std::size_t i) { return !protocol::to_json(receipts[i]).empty(); }},
        {"one log line (to /dev/null)",
         [&](std::size_t i) {
             server::log::info("submission_received",
                               {{"dossier", receipts[i].dossier_code}, {"procedure", receipts[i].procedure}});
             return true;
         }},
        {"one counter increment (by name and label)",
         [&](std::size_t) {
             metrics.counter("motcua_submissions_total", "Submissions answered, by outcome.", {{"outcome", "created"}})
                 .inc();
             return true;
         }},
    };

    // The log writes to stderr: send it to /dev/null for the run, keep the report on stdout.
    const int saved_err = dup(2);
    const int null_fd = open("/dev/null", O_WRONLY);
    std::printf("%zu submissions (form version %u, %zu bytes of JSON each on average), one thread\n", count,
                parsed.empty() ? 0u : unsigned(sent[0].signed_body.body.form_version),
                count ? sent[0].body.size() : 0);
    double total = 0;
    for (const auto& s : steps) {
        std::size_t failed = 0;
        dup2(null_fd, 2);
        auto t0 = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < count; ++i)
            failed += !s.run(i);
        server::log::flush(); // the log gathers lines: their write is part of the cost
        double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / count;
        dup2(saved_err, 2);
        if (s.in_total) total += us;
        std::printf("%8.2f µs  %s%s%s\n", us, s.in_total ? "" : "(not in the total) ", s.name,
                    failed ? " (FAILED for some)" : "");
    }
    std::printf("%8.2f µs  all of the above\n", total);
    return 0;
}
