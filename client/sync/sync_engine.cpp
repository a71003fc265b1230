// Upload, receipt verification and error classes of the outbox.
#include "client/sync/sync_engine.hpp"

#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"

#include <algorithm>

namespace motcua::client {

namespace {

const error network_error{"network_unreachable",
                          "Chưa kết nối được tới máy chủ; hồ sơ sẽ tự gửi lại khi có mạng.",
                          "The server could not be reached; the submission will be sent again when online."};
const error receipt_unreadable{"receipt_invalid",
                               "Máy chủ trả lời không đúng (có thể do mạng Wi-Fi yêu cầu đăng nhập); sẽ thử lại.",
                               "The server's answer was not a valid receipt (a Wi-Fi login page?); will try again."};
const error server_key_changed{"server_key_changed",
                               "Biên nhận được ký bằng một khoá lạ; hồ sơ chưa được coi là đã tiếp nhận.",
                               "The receipt is signed by an unknown key; the submission is not taken as received."};

bool transient_status(int status) { return status == 0 || status == 408 || status == 429 || status >= 500; }

} // namespace

sync_engine::sync_engine(local_store& store, transport& net, std::function<std::int64_t()> now_ms,
                         std::function<std::uint32_t()> random, backoff_policy policy)
    : store_(store), net_(net), now_ms_(std::move(now_ms)), random_(std::move(random)), policy_(policy) {}

std::int64_t sync_engine::backoff_ms(int attempts, std::uint32_t random, const backoff_policy& p) {
    std::int64_t ceiling = p.first_ms;
    for (int i = 1; i < attempts && ceiling < p.cap_ms; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, p.cap_ms);
    // Half fixed, half random: devices that lost the network together do not return together.
    return ceiling / 2 + std::int64_t(random % std::uint32_t(ceiling / 2 + 1));
}

void sync_engine::sync_now() {
    if (store_.retry_all_now(now_ms_())) ++generation_;
}

void sync_engine::tick(bool online) {
    if (in_flight_ || !online) return;
    auto item = store_.next_due(now_ms_());
    if (!item) return;
    in_flight_ = true;
    ++generation_;
    net_.put_json("/v1/submissions/" + item->id, item->request_json,
                  [this, item = *item](http_reply reply) { on_reply(item, reply); });
}

void sync_engine::on_reply(const outbox_item& item, const http_reply& reply) {
    in_flight_ = false;
    ++generation_;
    auto retry = [&](const error& why) {
        int attempts = item.attempts + 1;
        store_.mark_retry(item.id, attempts, now_ms_() + backoff_ms(attempts, random_(), policy_), why);
    };

    if (reply.status == 200 || reply.status == 201) {
        auto r = protocol::receipt_from_json(reply.body);
        if (!r || !submission::verify(*r) || to_string(r->submission_id) != item.id ||
            r->submission_hash != crypto::hash(item.canonical))
            return retry(receipt_unreadable);
        auto pinned = store_.pinned_server_key();
        if (pinned && *pinned != r->server_key) return (void)store_.mark_failed(item.id, server_key_changed);
        if (!pinned) store_.pin_server_key(r->server_key);
        store_.mark_received(item.id, reply.body, r->dossier_code, r->due_date);
        return;
    }
    auto said = protocol::error_from_json(reply.body);
    if (transient_status(reply.status)) return retry(reply.status == 0 ? network_error : said ? *said : network_error);
    // The server refused this item for good: keep it, with the server's words, for the person.
    store_.mark_failed(item.id, said ? *said
                                     : error{"http_" + std::to_string(reply.status),
                                             "Máy chủ từ chối hồ sơ (mã " + std::to_string(reply.status) + ").",
                                             "The server refused the submission (status " +
                                                 std::to_string(reply.status) + ")."});
}

} // namespace motcua::client
