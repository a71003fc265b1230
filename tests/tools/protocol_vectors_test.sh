#!/usr/bin/env bash
# docs/protocol-vectors.json, read by two implementations written from docs/protocol.md alone
# (tests/protocol/check_vectors.py: Python standard library; check_vectors.mjs: Node built-ins);
# the committed file checked against its generator (tools/gen/protocol_vectors.cpp); a wrong byte
# in the vectors shown to fail every reader (and the C++ test); the page's annotated bytes checked
# against the vectors. Prints "ok - …" / "not ok - …"; finds the checkout through MOTCUA_ROOT and
# the build through MOTCUA_BUILD (the native tree in $MOTCUA_BUILD/native), as tools/test sets them.
set -u
root="${MOTCUA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
build="${MOTCUA_BUILD:-$root/build}"
vectors="$root/docs/protocol-vectors.json"
readers="$root/tests/protocol"
failures=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failures=$((failures + 1)); }

# run_reader LABEL COMMAND...: one line for a reader whose checks all pass (they are many, and
# tools/test counts lines), each failing check otherwise.
run_reader() {
    local label="$1" out status passed
    shift
    out="$("$@" "$vectors" 2>&1)"
    status=$?
    passed=$(grep -c '^ok - ' <<<"$out")
    if ((status == 0)) && ! grep -q '^not ok - ' <<<"$out" && ((passed > 0)); then
        ok "$label reader: all $passed checks of the vectors pass"
        return
    fi
    while IFS= read -r line; do
        [[ "$line" == "not ok - "* ]] && not_ok "$label reader: ${line#not ok - }"
    done <<<"$out"
    grep -q '^not ok - ' <<<"$out" || not_ok "$label reader exited $status after $passed checks: $(tail -3 <<<"$out")"
}

run_reader python python3 "$readers/check_vectors.py"
run_reader node node "$readers/check_vectors.mjs"

# The committed file is what the generator writes today.
gen="$build/native/tools/gen/protocol_vectors"
if [[ -x "$gen" ]]; then
    if "$gen" >"$tmp/generated.json" 2>"$tmp/gen.err" && cmp -s "$tmp/generated.json" "$vectors"; then
        ok "docs/protocol-vectors.json is what tools/gen/protocol_vectors writes"
    else
        not_ok "docs/protocol-vectors.json differs from the generator's output (regenerate: $gen > docs/protocol-vectors.json): $(cat "$tmp/gen.err"; diff "$tmp/generated.json" "$vectors" | head -4 | cut -c1-160)"
    fi
else
    not_ok "the generator is not built: $gen"
fi

# The byte-by-byte example on the page is the first submission's canonical bytes.
if python3 - "$root/docs/protocol.md" "$vectors" <<'EOF'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
block = page.split("byte by byte", 1)[1].split("```", 2)[1]
hexes = []
for line in block.splitlines():
    for token in line.split():
        if len(token) % 2 or not re.fullmatch(r"[0-9a-f]+", token):
            break
        hexes.append(token)
want = json.load(open(sys.argv[2], encoding="utf-8"))["submissions"][0]["canonical_hex"]
sys.exit(0 if "".join(hexes) == want else 1)
EOF
then ok "the page's annotated submission bytes are the vectors' birth_registration"
else not_ok "the page's annotated submission bytes differ from the vectors' birth_registration"
fi

# A wrong byte anywhere that matters must fail each reader (and the C++ test, when built); so
# must a wrong code, status or long_text list in the strict-input vectors.
python3 - "$vectors" "$tmp" <<'EOF'
import copy, json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))

def flip(text, at):
    return text[:at] + ("1" if text[at] == "0" else "0") + text[at + 1:]

cases = {
    "submission_canonical": ("submissions", 1, "canonical_hex", 150),
    "submission_signature": ("submissions", 0, "signature", 10),
    "receipt_canonical": ("receipt", None, "canonical_hex", 60),
    "feed_entry_signature": ("feed_entries", 1, "signature", 100),
    "mac_key": ("mac_key", None, "mac_key", 0),
    "request_mac": ("requests", 1, "mac", 63),
    "request_signing_bytes": ("requests", 3, "signing_bytes_hex", 20),
    "request_signature": ("requests", 0, "signature", 127),
}
for name, (top, index, field, at) in cases.items():
    d = copy.deepcopy(v)
    obj = d[top] if index is None else d[top][index]
    obj[field] = flip(obj[field], at)
    with open(f"{sys.argv[2]}/{name}.json", "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=2)

# The strict-input vectors (docs/protocol.md 6.8): a wrong code, status or field list.
def refused_about(d, start):
    return next(r for r in d["submissions_refused"] if r["about"].startswith(start))

def drop_long_text(d):
    d["submissions"][1]["long_text_fields"] = []  # business_household: its \n in activities

def line_break_code(d):
    refused_about(d, "\\n in a one-line field")["code"] = "submission_malformed"

def duplicate_key_status(d):
    refused_about(d, "a key twice inside values")["http_status"] = 400

for edit in (drop_long_text, line_break_code, duplicate_key_status):
    d = copy.deepcopy(v)
    edit(d)
    with open(f"{sys.argv[2]}/strict_{edit.__name__}.json", "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=2)
EOF
shared_tests="$build/native/tests/motcua_shared_tests"
for broken in "$tmp"/*_*.json; do
    [[ "$(basename "$broken")" == generated.json ]] && continue
    what="$(basename "$broken" .json)"
    if python3 "$readers/check_vectors.py" "$broken" >/dev/null 2>&1; then
        not_ok "python reader misses a wrong byte or value in $what"
    else ok "python reader catches a wrong byte or value in $what"; fi
    if node "$readers/check_vectors.mjs" "$broken" >/dev/null 2>&1; then
        not_ok "node reader misses a wrong byte or value in $what"
    else ok "node reader catches a wrong byte or value in $what"; fi
    if [[ -x "$shared_tests" ]]; then
        if MOTCUA_PROTOCOL_VECTORS="$broken" "$shared_tests" -tc='protocol vectors*' >/dev/null 2>&1; then
            not_ok "C++ protocol_vectors_test misses a wrong byte or value in $what"
        else ok "C++ protocol_vectors_test catches a wrong byte or value in $what"; fi
    fi
done

exit $((failures > 0))
