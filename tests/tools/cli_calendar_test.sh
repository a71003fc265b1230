#!/usr/bin/env bash
# End-to-end checks of `motcua calendar`: exit status and output. Usage: cli_calendar_test.sh MOTCUA
set -u
motcua="${1:?usage: $0 PATH_TO_MOTCUA}"
failures=0

# check NAME EXPECTED_STATUS EXPECTED_STDOUT ARGS...
check() {
    local name="$1" want_status="$2" want_out="$3"
    shift 3
    local out status
    out="$("$motcua" "$@" 2>/dev/null)"
    status=$?
    if [[ "$status" == "$want_status" && "$out" == "$want_out" ]]; then
        echo "ok - $name"
    else
        echo "not ok - $name (exit $status, output: $out)"
        failures=$((failures + 1))
    fi
}

# check_err NAME ARGS...: exit 2, nothing on stdout, exactly one line on stderr.
check_err() {
    local name="$1"
    shift
    local out err status
    err="$("$motcua" "$@" 2>&1 >/dev/null)"
    out="$("$motcua" "$@" 2>/dev/null)"
    status=$?
    if [[ "$status" == 2 && -z "$out" && -n "$err" && "$(printf '%s\n' "$err" | wc -l)" == 1 ]]; then
        echo "ok - $name"
    else
        echo "not ok - $name (exit $status, stdout: $out, stderr: $err)"
        failures=$((failures + 1))
    fi
}

check "Tết 2024" 0 "2024-02-10" calendar tet 2024
check "Tết 2025" 0 "2025-01-29" calendar tet 2025
check "Tết 2026" 0 "2026-02-17" calendar tet 2026
check "Tết 1985 in Vietnam (China: 20 February)" 0 "1985-01-21" calendar tet 1985
check "Tết as JSON" 0 '{"can_chi":"Bính Ngọ","date":"2026-02-17","year":2026}' \
    calendar tet 2026 --json
check "Hùng Kings' day 2024 is 10/3 lunar" 0 \
    "10/3/2024 (âm lịch), mùng 10 tháng 3 năm Giáp Thìn" calendar lunar 2024-04-18
check "a day of the leap 2nd month of 2023" 0 \
    "4/2/2023 (âm lịch, tháng nhuận), mùng 4 tháng 2 nhuận năm Quý Mão" calendar lunar 2023-03-25
check "lunar date as JSON" 0 \
    '{"can_chi":"Quý Mão","date":"2023-03-25","day":4,"leap":true,"month":2,"text":"mùng 4 tháng 2 nhuận năm Quý Mão","year":2023}' \
    calendar lunar 2023-03-25 --json
check "deadline over Tết 2025" 0 "2025-02-03" calendar due 2025-01-24 1
check "deadline over Tết 2026" 0 "2026-03-05" calendar due 2026-02-12 10
check "a make-up Saturday counts (2024-05-04)" 0 "2024-05-04" calendar due 2024-05-03 1
check "deadline over 2/9/2026 and the swapped 31/8" 0 "2026-09-03" calendar due 2026-08-28 1
check "a received date written DD/MM/YYYY" 0 "2025-02-03" calendar due 24/01/2025 1
check "deadline as JSON" 0 '{"due":"2025-02-03","received":"2025-01-24","working_days":1}' \
    calendar due 2025-01-24 1 --json

holidays_2026="$("$motcua" calendar holidays 2026)"
status=$?
if [[ $status == 0 ]] && grep -qx "2026-02-16  Tết Âm lịch (29 tháng Chạp)" <<<"$holidays_2026" &&
    grep -q "^2026-04-27  Nghỉ bù Giỗ Tổ Hùng Vương" <<<"$holidays_2026" &&
    grep -q "^2026-08-22  làm việc: " <<<"$holidays_2026" &&
    [[ "$(grep -vc 'làm việc: ' <<<"$holidays_2026")" == 14 ]]; then
    echo "ok - holidays 2026: 14 days off from the table and the law, and 2 make-up days"
else
    echo "not ok - holidays 2026 (exit $status): $holidays_2026"
    failures=$((failures + 1))
fi

json="$("$motcua" calendar holidays 2025 --json)"
if [[ "$json" == '[{"basis":"law"'* && "$json" == *'"date":"2025-04-26","kind":"working_day"'* &&
    "$json" == *'"confirmed":false'* ]]; then
    echo "ok - holidays as a JSON array, make-up days included and flagged when unconfirmed"
else
    echo "not ok - holidays as JSON: $json"
    failures=$((failures + 1))
fi

check_err "a year outside 1900-2199" calendar tet 1899
check_err "a year that is not a number" calendar holidays 20x4
check_err "an impossible date" calendar lunar 2024-02-30
check_err "a negative number of days" calendar due 2025-01-24 -1
check_err "a missing number of days" calendar due 2025-01-24
check_err "no calendar subcommand" calendar
check_err "an unknown calendar subcommand" calendar moon 2024

# A broken table is reported with its line, not used.
broken="$(mktemp -d)"
mkdir -p "$broken/calendar"
printf 'date,kind,occasion,name_vi,name_en,source,confirmed\n2024-02-30,holiday,tet,A,B,C,yes\n' \
    >"$broken/calendar/days_off.csv"
err="$(MOTCUA_DATA_DIR="$broken" "$motcua" calendar holidays 2024 2>&1 >/dev/null)"
status=$?
rm -rf "$broken"
if [[ $status == 2 && "$err" == *"line 2:"* && "$err" == *"2024-02-30"* ]]; then
    echo "ok - a broken days-off table stops with its line number"
else
    echo "not ok - a broken days-off table (exit $status): $err"
    failures=$((failures + 1))
fi

exit $((failures > 0))
