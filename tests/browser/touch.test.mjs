// A finger on a phone: a drag scrolls the screen under it and never presses what it started on,
// a flick goes on with inertia, a tap presses, a pinch does nothing harmful, and a long press on
// a field selects a word with a bar to copy, cut and paste.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, find } from './lib/harness.mjs';

let server, browser, cdp;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 412, height: 915 });
  await browser.page.goto(server.url);
  await waitForApp(browser.page);
  cdp = await browser.context.newCDPSession(browser.page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const centre = (it) => [it.x + it.w / 2, it.y + it.h / 2];

async function dragFrom([x, y], dy, steps = 15, pause = 16) {
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= steps; i++) { await touch('touchMove', [[x, y + (dy * i) / steps]]); await sleep(pause); }
  await touch('touchEnd', []);
}

test('a drag that starts on a button scrolls the screen with the finger and presses nothing', async () => {
  const english = await find(browser.page, 'English');
  // An item low on the screen, to see where it goes.
  const mark = await browser.page.evaluate(() => globalThis.motcuaUi.find((i) => i.y > 550 && i.y < 800));
  const yOf = async () => (await browser.page.evaluate((id) => globalThis.motcuaUi.find((i) => i.id === id), mark.id))?.y;
  await dragFrom(centre(english), -300, 20, 30); // slow: no fling
  await sleep(400);
  const after = await yOf();
  assert.ok(after !== undefined, `${mark.id} is still drawn`);
  assert.ok(Math.abs(mark.y - after - 300) < 40, `the screen followed the finger: ${mark.id} ${mark.y} → ${after}`);
  // Still Vietnamese: the drag did not press "English".
  assert.ok(await find(browser.page, 'form.required_note', { by: 'id' }).then((t) => /bắt buộc/.test(t.label)));
});

test('a tap presses; a flick goes on after the finger lifts; a pinch presses nothing', async () => {
  const { page } = browser;
  // Back to the top, then tap "English".
  await dragFrom([200, 300], 600, 20, 30);
  await sleep(300);
  const english = await find(page, 'English');
  await touch('touchStart', [centre(english)]);
  await touch('touchEnd', []);
  await find(page, 'Tiếng Việt');
  const vi = await find(page, 'Tiếng Việt');
  await touch('touchStart', [centre(vi)]);
  await touch('touchEnd', []);
  await find(page, 'English');

  // A flick: 200 px in about 50 ms, then the finger lifts; the screen keeps going.
  const all = () => page.evaluate(() => Module.motcuaPlatform.allItems()); // scrolled-away items too
  const mark = (await all()).find((i) => i.y > 600 && i.y < 800);
  const yOf = async () => (await all()).find((i) => i.id === mark.id).y;
  await dragFrom([200, 700], -200, 5, 10);
  const atLift = await yOf();
  await sleep(700);
  const later = await yOf();
  assert.ok(mark.y - atLift > 100, `the flick moved the screen: ${mark.y} → ${atLift}`);
  assert.ok(later < atLift - 50, `inertia after the finger lifted: ${atLift} → ${later}`);

  // A pinch on a button: two fingers down, apart, up. Nothing is pressed.
  await dragFrom([200, 300], 3000, 20, 10);
  await sleep(1200);
  const btn = await find(page, 'English');
  const [cx, cy] = centre(btn);
  await touch('touchStart', [[cx, cy]]);
  await touch('touchStart', [[cx, cy], [cx + 10, cy + 40]]);
  for (let i = 1; i <= 5; i++) { await touch('touchMove', [[cx - i * 10, cy - i * 10], [cx + 10 + i * 10, cy + 40 + i * 10]]); await sleep(16); }
  await touch('touchEnd', [[cx, cy]]);
  await touch('touchEnd', []);
  await sleep(300);
  await find(page, 'English'); // still Vietnamese
  assert.deepEqual(browser.errors, []);
});

test('when the on-screen keyboard takes the lower half, the field being typed in moves above it', async () => {
  const { page } = browser;
  await dragFrom([200, 300], 3000, 20, 10); // back to the top
  await sleep(1200);
  // A field low on the screen, tapped.
  const low = await page.evaluate(() => globalThis.motcuaUi.filter((i) => i.kind === 'input' && i.y > 600).pop());
  assert.ok(low, 'a field in the lower part of the screen');
  await touch('touchStart', [centre(low)]);
  await touch('touchEnd', []);
  await sleep(200);
  // The keyboard opens: with interactive-widget=resizes-content the page shrinks to what is left.
  await page.setViewportSize({ width: 412, height: 480 });
  const deadline = Date.now() + 3000;
  let it;
  do {
    await sleep(100);
    it = await page.evaluate((id) => globalThis.motcuaUi.find((i) => i.id === id), low.id);
  } while ((!it || it.y + it.h > 480) && Date.now() < deadline);
  assert.ok(it && it.y >= 0 && it.y + it.h <= 480, `${low.id} is above the keyboard: ${JSON.stringify(it)}`);
  await page.keyboard.type('Trạm y tế xã');
  await sleep(200);
  it = await page.evaluate((id) => globalThis.motcuaUi.find((i) => i.id === id), low.id);
  assert.ok(it && it.y + it.h <= 480, 'and stays there while typing');
  assert.equal(it.value, 'Trạm y tế xã');
  await page.setViewportSize({ width: 412, height: 915 });
});

test('a long press on a field selects the word under the finger; its bar copies and pastes', async () => {
  const { page } = browser;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await sleep(300);
  const field = await page.evaluate(() => globalThis.motcuaUi.find((i) => i.kind === 'input' && i.value === 'Trạm y tế xã'));
  assert.ok(field, 'the field typed in before');
  const on = [field.x + 30, field.y + field.h / 2]; // on "Trạm"
  await touch('touchStart', [on]);
  await sleep(800); // held still
  await touch('touchEnd', []);
  const copy = await find(page, `${field.id}.copy`, { by: 'id' });
  await touch('touchStart', [centre(copy)]);
  await touch('touchEnd', []);
  let copied = '';
  for (let i = 0; i < 20 && copied !== 'Trạm'; i++) { await sleep(100); copied = await page.evaluate(() => navigator.clipboard.readText()); }
  assert.equal(copied, 'Trạm');
  // A long press on a later word, then Paste over it: "Trạm" twice in the field.
  await touch('touchStart', [[field.x + 95, field.y + field.h / 2]]);
  await sleep(800);
  await touch('touchEnd', []);
  const paste = await find(page, `${field.id}.paste`, { by: 'id' });
  await touch('touchStart', [centre(paste)]);
  await touch('touchEnd', []);
  await waitForValue(page, field.id, (v) => v !== 'Trạm y tế xã' && v.includes('Trạm') && v.split('Trạm').length === 3);
  assert.deepEqual(browser.errors, []);
});

async function waitForValue(page, id, ok) {
  let v;
  for (let i = 0; i < 30; i++) {
    v = await page.evaluate((x) => globalThis.motcuaUi.find((i) => i.id === x)?.value, id);
    if (v !== undefined && ok(v)) return v;
    await sleep(100);
  }
  throw new Error(`${id} is "${v}"`);
}
