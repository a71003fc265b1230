#!/usr/bin/env bash
# Issue 11, end to end against the real server started as tools/run starts it (--web-root, --data):
# the requests that gave away /etc/passwd, the signing key and the database now get 404; the data
# folder may not sit inside the web root; the key file is 0600; the built web root is served
# precompressed with strong ETags, 304s and immutable caching for content-hashed names.
# Prints "ok - …" / "not ok - …" lines.
set -uo pipefail
root=${MOTCUA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${MOTCUA_BUILD:-$root/build}
server=$build/native/server/motcua-server
webroot=${MOTCUA_WEBROOT:-$build/web/webroot}
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=1; }

[[ -x "$server" ]] || { not_ok "$server is built"; exit 1; }
[[ -f "$webroot/index.html" ]] || { not_ok "$webroot is built"; exit 1; }

source "$root/tests/tools/lib/server_process.sh"

data="$tmp/data"
if ! start main --port 0 --data "$data" --web-root "$webroot"; then
  not_ok "the server starts with --web-root and --data: $(tail -3 "$tmp/main.err")"; exit 1
fi
base=${url%/}
# Give the database something to hold, so a leak of it would show.
curl -s "$base/v1/health" >/dev/null

# ---- the attack of issue 11, byte for byte (curl --path-as-is sends the path unchanged) ----
status_of() { curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' "$base$1"; }
leaks() { grep -qa -e 'root:' -e 'SQLite format' "$tmp/body" || cmp -s "$tmp/body" "$data/server-key"; }
for path in "//etc/passwd" "//$data/server-key" "//$data/motcua.sqlite" "/$data/server-key" \
            "/../../../../../../etc/passwd" "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" \
            "/..%2f..%2f..%2f..%2fetc%2fpasswd" "/%2fetc%2fpasswd" "/..%5c..%5cetc%5cpasswd" \
            "/%252e%252e/etc/passwd" "/index.html%00" "/.%2e/.%2e/etc/passwd" "//$data/motcua.sqlite-wal"; do
  s=$(status_of "$path")
  if [[ "$s" == 404 ]] && ! leaks; then ok "issue 11: GET $path is 404 and gives nothing away"
  else not_ok "issue 11: GET $path answered $s ($(head -c 80 "$tmp/body" | tr -c '[:print:]' '.'))"; fi
done
# Raw bytes curl would not send: a NUL, a backslash path, a very long path, non-UTF-8.
raw() { python3 - "$1" "$2" <<'EOF'
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
s = socket.create_connection((host.strip("[]"), int(port)))
s.sendall(b"GET " + bytes.fromhex(sys.argv[2]) + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
out = b""
while True:
    b = s.recv(65536)
    if not b: break
    out += b
print(out.split(b"\r\n", 1)[0].decode("latin-1"))
sys.stdout.flush()
EOF
}
hostport=${base#http://}
for hex in "2f2f6574632f706173737764" "2f5c6574635c706173737764" "2f696e6465782e68746d6c00" \
           "2fff fe2e6a73" "$(printf '2f%.0s61' $(seq 1 3000))2e6a73"; do
  hex=${hex// /}
  line=$(raw "$hostport" "$hex")
  if [[ "$line" == *" 404 "* || "$line" == *" 400 "* ]]; then ok "raw target ${hex:0:24}… is refused ($line)"
  else not_ok "raw target ${hex:0:24}… answered: $line"; fi
done

# ---- the key and the data folder ----
if [[ "$(stat -c %a "$data/server-key")" == 600 ]]; then ok "the server key file is 0600"
else not_ok "the server key file is $(stat -c %a "$data/server-key")"; fi
if [[ "$(stat -c %a "$data")" == 700 ]]; then ok "the data folder is 0700"
else not_ok "the data folder is $(stat -c %a "$data")"; fi
if [[ "$(stat -c %a "$data/motcua.sqlite")" == 600 ]]; then ok "the database file is 0600"
else not_ok "the database file is $(stat -c %a "$data/motcua.sqlite")"; fi

cp -r "$webroot" "$tmp/site"
if start inside --port 0 --data "$tmp/site/data" --web-root "$tmp/site"; then
  not_ok "a data folder inside the web root is refused"
else
  if grep -q data_in_web_root "$tmp/inside.err" || grep -q "outside the folder that is served" "$tmp/inside.err"; then
    ok "a data folder inside the web root is refused at start: $(tail -1 "$tmp/inside.err")"
  else not_ok "refused, but not saying why: $(tail -2 "$tmp/inside.err")"; fi
  [[ ! -e "$tmp/site/data/server-key" ]] && ok "and no key was written there" || not_ok "a key was written inside the web root"
fi
if start keyinside --port 0 --data "$tmp/d2" --server-key "$tmp/site/server-key" --web-root "$tmp/site"; then
  not_ok "a key file inside the web root is refused"
else ok "a key file inside the web root is refused at start"; fi
if start dbinside --port 0 --data "$tmp/d3" --database-url "sqlite:$tmp/site/motcua.data" --web-root "$tmp/site"; then
  not_ok "a sqlite: database inside the web root is refused"
else ok "a sqlite: database inside the web root (named as a type the site serves) is refused at start"; fi

# ---- compression, validators, caching ----
index_headers=$(curl -s -D - -o "$tmp/index.br" -H 'Accept-Encoding: gzip, br' "$base/")
enc=$(grep -i '^content-encoding:' <<<"$index_headers" | tr -d '\r' | awk '{print $2}')
etag=$(grep -i '^etag:' <<<"$index_headers" | tr -d '\r' | cut -d' ' -f2-)
if [[ "$enc" == br ]] && brotli -dc "$tmp/index.br" | cmp -s - "$webroot/index.html"; then
  ok "index.html is sent as its brotli copy to a browser that takes br, and decodes to the file"
else not_ok "index.html with Accept-Encoding br: encoding '$enc'"; fi
grep -qi '^vary: Accept-Encoding' <<<"$index_headers" && ok "Vary: Accept-Encoding" || not_ok "no Vary header"
grep -qi '^cache-control: no-cache' <<<"$index_headers" && ok "index.html is no-cache" || not_ok "index.html caching: $(grep -i cache-control <<<"$index_headers")"
s=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip, br' -H "If-None-Match: $etag" "$base/")
[[ "$s" == 304 ]] && ok "If-None-Match with the ETag answers 304" || not_ok "If-None-Match answered $s"
wasm=$(cd "$webroot" && ls motcua.*.wasm | head -1)
wasm_headers=$(curl -s -D - -o "$tmp/wasm.gz" -H 'Accept-Encoding: gzip' "$base/$wasm")
if grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$wasm_headers" &&
   grep -qi '^content-type: application/wasm' <<<"$wasm_headers" &&
   gzip -dc "$tmp/wasm.gz" | cmp -s - "$webroot/$wasm"; then
  ok "$wasm (content-hashed) is immutable for a year, application/wasm, gzip decoding to the file"
else not_ok "$wasm headers: $(tr -d '\r' <<<"$wasm_headers" | tr '\n' '|')"; fi
sw_headers=$(curl -s -D - -o /dev/null "$base/sw.js")
grep -qi '^cache-control: no-cache' <<<"$sw_headers" && ok "sw.js is no-cache" || not_ok "sw.js caching"
plain=$(curl -s -o /dev/null -w '%{size_download}' "$base/$wasm")
[[ "$plain" == "$(stat -c %s "$webroot/$wasm")" ]] && ok "without Accept-Encoding the file is sent as it is" ||
  not_ok "identity size $plain"

exit $failed
