// An independent reader of docs/protocol-vectors.json, written from docs/protocol.md alone, with
// Node 20's built-ins only. Ed25519 signing and verification, X25519 and SHA-512 come from
// node:crypto (keys imported from raw bytes through fixed DER prefixes); BLAKE2b is written out
// here (RFC 7693), because node's "blake2b512" has no key and a fixed 64-byte output, and
// BLAKE2b-256 is not BLAKE2b-512 cut short. The Ed25519 -> Curve25519 conversion and its point
// checks are BigInt arithmetic. Prints "ok - ..." / "not ok - ..." lines; exits 1 on any failure.
// Usage: node check_vectors.mjs [path/to/protocol-vectors.json]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let failures = 0;
function check(name, condition, detail = '') {
  if (condition) console.log(`ok - ${name}`);
  else {
    failures++;
    console.log(`not ok - ${name}${detail ? `: ${detail}` : ''}`);
  }
}

const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (s) => Buffer.from(s, 'hex');
const utf8 = (s) => Buffer.from(s, 'utf8');
const cat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));

// ---- section 2.1: BLAKE2b (RFC 7693), any output length, optional key ----

const M64 = (1n << 64n) - 1n;
const IV = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0]];
const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & M64;

function compress(h, block, t, last) {
  const v = [...h, ...IV];
  v[12] ^= t & M64;
  v[13] ^= t >> 64n;
  if (last) v[14] ^= M64;
  const m = [];
  for (let i = 0; i < 16; i++) m.push(block.readBigUInt64LE(8 * i));
  const g = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & M64; v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & M64; v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & M64; v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & M64; v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]); g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]); g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]); g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]); g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

function blake2b(message, outlen = 32, key = Buffer.alloc(0)) {
  const h = [...IV];
  h[0] ^= 0x01010000n ^ (BigInt(key.length) << 8n) ^ BigInt(outlen);
  // A key is a first block of its own, padded with zeros.
  const data = key.length ? cat(key, Buffer.alloc(128 - key.length), message) : Buffer.from(message);
  let t = 0n, off = 0;
  while (data.length - off > 128) {
    t += 128n;
    compress(h, data.subarray(off, off + 128), t, false);
    off += 128;
  }
  const last = Buffer.alloc(128);
  data.copy(last, 0, off);
  t += BigInt(data.length - off);
  compress(h, last, t, true);
  const out = Buffer.alloc(64);
  h.forEach((w, i) => out.writeBigUInt64LE(w, 8 * i));
  return out.subarray(0, outlen);
}
const blake2b256 = (m, key) => blake2b(m, 32, key);

// ---- section 2.3: strict base64, lowercase hex ----

function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4) return null;
  const data = Buffer.from(text, 'base64');
  return data.toString('base64') === text ? data : null; // exactly what encoding gives
}
const toBase64 = (b) => Buffer.from(b).toString('base64');
const fromHex = (text, size) => (typeof text === 'string' && text.length === 2 * size && /^[0-9a-f]*$/.test(text)
  ? unhex(text) : null);

// ---- section 2.4: UUIDs ----

function parseUuid(text) {
  if (typeof text !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) return null;
  return unhex(text.replaceAll('-', ''));
}

// ---- section 3: the canonical encoding ----

function encUint(value) {
  let v = BigInt(value);
  const out = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return Buffer.from(out);
}

function decUint(data) { // the value when data is exactly one minimal uint of at most 64 bits
  let v = 0n;
  for (let i = 0, shift = 0n; i < data.length && shift <= 63n; i++, shift += 7n) {
    const byte = data[i];
    v |= BigInt(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      if ((byte === 0 && shift) || i !== data.length - 1 || v >= 1n << 64n) return null;
      return v;
    }
  }
  return null;
}

const encText = (s) => { const b = utf8(s); return cat(encUint(b.length), b); };

// ---- section 6: strict JSON. Integers become BigInt (a fraction or an exponent a Number, which
// no member accepts); a key twice in one object is refused, and a control character (U+0000-U+001F,
// U+007F) in a decoded key or string, but \n in the string members of the top-level "values"
// (6.8). Read in order: the first fault answers; in a key, a control character before the repetition. ----

class Refused extends Error {
  constructor(code) { super(code); this.code = code; }
}

const hasControl = (s, newlineOk = false) =>
  [...s].some((c) => (c.charCodeAt(0) < 0x20 || c === '\x7f') && !(newlineOk && c === '\n'));

function parseJson(text) {
  let i = 0;
  const bad = () => { throw new Refused('json_malformed'); };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  function string() {
    if (text[i++] !== '"') bad();
    let out = '';
    for (;;) {
      if (i >= text.length) bad();
      const c = text[i++];
      if (c === '"') return out;
      if (c.charCodeAt(0) < 0x20) bad();
      if (c !== '\\') { out += c; continue; }
      const e = text[i++];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) { out += simple; continue; }
      if (e !== 'u' || !/^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) bad();
      out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
      i += 4;
    }
  }
  // where: 'top' (the whole text), 'values' (the top-level "values" object), or 'other'.
  function value(where = 'other', newlineOk = false) {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = Object.create(null);
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        const k = string();
        if (hasControl(k)) throw new Refused('control_character');
        if (Object.hasOwn(obj, k)) throw new Refused('json_duplicate_key');
        ws();
        if (text[i++] !== ':') bad();
        obj[k] = value(where === 'top' && k === 'values' ? 'values' : 'other', where === 'values');
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] !== '}') bad();
        return obj;
      }
    }
    if (c === '[') {
      i++;
      const arr = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] !== ']') bad();
        return arr;
      }
    }
    if (c === '"') {
      const s = string();
      if (hasControl(s, newlineOk)) throw new Refused('control_character');
      return s;
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]])
      if (text.startsWith(word, i)) { i += word.length; return v; }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) bad();
    i += m[0].length;
    return m[2] || m[3] ? Number(m[0]) : BigInt(m[0]);
  }
  const v = value('top');
  ws();
  if (i !== text.length || v === null || typeof v !== 'object' || Array.isArray(v)) bad();
  return v;
}

const isInt = (v, low, high) => typeof v === 'bigint' && v >= BigInt(low) && v <= BigInt(high);
const wellFormedUtf16 = (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

// ---- section 2.2 and 7.3: Ed25519 and X25519 ----

const ED_SPKI = unhex('302a300506032b6570032100');
const ED_PKCS8 = unhex('302e020100300506032b657004220420');
const X_SPKI = unhex('302a300506032b656e032100');
const X_PKCS8 = unhex('302e020100300506032b656e04220420');
const edPublicKey = (raw) => crypto.createPublicKey({ key: cat(ED_SPKI, raw), format: 'der', type: 'spki' });
const edPrivateKey = (seed) => crypto.createPrivateKey({ key: cat(ED_PKCS8, seed), format: 'der', type: 'pkcs8' });
const edPublicFromSeed = (seed) => crypto.createPublicKey(edPrivateKey(seed)).export({ format: 'der', type: 'spki' }).subarray(12);
const edSign = (seed, msg) => crypto.sign(null, msg, edPrivateKey(seed));
function edVerify(pk, msg, sig) {
  try { return sig.length === 64 && crypto.verify(null, msg, edPublicKey(pk), sig); } catch { return false; }
}
const sha512 = (b) => crypto.createHash('sha512').update(b).digest();

function x25519Scalar(seed) { // 7.3 step 1
  const h = Buffer.from(sha512(seed).subarray(0, 32));
  h[0] &= 248; h[31] &= 127; h[31] |= 64;
  return h;
}

function x25519(scalar, u) {
  const privateKey = crypto.createPrivateKey({ key: cat(X_PKCS8, scalar), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey({ key: cat(X_SPKI, u), format: 'der', type: 'spki' });
  try { return crypto.diffieHellman({ privateKey, publicKey }); } catch { return null; } // all-zero: refused
}

const P = (1n << 255n) - 19n;
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const mod = (a) => ((a % P) + P) % P;
function pow(b, e) {
  let r = 1n; b = mod(b);
  for (; e > 0n; e >>= 1n, b = b * b % P) if (e & 1n) r = r * b % P;
  return r;
}
const inv = (x) => pow(x, P - 2n);
const D = mod(-121665n * inv(121666n));
const leToBig = (b) => BigInt('0x' + (hex(Buffer.from(b).reverse()) || '0'));
const bigToLe = (v) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex').reverse();

function ptAdd([x1, y1, z1, t1], [x2, y2, z2, t2]) { // extended coordinates, RFC 8032 5.1.4
  const a = mod((y1 - x1) * (y2 - x2)), b = mod((y1 + x1) * (y2 + x2));
  const c = mod(2n * t1 * t2 * D), d = mod(2n * z1 * z2);
  const e = b - a, f = d - c, g = d + c, h = b + a;
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}
function ptMul(s, pt) {
  let q = [0n, 1n, 1n, 0n];
  for (; s > 0n; s >>= 1n, pt = ptAdd(pt, pt)) if (s & 1n) q = ptAdd(q, pt);
  return q;
}
const isIdentity = ([x, y, z]) => mod(x) === 0n && mod(y - z) === 0n;

function decodePoint(bytes) { // RFC 8032 5.1.3
  const v = leToBig(bytes);
  const y = v & ((1n << 255n) - 1n), sign = v >> 255n;
  if (y >= P) return null;
  const x2 = mod((y * y - 1n) * inv(D * y * y + 1n));
  if (x2 === 0n) return sign ? null : [0n, y, 1n, 0n];
  let x = pow(x2, (P + 3n) / 8n);
  if (mod(x * x - x2) !== 0n) x = mod(x * pow(2n, (P - 1n) / 4n));
  if (mod(x * x - x2) !== 0n) return null;
  if ((x & 1n) !== sign) x = P - x;
  return [x, y, 1n, mod(x * y)];
}

function edToX25519Public(pk) { // 7.3 step 2
  const pt = decodePoint(pk);
  if (!pt || isIdentity(ptMul(8n, pt)) || !isIdentity(ptMul(L, pt))) return null;
  return bigToLe(mod((1n + pt[1]) * inv(1n - pt[1])));
}

function macKey(ownSeed, peer, device, server) { // 7.3 steps 1-4
  const u = edToX25519Public(peer);
  const shared = u && x25519(x25519Scalar(ownSeed), u);
  return shared ? blake2b256(cat(utf8('MCK1'), shared, device, server)) : null;
}

// ---- section 4: the signed structures, from their JSON ----

function member(obj, name, type, code) {
  const v = obj[name];
  if (typeof v !== type || (type === 'object' && (v === null || Array.isArray(v)))) throw new Refused(code);
  return v;
}
function b64Member(obj, name, size, code) {
  const b = fromBase64(obj[name]);
  if (!b || b.length !== size) throw new Refused(code);
  return b;
}
function intMember(obj, name, low, high, code) {
  if (!isInt(obj[name], low, high)) throw new Refused(code);
  return obj[name];
}
const I63 = (1n << 63n) - 1n;

function submissionFromJson(text) {
  const j = parseJson(text);
  const bad = 'submission_malformed';
  if (!isInt(j.protocol, 0, 1000) || j.protocol !== 1n) throw new Refused('protocol_unsupported');
  const id = parseUuid(j.id);
  if (!id) throw new Refused(bad);
  const deviceKey = b64Member(j, 'device_key', 32, bad);
  const procedure = member(j, 'procedure', 'string', bad);
  const formVersion = intMember(j, 'form_version', 0, 0xffffffff, bad);
  const agency = member(j, 'agency', 'string', bad);
  const createdAt = intMember(j, 'created_at', 0, I63, bad);
  const values = member(j, 'values', 'object', bad);
  const keys = Object.keys(values);
  if (keys.length > 200 || keys.some((k) => typeof values[k] !== 'string')) throw new Refused(bad);
  if (!Array.isArray(j.attachments) || j.attachments.length > 50) throw new Refused(bad);
  const attachments = j.attachments.map((a) => {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new Refused(bad);
    return { hash: b64Member(a, 'hash', 32, bad), size: intMember(a, 'size', 0, I63, bad),
      mediaType: member(a, 'media_type', 'string', bad), name: member(a, 'name', 'string', bad) };
  });
  const signature = b64Member(j, 'signature', 64, bad);
  const parts = [utf8('MCS1'), id, deviceKey, encText(procedure), encUint(formVersion), encText(agency),
    encUint(createdAt), encUint(keys.length)];
  for (const k of [...keys].sort((a, b) => Buffer.compare(utf8(a), utf8(b)))) parts.push(encText(k), encText(values[k]));
  parts.push(encUint(attachments.length));
  for (const a of attachments) parts.push(a.hash, encUint(a.size), encText(a.mediaType), encText(a.name));
  return { canonical: cat(...parts), signature, deviceKey, procedure, agency, values, attachments };
}

function checkWellFormed(s) { // section 5
  const bad = () => { throw new Refused('submission_malformed'); };
  const printable = (t) => /^[!-~]+$/.test(t);
  const nfcText = (t, max) => wellFormedUtf16(t) && utf8(t).length <= max && t.normalize('NFC') === t;
  if (!printable(s.procedure) || s.procedure.length > 32) bad();
  if (!/^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$/.test(s.agency)) bad();
  for (const [k, v] of Object.entries(s.values)) {
    if (!/^[a-z0-9_.]{1,64}$/.test(k) || !nfcText(v, 4000)) bad();
  }
  for (let i = 1; i < s.attachments.length; i++)
    if (Buffer.compare(s.attachments[i - 1].hash, s.attachments[i].hash) >= 0) bad();
  for (const a of s.attachments) {
    if (!a.name || !nfcText(a.name, 4000) || a.size > 1n << 40n) bad();
    if (!printable(a.mediaType) || a.mediaType.length > 128 || !a.mediaType.includes('/')) bad();
  }
}

// 6.8 rule 3, the form's part (after the signature): a \n only in a long_text field, named in the
// vector's long_text_fields as "id" or, inside a repeating group, "group.N.sub".
function checkLineBreaks(values, longTextFields) {
  for (const [k, v] of Object.entries(values)) {
    if (!v.includes('\n')) continue;
    const parts = k.split('.');
    const shape = parts.length === 3 && /^[0-9]+$/.test(parts[1]) ? `${parts[0]}.N.${parts[2]}` : k;
    if (!longTextFields.includes(k) && !longTextFields.includes(shape)) throw new Refused('control_character');
  }
}

// The HTTP status of each code a submission is refused with (sections 6.8 and 10).
const STATUS = { submission_malformed: 422, protocol_unsupported: 400, signature_invalid: 422,
  json_duplicate_key: 422, control_character: 422, json_malformed: 400 };

function receiptBytes(text) {
  const j = parseJson(text), bad = 'request_malformed';
  if (j.protocol !== 1n) throw new Refused('protocol_unsupported');
  const id = parseUuid(j.submission_id);
  if (!id) throw new Refused(bad);
  const serverKey = b64Member(j, 'server_key', 32, bad);
  const canonical = cat(utf8('MCR1'), id, b64Member(j, 'submission_hash', 32, bad),
    encText(member(j, 'dossier_code', 'string', bad)), encText(member(j, 'agency', 'string', bad)),
    encText(member(j, 'procedure', 'string', bad)), encUint(intMember(j, 'received_at', 0, I63, bad)),
    encText(member(j, 'due_date', 'string', bad)), serverKey);
  return { canonical, signature: b64Member(j, 'signature', 64, bad), serverKey, j };
}

function feedEntryBytes(j) {
  const bad = 'request_malformed';
  const id = parseUuid(j.submission_id);
  if (!id) throw new Refused(bad);
  const serverKey = b64Member(j, 'server_key', 32, bad);
  const canonical = cat(utf8('MCF1'), b64Member(j, 'device_key', 32, bad), encUint(intMember(j, 'cursor', 1, I63, bad)),
    id, encText(member(j, 'dossier_code', 'string', bad)), encUint(intMember(j, 'status', 1, 10, bad)),
    encUint(intMember(j, 'at', 0, I63, bad)), encText(member(j, 'document', 'string', bad)),
    encText(member(j, 'note_vi', 'string', bad)), encText(member(j, 'note_en', 'string', bad)), serverKey);
  return { canonical, signature: b64Member(j, 'signature', 64, bad), serverKey };
}

const signingBytes = (tag, method, target, time, nonce, body) =>
  cat(utf8(tag), encText(method), encText(target), encUint(time), nonce, blake2b256(body));

function authFromHeaders(h) { // 7.1; null: request_unsigned
  const device = fromBase64(h['Motcua-Device'] ?? '');
  const time = h['Motcua-Time'] ?? '';
  const nonce = fromHex(h['Motcua-Nonce'] ?? '', 16);
  const sigText = h['Motcua-Signature'] ?? '', macText = h['Motcua-Mac'] ?? '';
  if (!device || device.length !== 32 || !nonce || !sigText === !macText || !/^[0-9]{1,12}$/.test(time)) return null;
  const sig = sigText ? fromBase64(sigText) : null, mac = macText ? fromBase64(macText) : null;
  if ((sigText && (!sig || sig.length !== 64)) || (macText && (!mac || mac.length !== 32))) return null;
  return { device, time: BigInt(time), nonce, sig, mac };
}

// ---- the checks ----

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? path.join(here, '..', '..', 'docs', 'protocol-vectors.json');
const v = JSON.parse(fs.readFileSync(file, 'utf8'));
check('the vectors are for protocol 1', v.protocol === 1);

// Our BLAKE2b against node's own where they overlap (unkeyed, 64 bytes).
for (const n of [0, 3, 127, 128, 129, 300])
  check(`BLAKE2b-512 self-test, ${n} bytes`, blake2b(Buffer.alloc(n, 0x61), 64).equals(
    crypto.createHash('blake2b512').update(Buffer.alloc(n, 0x61)).digest()));

const seeds = {}, pub = {};
for (const who of ['device', 'server']) {
  const k = v.keys[who];
  seeds[who] = unhex(k.seed);
  pub[who] = edPublicFromSeed(seeds[who]);
  check(`${who} public key from its seed`, hex(pub[who]) === k.public_key);
  check(`${who} public key in base64`, toBase64(pub[who]) === k.public_key_base64);
  check(`${who} SHA-512 of the seed`, hex(sha512(seeds[who])) === k.sha512_of_seed);
  check(`${who} X25519 scalar (clamped)`, hex(x25519Scalar(seeds[who])) === k.x25519_secret);
  check(`${who} X25519 public key (u = (1+y)/(1-y))`, hex(edToX25519Public(pub[who]) ?? []) === k.x25519_public);
  const x = crypto.createPrivateKey({ key: cat(X_PKCS8, x25519Scalar(seeds[who])), format: 'der', type: 'pkcs8' });
  check(`${who} X25519 public key is the scalar's`,
    hex(crypto.createPublicKey(x).export({ format: 'der', type: 'spki' }).subarray(12)) === k.x25519_public);
}
const dev = pub.device, srv = pub.server, m = v.mac_key;
const sharedD = x25519(x25519Scalar(seeds.device), edToX25519Public(srv));
const sharedS = x25519(x25519Scalar(seeds.server), edToX25519Public(dev));
check('X25519 shared secret, device side', hex(sharedD) === m.x25519_shared);
check('X25519 shared secret, server side', hex(sharedS) === m.x25519_shared);
check('MAC key hash input: MCK1 | shared | device key | server key', hex(cat(utf8('MCK1'), sharedD, dev, srv)) === m.hash_input_hex);
const keyD = macKey(seeds.device, srv, dev, srv), keyS = macKey(seeds.server, dev, dev, srv);
check('MAC key, device side', keyD && hex(keyD) === m.mac_key);
check('MAC key, server side', keyS && hex(keyS) === m.mac_key);
for (const r of m.peer_keys_refused)
  check(`no MAC key with a peer key that is ${r.why}`, macKey(seeds.server, unhex(r.public_key), unhex(r.public_key), srv) === null);

for (const e of v.encoding.uint) {
  check(`uint ${e.value}`, hex(encUint(BigInt(e.value))) === e.hex);
  check(`uint ${e.value} reads back`, decUint(unhex(e.hex)) === BigInt(e.value));
}
for (const e of v.encoding.text) check(`text ${JSON.stringify(e.text)}`, hex(encText(e.text)) === e.hex);
for (const e of v.encoding.uint_refused) check(`uint refused: ${e.why}`, decUint(unhex(e.hex)) === null);

for (const e of v.base64.ok) {
  check(`base64 of ${e.hex || 'nothing'}`, toBase64(unhex(e.hex)) === e.base64);
  check(`base64 ${JSON.stringify(e.base64)} reads back`, fromBase64(e.base64)?.equals(unhex(e.hex)) === true);
}
for (const e of v.base64.refused) check(`base64 refused: ${e.why}`, fromBase64(e.base64) === null);
for (const e of v.hashes.unkeyed) check(`BLAKE2b-256 of ${JSON.stringify(e.input_text)}`, hex(blake2b256(utf8(e.input_text))) === e.blake2b_256);
for (const e of v.hashes.keyed)
  check(`keyed BLAKE2b-256 of ${JSON.stringify(e.input_text)}`, hex(blake2b256(utf8(e.input_text), unhex(e.key))) === e.blake2b_256_keyed);

const byName = {};
const multiLineAccepted = [];
for (const s of v.submissions) {
  let d;
  try {
    d = submissionFromJson(s.json);
    checkWellFormed(d);
    checkLineBreaks(d.values, s.long_text_fields);
    check(`${s.name}: JSON decodes and passes section 5`, true);
  } catch (e) {
    check(`${s.name}: JSON decodes and passes section 5`, false, e.code ?? e.message);
    continue;
  }
  byName[s.name] = d.canonical;
  if (Object.values(d.values).some((x) => x.includes('\n'))) multiLineAccepted.push(s.name);
  check(`${s.name}: canonical bytes from the JSON`, hex(d.canonical) === s.canonical_hex);
  check(`${s.name}: canonical size`, d.canonical.length === s.canonical_size);
  check(`${s.name}: BLAKE2b-256 of the canonical bytes`, hex(blake2b256(d.canonical)) === s.hash);
  check(`${s.name}: hash in base64`, toBase64(blake2b256(d.canonical)) === s.hash_base64);
  check(`${s.name}: the signature in the JSON is the vector's`, hex(d.signature) === s.signature);
  check(`${s.name}: signature in base64`, toBase64(d.signature) === s.signature_base64);
  check(`${s.name}: signature verifies with the device key`, d.deviceKey.equals(dev) && edVerify(dev, d.canonical, d.signature));
  check(`${s.name}: signing again gives the same bytes`, edSign(seeds.device, d.canonical).equals(d.signature));
  const flipped = Buffer.from(d.canonical);
  flipped[flipped.length - 1] ^= 1;
  check(`${s.name}: a changed byte breaks the signature`, !edVerify(dev, flipped, d.signature));
  for (const c of s.attachment_contents ?? []) {
    const content = utf8(c.content_text), h = blake2b256(content);
    const listed = d.attachments.find((a) => a.hash.equals(h));
    check(`${s.name}: attachment ${JSON.stringify(c.name)} is named by its hash and size`,
      hex(h) === c.hash && content.length === c.size && listed?.size === BigInt(c.size));
  }
}
for (const r of v.submissions_refused) {
  let code = '';
  try {
    const d = submissionFromJson(r.json);
    checkWellFormed(d);
    if (!edVerify(d.deviceKey, d.canonical, d.signature)) code = 'signature_invalid';
    else checkLineBreaks(d.values, r.long_text_fields);
  } catch (e) {
    code = e.code ?? e.message;
  }
  check(`refused: ${r.about} (${r.code})`, code === r.code, `got ${code || 'accepted'}`);
  check(`refused: ${r.about}: HTTP ${r.http_status}`, STATUS[r.code] === r.http_status, `the page says ${STATUS[r.code]}`);
}
const refusedCodes = new Set(v.submissions_refused.map((r) => r.code));
check('refused: the strict-input refusals are there (6.8)',
  refusedCodes.has('json_duplicate_key') && refusedCodes.has('control_character'));
check('a line break in a long_text field is accepted (6.8 rule 3)', multiLineAccepted.length > 0);

const rc = receiptBytes(v.receipt.json);
check('receipt: canonical bytes from the JSON', hex(rc.canonical) === v.receipt.canonical_hex);
check('receipt: signature is the vector\'s', hex(rc.signature) === v.receipt.signature);
check('receipt: signed by the server key', rc.serverKey.equals(srv) && edVerify(srv, rc.canonical, rc.signature));
check('receipt: signing again gives the same bytes', edSign(seeds.server, rc.canonical).equals(rc.signature));
const bound = byName[v.receipt.for_submission] ?? Buffer.alloc(0);
check('receipt: binds the submission\'s hash', fromBase64(rc.j.submission_hash).equals(blake2b256(bound)));
check('receipt: names the submission\'s id', parseUuid(rc.j.submission_id).equals(bound.subarray(4, 20)));

const page = parseJson(v.feed_page_json);
check('feed page: entries and more', Array.isArray(page.entries) && page.more === false);
v.feed_entries.forEach((e, i) => {
  const f = feedEntryBytes(parseJson(e.json));
  check(`feed entry ${i + 1}: canonical bytes from the JSON`, hex(f.canonical) === e.canonical_hex);
  check(`feed entry ${i + 1}: signature is the vector's`, hex(f.signature) === e.signature);
  check(`feed entry ${i + 1}: signed by the server key`, f.serverKey.equals(srv) && edVerify(srv, f.canonical, f.signature));
  check(`feed entry ${i + 1}: signing again gives the same bytes`, edSign(seeds.server, f.canonical).equals(f.signature));
  check(`feed entry ${i + 1}: in the page`, i < page.entries.length && feedEntryBytes(page.entries[i]).canonical.equals(f.canonical));
});

const msg = v.messages;
const reg = parseJson(msg.device_registration);
check('registration names the device key', reg.protocol === 1n && fromBase64(reg.device_key)?.equals(dev) === true);
const done = parseJson(msg.device_registered);
check('registration answer names both keys', fromBase64(done.device_key)?.equals(dev) && fromBase64(done.server_key)?.equals(srv)
  && isInt(done.registered_at, 0, I63));
const announce = parseJson(msg.attachment_announce);
check('announcement\'s hash is the path\'s hex', hex(fromBase64(announce.hash)) === msg.attachment_path_hex);
for (const name of ['attachment_state_new', 'attachment_state_complete']) {
  const st = parseJson(msg[name]);
  check(`${name}: shape`, typeof st.complete === 'boolean' && isInt(st.received, 0, st.size) &&
    fromBase64(st.hash).equals(fromBase64(announce.hash)) && st.complete === (st.received === st.size));
}
const err = parseJson(msg.error).error ?? {};
check('error shape', ['code', 'vi', 'en'].every((k) => typeof err[k] === 'string'));

for (const r of v.requests) {
  const body = unhex(r.body_hex);
  const sb = signingBytes(r.form, r.method, r.target, BigInt(r.time), unhex(r.nonce), body);
  check(`${r.name}: body hash`, hex(blake2b256(body)) === r.body_hash);
  check(`${r.name}: signing bytes`, hex(sb) === r.signing_bytes_hex);
  const h = r.headers, a = authFromHeaders(h);
  check(`${r.name}: headers parse`, a !== null);
  if (!a) continue;
  check(`${r.name}: headers carry the device, time and nonce`,
    a.device.equals(dev) && a.time === BigInt(r.time) && hex(a.nonce) === r.nonce && h['Motcua-Time'] === String(r.time));
  check(`${r.name}: content type`, (h['Content-Type'] ?? null) === r.content_type);
  if (r.form === 'MCQ1') {
    check(`${r.name}: MCQ1 signature verifies`, a.sig !== null && edVerify(dev, sb, a.sig));
    check(`${r.name}: MCQ1 signature is the vector's`, a.sig !== null && hex(a.sig) === r.signature);
    check(`${r.name}: signing again gives the same bytes`, a.sig !== null && edSign(seeds.device, sb).equals(a.sig));
  } else {
    const expected = blake2b256(sb, keyS);
    check(`${r.name}: MCQ2 MAC key`, hex(keyS) === r.mac_key);
    check(`${r.name}: MCQ2 MAC (server side)`, a.mac?.equals(expected) === true && hex(expected) === r.mac);
    check(`${r.name}: MCQ2 MAC (device side)`, blake2b256(sb, keyD).equals(a.mac));
  }
  if (r.method === 'PUT')
    check(`${r.name}: the path's UUID is the body's id`,
      parseUuid(r.target.split('/').pop()).equals(submissionFromJson(body.toString('utf8')).canonical.subarray(4, 20)));
  if (r.method === 'PATCH')
    check(`${r.name}: the chunk is the whole attachment its path names`, hex(blake2b256(body)) === r.target.split('/')[3].split('?')[0]);
}
for (const c of v.headers_refused.cases)
  check(`headers refused (${v.headers_refused.code}): ${c.why}`, authFromHeaders(c.headers) === null);

console.log(failures ? `# ${failures} failed` : '# all passed');
process.exit(failures ? 1 : 0);
