// Screens and the browser's history: a screen opened is a history entry, so back (the Android
// button or gesture) returns; back at home keeps the app open and says how to leave; a #/ link
// opens its screen after a reload. Text sizes reflow the layout and are kept; every control is a
// finger-sized target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, items, find, waitForItem, click } from './lib/harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 412, height: 915 });
  await browser.page.goto(server.url);
  await waitForApp(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const controls = (list) => list.filter((i) => ['button', 'input', 'radio', 'checkbox'].includes(i.kind));

test('every control on screen is at least 48 CSS px tall', async () => {
  const list = controls(await items(browser.page));
  assert.ok(list.length > 5);
  for (const it of list) assert.ok(it.h >= 47.5, `${it.id} is ${it.h} px tall`);
});

test('settings open as a screen; back returns home; back at home stays and says how to leave', async () => {
  const { page } = browser;
  await click(page, 'Cài đặt');
  await find(page, 'settings.title', { by: 'id' });
  assert.match(page.url(), /#\/settings$/);
  await page.goBack();
  await find(page, 'form.title', { by: 'id' });
  await page.goBack(); // at home: the guard entry
  const notice = await find(page, 'app.notice', { by: 'id' });
  assert.match(notice.label, /Quay lại lần nữa/);
  assert.ok(page.url().startsWith(server.url), 'still in the app');
  await find(page, 'form.title', { by: 'id' });
  // The app's own back button goes through the same history.
  await click(page, 'Cài đặt');
  await click(page, '← Quay lại');
  await find(page, 'form.title', { by: 'id' });
});

test('a #/settings link opens settings after a reload, with home beneath it', async () => {
  const { page } = browser;
  // Followed within the page (only the hash changes)…
  await page.goto(server.url + '#/settings');
  await find(page, 'settings.title', { by: 'id' });
  await page.goBack();
  await find(page, 'form.title', { by: 'id' });
  // …and opened by a reload.
  await page.goto(server.url + '#/settings');
  await page.reload();
  await waitForApp(page);
  await find(page, 'settings.title', { by: 'id' });
  await click(page, '← Quay lại');
  await find(page, 'form.title', { by: 'id' });
  // A link naming something else opens home.
  await page.goto(server.url + '#/../../etc/passwd');
  await waitForApp(page);
  await find(page, 'form.title', { by: 'id' });
});

test('a larger text size reflows the screen, keeps targets finger-sized, and is kept after a reload', async () => {
  const { page } = browser;
  const before = (await find(page, 'form.title', { by: 'id' })).h;
  await click(page, 'Cài đặt');
  await click(page, 'Rất lớn');
  await page.waitForTimeout(300);
  await page.reload();
  await waitForApp(page);
  await click(page, '← Quay lại'); // the reload reopened settings (#/settings)
  const after = await find(page, 'form.title', { by: 'id' });
  assert.ok(after.h > before * 1.4, `the heading grew from ${before} to ${after.h} px`);
  for (const it of controls(await items(page))) assert.ok(it.h >= 47.5, `${it.id} is ${it.h} px tall`);
  // And back to normal, with high contrast on.
  await click(page, 'Cài đặt');
  await click(page, 'Thường');
  await click(page, /Tương phản cao/);
  await waitForItem(page, (it) => it.id === 'settings.contrast' && it.value === 'checked', 'contrast checked');
  await page.waitForTimeout(300); // kept in the store
  await page.reload();
  await waitForApp(page);
  await click(page, 'Cài đặt');
  assert.equal((await find(page, 'settings.contrast', { by: 'id' })).value, 'checked');
  assert.deepEqual(browser.errors, []);
});
