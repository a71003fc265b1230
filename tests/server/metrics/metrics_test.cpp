// The metrics registry: stable references, thread-safe counts, and the exact Prometheus text.
#include "server/metrics/metrics.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>
#include <vector>

using namespace motcua::server;

TEST_CASE("a small registry renders exactly in the Prometheus text format") {
    metrics_registry r;
    r.counter("motcua_submissions_total", "Submissions, by outcome.", {{"outcome", "created"}}).inc(3);
    r.counter("motcua_submissions_total", "ignored: the first help stays", {{"outcome", "conflict"}}).inc();
    r.gauge("motcua_open_connections", "Connections open now.").set(2);
    const double bounds[] = {0.1, 1, 2.5};
    auto& h = r.histogram("motcua_latency_seconds", "Latency.", bounds, {{"route", "health"}});
    h.observe(0.05);
    h.observe(0.1); // on a bound: counted in that bucket
    h.observe(2);
    h.observe(7);
    CHECK(r.render_prometheus() == "# HELP motcua_latency_seconds Latency.\n"
                                   "# TYPE motcua_latency_seconds histogram\n"
                                   "motcua_latency_seconds_bucket{route=\"health\",le=\"0.1\"} 2\n"
                                   "motcua_latency_seconds_bucket{route=\"health\",le=\"1\"} 2\n"
                                   "motcua_latency_seconds_bucket{route=\"health\",le=\"2.5\"} 3\n"
                                   "motcua_latency_seconds_bucket{route=\"health\",le=\"+Inf\"} 4\n"
                                   "motcua_latency_seconds_sum{route=\"health\"} 9.15\n"
                                   "motcua_latency_seconds_count{route=\"health\"} 4\n"
                                   "# HELP motcua_open_connections Connections open now.\n"
                                   "# TYPE motcua_open_connections gauge\n"
                                   "motcua_open_connections 2\n"
                                   "# HELP motcua_submissions_total Submissions, by outcome.\n"
                                   "# TYPE motcua_submissions_total counter\n"
                                   "motcua_submissions_total{outcome=\"conflict\"} 1\n"
                                   "motcua_submissions_total{outcome=\"created\"} 3\n");
}

TEST_CASE("label values and help text are escaped") {
    metrics_registry r;
    r.counter("x_total", "A \\ back\nslash.", {{"code", "a\"b\\c\nd"}}).inc();
    CHECK(r.render_prometheus() == "# HELP x_total A \\\\ back\\nslash.\n"
                                   "# TYPE x_total counter\n"
                                   "x_total{code=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST_CASE("the same name and labels give the same metric; other labels another") {
    metrics_registry r;
    auto& a = r.counter("c_total", "c", {{"k", "1"}});
    auto& b = r.counter("c_total", "c", {{"k", "1"}});
    auto& other = r.counter("c_total", "c", {{"k", "2"}});
    CHECK(&a == &b);
    CHECK(&a != &other);
    a.inc();
    b.inc();
    CHECK(a.value() == 2);
    CHECK(other.value() == 0);
}

TEST_CASE("a name reused with another type or other label names, or a bad name, is refused") {
    metrics_registry r;
    r.counter("c_total", "c", {{"k", "1"}});
    CHECK_THROWS_AS(r.gauge("c_total", "c", {{"k", "1"}}), std::logic_error);
    CHECK_THROWS_AS(r.counter("c_total", "c", {{"other", "1"}}), std::logic_error);
    CHECK_THROWS_AS(r.counter("c_total", "c"), std::logic_error);
    CHECK_THROWS_AS(r.counter("bad-name", "c"), std::logic_error);
    CHECK_THROWS_AS(r.counter("ok_total", "c", {{"le", "1"}}), std::logic_error);
    const double unsorted[] = {1, 0.5};
    CHECK_THROWS_AS(r.histogram("h", "h", unsorted), std::logic_error);
}

TEST_CASE("gauges go up and down, and counts from many threads add up") {
    metrics_registry r;
    auto& g = r.gauge("g", "g");
    g.inc(5);
    g.dec(2);
    CHECK(g.value() == 3);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&r] {
            for (int i = 0; i < 10000; ++i) {
                r.counter("n_total", "n", {{"t", "x"}}).inc();
                r.histogram("d", "d", latency_buckets).observe(0.5);
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(r.counter("n_total", "n", {{"t", "x"}}).value() == 40000);
    auto& d = r.histogram("d", "d", latency_buckets);
    CHECK(d.cumulative_counts().back() == 40000);
    CHECK(d.sum() == doctest::Approx(20000));
}

TEST_CASE("count_refusal counts into one family by code, and does nothing without a registry") {
    metrics_registry r;
    count_refusal(&r, "server_busy");
    count_refusal(&r, "server_busy");
    count_refusal(&r, "timeout");
    count_refusal(nullptr, "timeout");
    CHECK(r.counter("motcua_refusals_total", "", {{"code", "server_busy"}}).value() == 2);
    CHECK(r.counter("motcua_refusals_total", "", {{"code", "timeout"}}).value() == 1);
}

TEST_CASE("sample values: whole numbers plain, others shortest, infinities and NaN spelt out") {
    CHECK(format_metric_value(3) == "3");
    CHECK(format_metric_value(0.25) == "0.25");
    CHECK(format_metric_value(1e-9) == "1e-09");
    CHECK(format_metric_value(1.0 / 0.0) == "+Inf");
    CHECK(format_metric_value(-1.0 / 0.0) == "-Inf");
    CHECK(format_metric_value(0.0 / 0.0) == "NaN");
}
