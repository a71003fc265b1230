// Browser-test harness: starts the real server (a fresh data folder, an ephemeral port) and
// Debian's headless Chromium through playwright-core, and acts on the app the way a person does,
// through the item list the app publishes as globalThis.motcuaUi.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicKey, verify } from 'node:crypto';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const serverBinary = process.env.MOTCUA_SERVER ?? join(root, 'build/native/server/motcua-server');
export const webRoot = process.env.MOTCUA_WEBROOT ?? join(root, 'build/web/webroot');

// `port` and `dataDir` let a test restart the server where it was (a new build deployed: the
// server reads its web root once, at start).
export async function startServer({ root = webRoot, port = 0, dataDir = mkdtempSync(join(tmpdir(), 'motcua-e2e-')) } = {}) {
  if (!existsSync(serverBinary)) throw new Error(`server not built: ${serverBinary}`);
  const proc = spawn(serverBinary, ['--port', String(port), '--data', dataDir, '--web-root', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error('server did not start: ' + log)), 10000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    proc.on('exit', (code) => rej(new Error(`server exited ${code}: ${log}`)));
  });
  return {
    url, dataDir, proc,
    log: () => log,
    // Reads the server's SQLite file the way an auditor would (WAL mode allows it while it runs).
    query(sql) {
      const out = execFileSync('sqlite3', ['-json', join(dataDir, 'motcua.sqlite'), sql], { encoding: 'utf8' });
      return out.trim() ? JSON.parse(out) : [];
    },
    async stop({ keepData = false } = {}) {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 480, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context, page, errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Waits until the service worker controls the page (so the app can start with no network).
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

// Waits for the first frame the app draws after a navigation or reload.
export async function waitForApp(page) {
  await page.waitForFunction(() => globalThis.motcuaFirstFrameMs !== undefined, null, { timeout: 30000 });
}

export async function items(page) {
  return page.evaluate(() => globalThis.motcuaUi);
}

// Waits for an item to be drawn, scrolling the page (with the mouse wheel, as a person would)
// until it is wholly on screen: ImGui draws only what is in view.
export async function waitForItem(page, predicate, description, timeout = 15000) {
  const deadline = Date.now() + timeout;
  const view = page.viewportSize();
  let last = [], direction = 1, unchanged = 0;
  while (Date.now() < deadline) {
    last = await items(page);
    const hit = last.find(predicate);
    if (hit && hit.y >= 0 && hit.y + hit.h <= view.height) return hit;
    if (hit) direction = hit.y < 0 ? -1 : 1;
    const before = JSON.stringify(last.map((i) => i.y));
    await page.mouse.move(view.width / 2, view.height / 2);
    await page.mouse.wheel(0, direction * 300);
    await page.waitForTimeout(80);
    const after = JSON.stringify((await items(page)).map((i) => i.y));
    if (before === after && ++unchanged >= 2) { direction = -direction; unchanged = 0; } // an end: turn back
  }
  throw new Error(`timed out waiting for ${description}; drawn: ${last.map((i) => `${i.id}=${i.label}=${i.value}`).join(' | ')}`);
}

// The item whose label (or, with { by: 'id' }, whose id) matches, once it is drawn.
export async function find(page, match, { by = 'label', timeout = 10000 } = {}) {
  const test = (it) => (match instanceof RegExp ? match.test(it[by]) : it[by] === match);
  return waitForItem(page, test, `an item with ${by} ${match}`, timeout);
}

// Clicks the centre of an item once it has stopped moving (two frames apart in one place).
export async function click(page, match, opts) {
  let it = await find(page, match, opts);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(60);
    const again = await find(page, match, opts);
    if (again.x === it.x && again.y === it.y) break;
    it = again;
  }
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  return it;
}

// Clicks into a text field and types as a keyboard does: key events for ASCII, and
// Input.insertText (what on-screen keyboards and input methods deliver) for the rest.
export async function typeInto(page, label, text) {
  await click(page, label);
  await page.keyboard.type(text);
}

// Types through an input method's composition, as Vietnamese Telex/VNI users do: the word is
// composed in steps, then committed.
export async function composeInto(page, label, steps) {
  await click(page, label);
  const cdp = await page.context().newCDPSession(page);
  for (const step of steps) {
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  }
  await cdp.send('Input.insertText', { text: steps[steps.length - 1] });
  await cdp.detach();
}

export async function valueOf(page, label) {
  return (await find(page, label)).value;
}

// Ed25519 verification of a raw 32-byte public key, with Node's own crypto.
export function ed25519Verify(message, signature, publicKey) {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' });
  return verify(null, message, key, signature);
}

// Today's date in Viet Nam (UTC+7), moved by `days`, as dd/mm/yyyy.
export function vnDate(days = 0) {
  const d = new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
