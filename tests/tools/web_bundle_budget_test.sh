#!/usr/bin/env bash
# The download budget of the web client: what a phone fetches before the first frame (the module's
# wasm, js and data, under their content-hashed names) must stay within 600 KB (600,000 bytes)
# gzip -9, measured on the gzip copies the build made and the server sends.
# Prints "ok - …" / "not ok - …" lines with each file's size; see BENCHMARKS.md for the breakdown.
set -uo pipefail
root="${MOTCUA_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
webroot="${MOTCUA_WEBROOT:-${MOTCUA_BUILD:-$root/build}/web/webroot}"
budget=600000

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }

failed=0 total=0 sizes=()
for pattern in 'motcua.*.wasm' 'motcua.*.js' 'motcua.*.data'; do
  f=$(cd "$webroot" 2>/dev/null && ls $pattern 2>/dev/null | head -1)
  if [[ -z "$f" || ! -s "$webroot/$f" || ! -s "$webroot/$f.gz" ]]; then
    echo "not ok - web bundle: $webroot/$pattern (and its .gz copy) missing (is the web client built?)"
    failed=1
    continue
  fi
  raw=$(stat -c %s "$webroot/$f")
  gz=$(stat -c %s "$webroot/$f.gz")
  # The copy must be the file: a stale one would be sent in its place.
  if ! gzip -dc "$webroot/$f.gz" | cmp -s - "$webroot/$f"; then
    echo "not ok - web bundle: $f.gz is not a copy of $f"
    failed=1
  fi
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
