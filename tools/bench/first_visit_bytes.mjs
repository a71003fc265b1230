// Bytes on the wire for a first visit (issue 11): a fresh Chromium profile opens the app served by
// the real server through a counting TCP relay, so every byte the server sends is counted (headers
// and bodies, the service worker's own fetches included), up to the first frame and over the
// first 5 s. Run three ways in the same run: as Chromium asks (Accept-Encoding it chooses), with
// br forced, and with identity forced (the uncompressed baseline, what the server sent before).
// Then a second visit on the same profile, to show what the cache saves.
//   node tools/bench/first_visit_bytes.mjs
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const webRoot = join(root, 'build/web/webroot');

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
const server = spawn(join(root, 'build/native/server/motcua-server'), ['--port', '0', '--data', dataDir, '--web-root', webRoot],
  { stdio: ['ignore', 'pipe', 'ignore'] });
const serverUrl = await new Promise((res) => {
  let out = '';
  server.stdout.on('data', (d) => { out += d; const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/)/); if (m) res(m[1]); });
});
// The relay: what the server sends towards the browser is what a phone's link would carry.
let wire = 0;
const relay = createServer((client) => {
  const upstream = connect(Number(new URL(serverUrl).port), '127.0.0.1');
  upstream.on('data', (d) => { wire += d.length; });
  client.pipe(upstream); upstream.pipe(client);
  client.on('error', () => upstream.destroy()); upstream.on('error', () => client.destroy());
});
await new Promise((r) => relay.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${relay.address().port}/`;

async function visit(profile, acceptEncoding) {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 412, height: 915 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  if (acceptEncoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
  let total = 0, beforeFrame = null, sentEncoding = '';
  const files = {};
  const urls = {};
  cdp.on('Network.requestWillBeSent', (e) => { urls[e.requestId] = e.request.url; });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const h = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (h['accept-encoding'] && !sentEncoding) sentEncoding = h['accept-encoding'];
  });
  cdp.on('Network.loadingFinished', (e) => {
    total += e.encodedDataLength;
    const name = (urls[e.requestId] ?? '?').replace(url, '/');
    files[name] = (files[name] ?? 0) + e.encodedDataLength;
  });
  const start = wire;
  await page.goto(url);
  await page.waitForFunction(() => globalThis.motcuaFirstFrameMs !== undefined, null, { timeout: 60000 });
  beforeFrame = wire - start;
  const pageBeforeFrame = total;
  await page.waitForTimeout(5000);
  const after5s = wire - start;
  await ctx.close();
  return { beforeFrame, after5s, sentEncoding, files, pageBeforeFrame };
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8);
const rows = [];
for (const [label, enc] of [['as Chromium asks', null], ['br forced', 'br'], ['identity (baseline)', 'identity']]) {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-bench-profile-'));
  const first = await visit(profile, enc);
  const second = await visit(profile, enc);
  rmSync(profile, { recursive: true, force: true });
  rows.push({ label, first, second });
}
relay.close();
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const base = rows[2].first.beforeFrame;
console.log('visit                 Accept-Encoding sent        first frame KB   first 5 s KB   revisit 5 s KB   vs identity');
for (const r of rows)
  console.log(`${r.label.padEnd(21)} ${(r.first.sentEncoding || '-').padEnd(27)} ${kb(r.first.beforeFrame)}       ${kb(r.first.after5s)}       ${kb(r.second.after5s)}        ${(r.first.beforeFrame / base).toFixed(2)}`);
console.log('\nper response the page itself fetched, first visit as Chromium asks (KB, 5 s; the service worker\'s fetches are in the totals above only):');
for (const [f, n] of Object.entries(rows[0].first.files)) console.log(`  ${f.padEnd(40)} ${kb(n)}`);
