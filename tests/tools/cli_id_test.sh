#!/usr/bin/env bash
# End-to-end checks of `motcua id check`: exit status, the answer, and no ID number on stderr.
# Usage: tests/tools/cli_id_test.sh PATH_TO_MOTCUA
set -u
motcua="${1:?usage: $0 PATH_TO_MOTCUA}"
failures=0
out="$(mktemp)" err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failures=$((failures + 1)); }

# expect NAME STATUS PATTERN ARGS…: runs motcua ARGS, wants exit STATUS and PATTERN (grep -E)
# in stdout (or in stderr for status 2); stderr must never hold the first 9 digits typed.
expect() {
  local name="$1" want="$2" pattern="$3"; shift 3
  "$motcua" "$@" >"$out" 2>"$err"
  local got=$?
  local where="$out"; [[ "$want" == 2 ]] && where="$err"
  if [[ "$got" != "$want" ]]; then
    not_ok "$name (exit $got, wanted $want)"; sed 's/^/#   /' "$out" "$err"
  elif ! grep -Eq -- "$pattern" "$where"; then
    not_ok "$name (no match for /$pattern/)"; sed 's/^/#   /' "$out" "$err"
  elif grep -Eq '001 ?303 ?012|003903012|012345678' "$err"; then
    not_ok "$name (an ID number on stderr)"
  else
    ok "$name"
  fi
}

expect "a valid number gives province, sex and birth year" 0 \
  '^hợp lệ: Hà Nội, nữ, sinh năm 2003' id check 001303012345
expect "spaces and dots typed between groups are accepted" 0 \
  '^hợp lệ: Hồ Chí Minh, nam, sinh năm 1985' id check "079.085 001234"
expect "a matching date of birth keeps it valid" 0 'hợp lệ' \
  id check 001303012345 --birth 2003-09-05
expect "a wrong length is explained in Vietnamese and English" 1 \
  'vừa nhập có 11 chữ số.*\(A personal ID number has 12 digits; this one has 11\.' \
  id check 00130301234
expect "a date of birth from another year is a reason" 1 'không khớp với năm sinh đã khai' \
  id check 001303012345 --birth=2004-01-01
expect "9 digits are checked as an old ID card number" 0 'chứng minh nhân dân cũ' \
  id check "012 345 678"
expect "a bad --birth date is a bad argument" 2 'YYYY-MM-DD' \
  id check 001303012345 --birth 2003-02-30
expect "a missing NUMBER is a bad argument" 2 'usage' id check
expect "two numbers are a bad argument" 2 'one NUMBER' id check 001303 012345

# Every problem at once: unknown province, a century to come, and both mismatches.
"$motcua" id check 003903012345 --birth 2004-05-06 >"$out" 2>"$err"
status=$? lines=$(grep -c '^- ' "$out")
if [[ $status == 1 && $lines == 4 && ! -s "$err" ]]; then ok "every problem is listed, one per line"
else not_ok "every problem is listed, one per line (exit $status, $lines lines)"; fi

# JSON answer.
"$motcua" --json id check "001 303 012345" >"$out" 2>"$err"
status=$?
if [[ $status == 0 ]] && python3 - "$out" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
assert j == {"valid": True, "kind": "citizen_id", "normalized": "001303012345",
             "province_code": "001", "province_name": "Hà Nội", "sex": "F",
             "birth_year": 2003, "problems": []}, j
EOF
then ok "--json gives the decoded fields"
else not_ok "--json gives the decoded fields"; fi

"$motcua" --json id check 00130301234X --birth 2004-01-01 >"$out" 2>"$err"
status=$?
if [[ $status == 1 ]] && python3 - "$out" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["valid"] is False and j["birth_year"] is None, j
assert [p["code"] for p in j["problems"]] == ["citizen_id_characters"], j
assert all(p["vi"] and p["en"] for p in j["problems"]), j
EOF
then ok "--json lists problems with code, vi and en"
else not_ok "--json lists problems with code, vi and en"; fi

if [[ $failures -gt 0 ]]; then echo "cli_id: $failures failed"; exit 1; fi
echo "cli_id: all passed"
