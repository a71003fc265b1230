#!/usr/bin/env bash
# End-to-end checks of `motcua units search`: output, JSON, dates and exit statuses.
# Usage: tests/tools/cli_units_test.sh PATH/TO/motcua
set -u
motcua="${1:?usage: $0 PATH/TO/motcua}"
failures=0
out="$(mktemp)"
err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failures=$((failures + 1)); }

# run EXPECTED_STATUS ARGS…: runs motcua, keeps stdout/stderr, checks the exit status.
run() {
    local want="$1"
    shift
    "$motcua" "$@" >"$out" 2>"$err"
    local got=$?
    if [[ "$got" != "$want" ]]; then
        not_ok "motcua $* exits $want (got $got: $(head -c 300 "$err"))"
        return 1
    fi
}

check_first_line() { # DESCRIPTION EXPECTED
    local first
    first="$(head -n 1 "$out")"
    if [[ "$first" == "$2" ]]; then ok "$1"; else not_ok "$1 (got '$first')"; fi
}

run 0 units search ha dong --on 2025-06-30 &&
    check_first_line "Hà Đông is a district until 30/6/2025" "268  Quận Hà Đông — Thành phố Hà Nội"

run 0 units search "HA ĐONG" --on 2025-07-01 &&
    check_first_line "Hà Đông is a ward from 1/7/2025, found without accents" \
        "09556  Phường Hà Đông — Thành phố Hà Nội"

run 0 units search truc bach --on 2025-06-30 &&
    check_first_line "a ward's line shows its district and city" \
        "00004  Phường Trúc Bạch — Quận Ba Đình — Thành phố Hà Nội"

run 0 units search phuong ba dinh --on 2025-07-01 &&
    check_first_line "code 00004 is Phường Ba Đình in the 2-level list" \
        "00004  Phường Ba Đình — Thành phố Hà Nội"

if run 0 units search nguyen --on 2025-06-30 --limit 3; then
    lines="$(wc -l <"$out")"
    if [[ "$lines" == 3 ]]; then ok "--limit caps the lines"; else not_ok "--limit 3 gave $lines lines"; fi
fi

if run 0 --json units search ba dinh --on 2025-07-01; then
    if grep -q '"code": "00004"' "$out" && grep -q '"structure": "2level"' "$out" &&
        grep -q '"level": "commune"' "$out" && grep -q '"type": "Phường"' "$out" &&
        grep -q '"path": \[' "$out" && grep -q '"name": "Thành phố Hà Nội"' "$out" &&
        [[ "$(head -c 1 "$out")" == "[" ]]; then
        ok "JSON lists code, name, type, level, structure and path"
    else
        not_ok "JSON output lacks a field: $(head -c 400 "$out")"
    fi
fi

if run 1 --json units search zzqx --on 2025-07-01; then
    if [[ "$(tr -d ' \n' <"$out")" == "[]" ]]; then ok "a miss exits 1 with an empty JSON array"
    else not_ok "a miss printed $(head -c 200 "$out")"; fi
fi

if run 1 units search zzqx --on 2025-07-01; then
    if [[ ! -s "$out" ]]; then ok "a miss prints nothing"; else not_ok "a miss printed something"; fi
fi

if run 2 units search ha dong --on 2025-02-30; then
    if grep -q "2025-02-30" "$err"; then ok "a bad date exits 2 and names it"
    else not_ok "a bad date's message: $(cat "$err")"; fi
fi

run 2 units search ha dong --on && ok "--on without a date exits 2"
run 2 units search --on 2025-07-01 && ok "no text to look for exits 2"
run 2 units find ha dong && ok "an unknown units subcommand exits 2"
run 2 units search ha --limit 0 && ok "--limit 0 exits 2"

if run 1 units search ha dong --on 2020-01-01; then
    if grep -q "2020-01-01" "$err"; then ok "a date no list covers exits 1 and says so"
    else not_ok "no-list message: $(cat "$err")"; fi
fi

if run 0 units search ha noi; then
    if grep -q "Hà Nội" "$out"; then ok "without --on, today's structure is searched"
    else not_ok "without --on nothing was printed"; fi
fi

if MOTCUA_DATA_DIR=/nonexistent "$motcua" units search ha dong >"$out" 2>"$err"; then
    not_ok "missing data files must fail"
else
    if grep -q "cannot read" "$err"; then ok "missing data files are reported"
    else not_ok "missing data message: $(cat "$err")"; fi
fi

if [[ "$failures" -gt 0 ]]; then
    echo "$failures failed"
    exit 1
fi
