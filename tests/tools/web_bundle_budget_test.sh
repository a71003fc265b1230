#!/usr/bin/env bash
# The download budget of the web client: what a phone fetches before the first frame (motcua.wasm,
# motcua.js, motcua.data) must stay within 600 KB (600,000 bytes) gzip -9, measured on the build.
# Prints "ok - …" / "not ok - …" lines with each file's size; see BENCHMARKS.md for the breakdown.
set -uo pipefail
root="${MOTCUA_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
webroot="${MOTCUA_WEBROOT:-${MOTCUA_BUILD:-$root/build}/web/webroot}"
budget=600000

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }

failed=0 total=0 sizes=()
for f in motcua.wasm motcua.js motcua.data; do
  if [[ ! -s "$webroot/$f" ]]; then
    echo "not ok - web bundle: $webroot/$f missing (is the web client built?)"
    failed=1
    continue
  fi
  raw=$(stat -c %s "$webroot/$f")
  gz=$(gzip -9c "$webroot/$f" | wc -c)
  total=$((total + gz))
  sizes+=("$f $(kb "$gz") gzip ($(kb "$raw") raw)")
  echo "# $f: $(kb "$gz") gzip -9, $(kb "$raw") raw"
done
((failed == 0)) || exit 1

summary="$(IFS=';'; echo "${sizes[*]}" | sed 's/;/, /g')"
if ((total <= budget)); then
  echo "ok - web bundle is $(kb "$total") gzip -9, within the $(kb "$budget") budget ($summary)"
else
  echo "not ok - web bundle is $(kb "$total") gzip -9, over the $(kb "$budget") budget by $(kb $((total - budget))) ($summary)"
  exit 1
fi
