#!/usr/bin/env bash
# Exactly-once under faults, at a size the test command affords (10 devices × 200 submissions,
# 2 SIGKILLs of the server, every fault of the proxy): motcua-soak prints one "ok - …" line per
# property. Before it, the fault proxy's own command line: it forwards, it injects, it counts.
# The full size (50 × 2,000) is a benchmark: see BENCHMARKS.md.
set -uo pipefail
root=${MOTCUA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${MOTCUA_BUILD:-$root/build}
server=$build/native/server/motcua-server
proxy=$build/native/tools/faultproxy/motcua-faultproxy
soak=$build/native/tools/soak/motcua-soak
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=1; }

for exe in "$server" "$proxy" "$soak"; do
  [[ -x "$exe" ]] || { not_ok "$exe is built"; exit 1; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

wait_health() { # PORT
  local _
  for _ in $(seq 1 100); do curl -sf -m 1 "http://127.0.0.1:$1/v1/health" >/dev/null && return 0; sleep 0.1; done
  return 1
}
# Starts the proxy in front of the server with the given rates; sets proxy_port and proxy_pid.
start_proxy() { # NAME ARGS…
  local name=$1; shift
  "$proxy" --listen 0 --upstream "127.0.0.1:$sport" --stats-interval-ms 0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
  proxy_pid=$!
  pids+=("$proxy_pid")
  local _
  for _ in $(seq 1 50); do
    proxy_port=$(sed -n 's/^listening 127.0.0.1:\([0-9]*\)$/\1/p' "$tmp/$name.out")
    [[ -n "$proxy_port" ]] && return 0
    sleep 0.1
  done
  return 1
}
stop_proxy() { kill -TERM "$proxy_pid"; wait "$proxy_pid" 2>/dev/null; }
# How many of N GETs of /v1/health through the proxy got their answer, one connection each
# (one curl for all: curl starts slowly here).
answered() { # N
  local args=() _
  for _ in $(seq 1 "$1"); do args+=(-o /dev/null "http://127.0.0.1:$proxy_port/v1/health"); done
  # curl shows 200 for an answer cut in its headers: count only whole answers with their body
  curl -s -m 2 -H 'Connection: close' -w '%{http_code} %{exitcode} %{size_download}\n' "${args[@]}" |
    grep -c '^200 0 [1-9]'
}
count() { # FILE FIELD: a number from the proxy's final JSON line
  tail -1 "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"
}

"$server" --port 0 --data "$tmp/proxy-check" >"$tmp/server.log" 2>&1 &
spid=$!
pids+=("$spid")
for _ in $(seq 1 100); do
  sport=$(sed -n 's|^MộtCửa Offline: http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/server.log")
  [[ -n "$sport" ]] && break
  sleep 0.1
done
if [[ -z "$sport" ]] || ! wait_health "$sport"; then
  not_ok "the server starts for the proxy checks"; tail -5 "$tmp/server.log"; exit 1
fi

start_proxy clean --seed 1 || not_ok "the fault proxy starts"
n=$(answered 20)
stop_proxy
if [[ $n == 20 && $(count "$tmp/clean.out" requests) == 20 && $(count "$tmp/clean.out" answered) == 20 ]]; then
  ok "faultproxy without faults forwards every request (20 of 20) and counts them on SIGTERM"
else not_ok "faultproxy without faults: $n of 20 answered; $(tail -1 "$tmp/clean.out")"; fi

start_proxy dropping --seed 2 --drop 1
n=$(answered 10)
stop_proxy
if [[ $n == 0 && $(count "$tmp/dropping.out" drop) -ge 10 ]]; then
  ok "faultproxy --drop 1 drops every request (10 of 10) and counts the drops"
else not_ok "faultproxy --drop 1: $n of 10 answered; $(tail -1 "$tmp/dropping.out")"; fi

start_proxy mixed --seed 3 --drop 0.2 --drop-answer 0.2 --truncate 0.2 --reset 0.2 --duplicate 0.2 --delay 0.5 --max-delay-ms 20
n=$(answered 60)
stop_proxy
line=$(tail -1 "$tmp/mixed.out")
missing=""
for f in drop drop_answer truncate reset duplicate delay; do [[ $(count "$tmp/mixed.out" $f) -gt 0 ]] || missing+=" $f"; done
if [[ -z "$missing" && $n -gt 0 && $n -lt 60 ]]; then
  ok "faultproxy injects every kind of fault by its rates ($n of 60 answered): $line"
else not_ok "faultproxy mixed faults: $n of 60 answered, missing:$missing; $line"; fi

start_proxy down --seed 4
kill "$spid"; wait "$spid" 2>/dev/null
n=$(answered 3)
"$server" --port "$sport" --data "$tmp/proxy-check" >>"$tmp/server.log" 2>&1 &
spid=$!
pids+=("$spid")
wait_health "$sport"
m=$(answered 3)
stop_proxy
if [[ $n == 0 && $m == 3 ]]; then
  ok "faultproxy survives its upstream going down (0 of 3 answered) and coming back (3 of 3)"
else not_ok "faultproxy with the upstream down: $n of 3, after the restart $m of 3"; fi
kill "$spid"; wait "$spid" 2>/dev/null

# The soak itself: its TAP lines are this script's. A fixed seed; timing still varies the run.
seed=${MOTCUA_SOAK_SEED:-1}
echo "# motcua-soak --devices 10 --submissions 200 --kills 2 --seed $seed"
if ! timeout 170 "$soak" --server "$server" --work "$tmp/soak" --devices 10 --submissions 200 --kills 2 \
     --seed "$seed" --backoff-first-ms 20 --backoff-cap-ms 300 --timeout-s 120 --max-attachment-kb 300; then
  failed=1
  [[ -f "$tmp/soak/server.log" ]] && { echo "# server log, last lines:"; tail -15 "$tmp/soak/server.log" | sed 's/^/#   /'; }
  echo "not ok - motcua-soak ended with a failure (seed $seed)"
fi
exit "$failed"
