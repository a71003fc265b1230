#!/usr/bin/env python3
"""tools/bench/server_throughput.py — the sync server's throughput benchmark, every figure and its
baseline in ONE run (BENCHMARKS.md, "Sync server throughput"):

  1. the verification ceiling: Ed25519 checks in one process, 1 and 2 threads (motcua-load --mode verify);
  2. the server with SQLite (temp data folder on disk, WAL, synchronous=FULL):
     GET /v1/health from 100 clients (the trivial-request ceiling), then PUT signed submissions
     from 100 clients, each answered 201 only once its row is committed; every receipt is checked;
  3. a throwaway PostgreSQL (tools/lib/postgres.sh, fsync on): pgbench single-row inserts of a
     dossier-shaped row with 8 and 100 clients, then the server on it with the same submit run.

The load generator, the server and PostgreSQL share the machine's cores: each run reports the CPU
seconds each of them used over its timed part, and the whole machine's.

  tools/bench/server_throughput.py [--build DIR] [--no-build] [--count N] [--duration S] [--clients C]
                                   [--skip-postgres] [--perf] [--json FILE] [--server-arg=--OPTION=VALUE]...
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def say(text):
    print(f"==> {text}", flush=True)


# ---- CPU accounting from /proc (the same rules as tools/bench/load/cpu_usage.cpp) ----

def proc_stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            line = f.read()
    except OSError:
        return None
    fields = line[line.rindex(")") + 2:].split()  # field k of proc(5) is fields[k - 3]
    return {"ppid": int(fields[1]),
            "own": (int(fields[11]) + int(fields[12])) / CLK_TCK,
            "reaped": (int(fields[13]) + int(fields[14])) / CLK_TCK}


def tree_cpu(pid):
    """CPU seconds of a process, the children it reaped and its live children (a postmaster's backends)."""
    me = proc_stat(pid)
    if not me:
        return 0.0
    total = me["own"] + me["reaped"]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            child = proc_stat(int(entry))
            if child and child["ppid"] == pid:
                total += child["own"]
    return total


def machine_cpu():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    total = sum(v) / CLK_TCK
    return total - (v[3] + v[4]) / CLK_TCK, total  # busy, total (all cores)


def filesystem_of(path):
    """(mount point, type) of the file system holding path."""
    path = os.path.realpath(path)
    best = ("/", "?")
    with open("/proc/mounts") as f:
        for line in f:
            parts = line.split()
            mnt, fstype = parts[1], parts[2]
            if (path == mnt or path.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best[0]):
                best = (mnt, fstype)
    return best


# ---- processes ----

def find_binary(build, name):
    for base, dirs, files in os.walk(build):
        dirs[:] = [d for d in dirs if not d.startswith(("CMakeFiles", "_deps", "web"))]
        if name in files and os.access(os.path.join(base, name), os.X_OK):
            return os.path.join(base, name)
    sys.exit(f"server_throughput: {name} not found under {build} (build it, or drop --no-build)")


def run_load(load, args, label):
    """Runs motcua-load, echoes its text, returns its JSON lines."""
    cmd = [load] + args + ["--label", label]
    say(" ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    lines = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
    for l in p.stdout.splitlines():
        if not l.startswith("{"):
            print("   " + l)
    if p.returncode != 0:
        print(f"   (motcua-load exited {p.returncode}: not every answer was a good one)")
    if not lines:
        sys.exit(f"server_throughput: motcua-load gave no result for {label}")
    for l in lines:
        l["ok"] = p.returncode == 0
    return lines


class server_process:
    def __init__(self, binary, data_dir, extra, log_path):
        self.log_path = log_path
        args = [binary, "--port", "0", "--data-dir", data_dir,
                "--reference-data", os.path.join(ROOT, "shared", "data")] + extra
        self.args = args
        self.log = open(log_path, "w")
        self.p = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        self.port = None
        deadline = time.time() + 60
        while time.time() < deadline and self.p.poll() is None:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                m = re.search(r"MộtCửa Offline: https?://[^:]+:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.1)
        if self.port is None:
            self.stop()
            with open(log_path, encoding="utf-8", errors="replace") as f:
                tail = f.read()[-2000:]
            sys.exit(f"server_throughput: the server did not start:\n{tail}")

    @property
    def pid(self):
        return self.p.pid

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.log.close()


class profiler:
    """With --perf: samples the server's CPU while the block runs, then prints where it went by
    thread and library (perf record/report)."""

    def __init__(self, enabled, pid, work, name):
        self.enabled, self.pid, self.out = enabled, pid, os.path.join(work, f"perf-{name}.data")

    def __enter__(self):
        if self.enabled:
            self.p = subprocess.Popen(["perf", "record", "-F", "499", "-p", str(self.pid), "-o", self.out],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)

    def __exit__(self, *exc):
        if not self.enabled:
            return
        self.p.send_signal(signal.SIGINT)
        self.p.wait(30)
        cmd = ["perf", "report", "-i", self.out, "--no-children", "--sort", "pid,dso", "--stdio",
               "-g", "none"]
        rep = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        print("   perf: the server's CPU samples by thread and library (top 12)")
        for line in [l for l in rep.splitlines() if "%" in l and not l.startswith("#")][:12]:
            print("   " + line.rstrip())


# ---- pgbench ----

DOSSIER_TABLE = """
DROP TABLE IF EXISTS bench_dossiers;
CREATE TABLE bench_dossiers (
  submission_id uuid PRIMARY KEY,
  dossier_code  text NOT NULL,
  agency        text NOT NULL,
  procedure     text NOT NULL,
  received_at   bigint NOT NULL,
  canonical     bytea NOT NULL
);
"""


def pgbench_insert(url, work, clients, seconds, postmaster):
    """Single-row autocommit inserts of a dossier-shaped row (uuid key, text columns, 2 KB bytea)."""
    script = os.path.join(work, "insert.sql")
    blob = os.urandom(2048).hex()
    with open(script, "w") as f:
        f.write("INSERT INTO bench_dossiers VALUES (gen_random_uuid(), '000.00.10.H26-261124-0001', "
                f"'000.00.10.H26', '1.001193', extract(epoch from now())::bigint, '\\x{blob}'::bytea);\n")
    logdir = os.path.join(work, f"pgbench-c{clients}")
    os.makedirs(logdir, exist_ok=True)
    # -T counts the time to open the connections (seconds for 100 on a loaded machine); the rate
    # pgbench reports leaves it out, so give it room.
    cmd = ["pgbench", "-n", "-c", str(clients), "-j", "2", "-T", str(seconds + clients // 20), "-f", script,
           "-l", "--log-prefix", os.path.join(logdir, "tx"), url]
    say(" ".join(cmd[:9]) + " insert.sql (dossier-shaped row, 2 KB bytea) -l")
    wal0 = wal_lsn(url)
    pg0, busy0, total0 = tree_cpu(postmaster), *machine_cpu()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy1, total1 = machine_cpu()
    pg1 = tree_cpu(postmaster)
    wal1 = wal_lsn(url)
    if p.returncode != 0:
        print(p.stdout)
        sys.exit("server_throughput: pgbench failed")
    m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", p.stdout)
    if not m:
        print(p.stdout)
        sys.exit("server_throughput: pgbench gave no rate")
    tps = float(m.group(1))
    latencies = []
    for name in os.listdir(logdir):
        with open(os.path.join(logdir, name)) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    latencies.append(int(parts[2]))
    shutil.rmtree(logdir)
    latencies.sort()
    q = lambda x: latencies[min(len(latencies) - 1, int(x * len(latencies)))] / 1000.0 if latencies else 0.0
    r = {"mode": "pgbench", "label": f"pgbench insert -c {clients}", "clients": clients,
         "per_second": round(tps),
         "p50_ms": round(q(0.5), 2), "p99_ms": round(q(0.99), 2), "max_ms": round(q(1.0), 2),
         "answered": len(latencies), "wal_bytes_per_answer": round((wal1 - wal0) / max(1, len(latencies))),
         "cpu_s": {"postgres": round(pg1 - pg0, 2),
                   "load": round(ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime, 2),
                   "machine_busy": round(busy1 - busy0, 2), "machine_total": round(total1 - total0, 2)},
         "ok": True}
    print(f"   pgbench -c {clients}: {tps:.0f} inserts/s; latency ms p50 {r['p50_ms']} p99 {r['p99_ms']}; "
          f"cpu s {r['cpu_s']}")
    return r


def wal_lsn(url):
    """PostgreSQL's WAL position in bytes: the WAL written between two readings."""
    out = subprocess.run(["psql", "-At", "-c", "SELECT pg_current_wal_lsn() - '0/0'", url], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return int(out.strip())


def psql(url, sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url], input=sql, text=True, check=True,
                   stdout=subprocess.DEVNULL)


# ---- report ----

def fmt_rate(x):
    return f"{x:,.0f}"


def cpu_text(r):
    c = r.get("cpu_s", {})
    parts = []
    for k in ("server", "postgres", "load"):
        if k in c:
            parts.append(f"{k} {c[k]:.1f}")
    if "machine_busy" in c and "machine_total" in c:
        parts.append(f"machine {c['machine_busy']:.1f} of {c['machine_total']:.1f}")
    return ", ".join(parts)


def per_cpu_second(r):
    """Answers per CPU second of the side being measured (server, and PostgreSQL when there is one):
    what the work costs, whatever else ran on the machine."""
    if r["mode"] == "verify":
        return r.get("per_cpu_second")
    c = r.get("cpu_s", {})
    cpu = c.get("server", 0) + c.get("postgres", 0)
    return r["answered"] / cpu if cpu > 0 else None


def projection(r):
    """What the CPU time measured allows on 2 cores with nothing else running: all the measured
    processes (server, database, load generator) share 2 cores, and no thread of the server can go
    faster than its busiest one did. It leaves out waits (fsync) and what a busy neighbour costs
    in caches, so it is an upper bound, not a measurement."""
    if r["mode"] == "verify":
        return 2 * r["per_cpu_second"] if r.get("per_cpu_second") else None
    c = r.get("cpu_s", {})
    cpu = c.get("server", 0) + c.get("postgres", 0) + c.get("load", 0)
    if cpu <= 0:
        return None
    bound = 2 * r["answered"] / cpu
    busiest = max(r.get("thread_cpu_s", {}).get("server", {}).values(), default=0)
    if busiest > 0:
        bound = min(bound, r["answered"] / busiest)
    return bound


def written_text(r):
    parts = []
    for k, v in r.get("written_bytes_per_answer", {}).items():
        parts.append(f"{k} {v / 1024:.1f}")
    if "wal_bytes_per_answer" in r:
        parts.append(f"WAL {r['wal_bytes_per_answer'] / 1024:.1f}")
    return ", ".join(parts)


def report(results, args):
    by = {r["label"]: r for r in results}
    print()
    print("| run | per second | p50 ms | p99 ms | per CPU-second (server+db) | CPU-bound on 2 idle cores | "
          "KiB written per answer | CPU seconds over the run (2 cores) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for r in results:
        if r["mode"] == "verify":
            name = f"verify ceiling: {r['what']}, {r['threads']} thread(s)"
        else:
            name = r["label"] + ("" if r.get("ok", True) else " (NOT all answers good)")
        lat = lambda k: f"{r[k]:.1f}" if k in r else ""
        pcs, proj = per_cpu_second(r), projection(r)
        print(f"| {name} | {fmt_rate(r['per_second'])} | {lat('p50_ms')} | {lat('p99_ms')} | "
              f"{fmt_rate(pcs) if pcs else ''} | {fmt_rate(proj) if proj else ''} | {written_text(r)} | "
              f"{cpu_text(r)} |")

    def ratio(a, b, text):
        if a in by and b in by and by[b]["per_second"]:
            x = by[a]["per_second"] / by[b]["per_second"]
            print(f"| {text} | {x:.2f} |")

    print()
    print("| ratio (same run) | value |")
    print("| --- | ---: |")
    ratio("sqlite submit", "verify server_crypto 2",
          "server SQLite submissions / the server's crypto alone (request MAC, submission verify with the device's table, receipt and feed entry signed; 2 threads)")
    ratio("sqlite submit", "verify submission 2",
          "server SQLite submissions / submission verifies, libsodium (2 threads)")
    ratio("sqlite submit", "verify submission_table 2",
          "server SQLite submissions / submission verifies with the device's table (2 threads)")
    ratio("sqlite submit", "sqlite health", "server SQLite submissions / health answers")
    ratio("postgres submit", "pgbench insert -c 8",
          "server PostgreSQL submissions / pgbench inserts, 8 clients")
    ratio("postgres submit", "pgbench insert -c 100",
          "server PostgreSQL submissions / pgbench inserts, 100 clients")
    ratio("postgres submit", "sqlite submit", "server PostgreSQL / server SQLite")

    print()
    s = by.get("sqlite submit")
    if s:
        met = s["per_second"] >= 10000 and s["p99_ms"] < 50 and s.get("ok")
        print(f"target SQLite >= 10,000/s with p99 < 50 ms: {fmt_rate(s['per_second'])}/s, "
              f"p99 {s['p99_ms']:.1f} ms -> {'met' if met else 'NOT met'}")
    p, b = by.get("postgres submit"), by.get("pgbench insert -c 8")
    if p and b:
        met = p["per_second"] >= b["per_second"] and p.get("ok")
        print(f"target PostgreSQL >= pgbench -c 8: {fmt_rate(p['per_second'])}/s "
              f"vs {fmt_rate(b['per_second'])}/s -> {'met' if met else 'NOT met'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "native"),
                    help="native build folder (default build/native)")
    ap.add_argument("--no-build", action="store_true", help="use the binaries already built")
    ap.add_argument("--work", help="folder for the databases (default: a new one inside the build folder)")
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--count", type=int, default=60000, help="submissions per submit run")
    ap.add_argument("--duration", type=float, default=10, help="seconds of each health and pgbench run")
    ap.add_argument("--skip-postgres", action="store_true")
    ap.add_argument("--json", help="also write every result to this file")
    ap.add_argument("--perf", action="store_true", help="profile the server during the submit runs (perf)")
    ap.add_argument("--server-arg", action="append", default=[],
                    help="extra motcua-server argument, e.g. --server-arg=--io-threads=2")
    ap.add_argument("--postgres-server-arg", action="append", default=[],
                    help="extra motcua-server argument for the PostgreSQL run only")
    args = ap.parse_args()

    build = os.path.abspath(args.build)
    if not args.no_build:
        if not os.path.exists(os.path.join(build, "build.ninja")):
            say("configuring build/native")
            subprocess.run(["cmake", "-S", ROOT, "--preset", "native"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        say("building motcua-server and motcua-load")
        subprocess.run(["cmake", "--build", build, "--target", "motcua-server", "motcua-load"], check=True)
    server_bin, load_bin = find_binary(build, "motcua-server"), find_binary(build, "motcua-load")

    work = args.work or tempfile.mkdtemp(prefix="bench-server-", dir=build)
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)  # PostgreSQL runs as its own user and must reach its folder inside
    mnt, fstype = filesystem_of(work)
    say(f"data in {work} ({fstype} on {mnt}); {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    if fstype in ("tmpfs", "ramfs"):
        print("   WARNING: the data folder is in memory: fsync costs nothing there, "
              "so these are not durable figures")

    results = []
    pg_dir = os.path.join(work, "pg")
    started_pg = False
    try:
        for r in run_load(load_bin, ["--mode", "verify", "--count", "20000"], "verify"):
            r["label"] = f"verify {r['what']} {r['threads']}"
            results.append(r)

        say("server on SQLite")
        srv = server_process(server_bin, os.path.join(work, "sqlite"), args.server_arg,
                             os.path.join(work, "server-sqlite.log"))
        try:
            common = ["--port", str(srv.port), "--clients", str(args.clients), "--cpu", f"server={srv.pid}"]
            results += run_load(load_bin, ["--mode", "health", "--duration", str(args.duration)] + common,
                                "sqlite health")
            with profiler(args.perf, srv.pid, work, "sqlite"):
                results += run_load(load_bin, ["--mode", "submit", "--count", str(args.count)] + common,
                                    "sqlite submit")
        finally:
            srv.stop()

        if not args.skip_postgres:
            say("PostgreSQL (tools/lib/postgres.sh, fsync on)")
            out = subprocess.run(["bash", os.path.join(ROOT, "tools", "lib", "postgres.sh"), "start", pg_dir,
                                  "--watch", str(os.getpid())], check=True, stdout=subprocess.PIPE, text=True)
            started_pg = True
            url = out.stdout.strip().splitlines()[-1]
            with open(os.path.join(pg_dir, "data", "postmaster.pid")) as f:
                postmaster = int(f.readline())
            psql(url, DOSSIER_TABLE)
            for c in (8, 100):
                results.append(pgbench_insert(url, work, c, int(args.duration), postmaster))
            psql(url, "DROP TABLE bench_dossiers; CHECKPOINT;")

            say("server on PostgreSQL")
            srv = server_process(server_bin, os.path.join(work, "pg-server"),
                                 ["--database-url", url] + args.server_arg + args.postgres_server_arg,
                                 os.path.join(work, "server-postgres.log"))
            try:
                common = ["--port", str(srv.port), "--clients", str(args.clients),
                          "--cpu", f"server={srv.pid}", "--cpu", f"postgres={postmaster}+"]
                wal0 = wal_lsn(url)
                with profiler(args.perf, srv.pid, work, "postgres"):
                    got = run_load(load_bin, ["--mode", "submit", "--count", str(args.count)] + common,
                                   "postgres submit")
                for r in got:  # the devices' registration is in it too: a few hundred bytes each
                    r["wal_bytes_per_answer"] = round((wal_lsn(url) - wal0) / max(1, r["answered"]))
                results += got
            finally:
                srv.stop()
    finally:
        if started_pg:
            subprocess.run(["bash", os.path.join(ROOT, "tools", "lib", "postgres.sh"), "stop", pg_dir])
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    report(results, args)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores; above 2, other work shared them)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0 if all(r.get("ok", True) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
