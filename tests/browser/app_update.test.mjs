// A new version of the app reaches a phone that has the old one open: it is announced, never
// forced, and the person's draft survives the switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker, find, click, typeInto, valueOf, webRoot }
  from './lib/harness.mjs';

let server, browser, root;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'motcua-webroot-'));
  cpSync(webRoot, root, { recursive: true });
  server = await startServer({ root });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a new version is offered with a button, and the draft survives taking it', async () => {
  const { page } = browser;
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  await typeInto(page, 'Họ và tên trẻ', 'Lê Thị Hoa');

  // Deploy a new build: a different shell means a different service worker version. The server
  // reads its web root once at start, so a deployment restarts it (same port, same data); the
  // compressed copies of the two changed files go, so they are sent as they now are.
  const sw = join(root, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-next'"));
  writeFileSync(join(root, 'index.html'), readFileSync(join(root, 'index.html'), 'utf8')
    .replace('</head>', '<meta name="motcua-build" content="next"></head>'));
  for (const f of ['sw.js', 'index.html']) for (const c of ['.gz', '.br']) rmSync(join(root, f + c), { force: true });
  const { port } = new URL(server.url);
  await server.stop({ keepData: true });
  server = await startServer({ root, port: Number(port), dataDir: server.dataDir });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  await find(page, 'Dùng phiên bản mới', { timeout: 15000 });
  assert.equal(await valueOf(page, 'Họ và tên trẻ'), 'Lê Thị Hoa', 'nothing was reloaded under the person');
  const oldVersion = await page.evaluate(async () => (await caches.keys()).join());

  const reloaded = page.waitForEvent('load', { timeout: 15000 });
  await click(page, 'Dùng phiên bản mới');
  await reloaded;
  await waitForApp(page);
  assert.notEqual(await page.evaluate(async () => (await caches.keys()).join()), oldVersion);
  assert.equal(await valueOf(page, 'Họ và tên trẻ'), 'Lê Thị Hoa', 'the draft survives the update');
  assert.equal(await page.evaluate(() => document.querySelector('meta[name=motcua-build]')?.content), 'next',
    'the page now runs the new build');
});
