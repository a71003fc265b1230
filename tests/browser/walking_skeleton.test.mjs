// The walking skeleton end to end: a citizen fills the birth registration in Vietnamese, the
// draft survives a reload, the submission is signed and queued offline, survives an offline
// reload served by the service worker, and reaches the server exactly once when the network
// returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForApp, items, find, waitForItem, click, typeInto, composeInto, valueOf,
  ed25519Verify, vnDate, waitForServiceWorker,
} from './lib/harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const requester = 'Nguyễn Văn Đức';
const child = 'Nguyễn Thị Mai Anh';
const birthPlace = 'Bệnh viện Phụ sản Hà Nội';

test('the whole chain: type, autosave, reload, submit offline, offline reload, sync once', async () => {
  const { page, context, errors } = browser;
  await page.goto(server.url);
  await waitForApp(page);
  // The service worker must control the page before the network goes away.
  await waitForServiceWorker(page);

  // Typed through key events and insertText, as a keyboard and an on-screen keyboard deliver it.
  await typeInto(page, 'Họ và tên người yêu cầu', requester);
  // Composed through an input method, word by word, as Telex users type.
  await composeInto(page, 'Họ và tên trẻ', ['N', 'Ng', 'Ngu', 'Nguy', 'Nguye', 'Nguyê', 'Nguyễ', 'Nguyễn']);
  await page.keyboard.type(' Thị Mai Anh');
  // Decomposed input (letters and marks apart), as some keyboards send it: stored in NFC.
  await typeInto(page, 'Nơi sinh', birthPlace.normalize('NFD'));
  await typeInto(page, 'Ngày sinh của trẻ', vnDate(-4));
  await click(page, 'Nữ');
  await typeInto(page, 'Số định danh cá nhân của người yêu cầu', '001089012345');
  await click(page, 'Cha');
  await typeInto(page, 'Dân tộc của trẻ', 'Kinh');
  await typeInto(page, 'Họ và tên mẹ', 'Trần Thị Hoa');
  await typeInto(page, 'Năm sinh của mẹ', '1995');

  assert.equal(await valueOf(page, 'Họ và tên người yêu cầu'), requester);
  assert.equal(await valueOf(page, 'Họ và tên trẻ'), child);
  assert.equal(await valueOf(page, 'Nơi sinh'), birthPlace);

  await waitForItem(page, (i) => i.id === 'form.draft_state' && i.value === 'saved', 'the draft to be saved');
  await page.reload();
  await waitForApp(page);
  assert.equal(await valueOf(page, 'Họ và tên người yêu cầu'), requester, 'draft survives a reload');
  assert.equal(await valueOf(page, 'Họ và tên trẻ'), child);
  assert.equal(await valueOf(page, 'Nơi sinh'), birthPlace);
  assert.equal(await valueOf(page, 'Ngày sinh của trẻ'), vnDate(-4));
  assert.equal((await find(page, 'Nữ')).value, 'checked');
  assert.equal(await valueOf(page, 'Họ và tên mẹ'), 'Trần Thị Hoa');
  // The form writes the date of birth in words itself.
  assert.match((await find(page, 'field.child_birth_date_words', { by: 'id' })).value, /^Ngày .+ năm hai nghìn/);

  await context.setOffline(true);
  await find(page, '○ Đang ngoại tuyến');
  await click(page, 'Nộp hồ sơ');
  const queued = await waitForItem(page, (i) => i.kind === 'listitem' && i.label.startsWith(child),
    'the submission in the list');
  assert.match(queued.value, /Đã xếp hàng, chưa được tiếp nhận/);
  assert.equal(await valueOf(page, 'Họ và tên trẻ'), '', 'the form is cleared after submitting');
  assert.equal(server.query('SELECT count(*) AS n FROM dossiers')[0].n, 0, 'nothing reached the server');

  await page.reload(); // offline: only the service worker can start the app now
  await waitForApp(page);
  const still = await waitForItem(page, (i) => i.kind === 'listitem' && i.label.startsWith(child), 'the queued item');
  assert.match(still.value, /Đã xếp hàng, chưa được tiếp nhận/);

  await context.setOffline(false);
  const received = await waitForItem(page, (i) => i.id.endsWith('.dossier_code') && /\d{4}$/.test(i.value),
    'the dossier code', 8000);
  assert.match(received.value, /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);

  const rows = server.query('SELECT dossier_code, hex(canonical) AS c, hex(signature) AS s, hex(device_key) AS k FROM dossiers');
  assert.equal(rows.length, 1, 'exactly one dossier');
  assert.equal(rows[0].dossier_code, received.value);
  assert.ok(ed25519Verify(Buffer.from(rows[0].c, 'hex'), Buffer.from(rows[0].s, 'hex'), Buffer.from(rows[0].k, 'hex')),
    'the stored signature verifies over the stored bytes');
  assert.ok(Buffer.from(rows[0].c, 'hex').includes(Buffer.from(requester, 'utf8')), 'the name arrived intact, in NFC');
  assert.ok(Buffer.from(rows[0].c, 'hex').includes(Buffer.from(birthPlace, 'utf8')));
  assert.deepEqual(errors, []);
});
