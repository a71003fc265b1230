// Benchmark: what the browser downloads (gzip sizes) and how long from navigation to the first
// drawn frame, cold (fresh profile, from the network) and warm (reload offline, from the
// service worker). Medians over N runs; needs tools/test's build and npm set-up.
// With --lighthouse: Lighthouse's mobile profile through the DevTools protocol (150 ms latency,
// 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×); issue 12's budgets are 3 s cold, 1 s offline.
//   node tools/bench/web_startup.mjs [runs] [--lighthouse]
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const lighthouse = process.argv.includes('--lighthouse');
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
// The page's requests and CPU as a mid-range phone on a slow 4G link sees them.
async function throttle(ctx, page, offline) {
  if (!lighthouse) return;
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}
const webRoot = join(root, 'build/web/webroot');

const sizes = {};
// The module's parts and app.js carry content hashes in their names (cmake/assemble_webroot.cmake).
const named = (re) => readdirSync(webRoot).find((f) => re.test(f));
const hashed = { 'motcua.wasm': named(/^motcua\.[0-9a-f]{16}\.wasm$/), 'motcua.js': named(/^motcua\.[0-9a-f]{16}\.js$/),
                 'motcua.data': named(/^motcua\.[0-9a-f]{16}\.data$/), 'app.js': named(/^app\.[0-9a-f]{16}\.js$/) };
for (const f of ['motcua.wasm', 'motcua.js', 'motcua.data', 'index.html', 'app.js', 'sw.js']) {
  const b = readFileSync(join(webRoot, hashed[f] ?? f));
  sizes[f] = { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
}
const budgetFiles = ['motcua.wasm', 'motcua.js', 'motcua.data'];
const budget = budgetFiles.reduce((s, f) => s + sizes[f].gzip, 0);

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
const server = spawn(join(root, 'build/native/server/motcua-server'), ['--port', '0', '--data', dataDir, '--web-root', webRoot],
  { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((res) => {
  let out = '';
  server.stdout.on('data', (d) => { out += d; const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/)/); if (m) res(m[1]); });
});

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const cold = [], warm = [];
for (let i = 0; i < runs; i++) {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-bench-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 412, height: 915 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  await throttle(ctx, page, false);
  await page.goto(url);
  await page.waitForFunction(() => globalThis.motcuaFirstFrameMs !== undefined, null, { timeout: 30000 });
  cold.push(await page.evaluate(() => globalThis.motcuaFirstFrameMs));
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await ctx.setOffline(true);
  await throttle(ctx, page, true);
  await page.reload();
  await page.waitForFunction(() => globalThis.motcuaFirstFrameMs !== undefined, null, { timeout: 30000 });
  warm.push(await page.evaluate(() => globalThis.motcuaFirstFrameMs));
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const kb = (n) => (n / 1024).toFixed(1);
console.log('file            raw KB   gzip KB');
for (const [f, s] of Object.entries(sizes)) console.log(`${f.padEnd(15)} ${kb(s.raw).padStart(7)} ${kb(s.gzip).padStart(9)}`);
console.log(`wasm + js + font (motcua.data), gzip: ${kb(budget)} KB (budget 600 KB)`);
if (lighthouse) console.log('Lighthouse mobile profile: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower');
console.log(`first frame, cold (network, fresh profile): median ${median(cold).toFixed(0)} ms of ${runs} [${cold.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`first frame, offline reload (service worker): median ${median(warm).toFixed(0)} ms of ${runs} [${warm.map((x) => x.toFixed(0)).join(', ')}]`);
