// The store contract, run against both backends: SQLite (a temporary file) and PostgreSQL (a
// fresh database on the test server that tests/support/postgres_instance.hpp starts).
#include "tests/server/store/store_fixtures.hpp"

#include "shared/protocol/errors.hpp"
#include "shared/protocol/json_codec.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <barrier>
#include <map>
#include <random>
#include <set>
#include <thread>

using namespace motcua;
using namespace motcua::server;
using testing::request_for;

#define STORE_BACKENDS testing::sqlite_backend, testing::postgres_backend

namespace {

const std::string agency_a = "000.00.10.H26";
const std::string agency_b = "000.21.22.H26";

submission::signed_submission numbered(unsigned n, std::uint8_t device = 1, const std::string& agency = agency_a) {
    auto s = testing::signed_birth_registration(n, device);
    if (s.body.agency == agency) return s;
    s.body.agency = agency;
    return submission::sign(std::move(s.body), testing::device_keys(device).sk);
}

submission::signed_submission changed(submission::signed_submission s, std::uint8_t device = 1) {
    s.body.values["child_name"] = "Trần Văn Bình";
    return submission::sign(std::move(s.body), testing::device_keys(device).sk);
}

int sequence_of(const std::string& code) { return std::stoi(code.substr(code.rfind('-') + 1)); }

std::vector<put_request> requests(std::initializer_list<submission::signed_submission> list,
                                  civil_date day = {2026, 11, 24}) {
    std::vector<put_request> out;
    for (const auto& s : list) out.push_back(request_for(s, day));
    return out;
}

encoding::bytes pseudo_random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    encoding::bytes b(n);
    for (auto& x : b) x = std::uint8_t(gen());
    return b;
}

std::span<const std::uint8_t> slice(const encoding::bytes& b, std::size_t from, std::size_t n) {
    return std::span<const std::uint8_t>(b).subspan(from, n);
}

} // namespace

TEST_CASE_TEMPLATE("store: a submission is stored once; a retry gets the first receipt; other content conflicts", B,
                   STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    auto s = numbered(1);
    auto first = store->put_submission(request_for(s));
    REQUIRE(first);
    CHECK(first->outcome == put_outcome::created);
    CHECK(first->receipt.dossier_code == "000.00.10.H26-261124-0001");
    CHECK(first->receipt.submission_hash == crypto::hash(submission::canonical_bytes(s.body)));
    // The store signs nothing: the API layer signs the receipt it hands out.
    CHECK(first->receipt.signature == crypto::signature{});
    CHECK(submission::verify(testing::server_signed(first->receipt)));

    // Retried the next day, after the answer was lost: the first receipt, nothing new.
    auto again = store->put_submission(request_for(s, {2026, 11, 25}, 1795600000));
    REQUIRE(again);
    CHECK(again->outcome == put_outcome::repeated);
    CHECK(again->receipt == first->receipt);

    auto conflict = store->put_submission(request_for(changed(s)));
    REQUIRE(conflict);
    CHECK(conflict->outcome == put_outcome::conflict);
    CHECK(store->count_dossiers() == 1);
    CHECK(store->find_receipt(s.body.id) == first->receipt);
    CHECK_FALSE(store->find_receipt(testing::numbered_uuid(2)));

    auto stored = store->find_submission(s.body.id);
    REQUIRE(stored);
    CHECK(stored->body == s.body);
    CHECK(stored->signature == s.signature);
    CHECK_FALSE(store->find_submission(testing::numbered_uuid(2)));

    // Neither the repeat nor the conflict used up a number.
    auto next = store->put_submission(request_for(numbered(2)));
    REQUIRE(next);
    CHECK(next->receipt.dossier_code == "000.00.10.H26-261124-0002");
}

TEST_CASE_TEMPLATE("store: dossier codes count from 0001 per agency and per day", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    std::vector<std::string> codes;
    for (unsigned n = 1; n <= 3; ++n) {
        auto r = store->put_submission(request_for(numbered(n)));
        REQUIRE(r);
        codes.push_back(r->receipt.dossier_code);
    }
    CHECK(codes == std::vector<std::string>{"000.00.10.H26-261124-0001", "000.00.10.H26-261124-0002",
                                            "000.00.10.H26-261124-0003"});
    auto next_day = store->put_submission(request_for(numbered(4), {2026, 11, 25}));
    REQUIRE(next_day);
    CHECK(next_day->receipt.dossier_code == "000.00.10.H26-261125-0001");
    // One batch over two agencies and two days.
    auto batch = requests({numbered(5, 1, agency_b), numbered(6), numbered(7, 1, agency_b)});
    batch.push_back(request_for(numbered(8), {2026, 11, 25}));
    auto r = store->put_batch(batch);
    REQUIRE(r.size() == 4);
    for (const auto& one : r) REQUIRE(one);
    CHECK(r[0]->receipt.dossier_code == "000.21.22.H26-261124-0001");
    CHECK(r[1]->receipt.dossier_code == "000.00.10.H26-261124-0004");
    CHECK(r[2]->receipt.dossier_code == "000.21.22.H26-261124-0002");
    CHECK(r[3]->receipt.dossier_code == "000.00.10.H26-261125-0002");
}

TEST_CASE_TEMPLATE("store: a day's last number taken, the agency's next submission that day is refused alone", B,
                   STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    backend.exec_sql("INSERT INTO dossier_sequences (agency, day, last) VALUES ('" + agency_a + "', '2026-11-24', 9997)");
    // A batch that does not fit: two numbers left for three submissions.
    auto r = store->put_batch(requests({numbered(1), numbered(2), numbered(3, 1, agency_b), numbered(4)}));
    REQUIRE(r.size() == 4);
    REQUIRE(r[0]);
    CHECK(r[0]->receipt.dossier_code == "000.00.10.H26-261124-9998");
    REQUIRE(r[1]);
    CHECK(r[1]->receipt.dossier_code == "000.00.10.H26-261124-9999");
    REQUIRE(r[2]);
    CHECK(r[2]->receipt.dossier_code == "000.21.22.H26-261124-0001");
    REQUIRE_FALSE(r[3]);
    CHECK(r[3].err().code == protocol::errors::daily_capacity.code);

    auto full = store->put_submission(request_for(numbered(5)));
    REQUIRE_FALSE(full);
    CHECK(full.err().code == protocol::errors::daily_capacity.code);
    CHECK(store->count_dossiers() == 3);
    // Sent again the next day, it gets that day's first number.
    auto later = store->put_submission(request_for(numbered(4), {2026, 11, 25}));
    REQUIRE(later);
    CHECK(later->receipt.dossier_code == "000.00.10.H26-261125-0001");
    // The refused ones left no hole in the device's feed.
    auto feed = store->feed_after(testing::device_keys(1).pk, 0, 100);
    REQUIRE(feed);
    REQUIRE(feed->size() == 4);
    for (std::size_t i = 0; i < feed->size(); ++i) CHECK((*feed)[i].cursor == std::int64_t(i + 1));
    CHECK(feed->back().submission_id == testing::numbered_uuid(4));
}

TEST_CASE_TEMPLATE("store: the same submission from 8 threads at once makes exactly one dossier", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open(8);
    constexpr int threads = 8, rounds = 15;
    for (int round = 1; round <= rounds; ++round) {
        auto request = request_for(numbered(unsigned(round)));
        std::barrier start(threads);
        std::vector<std::optional<result<put_result>>> answers(threads);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                start.arrive_and_wait();
                answers[t] = store->put_submission(request);
            });
        for (auto& t : pool) t.join();
        int created = 0, repeated = 0;
        std::set<std::string> codes;
        for (auto& a : answers) {
            REQUIRE(*a);
            created += (*a)->outcome == put_outcome::created;
            repeated += (*a)->outcome == put_outcome::repeated;
            codes.insert((*a)->receipt.dossier_code);
        }
        CHECK(created == 1);
        CHECK(repeated == threads - 1);
        REQUIRE(codes.size() == 1);
        // No number burnt by the losers: round N holds number N.
        CHECK(sequence_of(*codes.begin()) == round);
    }
    CHECK(store->count_dossiers() == rounds);
}

TEST_CASE_TEMPLATE("store: two instances on one database keep one dossier per id and unique gapless codes", B,
                   STORE_BACKENDS) {
    B backend;
    auto first = backend.open(4);
    auto second = backend.open(4);
    dossier_store* instances[] = {first.get(), second.get()};
    // Every submission is sent to both instances; each thread sends batches in its own order,
    // so the two instances' transactions meet on the same rows.
    constexpr unsigned total = 120, per_batch = 6;
    constexpr int threads_per_instance = 3;
    std::vector<submission::signed_submission> all;
    for (unsigned n = 1; n <= total; ++n) all.push_back(numbered(n, std::uint8_t(1 + n % 3), n % 2 ? agency_a : agency_b));

    std::mutex m;
    std::map<std::array<std::uint8_t, 16>, std::vector<submission::receipt>> receipts;
    int failures = 0;
    std::vector<std::thread> pool;
    for (int i = 0; i < 2; ++i)
        for (int t = 0; t < threads_per_instance; ++t)
            pool.emplace_back([&, i, t] {
                std::vector<unsigned> order;
                for (unsigned n = unsigned(t); n < total; n += threads_per_instance) order.push_back(n);
                std::shuffle(order.begin(), order.end(), std::mt19937(unsigned(10 * i + t)));
                for (std::size_t at = 0; at < order.size(); at += per_batch) {
                    std::vector<put_request> batch;
                    for (std::size_t k = at; k < std::min(order.size(), at + per_batch); ++k)
                        batch.push_back(request_for(all[order[k]]));
                    auto r = instances[i]->put_batch(batch);
                    std::lock_guard lock(m);
                    for (std::size_t k = 0; k < r.size(); ++k) {
                        if (!r[k] || r[k]->outcome == put_outcome::conflict) {
                            ++failures;
                            continue;
                        }
                        receipts[batch[k].submission.body.id.bytes].push_back(r[k]->receipt);
                    }
                }
            });
    for (auto& t : pool) t.join();
    CHECK(failures == 0);
    CHECK(first->count_dossiers() == total);
    CHECK(second->count_dossiers() == total);
    REQUIRE(receipts.size() == total);
    std::map<std::string, std::set<int>> numbers; // agency → sequence numbers
    for (const auto& [id, got] : receipts) {
        REQUIRE(got.size() == 2);
        CHECK(got[0] == got[1]); // both instances answered with the one receipt
        numbers[got[0].agency].insert(sequence_of(got[0].dossier_code));
    }
    REQUIRE(numbers.size() == 2);
    for (const auto& [agency, seen] : numbers) {
        CHECK(seen.size() == total / 2);
        CHECK(*seen.begin() == 1);
        CHECK(*seen.rbegin() == int(total / 2)); // unique and without gaps
    }
    // Each device's feed: one entry per dossier, cursors 1, 2, 3 … without a gap.
    for (std::uint8_t device = 1; device <= 3; ++device) {
        auto feed = first->feed_after(testing::device_keys(device).pk, 0, 1000);
        REQUIRE(feed);
        CHECK(feed->size() == total / 3);
        std::set<std::array<std::uint8_t, 16>> ids;
        for (std::size_t i = 0; i < feed->size(); ++i) {
            CHECK((*feed)[i].cursor == std::int64_t(i + 1));
            ids.insert((*feed)[i].submission_id.bytes);
        }
        CHECK(ids.size() == feed->size());
    }
}

TEST_CASE_TEMPLATE("store: a conflict in the middle of a batch does not spoil the rest", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    auto s1 = numbered(1), s2 = numbered(2), s3 = numbered(3);
    REQUIRE(store->put_submission(request_for(s1)));
    auto r = store->put_batch(requests({s2, changed(s1), s3, s2, changed(s2), s1}));
    REQUIRE(r.size() == 6);
    for (const auto& one : r) REQUIRE(one);
    CHECK(r[0]->outcome == put_outcome::created);
    CHECK(r[0]->receipt.dossier_code == "000.00.10.H26-261124-0002");
    CHECK(r[1]->outcome == put_outcome::conflict);
    CHECK(r[2]->outcome == put_outcome::created);
    CHECK(r[2]->receipt.dossier_code == "000.00.10.H26-261124-0003");
    CHECK(r[3]->outcome == put_outcome::repeated); // the same id twice in one batch
    CHECK(r[3]->receipt == r[0]->receipt);
    CHECK(r[4]->outcome == put_outcome::conflict);
    CHECK(r[5]->outcome == put_outcome::repeated);
    CHECK(store->count_dossiers() == 3);
    CHECK(store->find_submission(s2.body.id)->body == s2.body);
}

TEST_CASE_TEMPLATE("store: a storage failure fails the whole batch and stores none of it", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    REQUIRE(store->put_submission(request_for(numbered(1))));
    backend.exec_sql("DROP TABLE feed_entries");
    auto r = store->put_batch(requests({numbered(2), numbered(3), numbered(1)}));
    REQUIRE(r.size() == 3);
    for (const auto& one : r) {
        REQUIRE_FALSE(one);
        CHECK(one.err().code == "storage_error");
    }
    CHECK(store->count_dossiers() == 1);
}

TEST_CASE_TEMPLATE("store: a device registers once", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    auto device = testing::device_keys(7).pk;
    CHECK(*store->device_known(device) == false);
    CHECK(*store->register_device(device, 1795506600) == true);
    CHECK(*store->register_device(device, 1795506700) == false);
    CHECK(*store->device_known(device) == true);
    CHECK(*store->device_known(testing::device_keys(8).pk) == false);
}

TEST_CASE_TEMPLATE("store: an attachment upload resumes where it stopped and reads back whole", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    const auto content = pseudo_random_bytes(600'000, 1);
    const auto hash = crypto::hash(content);
    const std::uint64_t chunk = protocol::max_chunk_size;

    auto begun = store->begin_attachment(hash, content.size(), "image/jpeg");
    REQUIRE(begun);
    CHECK(*begun == protocol::attachment_state{hash, content.size(), 0, false, "image/jpeg"});
    // Announced again, with another size: the first announcement stands.
    CHECK(store->begin_attachment(hash, 5, "application/pdf")->size == content.size());

    auto a = store->append_attachment(hash, 0, slice(content, 0, chunk));
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::ok);
    CHECK(a->state.received == chunk);
    // The answer was lost, the phone sends the same chunk again: refused, with what is held.
    a = store->append_attachment(hash, 0, slice(content, 0, chunk));
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::offset_mismatch);
    CHECK(a->state.received == chunk);
    CHECK((*store->attachment(hash))->received == chunk);
    CHECK_FALSE(*store->read_attachment(hash)); // not complete yet

    a = store->append_attachment(hash, chunk, slice(content, chunk, chunk));
    REQUIRE(a);
    CHECK(a->state.received == 2 * chunk);
    // One byte more than announced: nothing written.
    encoding::bytes too_much(content.begin() + 2 * chunk, content.end());
    too_much.push_back(0);
    a = store->append_attachment(hash, 2 * chunk, too_much);
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::too_long);
    CHECK(a->state.received == 2 * chunk);

    a = store->append_attachment(hash, 2 * chunk, slice(content, 2 * chunk, content.size() - 2 * chunk));
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::ok);
    CHECK(a->state == protocol::attachment_state{hash, content.size(), content.size(), true, "image/jpeg"});
    auto whole = store->read_attachment(hash);
    REQUIRE(whole);
    REQUIRE(*whole);
    CHECK(**whole == content);

    // The same photo from another device: already there, stored once.
    auto again = store->begin_attachment(hash, content.size(), "image/jpeg");
    REQUIRE(again);
    CHECK(again->complete);
    a = store->append_attachment(hash, 0, slice(content, 0, chunk));
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::ok);
    CHECK(a->state.complete);
    CHECK(**store->read_attachment(hash) == content);
}

TEST_CASE_TEMPLATE("store: an upload whose content does not match its hash is dropped", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    const auto content = pseudo_random_bytes(1000, 2);
    auto damaged = content;
    damaged[500] ^= 1;
    const auto hash = crypto::hash(content);
    REQUIRE(store->begin_attachment(hash, content.size(), "application/pdf"));
    REQUIRE(store->append_attachment(hash, 0, slice(damaged, 0, 400))->outcome == attachment_outcome::ok);
    auto a = store->append_attachment(hash, 400, slice(damaged, 400, 600));
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::hash_mismatch);
    CHECK(a->state == protocol::attachment_state{});
    CHECK_FALSE(*store->attachment(hash));
    CHECK_FALSE(*store->read_attachment(hash));
    // Sent again from the start, it is taken.
    CHECK(store->begin_attachment(hash, content.size(), "application/pdf")->received == 0);
    a = store->append_attachment(hash, 0, content);
    REQUIRE(a);
    CHECK(a->state.complete);
}

TEST_CASE_TEMPLATE("store: attachments never announced, or too large, are refused", B, STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    const auto content = pseudo_random_bytes(10, 3);
    const auto hash = crypto::hash(content);
    auto a = store->append_attachment(hash, 0, content);
    REQUIRE(a);
    CHECK(a->outcome == attachment_outcome::unknown);
    CHECK_FALSE(*store->attachment(hash));
    auto big = store->begin_attachment(hash, protocol::max_attachment_size + 1, "image/jpeg");
    REQUIRE_FALSE(big);
    CHECK(big.err().code == protocol::errors::attachment_too_large.code);
    CHECK(store->begin_attachment(hash, protocol::max_attachment_size, "image/jpeg"));
}

TEST_CASE_TEMPLATE("store: each device's feed counts 1, 2, 3 and holds only its own entries, unsigned", B,
                   STORE_BACKENDS) {
    B backend;
    auto store = backend.open();
    auto r = store->put_batch(requests({numbered(1, 1), numbered(2, 2), numbered(3, 1)}));
    for (const auto& one : r) REQUIRE(one);
    const auto device1 = testing::device_keys(1).pk, device2 = testing::device_keys(2).pk;

    auto feed = store->feed_after(device1, 0, 100);
    REQUIRE(feed);
    REQUIRE(feed->size() == 2);
    CHECK((*feed)[0].cursor == 1);
    CHECK((*feed)[0].submission_id == testing::numbered_uuid(1));
    CHECK((*feed)[0].dossier_code == r[0]->receipt.dossier_code);
    CHECK((*feed)[0].status == 2);
    CHECK((*feed)[0].document == "receipt");
    CHECK((*feed)[0].device_key == device1);
    CHECK((*feed)[1].cursor == 2);
    CHECK((*feed)[1].submission_id == testing::numbered_uuid(3));
    for (const auto& e : *feed) {
        CHECK(e.signature == crypto::signature{}); // the feed signs each entry when it reads it
        CHECK(protocol::verify(testing::server_signed(e)));
    }

    auto moved = store->append_feed(testing::numbered_uuid(1), 5, 1795600000, "supplement_request",
                                    "Bổ sung giấy chứng sinh", "Add the birth certificate");
    REQUIRE(moved);
    CHECK(moved->cursor == 3);
    CHECK(moved->dossier_code == r[0]->receipt.dossier_code);
    CHECK(moved->signature == crypto::signature{});

    feed = store->feed_after(device1, 0, 100);
    REQUIRE(feed->size() == 3);
    CHECK((*feed)[2] == *moved);
    auto page = store->feed_after(device1, 1, 1);
    REQUIRE(page->size() == 1);
    CHECK((*page)[0].cursor == 2);
    CHECK(store->feed_after(device1, 3, 100)->empty());

    auto other = store->feed_after(device2, 0, 100);
    REQUIRE(other->size() == 1);
    CHECK((*other)[0].cursor == 1);
    CHECK((*other)[0].submission_id == testing::numbered_uuid(2));
    CHECK(store->feed_after(testing::device_keys(9).pk, 0, 100)->empty());

    auto unknown = store->append_feed(testing::numbered_uuid(99), 5, 1795600000, "", "", "");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.err().code == "dossier_unknown");
}

TEST_CASE_TEMPLATE("store: a receipt and a feed entry an older server stored signed read back unsigned, and sign "
                   "to the same bytes", B, STORE_BACKENDS) {
    B backend;
    const auto s = numbered(1);
    const auto device = testing::device_keys(1).pk;
    submission::receipt signed_receipt;
    protocol::feed_entry signed_entry;
    {
        auto store = backend.open();
        auto first = store->put_submission(request_for(s));
        REQUIRE(first);
        signed_receipt = testing::server_signed(first->receipt);
        auto feed = store->feed_after(device, 0, 10);
        REQUIRE(feed->size() == 1);
        signed_entry = testing::server_signed(feed->front());
    }
    // As the server wrote them before it left signing to the API layer.
    backend.exec_sql("UPDATE dossiers SET receipt_json = '" + protocol::to_json(signed_receipt) + "'");
    backend.exec_sql("UPDATE feed_entries SET signature = " + B::blob_literal(signed_entry.signature));

    auto store = backend.open();
    auto again = store->put_submission(request_for(s, {2026, 11, 25}, 1795600000));
    REQUIRE(again);
    CHECK(again->outcome == put_outcome::repeated);
    CHECK(again->receipt.signature == crypto::signature{});
    CHECK(protocol::to_json(testing::server_signed(again->receipt)) == protocol::to_json(signed_receipt));
    auto found = store->find_receipt(s.body.id);
    REQUIRE(found);
    CHECK(testing::server_signed(*found) == signed_receipt);
    auto feed = store->feed_after(device, 0, 10);
    REQUIRE(feed->size() == 1);
    CHECK(feed->front().signature == crypto::signature{});
    CHECK(testing::server_signed(feed->front()) == signed_entry);
}

TEST_CASE_TEMPLATE("store: everything stored is there after the store is closed and opened again", B, STORE_BACKENDS) {
    B backend;
    const auto content = pseudo_random_bytes(3000, 4);
    const auto hash = crypto::hash(content);
    submission::receipt first;
    {
        auto store = backend.open();
        auto r = store->put_submission(request_for(numbered(1)));
        REQUIRE(r);
        first = r->receipt;
        REQUIRE(store->register_device(testing::device_keys(1).pk, 1795506600));
        REQUIRE(store->begin_attachment(hash, content.size(), "image/png"));
        REQUIRE(store->append_attachment(hash, 0, slice(content, 0, 1000)));
    }
    auto store = backend.open();
    CHECK(store->count_dossiers() == 1);
    CHECK(store->find_receipt(testing::numbered_uuid(1)) == first);
    CHECK(*store->device_known(testing::device_keys(1).pk));
    CHECK((*store->attachment(hash))->received == 1000);
    CHECK(store->feed_after(testing::device_keys(1).pk, 0, 10)->size() == 1);
    auto next = store->put_submission(request_for(numbered(2)));
    REQUIRE(next);
    CHECK(next->receipt.dossier_code == "000.00.10.H26-261124-0002");
    CHECK(store->feed_after(testing::device_keys(1).pk, 0, 10)->back().cursor == 2);
}
