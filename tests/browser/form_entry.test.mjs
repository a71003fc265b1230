// Typing and checking the form as people do: fast typing with corrections, every problem shown
// at once in Vietnamese, and the test interface's promises about its items.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, items, find, click, typeInto, valueOf } from './lib/harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await browser.page.goto(server.url);
  await waitForApp(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('fast typing with Backspace and arrow keys loses no key press', async () => {
  const { page } = browser;
  // No delay between keys: presses and releases land inside one frame.
  await typeInto(page, 'Nơi sinh', 'Trm y tex');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('a');
  await page.keyboard.press('End');
  await page.keyboard.type(' xã');
  await page.waitForTimeout(200);
  assert.equal(await valueOf(page, 'Nơi sinh'), 'Tram y te xã');
});

test('submitting an incomplete form shows every problem, in Vietnamese, and queues nothing', async () => {
  const { page } = browser;
  await click(page, 'Xoá nội dung');
  await click(page, 'Nộp hồ sơ');
  const summary = await find(page, /Hồ sơ chưa nộp được/);
  assert.equal(summary.kind, 'error');
  // Every required field says so, each under its own field (scrolling down the form to see them).
  for (const id of ['requester_name', 'requester_id', 'requester_relationship', 'child_name', 'child_birth_date',
                    'child_sex', 'birth_place', 'child_ethnicity', 'mother_name', 'mother_birth_year']) {
    const e = await find(page, `field.${id}.error`, { by: 'id' });
    assert.equal(e.kind, 'error');
    assert.match(e.label, /bắt buộc/);
  }
  // The optional ones do not.
  const drawn = (await items(page)).map((i) => i.id);
  assert.ok(!drawn.includes('field.father_name.error'));
  assert.ok(await find(page, 'Chưa có hồ sơ nào được nộp.'));

  // A date that cannot be read is explained, not silently dropped.
  await typeInto(page, 'Ngày sinh của trẻ', '31/02/2026');
  await click(page, 'Nộp hồ sơ');
  const dateError = await find(page, 'field.child_birth_date.error', { by: 'id' });
  assert.match(dateError.label, /ngày\/tháng\/năm/);
  assert.equal(server.query('SELECT count(*) AS n FROM dossiers')[0].n, 0);
});

test('the English switch changes the labels, and back', async () => {
  const { page } = browser;
  await click(page, 'English');
  assert.ok(await find(page, 'Submit'));
  assert.ok(await find(page, "Child's full name"));
  await click(page, 'Tiếng Việt');
  assert.ok(await find(page, 'Nộp hồ sơ'));
});

test('the app carries the procedure catalog and the administrative units of Hà Nội', async () => {
  const info = await find(browser.page, 'app.data_info', { by: 'id' });
  const [procedures, units] = info.value.split(',').map(Number);
  assert.ok(procedures >= 25, `${procedures} procedures`);
  assert.equal(units, 557 + 127, 'both structures of Hà Nội, every unit');
});

test('every published item has a unique id, a label, a role and a box on the page', async () => {
  const list = await items(browser.page);
  assert.ok(list.length > 10);
  const ids = new Set();
  const viewport = browser.page.viewportSize();
  for (const it of list) {
    assert.equal(typeof it.id, 'string');
    assert.ok(it.id.length > 0 && !ids.has(it.id), `unique id ${it.id}`);
    ids.add(it.id);
    assert.ok(it.label.length > 0, `label of ${it.id}`);
    assert.match(it.kind, /^(button|input|radio|checkbox|text|heading|status|error|listitem)$/);
    assert.equal(typeof it.value, 'string');
    assert.equal(typeof it.enabled, 'boolean');
    // At least partly on the page (an item cut by the scroll edge is still drawn, and listed).
    assert.ok(it.w > 0 && it.h > 0 && it.x >= 0 && it.x + it.w <= viewport.width + 1 &&
              it.y + it.h > 0 && it.y < viewport.height, `box of ${it.id}`);
  }
});
