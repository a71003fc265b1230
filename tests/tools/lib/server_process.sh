# Sourced by the whole-system test scripts: a scratch folder, and the server started and stopped
# in the background. Needs $server (the motcua-server binary); sets $tmp, and kills every server
# it started when the script exits.
tmp=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# Starts the server in the background with ARGS, logs in $tmp/NAME.{out,err}; sets $pid and
# $url (from its first line) or fails.
start() { # NAME ARGS…
  local name=$1 _
  shift
  "$server" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
  pid=$!
  pids+=("$pid")
  url=
  for _ in $(seq 1 100); do
    url=$(sed -nE 's/^MộtCửa Offline: (.*)$/\1/p' "$tmp/$name.out")
    [[ -n "$url" ]] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}
