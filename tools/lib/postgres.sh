#!/usr/bin/env bash
# A throwaway PostgreSQL from Debian's packages, for tests and benchmarks: loopback only, trust
# auth, fsync on (figures measured on it are durable ones).
#   bash tools/lib/postgres.sh start DIR [--watch PID]  prints postgresql://postgres@127.0.0.1:PORT/postgres
#                                                        (also written to DIR/url); with --watch, the
#                                                        server is stopped when process PID ends
#   bash tools/lib/postgres.sh stop DIR
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] ||
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's 'postgresql' package (tools/lib/setup.sh lists it)"
  echo "$d"
}

# PostgreSQL refuses to run as root: as root, run it as the 'postgres' user the package creates.
as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir=$1 watch=${2:-}
  local bin; bin=$(pg_bin)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' missing (Debian's postgresql package creates it)"
    chown postgres: "$dir"
  fi
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
      die "initdb failed; see $dir/initdb.log"
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 200
shared_buffers = 128MB
EOF
  fi
  local port url tries=0
  # A port drawn free may be taken before the server binds it: draw again.
  while :; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    ((tries < 3)) || die "the server did not start; see $dir/server.log"
  done
  url="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url"
  if [[ -n "$watch" ]]; then
    # Stops the server once the owner process is gone, even if it died without stopping it.
    local self; self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/postgres.sh
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -f "$2/data/postmaster.pid" ]]; do sleep 1; done
                    bash "$3" stop "$2"' _ "$watch" "$dir" "$self" </dev/null >/dev/null 2>&1 &
  fi
  echo "$url"
}

stop() {
  local dir=$1
  [[ -f "$dir/data/postmaster.pid" ]] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

case "${1:-}" in
  start)
    [[ $# -ge 2 ]] || die "usage: postgres.sh start DIR [--watch PID]"
    watch=""
    if [[ "${3:-}" == --watch ]]; then watch=${4:?--watch needs a PID}; fi
    start "$2" "$watch"
    ;;
  stop)
    [[ $# -ge 2 ]] || die "usage: postgres.sh stop DIR"
    stop "$2"
    ;;
  *) die "usage: postgres.sh start DIR [--watch PID] | stop DIR" ;;
esac
