// The checks read both sides directly (the server's store, the devices' SQLite files): the
// truth after the run, not what the network said during it.
#include "tools/soak/checks.hpp"

#include "shared/dossier/dossier_code.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/protocol/json_codec.hpp"

#include <cstdio>
#include <set>

namespace motcua::soak {

void tap::check(bool ok, const std::string& what, const std::vector<std::string>& why) {
    std::printf("%s - %s\n", ok ? "ok" : "not ok", what.c_str());
    for (std::size_t i = 0; i < why.size() && i < 8; ++i)
        std::printf("#   %s\n", why[i].c_str());
    if (why.size() > 8) std::printf("#   … and %zu more\n", why.size() - 8);
    std::fflush(stdout);
    (ok ? passed_ : failed_)++;
}

void check_server(server::dossier_store& store, const std::vector<device_view>& devices,
                  std::int64_t expected_dossiers, receipt_map& receipts, tap& t) {
    std::int64_t count = store.count_dossiers();
    t.check(count == expected_dossiers, "the server holds exactly " +
                                            std::to_string(expected_dossiers) +
                                            " dossiers (found " + std::to_string(count) + ")");

    std::vector<std::string> bad_stored, bad_attachments;
    std::set<crypto::digest> attachments_checked;
    std::size_t planned = 0;
    for (const auto& d : devices) {
        for (const auto& item : d.items) {
            ++planned;
            auto receipt = store.find_receipt(item.id);
            auto stored = store.find_submission(item.id);
            if (!receipt || !stored) {
                bad_stored.push_back(item.id_text + ": not stored");
                continue;
            }
            // Stored unsigned: the server signs a receipt when it answers (check_devices verifies
            // the devices' copies against the pinned key).
            receipts[item.id_text] = *receipt;
            auto hash = crypto::hash(submission::canonical_bytes(stored->body));
            if (!submission::verify(*stored))
                bad_stored.push_back(item.id_text + ": signature does not verify");
            else if (hash != item.canonical_hash)
                bad_stored.push_back(item.id_text + ": not what the device signed");
            else if (receipt->submission_hash != hash)
                bad_stored.push_back(item.id_text + ": receipt does not match");
            for (const auto& a : item.attachments) {
                if (!attachments_checked.insert(a.hash).second) continue;
                auto state = store.attachment(a.hash);
                auto content = store.read_attachment(a.hash);
                if (!state || !*state || !(*state)->complete || (*state)->size != a.size)
                    bad_attachments.push_back(encoding::to_base64(a.hash) + ": incomplete");
                else if (!content || !*content || crypto::hash(**content) != a.hash)
                    bad_attachments.push_back(encoding::to_base64(a.hash) +
                                              ": content does not match its hash");
            }
        }
    }
    t.check(bad_stored.empty(),
            "each of the " + std::to_string(planned) +
                " submissions is stored once, its signature verifies and its hash matches",
            bad_stored);
    t.check(bad_attachments.empty(),
            "each of the " + std::to_string(attachments_checked.size()) +
                " distinct attachments is complete and its content matches its hash",
            bad_attachments);
}

namespace {
bool same_but_signature(submission::receipt stored, submission::receipt sent) {
    stored.signature = sent.signature = {};
    return stored == sent;
}
} // namespace

void check_devices(const std::vector<device_view>& devices, const receipt_map& receipts, tap& t) {
    std::vector<std::string> bad_receipts, bad_feed;
    std::size_t items = 0;
    for (const auto& d : devices) {
        auto pinned = d.store->pinned_server_key();
        std::map<std::string, client::outbox_item> outbox;
        for (auto& o : d.store->outbox())
            outbox.emplace(o.id, std::move(o));
        std::string who = "device " + std::to_string(d.index) + ", ";
        for (const auto& item : d.items) {
            ++items;
            auto o = outbox.find(item.id_text);
            auto server_receipt = receipts.find(item.id_text);
            if (o == outbox.end()) {
                bad_receipts.push_back(who + item.id_text + ": not in the outbox");
                continue;
            }
            if (o->second.state != client::outbox_state::received) {
                std::string why = o->second.last_error
                                      ? o->second.last_error->code + " " + o->second.last_error->en
                                      : "";
                bad_receipts.push_back(who + item.id_text + ": not received (" + why + ")");
                continue;
            }
            auto r = protocol::receipt_from_json(o->second.receipt_json);
            if (!r || !submission::verify(*r) || !pinned || r->server_key != *pinned ||
                r->submission_hash != item.canonical_hash)
                bad_receipts.push_back(who + item.id_text +
                                       ": receipt missing, unverified or not for this submission");
            else if (server_receipt == receipts.end() || !same_but_signature(server_receipt->second, *r) ||
                     o->second.dossier_code != r->dossier_code)
                bad_receipts.push_back(who + item.id_text + ": receipt differs from the server's");
            auto entry = d.store->latest_feed_entry(item.id_text);
            if (!entry || entry->dossier_code != o->second.dossier_code)
                bad_feed.push_back(who + item.id_text + ": no feed entry with its dossier code");
        }
    }
    t.check(bad_receipts.empty(),
            "every device holds a verified receipt for each of its " + std::to_string(items) +
                " submissions, with the server's dossier code",
            bad_receipts);
    t.check(bad_feed.empty(), "every device's feed holds an entry for each of its submissions",
            bad_feed);
}

void check_codes(const receipt_map& receipts, tap& t, bool require_dense) {
    std::map<std::string, std::string> by_code; // code -> submission id
    std::map<std::pair<std::string, civil_date>, std::vector<int>> sequences;
    std::vector<std::string> duplicates, gaps;
    for (const auto& [id, r] : receipts) {
        auto [it, fresh] = by_code.emplace(r.dossier_code, id);
        if (!fresh) duplicates.push_back(r.dossier_code + " given to " + it->second + " and " + id);
        auto code = dossier::parse_dossier_code(r.dossier_code);
        if (!code)
            duplicates.push_back(r.dossier_code + ": not a dossier code");
        else
            sequences[{code->agency, code->received}].push_back(code->sequence);
    }
    t.check(duplicates.empty(),
            "the " + std::to_string(receipts.size()) + " dossier codes are unique", duplicates);
    if (!require_dense) return;
    for (auto& [key, seq] : sequences) {
        std::sort(seq.begin(), seq.end());
        for (std::size_t i = 0; i < seq.size(); ++i)
            if (seq[i] != int(i) + 1) {
                gaps.push_back(key.first + " " + to_iso(key.second) + ": sequence " +
                               std::to_string(seq[i]) + " where " + std::to_string(i + 1) +
                               " was due");
                break;
            }
    }
    t.check(gaps.empty(),
            "sequence numbers per agency and day are exactly 1..N (" +
                std::to_string(sequences.size()) + " agency-days)",
            gaps);
}

} // namespace motcua::soak
