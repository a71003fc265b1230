// A frame's cost in the wasm module (issue 12 budget: ≤ 8 ms), on the birth registration (the
// longest form the app has), in headless Chromium at 412×915: typing, scrolling, and an idle
// stretch in which nothing may be drawn. A frame is timed from its start to its GL calls issued
// (client/platform/web_main.cpp); SwiftShader's rasterising in the GPU process is not in it.
// Baseline in the same run: the same frames with Chromium's CPU slowed 4× (the Lighthouse
// mobile profile), as a cheap phone would run them.
//   node tools/bench/frame_time.mjs
import { startAppServer, openApp } from './lib/app_server.mjs';

const server = await startAppServer();
const app = await openApp(server.url, { deviceScaleFactor: 2.625 });
const { page, ctx } = app;
const cdp = await ctx.newCDPSession(page);

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
async function workload() {
  await page.evaluate(() => { Module.motcuaFrameTimes = []; });
  // Type into the first field, then scroll the whole form down and up with the wheel.
  const first = await page.evaluate(() => globalThis.motcuaUi.find((i) => i.kind === 'input'));
  await page.mouse.click(first.x + first.w / 2, first.y + first.h / 2);
  await page.keyboard.type('Nguyễn Văn Đức', { delay: 30 });
  for (let i = 0; i < 12; i++) { await page.mouse.wheel(0, 250); await page.waitForTimeout(40); }
  for (let i = 0; i < 12; i++) { await page.mouse.wheel(0, -250); await page.waitForTimeout(40); }
  const busy = await page.evaluate(() => Module.motcuaFrameTimes.slice());
  // Idle: leave the field (Escape) and wait; nothing should be drawn.
  await page.keyboard.press('Escape');
  await page.mouse.click(2, 2);
  await page.waitForTimeout(2000); // the autosave after the last key, and its "saved" note, come first
  await page.evaluate(() => { Module.motcuaFrameTimes = []; });
  await page.waitForTimeout(3000);
  const idle = await page.evaluate(() => Module.motcuaFrameTimes.length);
  return { busy, idle };
}
const fmt = (x) => x.toFixed(2);
for (const [name, rate] of [['desktop CPU', 1], ['CPU slowed 4x', 4]]) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const r = await workload();
  console.log(`${name}: ${r.busy.length} frames while typing and scrolling: p50 ${fmt(pct(r.busy, 0.5))} ms, ` +
              `p95 ${fmt(pct(r.busy, 0.95))} ms, max ${fmt(Math.max(...r.busy))} ms; frames drawn in 3 s idle: ${r.idle}`);
}
await app.close();
server.stop();
