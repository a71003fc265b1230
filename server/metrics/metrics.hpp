// The server's counters, gauges and histograms, rendered for Prometheus (text format 0.0.4).
// Thread-safe: a metric is looked up once (under a lock) and then updated with atomics.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motcua::server {

// Label names and values, in the order given; a family's children all use the same names.
using metric_labels = std::vector<std::pair<std::string, std::string>>;

class metric_counter {
  public:
    void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

  private:
    std::atomic<std::uint64_t> value_{0};
};

class metric_gauge {
  public:
    void set(std::int64_t v) { value_.store(v, std::memory_order_relaxed); }
    void inc(std::int64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    void dec(std::int64_t n = 1) { value_.fetch_sub(n, std::memory_order_relaxed); }
    std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

  private:
    std::atomic<std::int64_t> value_{0};
};

// Fixed upper bounds (ascending); an observation lands in the first bucket whose bound is >= it.
class metric_histogram {
  public:
    explicit metric_histogram(std::vector<double> bounds);
    void observe(double v);
    const std::vector<double>& bounds() const { return bounds_; }
    // Cumulative counts per bound, then the +Inf count (== count); and the sum.
    std::vector<std::uint64_t> cumulative_counts() const;
    double sum() const { return sum_.load(std::memory_order_relaxed); }

  private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> counts_; // bounds_.size() + 1 (the last is +Inf)
    std::atomic<double> sum_{0.0};
};

// Request latency bounds, in seconds: a commit on a Raspberry Pi to a slow upload on 2G.
inline constexpr double latency_buckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

class metrics_registry {
  public:
    // The metric with this name and labels, made on first use; the reference stays valid for the
    // registry's life. The help text and (for histograms) bounds of the first call are kept. A
    // name reused with another type or other label names is a bug: std::logic_error.
    metric_counter& counter(std::string_view name, std::string_view help, const metric_labels& labels = {});
    metric_gauge& gauge(std::string_view name, std::string_view help, const metric_labels& labels = {});
    metric_histogram& histogram(std::string_view name, std::string_view help, std::span<const double> bounds,
                                const metric_labels& labels = {});

    // Families sorted by name, children by label values; HELP and TYPE lines for each family.
    std::string render_prometheus() const;

  private:
    enum class kind { counter, gauge, histogram };
    struct family {
        kind type;
        std::string help;
        std::vector<std::string> label_names;
        std::vector<double> bounds;
        std::map<std::vector<std::string>, std::unique_ptr<metric_counter>> counters;
        std::map<std::vector<std::string>, std::unique_ptr<metric_gauge>> gauges;
        std::map<std::vector<std::string>, std::unique_ptr<metric_histogram>> histograms;
    };
    family& family_for(std::string_view name, std::string_view help, kind type, const metric_labels& labels);

    mutable std::mutex mutex_;
    std::map<std::string, family, std::less<>> families_;
};

// Requests refused, by error code (motcua_refusals_total{code}): the network layer counts its own
// (server_busy, timeout, body_too_large, header_too_large, request_malformed) and the API its
// own, into one family. Does nothing when `m` is null.
void count_refusal(metrics_registry* m, std::string_view code);

// Escaping of the text format: label values escape \ " and newline; HELP text \ and newline.
std::string escape_label_value(std::string_view v);
std::string escape_help(std::string_view v);
// A sample value: integers without a fraction, "+Inf", "-Inf", "NaN", else the shortest form.
std::string format_metric_value(double v);

} // namespace motcua::server
