// CPU time (and bytes written) of processes and of the whole machine, read from /proc, so a run can
// say how the two shared cores were split between the server, the load generator and everything else.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace motcua::bench {

struct cpu_probe {
    std::string name;
    pid_t pid = 0;
    bool with_children = false; // also the live children (a PostgreSQL postmaster's backends)
};

// "name=PID" or "name=PID+" (with children); nullopt-like empty name on a bad spec.
cpu_probe parse_cpu_probe(const std::string& spec);

// Seconds of CPU (user + system) the process has used; with children, also theirs (the live
// ones, and the ones it has reaped).
double process_cpu_seconds(const cpu_probe& p);
double self_cpu_seconds();

// Bytes the process (with children: and its live children) caused to be written to storage
// (/proc/PID/io write_bytes): the write amplification of a store shows here.
double process_write_bytes(const cpu_probe& p);

// CPU seconds of each thread of a process, by thread id (with its name: "1234 motcua-server").
std::vector<std::pair<std::string, double>> thread_cpu_seconds(pid_t pid);

struct machine_cpu {
    double busy_s = 0, total_s = 0; // summed over all cores
};
machine_cpu read_machine_cpu();

} // namespace motcua::bench
