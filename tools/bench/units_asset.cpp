// The binary unit asset for the browser (shared/units/asset.hpp): writes one, or reports sizes
// (raw and gzip -9) and decode times for the lists in shared/data/units. From the repo root:
//   src="tools/bench/units_asset.cpp shared/units/*.cpp shared/core/date.cpp shared/text/*.cpp"
//   g++ -std=c++20 -O2 -I. $src -lz -o /tmp/units_asset
//   /tmp/units_asset report shared/data/units
// and to write an asset holding both Hà Nội structures (3level, 2level):
//   d=shared/data/units a=$d/units-hanoi-3level-2025-03.csv b=$d/units-hanoi-2level-2026-07.csv
//   /tmp/units_asset write hanoi.units $a 3level $b 2level
#include "tools/bench/read_file.hpp"
#include "shared/units/asset.hpp"
#include "shared/units/csv.hpp"

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::units;

namespace {

using bench::read_file;

std::size_t gzip_size(const void* data, std::size_t size) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY); // 15 + 16: gzip wrapper
    std::vector<unsigned char> out(deflateBound(&z, size) + 32);
    z.next_in = static_cast<Bytef*>(const_cast<void*>(data));
    z.avail_in = static_cast<uInt>(size);
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    const std::size_t n = z.total_out;
    deflateEnd(&z);
    return n;
}

std::optional<structure_info> structure_named(const std::string& id) {
    if (id == "3level") return three_level_2025();
    if (id == "2level") return two_level_2025();
    return std::nullopt;
}

int write(int argc, char** argv) {
    if (argc < 5 || argc % 2 == 0) {
        std::fprintf(stderr, "usage: units_asset write OUT CSV 3level|2level [CSV STRUCTURE …]\n");
        return 2;
    }
    std::vector<unit_set> sets;
    for (int i = 3; i + 1 < argc; i += 2) {
        const auto s = structure_named(argv[i + 1]);
        if (!s) {
            std::fprintf(stderr, "units_asset: unknown structure '%s'\n", argv[i + 1]);
            return 2;
        }
        auto set = parse_units_csv(read_file(argv[i]), *s);
        if (!set) {
            std::fprintf(stderr, "units_asset: %s: %s\n", argv[i], set.err().en.c_str());
            return 1;
        }
        sets.push_back(std::move(*set));
    }
    std::vector<const unit_set*> pointers;
    for (const unit_set& s : sets)
        pointers.push_back(&s);
    const std::vector<std::uint8_t> bytes = encode_asset(pointers);
    std::ofstream out(argv[2], std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "units_asset: cannot write %s\n", argv[2]);
        return 1;
    }
    std::printf("%s: %zu bytes, %zu gzip\n", argv[2], bytes.size(),
                gzip_size(bytes.data(), bytes.size()));
    return 0;
}

int report(const std::string& dir) {
    struct file {
        const char* name;
        structure_info structure;
    };
    const file files[] = {
        {"units-hanoi-3level-2025-03.csv", three_level_2025()},
        {"units-hanoi-2level-2026-07.csv", two_level_2025()},
        {"units-vn-3level-2025-03.csv", three_level_2025()},
        {"units-vn-2level-2026-07.csv", two_level_2025()},
    };
    std::printf("%-31s %6s %9s %8s %9s %8s %10s %10s\n", "file", "units", "CSV B", "CSV gz",
                "asset B", "asset gz", "parse ms", "decode ms");
    for (const file& f : files) {
        const std::string csv = read_file(dir + "/" + f.name);
        std::vector<double> parse_ms, decode_ms;
        std::vector<std::uint8_t> bytes;
        std::size_t units = 0;
        for (int run = 0; run < 31; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            auto set = parse_units_csv(csv, f.structure);
            const auto t1 = std::chrono::steady_clock::now();
            if (!set) {
                std::fprintf(stderr, "%s: %s\n", f.name, set.err().en.c_str());
                return 1;
            }
            bytes = encode_asset(*set);
            const auto t2 = std::chrono::steady_clock::now();
            auto back = decode_asset(bytes);
            const auto t3 = std::chrono::steady_clock::now();
            if (!back || back->size() != 1 || back->front().size() != set->size()) {
                std::fprintf(stderr, "%s: the asset does not decode\n", f.name);
                return 1;
            }
            units = set->size();
            parse_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            decode_ms.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
        }
        std::sort(parse_ms.begin(), parse_ms.end());
        std::sort(decode_ms.begin(), decode_ms.end());
        std::printf("%-31s %6zu %9zu %8zu %9zu %8zu %10.2f %10.2f\n", f.name, units, csv.size(),
                    gzip_size(csv.data(), csv.size()), bytes.size(),
                    gzip_size(bytes.data(), bytes.size()), parse_ms[parse_ms.size() / 2],
                    decode_ms[decode_ms.size() / 2]);
    }
    std::printf("(medians of 31 runs; decode includes the checks and the search keys)\n");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "write") return write(argc, argv);
    if (mode == "report") return report(argc > 2 ? argv[2] : "shared/data/units");
    std::fprintf(stderr,
                 "usage: units_asset report [DIR] | write OUT CSV STRUCTURE [CSV STRUCTURE …]\n");
    return 2;
}
