// What the browser benchmarks share: the real server on a free port with a fresh data folder,
// serving the built web root, and Debian's headless Chromium on a fresh profile at phone size.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(join(root, 'tests/browser/package.json'));
export const { chromium } = require('playwright-core');

export async function startAppServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const proc = spawn(join(root, 'build/native/server/motcua-server'),
    ['--port', '0', '--data', dataDir, '--web-root', join(root, 'build/web/webroot')], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((res) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/)/); if (m) res(m[1]); });
  });
  return { url, stop() { proc.kill('SIGTERM'); rmSync(dataDir, { recursive: true, force: true }); } };
}

// A fresh profile at 412×915 (a mid-range Android phone), the app opened and its first frame drawn.
export async function openApp(url, { deviceScaleFactor = 1 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 412, height: 915 }, deviceScaleFactor,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  await page.waitForFunction(() => globalThis.motcuaFirstFrameMs !== undefined, null, { timeout: 60000 });
  return { ctx, page, async close() { await ctx.close(); rmSync(profile, { recursive: true, force: true }); } };
}
