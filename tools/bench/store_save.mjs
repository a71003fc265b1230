// A draft save made durable (issue 12): from the commit of one typed letter to the end of its
// IndexedDB transaction, in the real app in headless Chromium, with the store holding about
// 0, 1 and 50 MB. Baseline in the same run and the same browser: what IDBFS did at each save,
// the whole database file put as one IndexedDB record (its getAll of timestamps left out, so the
// baseline is if anything too kind to IDBFS), with the browser's default durability as IDBFS had.
// The page store is measured as the app runs it (relaxed durability), with strict durability (an
// fsync per save), and through the app's own autosave path, whose redrawn frames share the two
// cores with the browser's IndexedDB thread (headless Chromium draws GL on the CPU).
//   node tools/bench/store_save.mjs [saves per size, default 60]
import { startAppServer, openApp } from './lib/app_server.mjs';

const saves = Number(process.argv[2] ?? 60);
const server = await startAppServer();
const app = await openApp(server.url);
const { page, ctx } = app;

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const fmt = (x) => x.toFixed(1);
const rows = [];
let filled = 0;
for (const mb of [0, 1, 50]) {
  if (mb > filled) {
    await page.evaluate((n) => Module._motcua_bench_fill(n), mb - filled);
    filled = mb;
    await page.waitForTimeout(1500);
  }
  const r = await page.evaluate(async (saves) => {
    const S = Module.motcuaStore;
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const size = S.db ? await new Promise((ok) => {
      const g = S.db.transaction('meta').objectStore('meta').get('file');
      g.onsuccess = () => ok(g.result ? g.result.size : 0);
    }) : 0;
    // Pages: one typed letter, committed and made durable, one save at a time; as the app runs
    // (relaxed durability) and with an fsync per save (strict).
    const run = async (durability, quiet) => {
      S.durability = durability;
      S.saveTimes = [];
      S.writeTimes = [];
      for (let i = 0; i < saves; i++) {
        Module._motcua_bench_edit(quiet ? 1 : 0);
        while (S.saveTimes.length <= i) await wait(1);
      }
      return { save: S.saveTimes.slice(), tx: S.writeTimes.slice() };
    };
    // The fill's own writes finish first: one save waits behind them.
    S.saveTimes = [];
    Module._motcua_bench_edit(1);
    while (S.saveTimes.length < 1) await wait(5);
    const app = await run('relaxed', false);
    const pages = await run('relaxed', true);
    const strict = await run('strict', true);
    Module._motcua_bench_pause_drawing(1);
    const alone = await run('relaxed', true);
    Module._motcua_bench_pause_drawing(0);
    S.durability = 'relaxed';
    // IDBFS: the whole file as one record, as FS.syncfs(false) wrote it.
    const db = await new Promise((ok) => {
      const o = indexedDB.open('motcua-bench-idbfs', 1);
      o.onupgradeneeded = () => o.result.createObjectStore('FILE_DATA');
      o.onsuccess = () => ok(o.result);
    });
    const file = new Uint8Array(size);
    for (let at = 0; at < size; at += 65536) crypto.getRandomValues(file.subarray(at, Math.min(size, at + 65536)));
    const idbfs = [];
    Module._motcua_bench_pause_drawing(1); // the baseline as the store alone: no frames either
    for (let i = 0; i < saves; i++) {
      file[i % size] ^= 1; // one byte changed: IDBFS still writes the whole file
      const t0 = performance.now();
      await new Promise((ok, fail) => {
        const tx = db.transaction('FILE_DATA', 'readwrite');
        tx.objectStore('FILE_DATA').put({ timestamp: new Date(), mode: 33206, contents: file }, '/persist/motcua.sqlite');
        tx.oncomplete = ok; tx.onerror = fail;
      });
      idbfs.push(performance.now() - t0);
    }
    Module._motcua_bench_pause_drawing(0);
    db.close();
    indexedDB.deleteDatabase('motcua-bench-idbfs');
    return { size, app, pages, strict, alone, idbfs };
  }, saves);
  rows.push({ mb, ...r });
  const q = (xs) => `p50 ${fmt(pct(xs, 0.5))} / p95 ${fmt(pct(xs, 0.95))} ms`;
  console.log(`store ${(r.size / 1048576).toFixed(1)} MB (${saves} saves each):\n` +
              `  page store, commit to durable:                     ${q(r.pages.save)}; its IndexedDB transaction: ${q(r.pages.tx)}\n` +
              `  page store with strict durability (fsync):        ${q(r.strict.save)}\n` +
              `  page store, no frame drawn meanwhile:             ${q(r.alone.save)}\n` +
              `  page store in the running app, frames redrawn:    ${q(r.app.save)}\n` +
              `  IDBFS-style whole file, its IndexedDB transaction: ${q(r.idbfs)}\n` +
              `  ratio of p95, IDBFS-style / page store (both with no frame drawn): ${fmt(pct(r.idbfs, 0.95) / pct(r.alone.save, 0.95))}x`);
}
await app.close();
server.stop();
