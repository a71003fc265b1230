// Moving a dossier through the workflow: checks in a fixed order (closed, time, state, role,
// officer and unit, the move's own rules), then the new state built from the table's row.
#include "shared/workflow/dossier_state.hpp"

#include "shared/workflow/transitions.hpp"

namespace motcua::workflow {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

std::string vi_quoted(std::string_view s) {
    return "«" + std::string(s) + "»";
}
std::string en_quoted(std::string_view s) {
    return "“" + std::string(s) + "”";
}

bool blank(const std::string& s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

bool reasons_given(const std::vector<std::string>& reasons) {
    if (reasons.empty()) return false;
    for (const auto& r : reasons)
        if (blank(r)) return false;
    return true;
}

bool needs_reasons(move m) {
    return m == move::refuse || m == move::request_supplement || m == move::stop_processing ||
           m == move::apologise;
}

int local_second_of_day(std::int64_t at) {
    std::int64_t s = (at + vietnam_utc_offset_seconds) % seconds_per_day;
    if (s < 0) s += seconds_per_day;
    return static_cast<int>(s);
}

civil_date next_working_day(civil_date d, const calendar::days_off& off) {
    do
        d = add_days(d, 1);
    while (!calendar::is_working_day(d, off));
    return d;
}

bool is_pause(dossier_status s) {
    return s == dossier_status::supplement_requested || s == dossier_status::payment_requested;
}

// The deadline of the step the holder is on; the citizen's time is not a step of the agency.
std::optional<civil_date> holder_due(const dossier_state& s) {
    if (s.holder == role::citizen) return std::nullopt;
    return s.step_due ? s.step_due : s.due;
}

const rule_set& rules_on(const context& ctx, civil_date d) {
    return ctx.rules ? rule_set_in_force(d, *ctx.rules) : rule_set_in_force(d);
}

// ---- the errors, as a helpful officer would say them ----

error closed(dossier_status s, move m) {
    return {"dossier_closed",
            "Hồ sơ đã kết thúc ở trạng thái " + vi_quoted(name_of(s).vi) + "; không thể " +
                vi_quoted(name_of(m).vi) + " nữa.",
            "The dossier is closed (" + std::string(name_of(s).en) + "); " +
                en_quoted(name_of(m).en) + " is no longer possible."};
}

error time_before_last() {
    return {"move_time_before_last",
            "Thời điểm thao tác sớm hơn thao tác trước của hồ sơ; hãy kiểm tra đồng hồ của máy.",
            "This move is dated before the dossier's previous move; check the device's clock."};
}

error wrong_state(dossier_status s, move m) {
    return {"move_not_allowed_in_state",
            "Không thể " + vi_quoted(name_of(m).vi) + " khi hồ sơ đang ở trạng thái " +
                vi_quoted(name_of(s).vi) + ".",
            en_quoted(name_of(m).en) + " is not possible while the dossier is " +
                en_quoted(name_of(s).en) + "."};
}

error wrong_role(role by, move m, const std::vector<role>& allowed) {
    std::string vi_list, en_list;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (i) {
            vi_list += ", ";
            en_list += ", ";
        }
        vi_list += vi_quoted(name_of(allowed[i]).vi);
        en_list += en_quoted(name_of(allowed[i]).en);
    }
    return {"role_not_allowed",
            vi_quoted(name_of(by).vi) + " không thực hiện được " + vi_quoted(name_of(m).vi) +
                " ở bước này; việc này do " + vi_list + " làm.",
            "The role " + en_quoted(name_of(by).en) + " cannot " + en_quoted(name_of(m).en) +
                " at this step; it is done by: " + en_list + "."};
}

error actor_required() {
    return {"actor_required",
            "Chưa ghi tên cán bộ thực hiện; phiếu kiểm soát cần ghi rõ ai đã làm.",
            "The officer's name is missing; the process-control sheet records who acted."};
}

error wrong_unit(const std::string& holding, const std::string& officer_unit, move m) {
    return {"wrong_unit",
            "Hồ sơ đang do đơn vị " + vi_quoted(holding) + " giữ; cán bộ của đơn vị " +
                vi_quoted(officer_unit) + " không thể " + vi_quoted(name_of(m).vi) + ".",
            "The dossier is held by unit " + en_quoted(holding) + "; an officer of " +
                en_quoted(officer_unit) + " cannot " + en_quoted(name_of(m).en) + " it."};
}

error reasons_missing(move m) {
    switch (m) {
    case move::request_supplement:
        return {"reasons_required",
                "Phiếu yêu cầu bổ sung phải liệt kê đầy đủ, một lần, mọi giấy tờ và nội dung "
                "cần bổ sung (không để dòng trống).",
                "A supplement request must list every missing item, all at once (no blank "
                "lines)."};
    case move::refuse:
        return {"reasons_required", "Phiếu từ chối phải nêu rõ lý do (không để dòng trống).",
                "A refusal must state its reasons (no blank lines)."};
    case move::apologise:
        return {"reasons_required", "Phiếu xin lỗi phải nêu lý do hồ sơ quá hạn.",
                "An apology must state why the dossier is late."};
    default:
        return {"reasons_required", "Dừng xử lý hồ sơ phải nêu rõ lý do.",
                "Stopping the processing needs its reasons."};
    }
}

error bad_processing_days() {
    return {"processing_days_invalid",
            "Thời hạn giải quyết phải từ 0 đến " + std::to_string(max_processing_days) +
                " ngày làm việc.",
            "The processing time must be 0 to " + std::to_string(max_processing_days) +
                " working days."};
}

error bad_step_days() {
    return {"step_days_invalid",
            "Thời hạn của bước xử lý phải từ 0 đến " + std::to_string(max_processing_days) +
                " ngày làm việc.",
            "A step's time must be 0 to " + std::to_string(max_processing_days) + " working days."};
}

error transfer_unit_missing() {
    return {"transfer_unit_required", "Chưa chọn đơn vị nhận hồ sơ chuyển đến.",
            "Choose the unit the dossier goes to."};
}

error transfer_same(const std::string& unit) {
    return {"transfer_same_unit",
            "Hồ sơ đang ở đơn vị " + vi_quoted(unit) + "; hãy chọn một đơn vị khác để chuyển.",
            "The dossier is already at " + en_quoted(unit) + "; choose another unit."};
}

error not_at_receiving_unit(const std::string& receiving) {
    return {"result_not_at_receiving_unit",
            "Kết quả được trả tại nơi đã tiếp nhận hồ sơ (" + vi_quoted(receiving) +
                "); hãy chuyển kết quả về đó trước.",
            "The result is returned where the dossier was received (" + en_quoted(receiving) +
                "); transfer it there first."};
}

error apology_used(civil_date due) {
    return {"apology_already_used",
            "Hồ sơ đã có phiếu xin lỗi và hẹn lại (hẹn " + to_vn(due) +
                "); ngày hẹn chỉ được dời một lần.",
            "An apology with a new date was already issued (new date " + to_vn(due) +
                "); the date may be moved only once."};
}

error apology_late(civil_date due, civil_date last_day) {
    return {"apology_too_late",
            "Phiếu xin lỗi phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả: hạn " +
                to_vn(due) + ", nên chậm nhất là ngày " + to_vn(last_day) + ".",
            "The apology must be issued at least one working day before the deadline: due " +
                to_vn(due) + ", so by " + to_vn(last_day) + " at the latest."};
}

error apology_date_missing() {
    return {"apology_date_required", "Phiếu xin lỗi phải ghi ngày hẹn trả kết quả mới.",
            "The apology must give the new date for the result."};
}

error apology_not_later(civil_date due) {
    return {"apology_date_not_later",
            "Ngày hẹn mới phải sau ngày hẹn hiện tại (" + to_vn(due) + ").",
            "The new date must be after the current one (" + to_vn(due) + ")."};
}

error apology_not_working_day(civil_date d) {
    return {"apology_date_not_working_day",
            "Ngày hẹn mới (" + to_vn(d) + ") không phải ngày làm việc; hãy chọn ngày làm việc.",
            "The new date (" + to_vn(d) + ") is not a working day; choose a working day."};
}

// ---- checks shared by open_dossier and apply ----

status check_official(const move_request& req, const std::string& holding_unit) {
    if (!is_official(req.by)) return ok_status();
    if (blank(req.actor)) return actor_required();
    if (req.unit != holding_unit) return wrong_unit(holding_unit, req.unit, req.what);
    return ok_status();
}

status check_apology(const dossier_state& s, const move_request& req, const context& ctx) {
    if (!s.due) return wrong_state(s.status, req.what);
    if (s.apology_used) return apology_used(*s.due);
    civil_date last_day = previous_working_day(*s.due, ctx.off);
    if (last_day < vietnam_date_of(ctx.at)) return apology_late(*s.due, last_day);
    if (!req.new_due || !is_valid(*req.new_due)) return apology_date_missing();
    if (!(*s.due < *req.new_due)) return apology_not_later(*s.due);
    if (!calendar::is_working_day(*req.new_due, ctx.off))
        return apology_not_working_day(*req.new_due);
    return ok_status();
}

status check_move_rules(const dossier_state& s, const move_request& req, const context& ctx) {
    if (req.step_days < 0 || req.step_days > max_processing_days) return bad_step_days();
    switch (req.what) {
    case move::accept:
        if (req.processing_days < 0 || req.processing_days > max_processing_days)
            return bad_processing_days();
        break;
    case move::transfer:
        if (blank(req.to_unit)) return transfer_unit_missing();
        if (req.to_unit == s.unit) return transfer_same(s.unit);
        break;
    case move::return_result:
        if (s.unit != s.receiving_unit) return not_at_receiving_unit(s.receiving_unit);
        break;
    case move::apologise:
        if (auto st = check_apology(s, req, ctx); !st) return st;
        break;
    default:
        break;
    }
    if (needs_reasons(req.what) && !reasons_given(req.reasons)) return reasons_missing(req.what);
    return ok_status();
}

std::optional<civil_date> step_deadline(int step_days, civil_date from, const context& ctx) {
    if (step_days <= 0) return std::nullopt;
    return calendar::due_date(from, step_days, ctx.off);
}

void issue_form(dossier_state& next, const transition& t, const std::string& unit,
                const move_request& req, const context& ctx) {
    if (!t.produces) return;
    const rule_set& rules = rules_on(ctx, vietnam_date_of(ctx.at));
    const form_info* form = find_form(rules, *t.produces);
    if (!form) return; // this rule set has no such form (the stop notice before 2025)
    issued_document doc{*t.produces, form->number, rules.id, ctx.at, unit, req.actor, {}, {}};
    if (needs_reasons(req.what)) doc.reasons = req.reasons;
    if (t.produces == form_kind::receipt || t.produces == form_kind::apology) doc.date = next.due;
    next.documents.push_back(std::move(doc));
}

} // namespace

civil_date previous_working_day(civil_date d, const calendar::days_off& off) {
    do
        d = add_days(d, -1);
    while (!calendar::is_working_day(d, off));
    return d;
}

result<dossier_state> open_dossier(const move_request& req, const context& ctx) {
    if (req.what != move::submit)
        return error{"dossier_not_submitted",
                     "Hồ sơ chưa được nộp; thao tác đầu tiên phải là «Nộp hồ sơ».",
                     "The dossier has not been submitted; the first move must be “Submit”."};
    const transition* row = nullptr;
    std::vector<role> allowed;
    for (const auto& t : transition_table()) {
        if (t.what != move::submit || t.from) continue;
        allowed.push_back(t.by);
        if (t.by == req.by) row = &t;
    }
    if (!row) return wrong_role(req.by, req.what, allowed);
    if (blank(req.to_unit))
        return error{"receiving_unit_required", "Chưa có đơn vị tiếp nhận hồ sơ.",
                     "The receiving unit is missing."};
    if (auto st = check_official(req, req.to_unit); !st) return st.err();
    if (req.step_days < 0 || req.step_days > max_processing_days) return bad_step_days();

    dossier_state s;
    s.status = row->to;
    s.submitted_at = ctx.at;
    s.last_move_at = ctx.at;
    s.receiving_unit = req.to_unit;
    s.unit = req.to_unit;
    s.holder = row->holder;
    s.step_due = step_deadline(req.step_days, vietnam_date_of(ctx.at), ctx);
    return s;
}

result<dossier_state> apply(const dossier_state& state, const move_request& req,
                            const context& ctx) {
    if (is_terminal(state.status)) return closed(state.status, req.what);
    if (ctx.at < state.last_move_at) return time_before_last();

    // The rows for this move from this status; then the one for this role (and, for a move
    // back, the one going where the dossier was paused from).
    bool any_row = false;
    std::vector<role> allowed;
    const transition* row = nullptr;
    for (const auto& t : transition_table()) {
        if (t.what != req.what || t.from != state.status) continue;
        any_row = true;
        bool seen = false;
        for (role r : allowed)
            seen = seen || r == t.by;
        if (!seen) allowed.push_back(t.by);
        if (t.by != req.by) continue;
        if (t.where == destination::back && (!state.paused || state.paused->from != t.to)) continue;
        row = &t;
    }
    if (!any_row) return wrong_state(state.status, req.what);
    if (!row) {
        bool role_ok = false;
        for (role r : allowed)
            role_ok = role_ok || r == req.by;
        if (role_ok) return wrong_state(state.status, req.what); // a move back with no pause
        return wrong_role(req.by, req.what, allowed);
    }
    if (auto st = check_official(req, state.unit); !st) return st.err();
    if (auto st = check_move_rules(state, req, ctx); !st) return st.err();

    const civil_date today = vietnam_date_of(ctx.at);
    dossier_state next = state;
    next.status = row->to;
    next.last_move_at = ctx.at;

    if (req.what == move::accept) {
        bool after_cutoff =
            ctx.cutoff_seconds && local_second_of_day(ctx.at) >= *ctx.cutoff_seconds;
        next.received = after_cutoff ? next_working_day(today, ctx.off) : today;
        next.due = calendar::due_date(*next.received, req.processing_days, ctx.off);
        next.step_due = step_deadline(req.step_days, *next.received, ctx);
    }
    if (req.what == move::apologise) {
        next.due = req.new_due;
        next.apology_used = true;
    }

    // Who holds it next, and where.
    next.unit = row->where == destination::named_unit ? req.to_unit : state.unit;
    next.holder = row->holder;
    if (next.unit != state.unit || next.holder != state.holder) {
        hand_over h{req.what,  state.unit, state.holder,      next.unit, next.holder,
                    req.actor, ctx.at,     holder_due(state), true};
        h.on_time = !h.due || !(*h.due < today);
        next.process_control.push_back(std::move(h));
        if (row->where == destination::back)
            next.step_due = state.paused->step_due;
        else if (next.holder == role::citizen)
            next.step_due = std::nullopt;
        else
            next.step_due = step_deadline(req.step_days, today, ctx);
    }
    if (is_pause(next.status))
        next.paused = paused_step{state.status, state.holder, state.step_due};
    else
        next.paused = std::nullopt;

    issue_form(next, *row, state.unit, req, ctx);
    return next;
}

std::vector<move> allowed_moves(const dossier_state& state, role who) {
    std::vector<move> moves;
    if (is_terminal(state.status)) return moves;
    for (const auto& t : transition_table()) {
        if (t.from != state.status || t.by != who) continue;
        if (t.where == destination::back && (!state.paused || state.paused->from != t.to)) continue;
        bool seen = false;
        for (move m : moves)
            seen = seen || m == t.what;
        if (!seen) moves.push_back(t.what);
    }
    return moves;
}

} // namespace motcua::workflow
