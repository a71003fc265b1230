// Two tabs of the app: exactly one owns the local store (a Web Lock). The other says so and
// offers to take over; the owner saves and lets go first. Text typed in either tab survives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, find, click, typeInto, valueOf } from './lib/harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a second tab does not overwrite the first; taking over keeps both tabs\' text', async () => {
  const first = browser.page;
  await first.goto(server.url);
  await waitForApp(first);
  await typeInto(first, 'Nơi sinh', 'Trạm y tế xã');
  // Not yet saved when the second tab opens: the take-over must save it first.

  const second = await browser.context.newPage();
  await second.goto(server.url);
  await waitForApp(second);
  const notice = await find(second, 'elsewhere.title', { by: 'id' });
  assert.match(notice.label, /đang mở ở một thẻ hoặc cửa sổ khác/);
  // The first tab is untouched and still the owner.
  await typeInto(first, 'Dân tộc của trẻ', 'Kinh');
  assert.equal(await valueOf(first, 'Nơi sinh'), 'Trạm y tế xã');

  await click(second, 'Dùng ở đây');
  // The second tab now has the store, with what the first typed; the first says it is elsewhere.
  assert.equal(await valueOf(second, 'Nơi sinh'), 'Trạm y tế xã');
  assert.equal(await valueOf(second, 'Dân tộc của trẻ'), 'Kinh');
  await find(first, 'elsewhere.title', { by: 'id' });
  await typeInto(second, 'Họ và tên mẹ', 'Trần Thị Hoa'); // and at once, before any autosave

  // And back: the first tab takes over and finds both tabs' text.
  await click(first, 'Dùng ở đây');
  assert.equal(await valueOf(first, 'Nơi sinh'), 'Trạm y tế xã');
  assert.equal(await valueOf(first, 'Họ và tên mẹ'), 'Trần Thị Hoa');
  await find(second, 'elsewhere.title', { by: 'id' });

  // A reload of the owner still finds everything (it let go of the lock and took it again).
  await first.reload();
  await waitForApp(first);
  assert.equal(await valueOf(first, 'Họ và tên mẹ'), 'Trần Thị Hoa');
  assert.equal(await valueOf(first, 'Dân tộc của trẻ'), 'Kinh');
  await second.close();
  assert.deepEqual(browser.errors, []);
});
