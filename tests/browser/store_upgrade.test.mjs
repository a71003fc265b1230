// A phone that ran the walking skeleton kept its store in IDBFS, as a version 1 database. The app
// takes it over once (into the page store), migrates it in the browser's own SQLite, and deletes
// the IDBFS copy only after the page store holds it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, waitForApp, valueOf } from './lib/harness.mjs';

let server, browser;
const dir = mkdtempSync(join(tmpdir(), 'motcua-v1-'));
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// The store as version 1 wrote it: its tables (user_version never set), a draft of the birth
// registration keyed by procedure, and a photo's list in meta.
function versionOneStore() {
  const file = join(dir, 'v1.sqlite');
  execFileSync('sqlite3', [file], { input: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
    CREATE TABLE drafts (procedure TEXT PRIMARY KEY, form_version INTEGER NOT NULL, values_json TEXT NOT NULL,
                         updated_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE outbox (id TEXT PRIMARY KEY, procedure TEXT NOT NULL, title TEXT NOT NULL, created_at INTEGER NOT NULL,
      request_json TEXT NOT NULL, canonical BLOB NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'received', 'failed')), attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0, error_code TEXT, error_vi TEXT, error_en TEXT,
      receipt_json TEXT NOT NULL DEFAULT '', dossier_code TEXT NOT NULL DEFAULT '', due_date TEXT NOT NULL DEFAULT '');
    CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
    CREATE TABLE attachments (hash BLOB PRIMARY KEY, media_type TEXT NOT NULL, content BLOB NOT NULL) WITHOUT ROWID;
    CREATE TABLE feed (cursor INTEGER PRIMARY KEY, submission_id TEXT NOT NULL, status INTEGER NOT NULL, at INTEGER NOT NULL,
                       entry_json TEXT NOT NULL);
    CREATE INDEX feed_by_submission ON feed(submission_id, cursor);
    INSERT INTO drafts VALUES ('1.001193', 2, '{"birth_place":"Trạm y tế xã Phù Linh","child_ethnicity":"Kinh"}', 1790000000000);
    PRAGMA journal_mode=MEMORY;
  ` });
  return readFileSync(file);
}

test('a version 1 store kept by IDBFS is taken over, migrated, and its IDBFS copy deleted', async () => {
  const { page } = browser;
  const bytes = [...versionOneStore()];
  // Put it where IDBFS kept it, on the app's origin, before the app ever runs there.
  await page.goto(server.url + 'manifest.webmanifest');
  await page.evaluate(async (bytes) => {
    await new Promise((ok, fail) => {
      const open = indexedDB.open('/persist', 21);
      open.onupgradeneeded = () => open.result.createObjectStore('FILE_DATA').createIndex('timestamp', 'timestamp', { unique: false });
      open.onsuccess = () => {
        const tx = open.result.transaction('FILE_DATA', 'readwrite');
        tx.objectStore('FILE_DATA').put({ timestamp: new Date(), mode: 33188, contents: new Uint8Array(bytes) }, '/persist/motcua.sqlite');
        tx.oncomplete = () => { open.result.close(); ok(); };
        tx.onerror = fail;
      };
      open.onerror = fail;
    });
  }, bytes);

  await page.goto(server.url);
  await waitForApp(page);
  assert.equal(await valueOf(page, 'Nơi sinh'), 'Trạm y tế xã Phù Linh');
  assert.equal(await valueOf(page, 'Dân tộc của trẻ'), 'Kinh');
  assert.equal(await page.evaluate(() => globalThis.motcuaStoreCheck()), 'ok');
  // The IDBFS copy goes once the page store has written it all.
  await page.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === '/persist'), null,
                             { timeout: 10000, polling: 200 });
  await page.reload();
  await waitForApp(page);
  assert.equal(await valueOf(page, 'Nơi sinh'), 'Trạm y tế xã Phù Linh');
  assert.deepEqual(browser.errors, []);
});
