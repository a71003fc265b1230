// Attachments in the app: a file over the limit is refused before a byte of it is read or sent,
// with the reason on screen; a photo goes with the submission, its hash checked by the server;
// it is kept once, apart from the database, and let go once the office has it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForApp, waitForItem, items, find, click, typeInto, vnDate,
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

async function attach(page, name, mimeType, buffer) {
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'attachments.add', { by: 'id' });
  await (await chooser).setFiles({ name, mimeType, buffer });
}

test('a file over 10 MB is refused on the phone; a photo travels with the submission', async () => {
  const { page, errors } = browser;
  await page.goto(server.url);
  await waitForApp(page);

  await attach(page, 'video.jpg', 'image/jpeg', Buffer.alloc(11 * 1024 * 1024, 1));
  const refused = await find(page, 'attachments.error', { by: 'id' });
  assert.equal(refused.value, 'attachment_too_large');
  assert.match(refused.label, /10 MB/);

  // A small PNG (the 1×1 pixel is enough: the server checks type, size and hash, not pixels).
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  await attach(page, 'Giấy chứng sinh.png', 'image/png', png);
  const listed = await find(page, 'attachments.0', { by: 'id' });
  assert.match(listed.label, /^Giấy chứng sinh\.png/);
  assert.equal((await items(page)).some((i) => i.id === 'attachments.error'), false,
    'the refusal is cleared by a good file');

  await typeInto(page, 'Họ và tên người yêu cầu', 'Nguyễn Văn Đức');
  await typeInto(page, 'Họ và tên trẻ', 'Lê Minh Khôi');
  await typeInto(page, 'Nơi sinh', 'Trạm y tế xã');
  await typeInto(page, 'Ngày sinh của trẻ', vnDate(-2));
  await click(page, 'Nam');
  await typeInto(page, 'Số định danh cá nhân của người yêu cầu', '001089012345');
  await click(page, 'Cha');
  await typeInto(page, 'Dân tộc của trẻ', 'Kinh');
  await typeInto(page, 'Họ và tên mẹ', 'Trần Thị Hoa');
  await typeInto(page, 'Năm sinh của mẹ', '1995');
  await click(page, 'Nộp hồ sơ');

  await waitForItem(page, (i) => i.id.endsWith('.dossier_code') && /\d{4}$/.test(i.value), 'the dossier code', 15000);
  await waitForItem(page, (i) => i.id.endsWith('.status_note') && i.value === '2', 'the signed "received" status', 15000);
  const rows = server.query('SELECT count(*) AS n FROM dossiers');
  assert.equal(rows[0].n, 1);
  // The server holds the photo whole (its hash was checked when the last byte arrived), and
  // only that: the refused 11 MB file never left the phone.
  const held = server.query('SELECT size, complete FROM attachments');
  assert.deepEqual(held, [{ size: png.length, complete: 1 }]);
  assert.deepEqual(errors, []);
});

// What IndexedDB holds: the attached files (key → size) and the database file's size.
async function stored(page) {
  return page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('motcua-store');
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const tx = db.transaction(['files', 'meta']);
      const keys = tx.objectStore('files').getAllKeys(), values = tx.objectStore('files').getAll();
      const meta = tx.objectStore('meta').get('file');
      tx.oncomplete = () => {
        const files = {};
        keys.result.forEach((k, i) => { files[k] = values.result[i].data.byteLength; });
        db.close();
        ok({ files, database: meta.result ? meta.result.size : 0 });
      };
    };
  }));
}
async function waitStored(page, test, what, timeout = 10000) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await stored(page);
    if (test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; stored: ${JSON.stringify(last)}`);
}

test('a photo is stored once, apart from the database, kept across a reload, and let go once the office has it', async () => {
  const { page, errors } = browser;
  await page.goto(server.url);
  await waitForApp(page);
  // The earlier test's dossier was received: nothing of it is kept.
  await waitStored(page, (s) => Object.keys(s.files).length === 0, 'no files left from the earlier dossier');

  const photo = Buffer.alloc(300 * 1024);
  for (let i = 0; i < photo.length; i++) photo[i] = (i * 7919) % 251;
  await attach(page, 'so-ho-khau.jpg', 'image/jpeg', photo);
  await find(page, 'attachments.0', { by: 'id' });
  await attach(page, 'ban-sao.jpg', 'image/jpeg', photo); // the same photo again: kept once
  let s = await waitStored(page, (x) => Object.keys(x.files).length === 1, 'the photo written to IndexedDB');
  assert.deepEqual(Object.values(s.files), [photo.length]);
  assert.ok(s.database < photo.length, `the database file (${s.database} bytes) does not hold the photo`);

  await page.reload();
  await waitForApp(page);
  const listed = await find(page, 'attachments.0', { by: 'id' });
  assert.match(listed.label, /^so-ho-khau\.jpg/);
  assert.equal((await items(page)).some((i) => i.id === 'attachments.1'), false);

  await typeInto(page, 'Họ và tên người yêu cầu', 'Phạm Thị Lan');
  await typeInto(page, 'Họ và tên trẻ', 'Phạm Gia Huy');
  await typeInto(page, 'Nơi sinh', 'Trạm y tế xã');
  await typeInto(page, 'Ngày sinh của trẻ', vnDate(-3));
  await click(page, 'Nam');
  await typeInto(page, 'Số định danh cá nhân của người yêu cầu', '001089012345');
  await click(page, 'Mẹ');
  await typeInto(page, 'Dân tộc của trẻ', 'Kinh');
  await typeInto(page, 'Họ và tên mẹ', 'Phạm Thị Lan');
  await typeInto(page, 'Năm sinh của mẹ', '1994');
  await click(page, 'Nộp hồ sơ');
  // Once the office has received it (its receipt stored), the phone lets go of its copy.
  await waitStored(page, (x) => Object.keys(x.files).length === 0, 'the photo released after the dossier was received', 15000);
  assert.equal(server.query('SELECT count(*) AS n FROM dossiers')[0].n, 2);
  const held = server.query('SELECT size, complete FROM attachments ORDER BY size');
  assert.ok(held.some((h) => h.size === photo.length && h.complete === 1), JSON.stringify(held));
  assert.deepEqual(errors, []);
});
