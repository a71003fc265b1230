#include "shared/protocol/json_codec.hpp"

#include "shared/protocol/errors.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
crypto::key_pair keys(std::uint8_t n) {
    crypto::init();
    crypto::key_seed seed{};
    seed.fill(n);
    return crypto::key_pair_from_seed(seed);
}

protocol::feed_entry entry(std::int64_t cursor) {
    protocol::feed_entry e;
    e.device_key = keys(1).pk;
    e.cursor = cursor;
    e.submission_id = *parse_uuid("0f8fad5b-d9cb-469f-a165-70867728950e");
    e.dossier_code = "000.00.10.H26-261124-0001";
    e.status = 5;
    e.at = 1795506600;
    e.document = "supplement_request";
    e.note_vi = "Bổ sung bản sao giấy chứng sinh.";
    e.note_en = "Add a copy of the birth certificate.";
    e.server_key = keys(9).pk;
    return protocol::sign(e, keys(9).sk);
}
} // namespace

TEST_CASE("a feed entry is signed over every field and survives JSON") {
    auto e = entry(3);
    CHECK(protocol::verify(e));
    auto back = protocol::feed_entry_from_json(protocol::to_json(e));
    REQUIRE(back.ok());
    CHECK(*back == e);
    CHECK(protocol::verify(*back));
    auto changed = e;
    changed.status = 10;
    CHECK_FALSE(protocol::verify(changed));
    changed = e;
    changed.cursor = 4;
    CHECK_FALSE(protocol::verify(changed));
    changed = e;
    changed.note_vi = "Hồ sơ đã xong.";
    CHECK_FALSE(protocol::verify(changed));
}

TEST_CASE("a feed page keeps its entries in order and its more flag") {
    protocol::feed_page p{{entry(1), entry(2)}, true};
    auto back = protocol::feed_page_from_json(protocol::to_json(p));
    REQUIRE(back.ok());
    REQUIRE(back->entries.size() == 2);
    CHECK(back->entries[0] == p.entries[0]);
    CHECK(back->entries[1].cursor == 2);
    CHECK(back->more);
    CHECK_FALSE(protocol::feed_page_from_json(R"({"entries":[{"cursor":1}],"more":false})").ok());
    CHECK_FALSE(protocol::feed_page_from_json(R"({"entries":[]})").ok());
    CHECK(protocol::feed_page_from_json("[1,2").err().code == "json_malformed");
}

TEST_CASE("a feed entry with a status outside 1-10 is refused") {
    auto text = protocol::to_json(entry(1));
    auto at = text.find("\"status\":5");
    REQUIRE(at != std::string::npos);
    text.replace(at, 10, "\"status\":11");
    CHECK_FALSE(protocol::feed_entry_from_json(text).ok());
}

TEST_CASE("attachment announcements and states round-trip; received beyond size is refused") {
    protocol::attachment_state a;
    a.hash.fill(0x11);
    a.size = 300000;
    a.received = 262144;
    a.media_type = "image/jpeg";
    auto state = protocol::attachment_state_from_json(protocol::to_json(a));
    REQUIRE(state.ok());
    CHECK(*state == a);
    auto announced = protocol::attachment_announce_from_json(protocol::attachment_announce_json(a));
    REQUIRE(announced.ok());
    CHECK(announced->hash == a.hash);
    CHECK(announced->size == a.size);
    CHECK(announced->received == 0);
    CHECK_FALSE(protocol::attachment_announce_from_json(R"({"hash":"AAAA","size":1,"media_type":"image/png"})").ok());
    CHECK_FALSE(protocol::attachment_announce_from_json(R"({"hash":"ERERERERERERERERERERERERERERERERERERERERERE=","size":-1,"media_type":"image/png"})").ok());
    a.received = a.size + 1;
    CHECK_FALSE(protocol::attachment_state_from_json(protocol::to_json(a)).ok());
}

TEST_CASE("device registration carries the key and the protocol version") {
    auto pk = keys(2).pk;
    auto back = protocol::device_registration_from_json(protocol::device_registration_json(pk));
    REQUIRE(back.ok());
    CHECK(*back == pk);
    auto old = protocol::device_registration_from_json(R"({"protocol":0,"device_key":"AAAA"})");
    REQUIRE_FALSE(old.ok());
    CHECK(old.err().code == "protocol_unsupported");
    protocol::device_registered d{pk, 1795506600, keys(9).pk};
    auto answer = protocol::device_registered_from_json(protocol::to_json(d));
    REQUIRE(answer.ok());
    CHECK(*answer == d);
}
