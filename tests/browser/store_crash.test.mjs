// A browser killed (SIGKILL, no chance to clean up) while the app saves: started again on the same
// profile, the store passes PRAGMA integrity_check, holds every save the app confirmed, and loses
// at most the last second of typing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, waitForApp, find, click, valueOf } from './lib/harness.mjs';

const profile = mkdtempSync(join(tmpdir(), 'motcua-kill-'));
let server;
after(async () => {
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
});

// Chromium as a process of our own (so it can be killed outright), driven over CDP.
async function startChromium() {
  const proc = spawn(process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    '--window-size=480,1000', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const ws = await new Promise((res, rej) => {
    let err = '';
    const timer = setTimeout(() => rej(new Error('chromium did not start: ' + err)), 20000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
  });
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 480, height: 1000 });
  return { proc, browser, page };
}

function kill(proc) {
  return new Promise((r) => {
    proc.once('exit', r);
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { proc.kill('SIGKILL'); }
  });
}

test('SIGKILL during saves: integrity ok, every confirmed save kept, at most a second of typing lost', async (t) => {
  server = await startServer();
  const texts = ['Bệnh viện đa khoa huyện Sóc Sơn', ', thành phố Hà Nội, Việt Nam', ' (khoa sản, tầng 2, phòng 204)'];
  for (const round of [0, 1, 2]) {
    const c = await startChromium();
    const { page } = c;
    await page.goto(server.url);
    await waitForApp(page);
    assert.equal(await page.evaluate(() => globalThis.motcuaStoreCheck()), 'ok');
    // What the previous round confirmed is there.
    const field = 'Nơi sinh';
    const before = await valueOf(page, field);
    if (round > 0) assert.ok(before.length > 0, 'the confirmed save of the last round is kept');
    await click(page, field);
    await page.keyboard.press('End');
    // Type steadily (a key every 60 ms, never a pause long enough for the quiet-time autosave),
    // note each value the app confirmed as saved, and kill the browser partway.
    const typed = [...texts[round]];
    const killAfter = 18 + Math.floor(Math.random() * (typed.length - 18)); // over a second of typing
    let value = before, confirmed = before;
    const at = [];
    for (let i = 0; i < typed.length && i < killAfter; i++) {
      await page.keyboard.insertText(typed[i]);
      value += typed[i];
      at.push({ t: Date.now(), value });
      await page.waitForTimeout(60);
      const state = await page.evaluate(() => (globalThis.motcuaUi || []).find((it) => it.id === 'form.draft_state'));
      if (state?.value === 'saved') confirmed = (await page.evaluate(() => (globalThis.motcuaUi || []).find((it) => it.id === 'field.birth_place')))?.value ?? confirmed;
    }
    const killedAt = Date.now();
    await kill(c.proc);

    const again = await startChromium();
    await again.page.goto(server.url);
    await waitForApp(again.page);
    assert.equal(await again.page.evaluate(() => globalThis.motcuaStoreCheck()), 'ok');
    const kept = await valueOf(again.page, field);
    t.diagnostic(`round ${round}: typed "${value}", killed after ${killAfter} keys, kept "${kept}"`);
    assert.ok(value.startsWith(kept), `kept "${kept}" is what was typed`);
    assert.ok(kept.startsWith(confirmed), `kept "${kept}" holds the confirmed "${confirmed}"`);
    const oneSecondBefore = at.filter((a) => a.t <= killedAt - 1000).pop();
    assert.ok(oneSecondBefore, 'typing went on for over a second');
    assert.ok(kept.length >= oneSecondBefore.value.length,
      `kept "${kept}" has all typed a second before the kill ("${oneSecondBefore.value}")`);
    await again.browser.close().catch(() => {});
    await kill(again.proc);
  }
});
