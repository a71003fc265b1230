// The steps of the sync contract and how each answer moves them on.
#include "client/sync/sync_engine.hpp"

#include "shared/catalog/catalog.hpp"
#include "shared/core/http_date.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"

#include <algorithm>

namespace motcua::client {

namespace {

const error network_error{"network_unreachable",
                          "Chưa kết nối được tới máy chủ; hồ sơ sẽ tự gửi lại khi có mạng.",
                          "The server could not be reached; the submission will be sent again when online."};
const error answer_unreadable{"answer_invalid",
                              "Máy chủ trả lời không đúng (có thể do mạng Wi-Fi yêu cầu đăng nhập); sẽ thử lại.",
                              "The server's answer was not valid (a Wi-Fi login page?); will try again."};
const error server_key_changed{"server_key_changed",
                               "Máy chủ trả lời bằng một khoá lạ; hồ sơ chưa được coi là đã tiếp nhận.",
                               "The server answered with an unknown key; the submission is not taken as received."};
const error attachment_lost{"attachment_lost",
                            "Tệp đính kèm của hồ sơ không còn trên máy; hãy nộp lại hồ sơ với tệp đính kèm.",
                            "The submission's attachment is no longer on this device; submit it again with the file."};

const error attachment_state_wrong{"attachment_state_invalid",
                                   "Máy chủ báo một tệp khác với tệp đính kèm của hồ sơ (khác kích thước); "
                                   "hồ sơ chưa được gửi. Hãy báo cho cơ quan tiếp nhận.",
                                   "The server described a file other than the submission's attachment (another "
                                   "size); nothing was sent. Please tell the receiving office."};

constexpr int max_repairs = 8;
constexpr std::string_view registered_key = "registered_device";

bool transient_status(int status) { return status == 0 || status == 408 || status == 429 || status >= 500; }

std::string code_of(const http_reply& reply);

// Refusals that are about the request, never the item: a later try succeeds by itself.
bool transient(const http_reply& reply) {
    if (transient_status(reply.status)) return true;
    const std::string code = code_of(reply);
    return code == protocol::errors::request_stale.code || code == protocol::errors::request_replayed.code ||
           code == protocol::errors::device_unknown.code || code == protocol::errors::request_signature_invalid.code;
}

error refusal_of(const http_reply& reply) {
    if (auto said = protocol::error_from_json(reply.body)) return *said;
    if (reply.status == 0) return network_error;
    return error{"http_" + std::to_string(reply.status),
                 "Máy chủ từ chối yêu cầu (mã " + std::to_string(reply.status) + ").",
                 "The server refused the request (status " + std::to_string(reply.status) + ")."};
}

std::string code_of(const http_reply& reply) {
    auto said = protocol::error_from_json(reply.body);
    return said ? said->code : std::string();
}

} // namespace

sync_engine::sync_engine(local_store& store, transport& net, crypto::key_pair device,
                         std::function<std::int64_t()> now_ms, std::function<std::uint32_t()> random,
                         backoff_policy policy)
    : store_(store), net_(net), device_(device), now_ms_(std::move(now_ms)), random_(std::move(random)),
      policy_(policy) {
    registered_ = store_.text_meta(std::string(registered_key)) == encoding::to_base64(device_.pk);
    if (auto offset = store_.text_meta("clock_offset")) clock_offset_s_ = std::atoll(offset->c_str());
    feed_interval_ms_ = policy_.feed_first_ms;
}

std::int64_t sync_engine::backoff_ms(int attempts, std::uint32_t random, const backoff_policy& p) {
    std::int64_t ceiling = p.first_ms;
    for (int i = 1; i < attempts && ceiling < p.cap_ms; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, p.cap_ms);
    // Half fixed, half random: devices that lost the network together do not return together.
    return ceiling / 2 + std::int64_t(random % std::uint32_t(ceiling / 2 + 1));
}

void sync_engine::sync_now() {
    if (store_.retry_all_now(now_ms_())) ++generation_;
    feed_due_ms_ = 0;
    feed_interval_ms_ = policy_.feed_first_ms;
    catalog_due_ = true;
}

bool sync_engine::idle_and_done() { return !in_flight_ && !current_ && !store_.next_attempt_time(); }

void sync_engine::tick(bool online) {
    if (in_flight_ || !online) return;
    const std::int64_t now = now_ms_();
    auto due = current_ ? std::nullopt : store_.next_due(now);
    const bool feed_due = now >= feed_due_ms_;
    if (!registered_ && (current_ || due || feed_due)) {
        if (now >= register_due_ms_) register_device();
        return;
    }
    if (current_) return next_item_step();
    if (due) return begin_item(*due);
    if (feed_due) return pull_feed();
    if (catalog_due_) return fetch_catalog();
}

// ---- requests ----

std::int64_t sync_engine::server_time_now() const { return now_ms_() / 1000 + clock_offset_s_; }

void sync_engine::send_signed(std::string method, std::string target, std::string content_type, std::string body,
                              reply_handler then) {
    protocol::nonce n{};
    for (std::size_t i = 0; i < n.size(); i += 4) {
        std::uint32_t r = random_();
        for (std::size_t j = 0; j < 4; ++j) n[i + j] = std::uint8_t(r >> (8 * j));
    }
    // Registration proves the key with a signature; later requests carry the cheaper MAC.
    const auto* key = then == &sync_engine::on_registered ? nullptr : request_mac_key();
    auto auth = protocol::to_headers(
        key ? protocol::mac_request(method, target, body, server_time_now(), n, device_.pk, *key)
            : protocol::sign_request(method, target, body, server_time_now(), n, device_));
    http_request_out req{std::move(method), std::move(target), {}, std::move(body)};
    if (!content_type.empty()) req.headers.emplace_back("Content-Type", std::move(content_type));
    req.headers.emplace_back(protocol::device_header, auth.device);
    req.headers.emplace_back(protocol::time_header, auth.time);
    req.headers.emplace_back(protocol::nonce_header, auth.nonce);
    last_sent_mac_ = key != nullptr;
    if (key) req.headers.emplace_back(protocol::mac_header, auth.mac);
    else req.headers.emplace_back(protocol::signature_header, auth.signature);
    send_plain(std::move(req), then);
}

const crypto::mac_key* sync_engine::request_mac_key() {
    if (!registered_ || mac_refused_) return nullptr;
    auto pinned = store_.pinned_server_key();
    if (!pinned) return nullptr;
    if (!mac_key_ || mac_key_->first != *pinned) {
        auto key = crypto::shared_mac_key(device_, *pinned, device_.pk, *pinned);
        if (!key) return nullptr; // a server key that is no curve point: signatures still work
        mac_key_.emplace(*pinned, *key);
    }
    return &mac_key_->second;
}

void sync_engine::send_plain(http_request_out request, reply_handler then) {
    in_flight_ = true;
    ++generation_;
    // The transport may answer before send() returns; nothing here runs after it.
    net_.send(std::move(request), [this, then](http_reply reply) {
        in_flight_ = false;
        ++generation_;
        if (reply.status >= 200 && reply.status < 300) stale_repairs_ = 0;
        (this->*then)(reply);
    });
}

bool sync_engine::repaired(const http_reply& reply) {
    const std::string code = code_of(reply);
    if (reply.status == 401 && code == protocol::errors::device_unknown.code) {
        // The server lost or never had the registration (a new database): register and go on.
        registered_ = false;
        return true;
    }
    if (reply.status == 401 && code == protocol::errors::request_signature_invalid.code && last_sent_mac_ &&
        !mac_refused_) {
        mac_refused_ = true;
        return true;
    }
    if (reply.status == 401 && code == protocol::errors::request_stale.code && stale_repairs_ < 2) {
        if (auto server_now = parse_http_date(reply.header("Date"))) {
            ++stale_repairs_;
            clock_offset_s_ = *server_now - now_ms_() / 1000;
            store_.set_text_meta("clock_offset", std::to_string(clock_offset_s_));
            return true;
        }
    }
    return false;
}

// ---- registration ----

void sync_engine::register_device() {
    send_signed("POST", "/v1/devices", "application/json", protocol::device_registration_json(device_.pk),
                &sync_engine::on_registered);
}

void sync_engine::on_registered(const http_reply& reply) {
    if (repaired(reply)) return;
    if (reply.status == 200 || reply.status == 201) {
        auto answer = protocol::device_registered_from_json(reply.body);
        if (!answer || answer->device_key != device_.pk) {
            register_due_ms_ = now_ms_() + backoff_ms(++register_failures_, random_(), policy_);
            return retry_item(answer_unreadable);
        }
        auto pinned = store_.pinned_server_key();
        if (pinned && *pinned != answer->server_key) {
            problem_ = server_key_changed;
            register_due_ms_ = now_ms_() + policy_.cap_ms;
            return retry_item(server_key_changed);
        }
        if (!pinned) store_.pin_server_key(answer->server_key);
        store_.set_text_meta(std::string(registered_key), encoding::to_base64(device_.pk));
        registered_ = true;
        register_failures_ = 0;
        problem_.reset();
        return;
    }
    // Nothing can be sent before the device is known: wait as an item would.
    problem_ = refusal_of(reply);
    register_due_ms_ = now_ms_() + backoff_ms(++register_failures_, random_(), policy_);
    retry_item(*problem_);
}

// ---- one outbox item: attachments, then the submission ----

void sync_engine::begin_item(const outbox_item& item) {
    auto body = submission::decode_canonical(item.canonical);
    if (!body) return (void)store_.mark_failed(item.id, body.err());
    item_in_progress p{item, {}, 0};
    for (const auto& ref : body->attachments) p.uploads.push_back({ref, std::nullopt});
    current_ = std::move(p);
    update_progress();
    next_item_step();
}

void sync_engine::next_item_step() {
    auto& p = *current_;
    for (auto& u : p.uploads) {
        if (u.state && u.state->complete) continue;
        const std::string hex = encoding::to_hex(u.ref.hash);
        if (!u.state) {
            // Ask what the server holds (announcing it if new): an upload resumes from there.
            protocol::attachment_state a;
            a.hash = u.ref.hash;
            a.size = u.ref.size;
            a.media_type = u.ref.media_type;
            return send_signed("POST", "/v1/attachments", "application/json", protocol::attachment_announce_json(a),
                               &sync_engine::on_attachment_state);
        }
        auto content = store_.attachment(u.ref.hash);
        if (!content || content->size() != u.ref.size) return fail_item(attachment_lost);
        const std::uint64_t from = u.state->received;
        if (from >= u.ref.size) return fail_item(attachment_state_wrong); // not complete, yet nothing left to send
        const std::uint64_t n = std::min<std::uint64_t>(protocol::max_chunk_size, u.ref.size - from);
        std::string chunk(reinterpret_cast<const char*>(content->data()) + from, std::size_t(n));
        return send_signed("PATCH", "/v1/attachments/" + hex + "?offset=" + std::to_string(from),
                           "application/octet-stream", std::move(chunk), &sync_engine::on_attachment_state);
    }
    send_signed("PUT", "/v1/submissions/" + p.item.id, "application/json", p.item.request_json,
                &sync_engine::on_receipt);
}

void sync_engine::on_attachment_state(const http_reply& reply) {
    if (!current_) return;
    auto& p = *current_;
    auto pending = std::find_if(p.uploads.begin(), p.uploads.end(),
                                [](const upload& u) { return !u.state || !u.state->complete; });
    if (pending == p.uploads.end()) return;
    if (repaired(reply)) return;
    if (reply.status == 200) {
        auto state = protocol::attachment_state_from_json(reply.body);
        if (!state || state->hash != pending->ref.hash) return retry_item(answer_unreadable);
        // The next chunk is cut from our own file at the offset the server gives: a state of
        // another size, or past our end, would make us read beyond the file (and send memory
        // that is not the attachment). Nothing is sent for such an item.
        if (state->size != pending->ref.size || state->received > pending->ref.size)
            return fail_item(attachment_state_wrong);
        pending->state = *state;
        update_progress();
        return;
    }
    const std::string code = code_of(reply);
    const bool ask_again = code == protocol::errors::attachment_offset_mismatch.code ||
                           code == protocol::errors::attachment_unknown.code;
    if (ask_again && ++p.repairs <= max_repairs) {
        pending->state.reset();
        return;
    }
    if (code == protocol::errors::attachment_hash_mismatch.code) {
        // Damaged on the way: the server dropped it; send it again from the start, later.
        pending->state.reset();
        return retry_item(refusal_of(reply));
    }
    if (transient(reply) || ask_again) {
        int wait = std::atoi(reply.header("Retry-After").c_str());
        return retry_item(refusal_of(reply), std::int64_t(wait) * 1000);
    }
    fail_item(refusal_of(reply)); // too large, wrong type: the person must choose another file
}

void sync_engine::on_receipt(const http_reply& reply) {
    if (!current_) return;
    auto& p = *current_;
    if (repaired(reply)) return;
    if (reply.status == 200 || reply.status == 201) {
        auto r = protocol::receipt_from_json(reply.body);
        if (!r || !submission::verify(*r) || to_string(r->submission_id) != p.item.id ||
            r->submission_hash != crypto::hash(p.item.canonical))
            return retry_item(answer_unreadable);
        auto pinned = store_.pinned_server_key();
        if (pinned && *pinned != r->server_key) return fail_item(server_key_changed);
        if (!pinned) store_.pin_server_key(r->server_key);
        store_.mark_received(p.item.id, reply.body, r->dossier_code, r->due_date);
        current_.reset();
        update_progress();
        feed_due_ms_ = 0; // its "received" line is in the feed now
        return;
    }
    if (code_of(reply) == protocol::errors::attachment_missing.code && ++p.repairs <= max_repairs) {
        for (auto& u : p.uploads) u.state.reset();
        return;
    }
    if (transient(reply)) {
        int wait = std::atoi(reply.header("Retry-After").c_str());
        return retry_item(refusal_of(reply), std::int64_t(wait) * 1000);
    }
    // The server refused this item for good: keep it, with the server's words, for the person.
    fail_item(refusal_of(reply));
}

void sync_engine::retry_item(const error& why, std::int64_t at_least_ms) {
    if (!current_) return;
    const auto& item = current_->item;
    const int attempts = item.attempts + 1;
    const std::int64_t wait = std::max(backoff_ms(attempts, random_(), policy_), at_least_ms);
    store_.mark_retry(item.id, attempts, now_ms_() + wait, why);
    current_.reset();
    update_progress();
}

void sync_engine::fail_item(const error& why) {
    if (!current_) return;
    store_.mark_failed(current_->item.id, why);
    current_.reset();
    update_progress();
}

void sync_engine::update_progress() {
    progress_ = {};
    if (!current_) return;
    progress_.item_id = current_->item.id;
    for (const auto& u : current_->uploads) {
        progress_.bytes_total += u.ref.size;
        if (u.state) progress_.bytes_sent += u.state->received;
    }
}

// ---- the feed ----

void sync_engine::pull_feed() {
    send_signed("GET", "/v1/feed?after=" + std::to_string(store_.feed_cursor()) + "&limit=100", "", "",
                &sync_engine::on_feed);
}

void sync_engine::schedule_feed(bool something_new) {
    feed_interval_ms_ = something_new ? policy_.feed_first_ms : std::min(feed_interval_ms_ * 2, policy_.feed_cap_ms);
    const std::int64_t half = feed_interval_ms_ / 2;
    feed_due_ms_ = now_ms_() + half + std::int64_t(random_() % std::uint32_t(half + 1));
}

void sync_engine::on_feed(const http_reply& reply) {
    if (repaired(reply)) return;
    auto fail = [&](const error& why) {
        problem_ = why;
        feed_due_ms_ = now_ms_() + backoff_ms(++feed_failures_, random_(), policy_);
    };
    if (reply.status != 200) return fail(refusal_of(reply));
    auto page = protocol::feed_page_from_json(reply.body);
    if (!page) return fail(answer_unreadable);
    auto pinned = store_.pinned_server_key();
    std::int64_t cursor = store_.feed_cursor();
    for (const auto& e : page->entries) {
        // Trust nothing unsigned, nothing of another device, nothing out of order.
        if (!protocol::verify(e) || !pinned || e.server_key != *pinned || e.device_key != device_.pk ||
            e.cursor <= cursor)
            return fail(pinned && e.server_key != *pinned ? server_key_changed : answer_unreadable);
        cursor = e.cursor;
    }
    if (auto stored = store_.store_feed(page->entries); !stored) return fail(stored.err());
    feed_failures_ = 0;
    if (problem_ && problem_->code != server_key_changed.code) problem_.reset();
    if (page->more) {
        feed_due_ms_ = 0;
        return;
    }
    schedule_feed(!page->entries.empty());
}

// ---- the catalog ----

void sync_engine::fetch_catalog() {
    http_request_out req{"GET", "/v1/reference/catalog", {}, {}};
    if (auto etag = store_.text_meta("catalog_etag")) req.headers.emplace_back("If-None-Match", *etag);
    send_plain(std::move(req), &sync_engine::on_catalog);
}

void sync_engine::on_catalog(const http_reply& reply) {
    if (reply.status == 0 || transient_status(reply.status)) return; // tried again on the next sync_now
    catalog_due_ = false;
    if (reply.status != 200) return; // 304: ours is current
    // Only a catalog this build can read replaces the one it has.
    if (!catalog::parse_catalog(reply.body)) return;
    if (store_.set_text_meta("catalog_json", reply.body) && store_.set_text_meta("catalog_etag", reply.header("ETag")))
        ++generation_;
}

} // namespace motcua::client
