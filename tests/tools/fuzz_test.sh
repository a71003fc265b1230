#!/usr/bin/env bash
# The short fuzz run of the test command: every libFuzzer target (tests/fuzz) for 10 s on its
# seed corpus. Prints "ok - fuzz <target>: N runs, no finding" or "not ok - …" per target.
set -uo pipefail
root="${MOTCUA_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
export MOTCUA_FUZZ_BUILD="${MOTCUA_BUILD:-$root/build}/fuzz"
targets=(json_codec canonical request_signature units_asset http_request static_path)

out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$root/tools/fuzz" 10 "${targets[@]}" >"$out" 2>&1
rc=$?
cat "$out" >&2
failed=0
for t in "${targets[@]}"; do
  line=$(grep -E "^fuzz $t: " "$out" | tail -1)
  if [[ "$line" == *", no finding" ]]; then
    runs=$(sed -E 's/^fuzz [a-z_]+: ([0-9]+) runs.*/\1/' <<<"$line")
    echo "ok - fuzz $t: $runs runs, no finding"
  elif [[ -n "$line" ]]; then
    echo "not ok - $line"
    grep -A4 -F "$line" "$out" | tail -n +2
    failed=1
  else
    echo "not ok - fuzz $t: did not run (build failed?)"
    failed=1
  fi
done
((failed == 0 && rc == 0))
