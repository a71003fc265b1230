// A blind citizen's way through the app: only Chromium's accessibility tree, read and acted on
// through the DevTools protocol (as a screen reader does through the platform's API). No canvas
// coordinates, no motcuaUi: roles, names, states, focus, click and value alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, vnDate } from './lib/harness.mjs';

let server, browser, cdp;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await browser.page.goto(server.url);
  await waitForApp(browser.page);
  cdp = await browser.context.newCDPSession(browser.page);
  await cdp.send('Accessibility.enable');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function tree() {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes.filter((n) => !n.ignored);
}
const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
async function node(role, name, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = (await tree()).find((n) => n.role?.value === role && n.name?.value === name);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no ${role} named "${name}" in the accessibility tree`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function press(role, name) {
  const n = await node(role, name);
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId });
  await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
  await new Promise((r) => setTimeout(r, 150));
}
async function fill(name, text) {
  const n = await node('textbox', name);
  await cdp.send('DOM.focus', { backendNodeId: n.backendDOMNodeId });
  await cdp.send('Input.insertText', { text });
  await new Promise((r) => setTimeout(r, 100));
}
async function valueOf(name) {
  return (await node('textbox', name)).value?.value ?? '';
}

test('the form is read with its roles, names and states', async () => {
  const field = await node('textbox', 'Họ và tên trẻ');
  assert.equal(prop(field, 'required'), true);
  assert.equal(prop(await node('textbox', 'Số điện thoại của người yêu cầu'), 'required'), false);
  assert.equal(prop(await node('radio', 'Nữ'), 'checked'), 'false');
  await node('heading', 'Đăng ký khai sinh');
  await node('button', 'Nộp hồ sơ'); // below the fold on a phone, still in the tree
});

test('submitting empty marks each required field invalid, with its message as its description', async () => {
  await press('button', 'Nộp hồ sơ');
  const deadline = Date.now() + 5000;
  let field;
  do {
    field = await node('textbox', 'Họ và tên trẻ');
  } while (prop(field, 'invalid') !== 'true' && Date.now() < deadline);
  assert.equal(prop(field, 'invalid'), 'true');
  assert.match(field.description?.value ?? '', /bắt buộc/);
  // The summary was read out through the live region.
  await browser.page.waitForFunction(() => /Hồ sơ chưa nộp được/.test(document.querySelector('.motcua-live').textContent),
                                     null, { timeout: 5000 });
});

test('filled and submitted through the accessibility tree alone; the dossier reaches the server', async () => {
  await fill('Họ và tên người yêu cầu', 'Nguyễn Văn Đức');
  await fill('Số định danh cá nhân của người yêu cầu', '001089012345');
  await press('radio', 'Cha');
  await fill('Họ và tên trẻ', 'Nguyễn Thị Mai Anh');
  await fill('Ngày sinh của trẻ', vnDate(-4));
  await press('radio', 'Nữ');
  await fill('Nơi sinh', 'Trạm y tế xã Phù Linh');
  await fill('Dân tộc của trẻ', 'Kinh');
  await fill('Họ và tên mẹ', 'Trần Thị Hoa');
  await fill('Năm sinh của mẹ', '1995');
  assert.equal(await valueOf('Họ và tên trẻ'), 'Nguyễn Thị Mai Anh');
  assert.equal(prop(await node('radio', 'Nữ'), 'checked'), 'true');
  assert.notEqual(prop(await node('textbox', 'Họ và tên trẻ'), 'invalid'), 'true'); // fixed, no longer invalid
  await press('button', 'Nộp hồ sơ');
  const deadline = Date.now() + 20000;
  while (server.query('SELECT count(*) AS n FROM dossiers')[0].n < 1 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  assert.equal(server.query('SELECT count(*) AS n FROM dossiers')[0].n, 1);
  assert.deepEqual(browser.errors, []);
});

test('Tab moves the DOM focus with the app\'s, so a screen reader reads what has the focus', async () => {
  const { page } = browser;
  await page.keyboard.press('Tab');
  await page.waitForTimeout(100);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(100);
  const focused = (await tree()).find((n) => prop(n, 'focused') === true);
  assert.ok(focused, 'something has the focus');
  const appFocus = await page.evaluate(() => UTF8ToString(Module._motcua_ui_focused_id()));
  const domFocus = await page.evaluate(() => document.activeElement.dataset.id ?? document.activeElement.id);
  assert.ok(appFocus && (domFocus === appFocus || domFocus === 'motcua-text'), `${domFocus} follows ${appFocus}`);
  assert.ok(focused.name?.value, 'the focused element has a name');
});
