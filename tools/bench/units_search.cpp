// Benchmark: loading the national unit lists and searching them by name (shared/units).
// Build and run from the repository root (figures in BENCHMARKS.md are from -O2):
//   src="tools/bench/units_search.cpp shared/units/*.cpp shared/core/date.cpp shared/text/*.cpp"
//   g++ -std=c++20 -O2 -I. $src -o /tmp/units_search && /tmp/units_search shared/data/units
#include "tools/bench/read_file.hpp"
#include "shared/units/csv.hpp"
#include "shared/units/registry.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::units;
using clock_type = std::chrono::steady_clock;

namespace {

using bench::read_file;

double micros(clock_type::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

struct stats {
    double median, p99, max;
};

stats summarise(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t p99 = std::min(v.size() - 1, v.size() * 99 / 100);
    return {v[v.size() / 2], v[p99], v.back()};
}

} // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "shared/data/units";
    struct file {
        const char* name;
        structure_info structure;
        civil_date on;
    };
    const file files[] = {
        {"units-vn-3level-2025-03.csv", three_level_2025(), {2025, 6, 30}},
        {"units-vn-2level-2026-07.csv", two_level_2025(), {2025, 7, 1}},
    };
    registry reg;
    std::printf("load + index (parse CSV, check, build tree, search keys), 21 runs:\n");
    for (const file& f : files) {
        const std::string text = read_file(dir + "/" + f.name);
        std::vector<double> times;
        for (int run = 0; run < 21; ++run) {
            const auto t0 = clock_type::now();
            auto set = parse_units_csv(text, f.structure);
            const auto t1 = clock_type::now();
            if (!set) {
                std::fprintf(stderr, "%s: %s\n", f.name, set.err().en.c_str());
                return 1;
            }
            times.push_back(micros(t1 - t0) / 1000.0);
            if (run == 20) {
                std::printf("  %-30s %6zu units  %7zu B CSV  median %.2f ms  max %.2f ms  "
                            "memory %zu KB\n",
                            f.name, set->size(), text.size(), summarise(times).median,
                            summarise(times).max, set->memory_bytes() / 1024);
                if (!reg.add(std::move(*set))) return 1;
            }
        }
    }

    const char* queries[] = {"ha dong", "Hà Đông", "HA ĐONG",   "nguyen", "xa tan",  "phuong 1",
                             "a",       "ong",     "thanh pho", "zzqx",   "ben nghe"};
    const int rounds = 3000;
    std::printf("\nsearch (limit 20), %d runs of each query, microseconds:\n", rounds);
    std::printf("  %-10s %-12s %8s %7s %7s %7s  %s\n", "structure", "query", "results", "median",
                "p99", "max", "first");
    std::vector<double> all;
    for (const file& f : files) {
        for (const char* q : queries) {
            std::vector<double> times;
            std::size_t count = 0;
            std::string first;
            for (int run = 0; run < rounds; ++run) {
                const auto t0 = clock_type::now();
                const auto hits = reg.search(q, f.on, 20);
                const auto t1 = clock_type::now();
                times.push_back(micros(t1 - t0));
                count = hits.size();
                if (!hits.empty()) first = std::string(hits.front().found->name);
            }
            all.insert(all.end(), times.begin(), times.end());
            const stats s = summarise(times);
            std::printf("  %-10s %-12s %8zu %7.1f %7.1f %7.1f  %s\n", f.structure.id.c_str(), q,
                        count, s.median, s.p99, s.max, first.c_str());
        }
    }
    const stats s = summarise(all);
    std::printf("  all queries: median %.1f µs, p99 %.1f µs, max %.1f µs\n", s.median, s.p99,
                s.max);
    return 0;
}
