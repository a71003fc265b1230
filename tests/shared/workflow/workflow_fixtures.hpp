// Helpers for the workflow tests: local times, valid requests, and dossiers brought to a status
// by real moves (never by writing fields), so each test starts from a state apply() can reach.
#pragma once

#include "shared/workflow/dossier_state.hpp"

#include <doctest/doctest.h>

#include <string>

namespace motcua::workflow::testing {

inline const std::string commune = "00001"; // Phường Phúc Xá (3 levels, 2025-03)
inline const std::string district = "001";  // Quận Ba Đình
inline const std::string department = "01-so-tu-phap";

// Unix seconds of a Vietnam local time.
inline std::int64_t local(civil_date d, int hour, int minute = 0) {
    return days_from_civil(d) * 86400 + hour * 3600 + minute * 60 - vietnam_utc_offset_seconds;
}

inline move_request by(move m, role r, const std::string& unit = commune) {
    move_request q;
    q.what = m;
    q.by = r;
    q.unit = unit;
    q.actor = r == role::citizen || r == role::system ? "" : "Nguyễn Văn An";
    return q;
}

inline move_request with_reasons(move_request q) {
    q.reasons = {"Thiếu bản sao giấy chứng nhận kết hôn", "Tờ khai chưa có chữ ký"};
    return q;
}

// Dossiers below are submitted on Monday 3/3/2025 (the 2018 rules) unless told otherwise.
inline const civil_date monday{2025, 3, 3};

inline dossier_state must(const result<dossier_state>& r) {
    if (!r) FAIL(r.err().code << ": " << r.err().en);
    return *r;
}

struct walker {
    calendar::days_off off;
    std::int64_t at = local(monday, 8);

    context ctx() const { return context{at, off}; }

    dossier_state submitted(const std::string& unit = commune) {
        auto q = by(move::submit, role::citizen);
        q.to_unit = unit;
        return must(open_dossier(q, ctx()));
    }
    dossier_state step(const dossier_state& s, move_request q, int minutes = 30) {
        at += minutes * 60;
        return must(apply(s, q, ctx()));
    }
    dossier_state accepted(int days = 10) {
        auto q = by(move::accept, role::receiving_officer);
        q.processing_days = days;
        return step(submitted(), q);
    }
    dossier_state processing(int days = 10) {
        return step(accepted(days), by(move::start_processing, role::specialist));
    }
    dossier_state processed() { return step(processing(), by(move::approve, role::leader)); }
    // A dossier waiting on the citizen, paused from `from` (submitted, processing, processed).
    dossier_state paused(dossier_status waiting_for, dossier_status from) {
        dossier_state s = from == dossier_status::submitted    ? submitted()
                          : from == dossier_status::processing ? processing()
                                                               : processed();
        role asker =
            from == dossier_status::processing ? role::specialist : role::receiving_officer;
        move m = waiting_for == dossier_status::supplement_requested ? move::request_supplement
                                                                     : move::request_payment;
        return step(s, with_reasons(by(m, asker)));
    }
    // Any status, by the shortest way there.
    dossier_state in(dossier_status target) {
        switch (target) {
        case dossier_status::submitted:
            return submitted();
        case dossier_status::accepted:
            return accepted();
        case dossier_status::refused:
            return step(submitted(), with_reasons(by(move::refuse, role::receiving_officer)));
        case dossier_status::processing:
            return processing();
        case dossier_status::supplement_requested:
            return paused(target, dossier_status::processing);
        case dossier_status::payment_requested:
            return paused(target, dossier_status::processing);
        case dossier_status::withdrawn:
            return step(submitted(), by(move::withdraw, role::citizen));
        case dossier_status::stopped:
            return step(processing(), with_reasons(by(move::stop_processing, role::leader)));
        case dossier_status::processed:
            return processed();
        case dossier_status::returned:
            return step(processed(), by(move::return_result, role::receiving_officer));
        }
        return submitted();
    }
};

} // namespace motcua::workflow::testing
