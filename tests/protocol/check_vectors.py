#!/usr/bin/env python3
"""An independent reader of docs/protocol-vectors.json, written from docs/protocol.md alone.

Standard library only: hashlib's BLAKE2b (keyed, 32-byte digests) and SHA-512; Ed25519
(RFC 8032) and X25519 (RFC 7748), with the Ed25519 -> Curve25519 conversion, in plain big-integer
arithmetic. It re-encodes every structure from its JSON as the page says, recomputes every hash,
key, MAC and signature, and verifies them. Prints "ok - ..." / "not ok - ..." lines; exits 1 on
any failure. Usage: check_vectors.py [path/to/protocol-vectors.json]
"""
import base64
import binascii
import hashlib
import json
import os
import sys
import unicodedata

failures = 0


def check(name, condition, detail=""):
    global failures
    if condition:
        print(f"ok - {name}")
    else:
        failures += 1
        print(f"not ok - {name}" + (f": {detail}" if detail else ""))


def unhex(text):
    return bytes.fromhex(text)


# ---- section 2.1: BLAKE2b-256, unkeyed and keyed ----

def blake2b_256(data, key=b""):
    return hashlib.blake2b(data, digest_size=32, key=key).digest()


# ---- section 2.3: strict base64 and lowercase hex ----

def from_base64(text):
    """Exactly what encoding the bytes gives, or None."""
    if not isinstance(text, str):
        return None
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return data if base64.b64encode(data).decode("ascii") == text else None


def to_base64(data):
    return base64.b64encode(data).decode("ascii")


def from_hex(text, size):
    if len(text) != 2 * size or any(c not in "0123456789abcdef" for c in text):
        return None
    return bytes.fromhex(text)


# ---- section 2.4: UUIDs ----

def parse_uuid(text):
    if not isinstance(text, str) or len(text) != 36:
        return None
    for i, c in enumerate(text):
        if i in (8, 13, 18, 23):
            if c != "-":
                return None
        elif c not in "0123456789abcdef":
            return None
    return bytes.fromhex(text.replace("-", ""))


# ---- section 3: the canonical encoding ----

def enc_uint(v):
    out = bytearray()
    while True:
        byte = v & 0x7F
        v >>= 7
        if v:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def dec_uint(data, pos=0):
    """(value, next position), or None for non-minimal, truncated or over-64-bit input."""
    value, shift = 0, 0
    while True:
        if pos >= len(data) or shift > 63:
            return None
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            if byte == 0 and shift:
                return None
            return (value, pos) if value < 2**64 else None
        shift += 7


def enc_text(s):
    b = s.encode("utf-8")
    return enc_uint(len(b)) + b


# ---- section 2.2 and 7.3: Ed25519 and X25519 over plain integers ----

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1, 1, 0)


def inv(x):
    return pow(x, P - 2, P)


def pt_add(p1, p2):  # extended coordinates, RFC 8032 5.1.4
    a = (p1[1] - p1[0]) * (p2[1] - p2[0]) % P
    b = (p1[1] + p1[0]) * (p2[1] + p2[0]) % P
    c = 2 * p1[3] * p2[3] * D % P
    d = 2 * p1[2] * p2[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def pt_mul(s, point):
    q = IDENTITY
    while s > 0:
        if s & 1:
            q = pt_add(q, point)
        point = pt_add(point, point)
        s >>= 1
    return q


def pt_equal(p1, p2):
    return (p1[0] * p2[2] - p2[0] * p1[2]) % P == 0 and (p1[1] * p2[2] - p2[1] * p1[2]) % P == 0


def recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * inv(D * y * y + 1) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    return P - x if (x & 1) != sign else x


def pt_compress(point):
    zi = inv(point[2])
    x, y = point[0] * zi % P, point[1] * zi % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def pt_decompress(data):
    if len(data) != 32:
        return None
    v = int.from_bytes(data, "little")
    y, sign = v & ((1 << 255) - 1), v >> 255
    x = recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


GY = 4 * inv(5) % P
BASE = (recover_x(GY, 0), GY, 1, recover_x(GY, 0) * GY % P)


def sha512(data):
    return hashlib.sha512(data).digest()


def expand_seed(seed):
    h = sha512(seed)
    a = bytearray(h[:32])
    a[0] &= 248
    a[31] &= 127
    a[31] |= 64
    return bytes(a), h[32:]


def ed25519_public(seed):
    return pt_compress(pt_mul(int.from_bytes(expand_seed(seed)[0], "little"), BASE))


def ed25519_sign(seed, msg):
    a_bytes, prefix = expand_seed(seed)
    a = int.from_bytes(a_bytes, "little")
    public = pt_compress(pt_mul(a, BASE))
    r = int.from_bytes(sha512(prefix + msg), "little") % L
    big_r = pt_compress(pt_mul(r, BASE))
    k = int.from_bytes(sha512(big_r + public + msg), "little") % L
    return big_r + ((r + k * a) % L).to_bytes(32, "little")


def ed25519_verify(public, msg, sig):
    if len(sig) != 64:
        return False
    a, r = pt_decompress(public), pt_decompress(sig[:32])
    s = int.from_bytes(sig[32:], "little")
    if a is None or r is None or s >= L:
        return False
    k = int.from_bytes(sha512(sig[:32] + public + msg), "little") % L
    return pt_equal(pt_mul(s, BASE), pt_add(r, pt_mul(k, a)))


def ed_to_x25519_public(public):
    """7.3 step 2: u = (1 + y) / (1 - y); None for no point, small order, or outside the subgroup."""
    point = pt_decompress(public)
    if point is None or pt_equal(pt_mul(8, point), IDENTITY) or not pt_equal(pt_mul(L, point), IDENTITY):
        return None
    y = point[1] * inv(point[2]) % P
    return ((1 + y) * inv(1 - y) % P).to_bytes(32, "little")


def x25519(scalar, u_bytes):  # RFC 7748 section 5
    k = bytearray(scalar)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    k = int.from_bytes(k, "little")
    x1 = int.from_bytes(u_bytes, "little") & ((1 << 255) - 1)
    x2, z2, x3, z3, swap = 1, 0, x1, 1, 0
    for t in reversed(range(255)):
        bit = (k >> t) & 1
        swap ^= bit
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = bit
        a, b = x2 + z2, x2 - z2
        aa, bb = a * a % P, b * b % P
        e = aa - bb
        c, d = x3 + z3, x3 - z3
        da, cb = d * a % P, c * b % P
        x3 = (da + cb) ** 2 % P
        z3 = x1 * (da - cb) ** 2 % P
        x2 = aa * bb % P
        z2 = e * (aa + 121665 * e) % P
    if swap:
        x2, z2 = x3, z3
    return (x2 * inv(z2) % P).to_bytes(32, "little")


def mac_key(own_seed, peer_public, device_public, server_public):
    """7.3: None when no key can be made."""
    u = ed_to_x25519_public(peer_public)
    if u is None:
        return None
    shared = x25519(expand_seed(own_seed)[0], u)
    if shared == bytes(32):
        return None
    return blake2b_256(b"MCK1" + shared + device_public + server_public)


# ---- section 6: strict JSON ----

class Refused(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def has_control(s, newline_ok=False):
    """6.8 rule 2: U+0000-U+001F or U+007F in a decoded string or key (rule 3: but \n where allowed)."""
    return any((ord(c) < 0x20 or c == "\x7f") and not (newline_ok and c == "\n") for c in s)


def no_duplicates(pairs):
    """6.8 rules 1 and 2 for keys, as json.loads hands each object over (keys decoded): a control
    character in a key is checked before the repetition."""
    out = {}
    for k, v in pairs:
        if has_control(k):
            raise Refused("control_character")
        if k in out:
            raise Refused("json_duplicate_key")
        out[k] = v
    return out


def check_strings(value, newline_ok=False):
    """6.8 rules 2 and 3 for every decoded string; \n only in the string members of the top-level
    "values". (Raw U+0000-U+001F never gets here: json.loads refuses it, json_malformed.)
    json.loads reads inner objects first, so with several faults in one text this reader may name
    another than the first (rule 5); each vector holds one fault."""
    if isinstance(value, str):
        if has_control(value, newline_ok):
            raise Refused("control_character")
    elif isinstance(value, list):
        for item in value:
            check_strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            check_strings(item)


def parse_json(text):
    try:
        value = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=lambda c: float(c))
    except json.JSONDecodeError:
        raise Refused("json_malformed")
    if not isinstance(value, dict):
        raise Refused("json_malformed")
    for k, item in value.items():
        if k == "values" and isinstance(item, dict):
            for v in item.values():
                check_strings(v, newline_ok=isinstance(v, str))
        else:
            check_strings(item)
    return value


def check_line_breaks(values, long_text_fields):
    """6.8 rule 3, the form's part (after the signature): a \n only in a long_text field, named in
    the vector's long_text_fields as "id" or, inside a repeating group, "group.N.sub"."""
    for k, v in values.items():
        if "\n" not in v:
            continue
        parts = k.split(".")
        shape = f"{parts[0]}.N.{parts[2]}" if len(parts) == 3 and parts[1].isdigit() else k
        if k not in long_text_fields and shape not in long_text_fields:
            raise Refused("control_character")


# The HTTP status of each code a submission is refused with (sections 6.8 and 10).
STATUS = {"submission_malformed": 422, "protocol_unsupported": 400, "signature_invalid": 422,
          "json_duplicate_key": 422, "control_character": 422, "json_malformed": 400}


def is_int(v, low, high):
    return isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


# ---- section 4: the signed structures ----

def member(obj, name, kind, code):
    if name not in obj or not isinstance(obj[name], kind) or isinstance(obj[name], bool):
        raise Refused(code)
    return obj[name]


def b64_member(obj, name, size, code):
    data = from_base64(member(obj, name, str, code))
    if data is None or len(data) != size:
        raise Refused(code)
    return data


def int_member(obj, name, low, high, code):
    v = obj.get(name)
    if not is_int(v, low, high):
        raise Refused(code)
    return v


def submission_from_json(text):
    """(canonical bytes, signature, decoded object), or Refused with the code of section 6.1."""
    j = parse_json(text)
    bad = "submission_malformed"
    if not is_int(j.get("protocol"), 0, 1000) or j["protocol"] != 1:
        raise Refused("protocol_unsupported")
    uid = parse_uuid(j.get("id"))
    if uid is None:
        raise Refused(bad)
    device_key = b64_member(j, "device_key", 32, bad)
    procedure = member(j, "procedure", str, bad)
    form_version = int_member(j, "form_version", 0, 2**32 - 1, bad)
    agency = member(j, "agency", str, bad)
    created_at = int_member(j, "created_at", 0, 2**63 - 1, bad)
    values = member(j, "values", dict, bad)
    if len(values) > 200 or not all(isinstance(v, str) for v in values.values()):
        raise Refused(bad)
    attachments = member(j, "attachments", list, bad)
    if len(attachments) > 50:
        raise Refused(bad)
    decoded = []
    for a in attachments:
        if not isinstance(a, dict):
            raise Refused(bad)
        decoded.append((b64_member(a, "hash", 32, bad), int_member(a, "size", 0, 2**63 - 1, bad),
                        member(a, "media_type", str, bad), member(a, "name", str, bad)))
    signature = b64_member(j, "signature", 64, bad)

    out = b"MCS1" + uid + device_key + enc_text(procedure) + enc_uint(form_version) + enc_text(agency)
    out += enc_uint(created_at) + enc_uint(len(values))
    for k in sorted(values, key=lambda k: k.encode("utf-8")):
        out += enc_text(k) + enc_text(values[k])
    out += enc_uint(len(decoded))
    for h, size, media_type, name in decoded:
        out += h + enc_uint(size) + enc_text(media_type) + enc_text(name)
    return out, signature, {"device_key": device_key, "procedure": procedure, "agency": agency,
                            "values": values, "attachments": decoded}


def nfc_utf8(s, max_bytes):
    b = s.encode("utf-8", "surrogatepass")
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(b) <= max_bytes and unicodedata.is_normalized("NFC", s)


def check_well_formed(s):
    """Section 5's table; raises Refused("submission_malformed")."""
    bad = Refused("submission_malformed")
    p = s["procedure"]
    if not (1 <= len(p.encode()) <= 32 and all("!" <= c <= "~" for c in p)):
        raise bad
    a = s["agency"]
    shape = len(a) == 13 and a[3] == a[6] == a[9] == "." and a[10].isascii() and a[10].isupper()
    digits = a[0:3] + a[4:6] + a[7:9] + a[11:13]
    if not shape or not (digits.isascii() and digits.isdigit()):
        raise bad
    for k, v in s["values"].items():
        if not (1 <= len(k) <= 64 and all(c in "abcdefghijklmnopqrstuvwxyz0123456789_." for c in k)):
            raise bad
        if not nfc_utf8(v, 4000):
            raise bad
    hashes = [h for h, _, _, _ in s["attachments"]]
    if any(hashes[i] >= hashes[i + 1] for i in range(len(hashes) - 1)):
        raise bad
    for _, size, media_type, name in s["attachments"]:
        if not name or not nfc_utf8(name, 4000) or size > 2**40:
            raise bad
        if not (1 <= len(media_type) <= 128 and "/" in media_type and all("!" <= c <= "~" for c in media_type)):
            raise bad


def receipt_bytes(text):
    j = parse_json(text)
    if j.get("protocol") != 1:
        raise Refused("protocol_unsupported")
    bad = "request_malformed"
    uid = parse_uuid(j.get("submission_id"))
    if uid is None:
        raise Refused(bad)
    out = b"MCR1" + uid + b64_member(j, "submission_hash", 32, bad)
    out += enc_text(member(j, "dossier_code", str, bad)) + enc_text(member(j, "agency", str, bad))
    out += enc_text(member(j, "procedure", str, bad)) + enc_uint(int_member(j, "received_at", 0, 2**63 - 1, bad))
    out += enc_text(member(j, "due_date", str, bad))
    server_key = b64_member(j, "server_key", 32, bad)
    return out + server_key, b64_member(j, "signature", 64, bad), server_key, j


def feed_entry_bytes(j):
    bad = "request_malformed"
    uid = parse_uuid(j.get("submission_id"))
    if uid is None:
        raise Refused(bad)
    out = b"MCF1" + b64_member(j, "device_key", 32, bad) + enc_uint(int_member(j, "cursor", 1, 2**63 - 1, bad))
    out += uid + enc_text(member(j, "dossier_code", str, bad)) + enc_uint(int_member(j, "status", 1, 10, bad))
    out += enc_uint(int_member(j, "at", 0, 2**63 - 1, bad))
    for name in ("document", "note_vi", "note_en"):
        out += enc_text(member(j, name, str, bad))
    server_key = b64_member(j, "server_key", 32, bad)
    return out + server_key, b64_member(j, "signature", 64, bad), server_key


def signing_bytes(tag, method, target, time, nonce, body):
    return tag + enc_text(method) + enc_text(target) + enc_uint(time) + nonce + blake2b_256(body)


def auth_from_headers(h):
    """7.1: (device, time, nonce, signature or None, mac or None), or None (request_unsigned)."""
    device = from_base64(h.get("Motcua-Device", ""))
    time_text = h.get("Motcua-Time", "")
    nonce = from_hex(h.get("Motcua-Nonce", ""), 16)
    sig_text, mac_text = h.get("Motcua-Signature", ""), h.get("Motcua-Mac", "")
    if device is None or len(device) != 32 or nonce is None or bool(sig_text) == bool(mac_text):
        return None
    if not (1 <= len(time_text) <= 12 and all(c in "0123456789" for c in time_text)):
        return None
    sig = from_base64(sig_text) if sig_text else None
    mac = from_base64(mac_text) if mac_text else None
    if (sig_text and (sig is None or len(sig) != 64)) or (mac_text and (mac is None or len(mac) != 32)):
        return None
    return device, int(time_text), nonce, sig, mac


# ---- the checks ----

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "docs", "protocol-vectors.json")
    with open(path, encoding="utf-8") as f:
        v = json.load(f)
    check("the vectors are for protocol 1", v["protocol"] == 1)

    # keys (2.2, 7.3)
    seeds, publics = {}, {}
    for who in ("device", "server"):
        k = v["keys"][who]
        seed = unhex(k["seed"])
        seeds[who], publics[who] = seed, ed25519_public(seed)
        check(f"{who} public key from its seed", publics[who].hex() == k["public_key"])
        check(f"{who} public key in base64", to_base64(publics[who]) == k["public_key_base64"])
        check(f"{who} SHA-512 of the seed", sha512(seed).hex() == k["sha512_of_seed"])
        check(f"{who} X25519 scalar (clamped)", expand_seed(seed)[0].hex() == k["x25519_secret"])
        check(f"{who} X25519 public key (u = (1+y)/(1-y))",
              (ed_to_x25519_public(publics[who]) or b"").hex() == k["x25519_public"])
        check(f"{who} X25519 public key is X25519(scalar, 9)",
              x25519(expand_seed(seed)[0], (9).to_bytes(32, "little")).hex() == k["x25519_public"])
    dev, srv = publics["device"], publics["server"]
    m = v["mac_key"]
    shared_d = x25519(expand_seed(seeds["device"])[0], ed_to_x25519_public(srv))
    shared_s = x25519(expand_seed(seeds["server"])[0], ed_to_x25519_public(dev))
    check("X25519 shared secret, device side", shared_d.hex() == m["x25519_shared"])
    check("X25519 shared secret, server side", shared_s.hex() == m["x25519_shared"])
    check("MAC key hash input: MCK1 | shared | device key | server key",
          (b"MCK1" + shared_d + dev + srv).hex() == m["hash_input_hex"])
    key_d, key_s = mac_key(seeds["device"], srv, dev, srv), mac_key(seeds["server"], dev, dev, srv)
    check("MAC key, device side", key_d is not None and key_d.hex() == m["mac_key"])
    check("MAC key, server side", key_s is not None and key_s.hex() == m["mac_key"])
    for r in m["peer_keys_refused"]:
        check(f"no MAC key with a peer key that is {r['why']}",
              mac_key(seeds["server"], unhex(r["public_key"]), unhex(r["public_key"]), srv) is None)

    # encoding (3)
    for e in v["encoding"]["uint"]:
        check(f"uint {e['value']}", enc_uint(int(e["value"])).hex() == e["hex"])
        check(f"uint {e['value']} reads back", dec_uint(unhex(e["hex"])) == (int(e["value"]), len(e["hex"]) // 2))
    for e in v["encoding"]["text"]:
        check(f"text {e['text']!r}", enc_text(e["text"]).hex() == e["hex"])
    for e in v["encoding"]["uint_refused"]:
        got = dec_uint(unhex(e["hex"]))
        check(f"uint refused: {e['why']}", got is None or got[1] != len(e["hex"]) // 2)

    # base64 and hashes (2.1, 2.3)
    for e in v["base64"]["ok"]:
        check(f"base64 of {e['hex'] or 'nothing'}", to_base64(unhex(e["hex"])) == e["base64"])
        check(f"base64 {e['base64']!r} reads back", from_base64(e["base64"]) == unhex(e["hex"]))
    for e in v["base64"]["refused"]:
        check(f"base64 refused: {e['why']}", from_base64(e["base64"]) is None)
    for e in v["hashes"]["unkeyed"]:
        check(f"BLAKE2b-256 of {e['input_text']!r}", blake2b_256(e["input_text"].encode()).hex() == e["blake2b_256"])
    for e in v["hashes"]["keyed"]:
        check(f"keyed BLAKE2b-256 of {e['input_text']!r}",
              blake2b_256(e["input_text"].encode(), unhex(e["key"])).hex() == e["blake2b_256_keyed"])

    # submissions (4.1, 5, 6.1)
    by_name = {}
    multi_line_accepted = []
    for s in v["submissions"]:
        name = s["name"]
        try:
            canonical, sig, decoded = submission_from_json(s["json"])
            check_well_formed(decoded)
            check_line_breaks(decoded["values"], s["long_text_fields"])
            check(f"{name}: JSON decodes and passes section 5", True)
        except Refused as r:
            check(f"{name}: JSON decodes and passes section 5", False, r.code)
            continue
        by_name[name] = canonical
        if any("\n" in x for x in decoded["values"].values()):
            multi_line_accepted.append(name)
        check(f"{name}: canonical bytes from the JSON", canonical.hex() == s["canonical_hex"])
        check(f"{name}: canonical size", len(canonical) == s["canonical_size"])
        check(f"{name}: BLAKE2b-256 of the canonical bytes", blake2b_256(canonical).hex() == s["hash"])
        check(f"{name}: hash in base64", to_base64(blake2b_256(canonical)) == s["hash_base64"])
        check(f"{name}: the signature in the JSON is the vector's", sig.hex() == s["signature"])
        check(f"{name}: signature in base64", to_base64(sig) == s["signature_base64"])
        check(f"{name}: signature verifies with the device key", decoded["device_key"] == dev and
              ed25519_verify(dev, canonical, sig))
        check(f"{name}: signing again gives the same bytes", ed25519_sign(seeds["device"], canonical) == sig)
        check(f"{name}: a changed byte breaks the signature",
              not ed25519_verify(dev, canonical[:-1] + bytes([canonical[-1] ^ 1]), sig))
        listed = {h: size for h, size, _, _ in decoded["attachments"]}
        for c in s.get("attachment_contents", []):
            content = c["content_text"].encode("utf-8")
            h = blake2b_256(content)
            check(f"{name}: attachment {c['name']!r} is named by its hash and size",
                  h.hex() == c["hash"] and len(content) == c["size"] and listed.get(h) == c["size"])
    for r in v["submissions_refused"]:
        code = ""
        try:
            canonical, sig, decoded = submission_from_json(r["json"])
            check_well_formed(decoded)
            if not ed25519_verify(decoded["device_key"], canonical, sig):
                code = "signature_invalid"
            else:
                check_line_breaks(decoded["values"], r["long_text_fields"])
        except Refused as e:
            code = e.code
        check(f"refused: {r['about']} ({r['code']})", code == r["code"], f"got {code or 'accepted'}")
        status = STATUS.get(r["code"])
        check(f"refused: {r['about']}: HTTP {r['http_status']}", status == r["http_status"], f"the page says {status}")
    codes = {r["code"] for r in v["submissions_refused"]}
    check("refused: the strict-input refusals are there (6.8)",
          {"json_duplicate_key", "control_character"} <= codes)
    check("a line break in a long_text field is accepted (6.8 rule 3)", len(multi_line_accepted) > 0)

    # receipt (4.2, 6.2)
    rc = v["receipt"]
    canonical, sig, key, j = receipt_bytes(rc["json"])
    check("receipt: canonical bytes from the JSON", canonical.hex() == rc["canonical_hex"])
    check("receipt: signature is the vector's", sig.hex() == rc["signature"])
    check("receipt: signed by the server key", key == srv and ed25519_verify(srv, canonical, sig))
    check("receipt: signing again gives the same bytes", ed25519_sign(seeds["server"], canonical) == sig)
    sub = by_name.get(rc["for_submission"], b"")
    check("receipt: binds the submission's hash", from_base64(j["submission_hash"]) == blake2b_256(sub))
    check("receipt: names the submission's id", parse_uuid(j["submission_id"]) == sub[4:20])

    # feed (4.3, 6.5)
    page = parse_json(v["feed_page_json"])
    check("feed page: entries and more", isinstance(page.get("entries"), list) and page.get("more") is False)
    for i, e in enumerate(v["feed_entries"]):
        j = parse_json(e["json"])
        canonical, sig, key = feed_entry_bytes(j)
        check(f"feed entry {i + 1}: canonical bytes from the JSON", canonical.hex() == e["canonical_hex"])
        check(f"feed entry {i + 1}: signature is the vector's", sig.hex() == e["signature"])
        check(f"feed entry {i + 1}: signed by the server key", key == srv and ed25519_verify(srv, canonical, sig))
        check(f"feed entry {i + 1}: signing again gives the same bytes", ed25519_sign(seeds["server"], canonical) == sig)
        check(f"feed entry {i + 1}: in the page", i < len(page["entries"]) and page["entries"][i] == j)

    # other messages (6.3, 6.4, 6.6)
    msg = v["messages"]
    reg = parse_json(msg["device_registration"])
    check("registration names the device key", reg.get("protocol") == 1 and from_base64(reg["device_key"]) == dev)
    done = parse_json(msg["device_registered"])
    check("registration answer names both keys",
          from_base64(done["device_key"]) == dev and from_base64(done["server_key"]) == srv and
          is_int(done.get("registered_at"), 0, 2**63 - 1))
    announce = parse_json(msg["attachment_announce"])
    check("announcement's hash is the path's hex", from_base64(announce["hash"]).hex() == msg["attachment_path_hex"])
    for name in ("attachment_state_new", "attachment_state_complete"):
        st = parse_json(msg[name])
        check(f"{name}: shape", isinstance(st.get("complete"), bool) and is_int(st.get("received"), 0, st["size"])
              and from_base64(st["hash"]) == from_base64(announce["hash"]) and
              st["complete"] == (st["received"] == st["size"]))
    err = parse_json(msg["error"]).get("error", {})
    check("error shape", all(isinstance(err.get(k), str) for k in ("code", "vi", "en")))

    # requests (4.4, 7)
    for r in v["requests"]:
        name = r["name"]
        body = unhex(r["body_hex"])
        tag = r["form"].encode()
        sb = signing_bytes(tag, r["method"], r["target"], r["time"], unhex(r["nonce"]), body)
        check(f"{name}: body hash", blake2b_256(body).hex() == r["body_hash"])
        check(f"{name}: signing bytes", sb.hex() == r["signing_bytes_hex"])
        h = r["headers"]
        auth = auth_from_headers(h)
        check(f"{name}: headers parse", auth is not None)
        if auth is None:
            continue
        device, time, nonce, sig, mac = auth
        check(f"{name}: headers carry the device, time and nonce",
              device == dev and time == r["time"] and nonce.hex() == r["nonce"] and h["Motcua-Time"] == str(r["time"]))
        check(f"{name}: content type", h.get("Content-Type") == r["content_type"])
        if r["form"] == "MCQ1":
            check(f"{name}: MCQ1 signature verifies", sig is not None and ed25519_verify(dev, sb, sig))
            check(f"{name}: MCQ1 signature is the vector's", sig is not None and sig.hex() == r["signature"])
            check(f"{name}: signing again gives the same bytes", ed25519_sign(seeds["device"], sb) == sig)
        else:
            expected = blake2b_256(sb, key_s)
            check(f"{name}: MCQ2 MAC key", key_s.hex() == r["mac_key"])
            check(f"{name}: MCQ2 MAC (server side)", mac == expected and expected.hex() == r["mac"])
            check(f"{name}: MCQ2 MAC (device side)", blake2b_256(sb, key_d) == mac)
        if r["method"] == "PUT":
            sub_id = r["target"].rsplit("/", 1)[1]
            canonical = submission_from_json(body.decode("utf-8"))[0]
            check(f"{name}: the path's UUID is the body's id", parse_uuid(sub_id) == canonical[4:20])
        if r["method"] == "PATCH":
            path_hex = r["target"].split("/")[3].split("?")[0]
            check(f"{name}: the chunk is the whole attachment its path names", blake2b_256(body).hex() == path_hex)
    hr = v["headers_refused"]
    for c in hr["cases"]:
        check(f"headers refused ({hr['code']}): {c['why']}", auth_from_headers(c["headers"]) is None)

    print(f"# {failures} failed" if failures else "# all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
