// The keyboard alone: Tab and Shift+Tab reach every control, Space and Enter act on them; the
// usual shortcuts select, copy, cut and paste in a field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, find, waitForItem, click, typeInto, valueOf } from './lib/harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await browser.page.goto(server.url);
  await waitForApp(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const focusedId = (page) => page.evaluate(() => UTF8ToString(Module._motcua_ui_focused_id()));
// Presses `key` until `id` has the focus (at most 80 times).
async function pressUntil(page, key, id) {
  for (let i = 0; i < 80 && (await focusedId(page)) !== id; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(40);
  }
  assert.equal(await focusedId(page), id);
}

test('Tab reaches buttons, radios and the checkbox; Space chooses, Enter presses', async () => {
  const { page } = browser;
  const seen = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    await page.waitForTimeout(40);
    const id = await focusedId(page);
    if (seen.length && id === seen[0]) break;
    seen.push(id);
  }
  for (const id of ['app.language', 'field.requester_name', 'field.child_sex.nu', 'field.parents_married', 'form.submit'])
    assert.ok(seen.includes(id), `Tab reaches ${id} (reached: ${seen.join(', ')})`);
  // Back to the radio for "Nữ" and choose it with Space.
  await pressUntil(page, 'Shift+Tab', 'field.child_sex.nu');
  await page.keyboard.press('Space');
  const radio = await waitForItem(page, (it) => it.id === 'field.child_sex.nu' && it.value === 'checked', 'Nữ checked');
  assert.equal(radio.value, 'checked');
  // Shift+Tab up to the language button and press it with Enter.
  await pressUntil(page, 'Shift+Tab', 'app.language');
  await page.keyboard.press('Enter');
  await find(page, 'Tiếng Việt'); // the button now offers Vietnamese: the labels are English
  await page.keyboard.press('Enter');
  await find(page, 'English');
});

test('Ctrl+A then typing replaces the text; Ctrl+C and Ctrl+V copy it to another field; Ctrl+X cuts', async () => {
  const { page } = browser;
  await typeInto(page, 'Nơi sinh', 'Trạm y tế');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Bệnh viện huyện');
  await page.waitForTimeout(100);
  assert.equal(await valueOf(page, 'Nơi sinh'), 'Bệnh viện huyện');
  await page.keyboard.press('Control+A');
  await page.waitForTimeout(100); // a person's pause: the app has drawn the selection
  await page.keyboard.press('Control+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Bệnh viện huyện');
  await click(page, 'Họ và tên mẹ');
  await page.keyboard.press('Control+V');
  await page.waitForTimeout(100);
  assert.equal(await valueOf(page, 'Họ và tên mẹ'), 'Bệnh viện huyện');
  await page.keyboard.press('Control+A');
  await page.waitForTimeout(100);
  await page.keyboard.press('Control+X');
  await page.waitForTimeout(100);
  assert.equal(await valueOf(page, 'Họ và tên mẹ'), '');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Bệnh viện huyện');
  assert.deepEqual(browser.errors, []);
});

test('the word an input method composes shows in the field while it is composed, and is kept once', async () => {
  const { page } = browser;
  await click(page, 'Họ và tên cha (nếu có)');
  const cdp = await page.context().newCDPSession(page);
  // Gboard composes the whole word; Telex builds "Nguyễn" from "nguyeenx".
  for (const step of ['N', 'Ng', 'Nguy', 'Nguye', 'Nguyê', 'Nguyễn']) {
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
    await waitForItem(page, (it) => it.label === 'Họ và tên cha (nếu có)' && it.value === step, `"${step}" shown while composed`);
  }
  await cdp.send('Input.insertText', { text: 'Nguyễn' });
  await cdp.send('Input.imeSetComposition', { text: 'Văn', selectionStart: 3, selectionEnd: 3 });
  await waitForItem(page, (it) => it.label === 'Họ và tên cha (nếu có)' && it.value === 'NguyễnVăn', 'the next word composed after it');
  await cdp.send('Input.insertText', { text: ' Văn' }); // the input method commits with its space
  await cdp.detach();
  await page.waitForTimeout(200);
  assert.equal(await valueOf(page, 'Họ và tên cha (nếu có)'), 'Nguyễn Văn');
  assert.deepEqual(browser.errors, []);
});
