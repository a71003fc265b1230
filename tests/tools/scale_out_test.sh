#!/usr/bin/env bash
# Scale-out: two motcua-server instances on one PostgreSQL behind haproxy (Debian's), all started
# here on loopback. The same submission PUT at one moment to both instances and through haproxy
# makes one dossier with one receipt; many devices through haproxy get unique dossier codes whose
# sequence numbers per agency and day are 1..N (allocated in the database, not in a server).
set -uo pipefail
root=${MOTCUA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${MOTCUA_BUILD:-$root/build}
server=$build/native/server/motcua-server
soak=$build/native/tools/soak/motcua-soak
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=1; }

for exe in "$server" "$soak"; do [[ -x "$exe" ]] || { not_ok "$exe is built"; exit 1; }; done
command -v haproxy >/dev/null || { not_ok "haproxy is installed (Debian package haproxy)"; exit 1; }

tmp=$(mktemp -d)
chmod 755 "$tmp" # PostgreSQL runs as its own user and must reach its directory
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  bash "$root/tools/lib/postgres.sh" stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

# A port nobody listens on, below the kernel's ephemeral range (haproxy needs one given to it).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
# The port a server started with --port 0 printed on its first line.
port_of() { # LOG
  local _ p
  for _ in $(seq 1 150); do
    p=$(sed -n 's|^MộtCửa Offline: http://127.0.0.1:\([0-9]*\)/$|\1|p' "$1")
    [[ -n "$p" ]] && { echo "$p"; return 0; }
    sleep 0.1
  done
  return 1
}
wait_health() { # PORT
  local _
  for _ in $(seq 1 150); do curl -sf -m 1 "http://127.0.0.1:$1/v1/health" >/dev/null && return 0; sleep 0.1; done
  return 1
}

if ! url=$(bash "$root/tools/lib/postgres.sh" start "$tmp/pg" --watch $$); then
  not_ok "PostgreSQL starts (tools/lib/postgres.sh)"; exit 1
fi
ok "PostgreSQL started on loopback"

# Every instance signs receipts with the same key (devices pin it): the first start makes it,
# so the second starts once the first serves.
ports=()
for i in 1 2; do
  "$server" --port 0 --data "$tmp/server$i" --database-url "$url" --server-key "$tmp/server-key" \
    >"$tmp/server$i.log" 2>&1 &
  pids+=("$!")
  if ! port=$(port_of "$tmp/server$i.log") || ! wait_health "$port"; then
    not_ok "instance $i starts on PostgreSQL"; tail -20 "$tmp/server$i.log"; exit 1
  fi
  ports+=("$port")
done
ok "two instances serve on one PostgreSQL (ports ${ports[0]} and ${ports[1]})"

hport=$(free_port)
cat >"$tmp/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  option http-keep-alive
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend motcua
  bind 127.0.0.1:$hport
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /v1/health
  http-check expect status 200
  http-response set-header X-Motcua-Instance %s
  server one 127.0.0.1:${ports[0]} check inter 500ms
  server two 127.0.0.1:${ports[1]} check inter 500ms
CFG
haproxy -c -f "$tmp/haproxy.cfg" >"$tmp/haproxy-check.log" 2>&1 ||
  { not_ok "haproxy accepts its configuration"; cat "$tmp/haproxy-check.log"; exit 1; }
haproxy -db -f "$tmp/haproxy.cfg" >"$tmp/haproxy.log" 2>&1 &
pids+=("$!")
wait_health "$hport" || { not_ok "haproxy serves on $hport"; tail -20 "$tmp/haproxy.log"; exit 1; }
sleep 1 # both health checks pass before the balance is counted
seen=$(for _ in 1 2 3 4 5 6; do
  curl -s -m 2 -D - -o /dev/null "http://127.0.0.1:$hport/v1/health" | tr -d '\r' | sed -n 's/^[Xx]-[Mm]otcua-[Ii]nstance: //p'
done | sort -u | tr '\n' ' ')
if [[ "$seen" == "one two " ]]; then ok "haproxy balances over both instances (answers from: $seen)"
else not_ok "haproxy balances over both instances (answers from: $seen)"; fi

# The race, then the load: motcua-soak prints its own ok / not ok lines.
if ! timeout 170 "$soak" --scale-out --target "127.0.0.1:${ports[0]}" --target "127.0.0.1:${ports[1]}" \
     --via "127.0.0.1:$hport" --database "$url" --race-rounds 10 --devices 4 --submissions 200 \
     --backoff-first-ms 20 --backoff-cap-ms 300 --timeout-s 120 --max-attachment-kb 64 --work "$tmp/devices"; then
  failed=1
  for i in 1 2; do echo "# instance $i log, last lines:"; tail -8 "$tmp/server$i.log" | sed 's/^/#   /'; done
  echo "not ok - motcua-soak --scale-out ended with a failure"
fi
exit "$failed"
