#!/usr/bin/env bash
# HTTPS end to end: tools/make-local-ca makes an authority and a certificate for 127.0.0.1;
# motcua-server serves TLS with it (options from a config file), curl trusts it through the
# authority only; plain HTTP on the TLS port fails; a LAN address without TLS is refused; SIGTERM
# stops the server with status 0.
set -uo pipefail
root=${MOTCUA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${MOTCUA_BUILD:-$root/build}
server=$build/native/server/motcua-server
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=1; }

[[ -x "$server" ]] || { not_ok "$server is built"; exit 1; }
command -v curl >/dev/null || { not_ok "curl is installed"; exit 1; }

source "$root/tests/tools/lib/server_process.sh"
# Sends SIGTERM and waits up to 15 s; prints the exit status.
stop() { # PID
  local _
  kill -TERM "$1"
  for _ in $(seq 1 150); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  wait "$1"
}

# ---- the authority and the certificate ----
if "$root/tools/make-local-ca" --dir "$tmp/tls" --name 'UBND xã Thử Nghiệm' 127.0.0.1 >"$tmp/ca.out" 2>&1 &&
   [[ -f "$tmp/tls/ca.pem" && -f "$tmp/tls/server.pem" && -f "$tmp/tls/server-key.pem" ]]; then
  ok "make-local-ca makes an authority and a server certificate"
else
  not_ok "make-local-ca makes an authority and a server certificate: $(tail -5 "$tmp/ca.out")"; exit 1
fi
mode=$(stat -c %a "$tmp/tls/ca-key.pem")
[[ "$mode" == 600 ]] && ok "the authority's key is private (0600)" || not_ok "the authority's key is private (got $mode)"
fp=$(openssl x509 -in "$tmp/tls/ca.pem" -noout -fingerprint -sha256 | sed 's/^.*=//')
grep -qF "$fp" "$tmp/ca.out" && ok "make-local-ca prints the authority's SHA-256 fingerprint" \
  || not_ok "make-local-ca prints the authority's SHA-256 fingerprint"
san=$(openssl x509 -in "$tmp/tls/server.pem" -noout -ext subjectAltName,extendedKeyUsage 2>/dev/null)
[[ "$san" == *"IP Address:127.0.0.1"* && "$san" == *"TLS Web Server Authentication"* ]] &&
  ok "the certificate names 127.0.0.1 and is for servers" || not_ok "the certificate names 127.0.0.1 and is for servers: $san"
days=$(( ($(date -d "$(openssl x509 -in "$tmp/tls/server.pem" -noout -enddate | sed 's/^notAfter=//')" +%s) - $(date +%s)) / 86400 ))
((days <= 825)) && ok "the certificate is valid at most 825 days ($days)" || not_ok "the certificate is valid at most 825 days ($days)"
ca_before=$(sha256sum <"$tmp/tls/ca.pem")
"$root/tools/make-local-ca" --dir "$tmp/tls" 127.0.0.1 localhost >"$tmp/ca2.out" 2>&1
[[ "$(sha256sum <"$tmp/tls/ca.pem")" == "$ca_before" ]] &&
  openssl x509 -in "$tmp/tls/server.pem" -noout -ext subjectAltName | grep -q "DNS:localhost" &&
  openssl verify -CAfile "$tmp/tls/ca.pem" "$tmp/tls/server.pem" >/dev/null 2>&1 &&
  ok "a rerun with more hosts re-issues the certificate from the same authority" ||
  not_ok "a rerun with more hosts re-issues the certificate from the same authority"

# ---- the server over TLS, settings from a config file ----
cat >"$tmp/motcua.conf" <<EOF
# test config
address = 127.0.0.1
port = 0
data_dir = "$tmp/data"
tls_cert = $tmp/tls/server.pem
tls_key = $tmp/tls/server-key.pem
io_threads = 2
EOF
if start tls --config "$tmp/motcua.conf" && [[ "$url" == https://127.0.0.1:* ]]; then
  ok "the server reads its config file and serves https ($url)"
  port=${url##*:}; port=${port%/}
  tls_pid=$pid
  body=$(curl -sS --max-time 5 --cacert "$tmp/tls/ca.pem" "https://127.0.0.1:$port/v1/health" 2>&1)
  [[ "$body" == *'"status":"ok"'* ]] && ok "curl trusting only the local authority gets /v1/health" \
    || not_ok "curl trusting only the local authority gets /v1/health: $body"
  curl -sS --max-time 5 "https://127.0.0.1:$port/v1/health" >/dev/null 2>&1 &&
    not_ok "without the authority, curl refuses the certificate" || ok "without the authority, curl refuses the certificate"
  curl -sS --max-time 5 "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 &&
    not_ok "plain HTTP to the TLS port gets no answer" || ok "plain HTTP to the TLS port gets no answer"
  headers=$(curl -sS --max-time 5 -D - -o /dev/null --cacert "$tmp/tls/ca.pem" "https://127.0.0.1:$port/v1/health")
  grep -qi '^content-security-policy:.*wasm-unsafe-eval' <<<"$headers" && grep -qi '^x-content-type-options: nosniff' <<<"$headers" &&
    ok "answers over TLS carry the security headers" || not_ok "answers over TLS carry the security headers"
  metrics=$(curl -sS --max-time 5 --cacert "$tmp/tls/ca.pem" "https://127.0.0.1:$port/metrics")
  grep -q '^motcua_http_requests_total{route="health",status="200"} [1-9]' <<<"$metrics" &&
    ok "GET /metrics counts the requests (from loopback)" || not_ok "GET /metrics counts the requests: $(head -c 300 <<<"$metrics")"
  stop "$tls_pid"; status=$?
  [[ $status == 0 ]] && ok "SIGTERM stops the server with status 0" || not_ok "SIGTERM stops the server with status 0 (got $status)"
  grep -q '"event":"shutdown"' "$tmp/tls.err" && ok "the shutdown is logged" || not_ok "the shutdown is logged"
else
  not_ok "the server reads its config file and serves https: $(tail -3 "$tmp/tls.err")"
fi

# ---- a LAN address: refused without TLS, taken with it ----
"$server" --address 0.0.0.0 --port 0 --data-dir "$tmp/data" >"$tmp/lan.out" 2>"$tmp/lan.err"
status=$?
[[ $status == 2 ]] && grep -q "plain HTTP is allowed on loopback only" "$tmp/lan.err" &&
  ok "--address 0.0.0.0 without TLS is refused with status 2 and says why" ||
  not_ok "--address 0.0.0.0 without TLS is refused with status 2 and says why (got $status: $(head -c 300 "$tmp/lan.err"))"
# The example config file (address 0.0.0.0), its paths replaced on the command line.
if start lan --config "$root/docs/motcua-server.conf.example" --port 0 --data-dir "$tmp/data" \
     --tls-cert "$tmp/tls/server.pem" --tls-key "$tmp/tls/server-key.pem" --web-root= &&
   [[ "$url" == https://0.0.0.0:* ]]; then
  ok "--address 0.0.0.0 with TLS is taken (docs/motcua-server.conf.example)"
  port=${url##*:}; port=${port%/}
  body=$(curl -sS --max-time 5 --cacert "$tmp/tls/ca.pem" "https://127.0.0.1:$port/v1/health" 2>&1)
  [[ "$body" == *'"status":"ok"'* ]] && ok "the LAN listener answers" || not_ok "the LAN listener answers: $body"
  stop "$pid" >/dev/null
else
  not_ok "--address 0.0.0.0 with TLS is taken (docs/motcua-server.conf.example): $(tail -3 "$tmp/lan.err")"
fi

# ---- a bad config file names its line ----
printf 'port = 8080\nbody_limt = 5\n' >"$tmp/bad.conf"
"$server" --config "$tmp/bad.conf" >/dev/null 2>"$tmp/bad.err"
status=$?
[[ $status == 2 ]] && grep -q "line 2: unknown key 'body_limt'" "$tmp/bad.err" && grep -q "dòng 2" "$tmp/bad.err" &&
  ok "a bad config file is refused with status 2, naming the line in both languages" ||
  not_ok "a bad config file is refused with status 2, naming the line (got $status: $(head -c 300 "$tmp/bad.err"))"

exit $failed
