// /proc readers for cpu_usage.hpp (Linux only, as is the server).
#include "tools/bench/load/cpu_usage.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace motcua::bench {

namespace {

struct proc_stat {
    std::string name;
    pid_t ppid = 0;
    double own_s = 0, reaped_s = 0; // utime+stime, cutime+cstime
    bool ok = false;
};

proc_stat read_stat(const std::string& path) {
    proc_stat s;
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line)) return s;
    // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    auto close = line.rfind(')');
    auto open = line.find('(');
    if (close == std::string::npos || open == std::string::npos || open > close) return s;
    s.name = line.substr(open + 1, close - open - 1);
    std::istringstream fields(line.substr(close + 2));
    std::vector<std::string> f;
    for (std::string x; fields >> x;)
        f.push_back(x);
    if (f.size() < 15) return s; // field k of proc(5) is f[k - 3]
    const double tick = double(sysconf(_SC_CLK_TCK));
    s.ppid = pid_t(std::atol(f[1].c_str()));
    s.own_s = (std::atof(f[11].c_str()) + std::atof(f[12].c_str())) / tick;
    s.reaped_s = (std::atof(f[13].c_str()) + std::atof(f[14].c_str())) / tick;
    s.ok = true;
    return s;
}

proc_stat read_stat(pid_t pid) {
    return read_stat("/proc/" + std::to_string(pid) + "/stat");
}

} // namespace

cpu_probe parse_cpu_probe(const std::string& spec) {
    cpu_probe p;
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) return p;
    std::string pid = spec.substr(eq + 1);
    if (!pid.empty() && pid.back() == '+') {
        p.with_children = true;
        pid.pop_back();
    }
    char* end = nullptr;
    long v = std::strtol(pid.c_str(), &end, 10);
    if (pid.empty() || *end || v <= 0) return p;
    p.name = spec.substr(0, eq);
    p.pid = pid_t(v);
    return p;
}

double process_cpu_seconds(const cpu_probe& p) {
    auto self = read_stat(p.pid);
    if (!self.ok) return 0;
    if (!p.with_children) return self.own_s;
    double total = self.own_s + self.reaped_s;
    if (DIR* d = opendir("/proc")) {
        while (auto* e = readdir(d)) {
            char* end = nullptr;
            long pid = std::strtol(e->d_name, &end, 10);
            if (*end || pid <= 0) continue;
            auto child = read_stat(pid_t(pid));
            if (child.ok && child.ppid == p.pid) total += child.own_s;
        }
        closedir(d);
    }
    return total;
}

std::vector<std::pair<std::string, double>> thread_cpu_seconds(pid_t pid) {
    std::vector<std::pair<std::string, double>> out;
    const std::string dir = "/proc/" + std::to_string(pid) + "/task";
    if (DIR* d = opendir(dir.c_str())) {
        while (auto* e = readdir(d)) {
            if (e->d_name[0] == '.') continue;
            auto t = read_stat(dir + "/" + e->d_name + "/stat");
            if (t.ok) out.emplace_back(std::string(e->d_name) + " " + t.name, t.own_s);
        }
        closedir(d);
    }
    return out;
}

namespace {
double write_bytes_of(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/io");
    std::string key;
    double value = 0;
    while (in >> key >> value)
        if (key == "write_bytes:") return value;
    return 0;
}
} // namespace

double process_write_bytes(const cpu_probe& p) {
    double total = write_bytes_of(p.pid);
    if (!p.with_children) return total;
    if (DIR* d = opendir("/proc")) {
        while (auto* e = readdir(d)) {
            char* end = nullptr;
            long pid = std::strtol(e->d_name, &end, 10);
            if (*end || pid <= 0) continue;
            auto child = read_stat(pid_t(pid));
            if (child.ok && child.ppid == p.pid) total += write_bytes_of(pid_t(pid));
        }
        closedir(d);
    }
    return total;
}

double self_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

machine_cpu read_machine_cpu() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    in >> cpu; // "cpu": the sum over cores
    // user nice system idle iowait irq softirq steal
    double v[8] = {};
    for (double& x : v)
        in >> x;
    const double tick = double(sysconf(_SC_CLK_TCK));
    machine_cpu m;
    m.total_s = (v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7]) / tick;
    m.busy_s = m.total_s - (v[3] + v[4]) / tick;
    return m;
}

} // namespace motcua::bench
