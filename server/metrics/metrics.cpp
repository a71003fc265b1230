// The metrics registry and its Prometheus text rendering.
#include "server/metrics/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace motcua::server {

namespace {

bool valid_name(std::string_view n, bool allow_colon) {
    if (n.empty()) return false;
    for (std::size_t i = 0; i < n.size(); ++i) {
        char c = n[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':') ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

std::string label_set(const std::vector<std::string>& names, const std::vector<std::string>& values,
                      std::string_view extra_name = {}, std::string_view extra_value = {}) {
    if (names.empty() && extra_name.empty()) return {};
    std::string out = "{";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += ',';
        out += names[i] + "=\"" + escape_label_value(values[i]) + '"';
    }
    if (!extra_name.empty()) {
        if (!names.empty()) out += ',';
        out += std::string(extra_name) + "=\"" + std::string(extra_value) + '"';
    }
    return out + '}';
}

} // namespace

std::string escape_label_value(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string escape_help(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string format_metric_value(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

metric_histogram::metric_histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
    if (!std::is_sorted(bounds_.begin(), bounds_.end()) ||
        std::adjacent_find(bounds_.begin(), bounds_.end()) != bounds_.end())
        throw std::logic_error("histogram bounds must be strictly ascending");
    for (std::size_t i = 0; i <= bounds_.size(); ++i)
        counts_[i].store(0);
}

void metric_histogram::observe(double v) {
    auto slot = std::size_t(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    counts_[slot].fetch_add(1, std::memory_order_relaxed);
    double old = sum_.load(std::memory_order_relaxed);
    while (!sum_.compare_exchange_weak(old, old + v, std::memory_order_relaxed)) {
    }
}

std::vector<std::uint64_t> metric_histogram::cumulative_counts() const {
    std::vector<std::uint64_t> out(bounds_.size() + 1);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        total += counts_[i].load(std::memory_order_relaxed);
        out[i] = total;
    }
    return out;
}

metrics_registry::family& metrics_registry::family_for(std::string_view name, std::string_view help,
                                                       kind type, const metric_labels& labels) {
    auto it = families_.find(name);
    if (it == families_.end()) {
        if (!valid_name(name, true)) throw std::logic_error("bad metric name: " + std::string(name));
        family f{type, std::string(help), {}, {}, {}, {}, {}};
        for (const auto& [k, v] : labels) {
            if (!valid_name(k, false) || k.starts_with("__") || k == "le")
                throw std::logic_error("bad label name: " + k);
            f.label_names.push_back(k);
        }
        it = families_.emplace(std::string(name), std::move(f)).first;
    }
    family& f = it->second;
    if (f.type != type)
        throw std::logic_error("metric " + std::string(name) + " registered with another type");
    bool same = f.label_names.size() == labels.size();
    for (std::size_t i = 0; same && i < labels.size(); ++i)
        same = f.label_names[i] == labels[i].first;
    if (!same) throw std::logic_error("metric " + std::string(name) + " used with other label names");
    return f;
}

namespace {
std::vector<std::string> values_of(const metric_labels& labels) {
    std::vector<std::string> v;
    v.reserve(labels.size());
    for (const auto& l : labels)
        v.push_back(l.second);
    return v;
}
} // namespace

metric_counter& metrics_registry::counter(std::string_view name, std::string_view help,
                                          const metric_labels& labels) {
    std::lock_guard lock(mutex_);
    auto& slot = family_for(name, help, kind::counter, labels).counters[values_of(labels)];
    if (!slot) slot = std::make_unique<metric_counter>();
    return *slot;
}

metric_gauge& metrics_registry::gauge(std::string_view name, std::string_view help,
                                      const metric_labels& labels) {
    std::lock_guard lock(mutex_);
    auto& slot = family_for(name, help, kind::gauge, labels).gauges[values_of(labels)];
    if (!slot) slot = std::make_unique<metric_gauge>();
    return *slot;
}

metric_histogram& metrics_registry::histogram(std::string_view name, std::string_view help,
                                              std::span<const double> bounds, const metric_labels& labels) {
    std::lock_guard lock(mutex_);
    family& f = family_for(name, help, kind::histogram, labels);
    if (f.histograms.empty()) f.bounds.assign(bounds.begin(), bounds.end());
    auto& slot = f.histograms[values_of(labels)];
    if (!slot) slot = std::make_unique<metric_histogram>(f.bounds);
    return *slot;
}

std::string metrics_registry::render_prometheus() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, f] : families_) {
        static constexpr const char* type_names[] = {"counter", "gauge", "histogram"};
        out += "# HELP " + name + ' ' + escape_help(f.help) + '\n';
        out += "# TYPE " + name + ' ' + type_names[int(f.type)] + '\n';
        for (const auto& [values, c] : f.counters)
            out += name + label_set(f.label_names, values) + ' ' + std::to_string(c->value()) + '\n';
        for (const auto& [values, g] : f.gauges)
            out += name + label_set(f.label_names, values) + ' ' + std::to_string(g->value()) + '\n';
        for (const auto& [values, h] : f.histograms) {
            auto counts = h->cumulative_counts();
            for (std::size_t i = 0; i < counts.size(); ++i) {
                std::string le = i < h->bounds().size() ? format_metric_value(h->bounds()[i]) : "+Inf";
                out += name + "_bucket" + label_set(f.label_names, values, "le", le) + ' ' +
                       std::to_string(counts[i]) + '\n';
            }
            out +=
                name + "_sum" + label_set(f.label_names, values) + ' ' + format_metric_value(h->sum()) + '\n';
            out += name + "_count" + label_set(f.label_names, values) + ' ' + std::to_string(counts.back()) +
                   '\n';
        }
    }
    return out;
}

void count_refusal(metrics_registry* m, std::string_view code) {
    if (m)
        m->counter("motcua_refusals_total", "Requests refused, by error code.", {{"code", std::string(code)}})
            .inc();
}

} // namespace motcua::server
