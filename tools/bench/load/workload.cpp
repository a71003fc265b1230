// Making the signed requests and checking the receipts of motcua-load.
#include "tools/bench/load/workload.hpp"

#include "shared/core/uuid.hpp"
#include "shared/protocol/json_codec.hpp"
#include "shared/protocol/request_signature.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace motcua::bench {

namespace {

std::int64_t unix_now() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

// A complete birth registration, form version 2 (the catalog's current one); the place of birth
// carries the number so that no two submissions have the same values.
submission::submission birth_registration(std::size_t n, const crypto::key_pair& device, std::string agency) {
    std::array<std::uint8_t, 16> random{};
    randombytes_buf(random.data(), random.size());
    submission::submission s;
    // As the app makes them (uuid_v7): the time they were made, then random bits.
    s.id = uuid_v7(std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count(),
                   random);
    s.device_key = device.pk;
    s.procedure = "1.001193";
    s.form_version = 2;
    s.agency = std::move(agency);
    s.created_at = unix_now();
    s.values = {{"requester_name", "Nguyễn Văn Đức"},
                {"requester_id", "001089012345"},
                {"requester_relationship", "cha"},
                {"child_name", "Nguyễn Thị Mai Anh"},
                {"child_birth_date", "2026-11-01"},
                {"child_sex", "nu"},
                {"birth_place", "Bệnh viện Phụ sản Hà Nội, phòng sinh số " + std::to_string(n)},
                {"child_ethnicity", "Kinh"},
                {"mother_name", "Trần Thị Hoa"},
                {"mother_birth_year", "1995"}};
    return s;
}

// Agency codes of the shape 000.00.NN.H26, NN = 10, 11, …: several wards on one server.
std::string agency_code(std::size_t which) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "000.00.%02zu.H26", 10 + which % 90);
    return buf;
}

std::vector<crypto::key_pair> make_devices(std::size_t n) {
    crypto::init();
    std::vector<crypto::key_pair> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        crypto::key_seed seed{};
        randombytes_buf(seed.data(), seed.size());
        out.push_back(crypto::key_pair_from_seed(seed));
    }
    return out;
}

std::string http_request(std::string_view method, std::string_view target, std::string_view host,
                         std::string_view body, const crypto::key_pair* device,
                         protocol::request_auth* auth, const crypto::mac_key* mac_key) {
    std::string r;
    r.reserve(512 + body.size());
    ((r += method) += ' ') += target;
    r += " HTTP/1.1\r\nHost: ";
    r += host;
    r += "\r\n";
    if (!body.empty()) {
        r += "Content-Type: application/json\r\nContent-Length: ";
        r += std::to_string(body.size());
        r += "\r\n";
    }
    if (device) {
        protocol::nonce n{};
        randombytes_buf(n.data(), n.size());
        auto signed_request = mac_key ? protocol::mac_request(method, target, body, unix_now(), n, device->pk, *mac_key)
                                      : protocol::sign_request(method, target, body, unix_now(), n, *device);
        if (auth) *auth = signed_request;
        auto h = protocol::to_headers(signed_request);
        auto header = [&](std::string_view name, const std::string& value) {
            (((r += name) += ": ") += value) += "\r\n";
        };
        header(protocol::device_header, h.device);
        header(protocol::time_header, h.time);
        header(protocol::nonce_header, h.nonce);
        if (mac_key) header(protocol::mac_header, h.mac);
        else header(protocol::signature_header, h.signature);
    }
    r += "\r\n";
    r += body;
    return r;
}

std::vector<prepared_submission> presign(const std::vector<crypto::key_pair>& devices, std::size_t count,
                                         const workload_options& o) {
    std::vector<prepared_submission> out(count);
    std::vector<std::optional<crypto::mac_key>> keys(devices.size());
    if (o.server_key)
        for (std::size_t d = 0; d < devices.size(); ++d)
            keys[d] = crypto::shared_mac_key(devices[d], *o.server_key, devices[d].pk, *o.server_key);
    auto work = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            const auto& device = devices[i % devices.size()];
            auto& p = out[i];
            p.mac_key = keys[i % devices.size()];
            p.signed_body =
                submission::sign(birth_registration(i, device, agency_code(i % o.agencies)), device.sk);
            p.hash = crypto::hash(submission::canonical_bytes(p.signed_body.body));
            p.target = "/v1/submissions/" + to_string(p.signed_body.body.id);
            p.body = protocol::to_json(p.signed_body);
            p.wire = http_request("PUT", p.target, o.host, p.body, &device, &p.auth, p.mac_key ? &*p.mac_key : nullptr);
        }
    };
    const unsigned threads = std::max(1u, o.threads);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(work, count * t / threads, count * (t + 1) / threads);
    for (auto& t : pool)
        t.join();
    return out;
}

receipt_check check_receipts(const std::vector<prepared_submission>& sent,
                             const std::vector<std::string>& bodies, const std::vector<int>& statuses,
                             const std::optional<crypto::public_key>& pinned) {
    receipt_check c;
    c.server_key = pinned;
    for (std::size_t i = 0; i < sent.size() && i < statuses.size(); ++i) {
        if (statuses[i] == 0) continue; // never sent (the run ended first)
        if (statuses[i] < 0) {
            ++c.bad["transport_error"];
            continue;
        }
        if (statuses[i] != 201) {
            ++c.bad["status_" + std::to_string(statuses[i])];
            continue;
        }
        auto r = protocol::receipt_from_json(bodies[i]);
        if (!r)
            ++c.bad["receipt_unreadable"];
        else if (!(r->submission_id == sent[i].signed_body.body.id))
            ++c.bad["receipt_other_submission"];
        else if (r->submission_hash != sent[i].hash)
            ++c.bad["receipt_hash_mismatch"];
        else if (c.server_key && r->server_key != *c.server_key)
            ++c.bad["receipt_other_server_key"];
        else if (!submission::verify(*r))
            ++c.bad["receipt_signature_invalid"];
        else {
            if (!c.server_key) c.server_key = r->server_key;
            ++c.good;
        }
    }
    return c;
}

} // namespace motcua::bench
