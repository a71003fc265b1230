#!/usr/bin/env bash
# End-to-end checks of `motcua catalog` and `motcua form check`: output, JSON, exit statuses.
# Usage: tests/tools/cli_catalog_test.sh PATH/TO/motcua
set -u
motcua="${1:?usage: $0 PATH/TO/motcua}"
failures=0
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

check() { # check DESCRIPTION EXPECTED_STATUS GREP_PATTERN ARGS…
    local what="$1" want="$2" pattern="$3"
    shift 3
    "$motcua" "$@" >"$dir/out" 2>"$dir/err"
    local got=$?
    if [[ "$got" != "$want" ]]; then
        echo "not ok - $what (exit $got, wanted $want: $(head -c 300 "$dir/err"))"; failures=$((failures + 1)); return
    fi
    if [[ -n "$pattern" ]] && ! grep -q -- "$pattern" "$dir/out" "$dir/err"; then
        echo "not ok - $what (no '$pattern' in the output)"; failures=$((failures + 1)); return
    fi
    echo "ok - $what"
}

check "catalog list names birth registration" 0 "1.001193.*Đăng ký khai sinh" catalog list
check "catalog list counts at least 25 procedures" 0 "^2[5-9] thủ tục\|^[3-9][0-9] thủ tục" catalog list
check "catalog list --json is a JSON array" 0 '"code": "1.001193"' catalog list --json
check "catalog show gives fees, documents and the form" 0 "Giấy chứng sinh" catalog show 1.001193
check "catalog show lists linked steps" 0 "Công an xã, phường: Đăng ký thường trú" catalog show 2.002621
check "catalog show of an unknown code is a bad argument" 2 "no procedure" catalog show 9.999999
check "catalog without a verb is a bad argument" 2 "catalog needs" catalog

cat >"$dir/good.json" <<'JSON'
{"requester_name": "Nguyễn Văn Đức", "requester_id": "001 089 012345", "requester_relationship": "cha",
 "child_name": "Nguyễn Thị Mai Anh", "child_birth_date": "20/11/2026", "child_sex": "nu",
 "birth_place": "Bệnh viện Phụ sản Hà Nội", "child_ethnicity": "Kinh", "mother_name": "Trần Thị Hoa",
 "mother_birth_year": "1995"}
JSON
check "a complete birth registration is valid" 0 "hợp lệ" form check 1.001193 "$dir/good.json"
cat >"$dir/bad.json" <<'JSON'
{"form_version": 2, "values": {"requester_name": "Nguyễn Văn Đức", "requester_id": "999", "child_birth_date": "31/02/2026",
 "requester_phone": "0168 123 4567"}}
JSON
check "every problem is listed and the exit status is 1" 1 "requester_id" form check 1.001193 "$dir/bad.json"
check "an old 11-digit phone number gets its new number suggested" 1 "038" form check 1.001193 "$dir/bad.json"
check "a missing required field is named" 1 "mother_name" form check 1.001193 "$dir/bad.json"
check "form check --json says valid: false" 1 '"valid": false' form check 1.001193 "$dir/bad.json" --json
check "form check of an unknown procedure is a bad argument" 2 "no procedure" form check 9.9 "$dir/good.json"
check "form check of a missing file is a bad argument" 2 "cannot read" form check 1.001193 "$dir/none.json"
echo '[1,2]' >"$dir/array.json"
check "form check of a non-object is a bad argument" 2 "not a JSON object" form check 1.001193 "$dir/array.json"
exit $((failures > 0))
