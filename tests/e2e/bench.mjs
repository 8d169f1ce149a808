// Browser figures for `make bench` (printed, not asserted), on a build with the `bench` feature (its
// timing hooks; DIST_DIR, see scripts/bench.sh) served gzip-compressed on 127.0.0.1 in headless
// Chromium: navigation → heatmap drawn (desktop, unthrottled), input change → deterministic outputs
// updated, and on the phone profile the first paint and navigation → heatmap drawn side by side with
// a bare Leptos counter built in the same run (BARE_DIST; skipped if missing). Sizes: SHIPPED_DIST.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, openPage, AppPage, DIST } from './support.mjs';

const RUNS = 5, EDITS = 41;
const BARE_DIST = process.env.BARE_DIST ?? 'bench/bare-app/dist';
const SHIPPED_DIST = process.env.SHIPPED_DIST ?? DIST;
// Lighthouse's mobile profile (simulated slow 4G on a mid-range phone), applied through CDP.
const PHONE = {
  label: 'Lighthouse mobile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up (CDP Network.emulateNetworkConditions), CPU 4× slower (CDP Emulation.setCPUThrottlingRate), viewport 412×823 @1.75x',
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  cpuRate: 4,
  page: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 },
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
// As scripts/sizes.sh counts (GNU gzip -9 per file; the server's zlib -9 sends ≈ 1 % more).
// The precompressed twins (FILE.br, FILE.gz) are not files of the app: never counted.
const appFiles = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !/\.(br|gz)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
const gzippedKB = (dir) => appFiles(dir).reduce((sum, f) => sum + execFileSync('gzip', ['-9', '-c', f]).length, 0) / 1000;
// Brotli as shipped: each file's .br twin (scripts/precompress.mjs), or the file where it has none.
const brotliKB = (dir, only = () => true) => appFiles(dir).filter(only)
  .reduce((sum, f) => sum + statSync(existsSync(`${f}.br`) ? `${f}.br` : f).size, 0) / 1000;

/** One fresh-profile load on the phone profile: { paint, ready } in ms since navigation. */
async function phoneLoad(browser, server, ready) {
  const { page, context } = await openPage(browser, server.origin, PHONE.page);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', PHONE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuRate });
    await page.goto(`${server.url}?preset=article-50`, { waitUntil: 'commit' });
    const readyAt = await (await page.waitForFunction(ready, null, { polling: 'raf', timeout: 60000 })).jsonValue();
    const paint = await (await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 10000 })).jsonValue();
    // Where the time goes: the wasm's last byte, the app mounted (collab-risk's bench build marks
    // it), and how many elements the page holds when ready.
    const parts = await page.evaluate(() => ({
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
      mounted: performance.getEntriesByName('app-mounted')[0]?.startTime,
      elements: document.getElementsByTagName('*').length,
    }));
    return { paint, ready: readyAt, ...parts };
  } finally { await context.close(); }
}
/** Repeat visits on the phone profile, the files from the service worker's cache: ms to ready. */
async function phoneRepeatLoads(browser, server, ready, runs) {
  const { page, context } = await openPage(browser, server.origin, PHONE.page);
  try {
    await page.goto(`${server.url}?preset=article-50`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', PHONE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuRate });
    const times = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${server.url}?preset=article-50`, { waitUntil: 'commit' });
      times.push(await (await page.waitForFunction(ready, null, { polling: 'raf', timeout: 60000 })).jsonValue());
    }
    return times;
  } finally { await context.close(); }
}
const heatmapDrawn = () => performance.getEntriesByName('heatmap-drawn')[0]?.startTime;
const buttonShown = () => (document.querySelector('button') ? performance.now() : undefined);

// Served as hosts serve the precompressed twins: Brotli where the browser accepts it (it does), the
// .gz twin or gzip otherwise; the gzip-only host is measured beside it.
const server = await startServer({ gzip: true, precompressed: true });
const gzipOnly = await startServer({ gzip: true });
const bare = existsSync(BARE_DIST) ? await startServer({ dir: BARE_DIST, gzip: true, precompressed: true }) : null;
const browser = await launchBrowser();
try {
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, context } = await openPage(browser, server.origin);
    await page.goto(`${server.url}?preset=article-50`);
    await page.waitForFunction(() => performance.getEntriesByName('heatmap-drawn').length > 0, null, { timeout: 20000 });
    loads.push(await page.evaluate(() => performance.getEntriesByName('heatmap-drawn')[0].startTime));
    await context.close();
  }
  const { page, context } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.loadPreset('bank-200');
  const edits = await page.evaluate(async (n) => {
    const input = document.querySelector('[data-testid="users-input"]');
    const total = () => [...document.querySelectorAll('[data-testid="total-cost"]')].map((e) => e.textContent).join('|');
    const times = [], model = [];
    for (let i = 0; i < n; i++) {
      const before = total();
      const t0 = performance.now();
      const done = new Promise((resolve) => {
        const obs = new MutationObserver(() => { if (total() !== before) { obs.disconnect(); resolve(performance.now() - t0); } });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      input.value = String(100 + i * 13);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(await done);
      model.push(Number(document.documentElement.dataset.recomputeMs));
      await new Promise((r) => setTimeout(r, 60)); // let the Monte Carlo chunks run, as between keystrokes
    }
    return { times, model };
  }, EDITS);
  // Best configurations of 6 options (bank-200 plus two), off the typing path: the model's time
  // per change, from <html data-best-config-ms> (median over a few edits).
  await app.byTestId('add-option').click();
  await app.byTestId('add-option').click();
  const best = await page.evaluate(async (n) => {
    const input = document.querySelector('[data-testid="users-input"]');
    const took = () => document.documentElement.dataset.bestConfigMs;
    const times = [];
    for (let i = 0; i < n; i++) {
      const before = took();
      document.documentElement.removeAttribute('data-best-config-ms');
      input.value = String(150 + i * 7);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t0 = performance.now();
      while (took() === undefined && performance.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 20));
      times.push(Number(took() ?? before));
    }
    return { times, options: document.querySelectorAll('[data-testid="option-card"]').length };
  }, 7);
  await context.close();
  console.log(`browser: navigation -> heatmap drawn: median ${median(loads).toFixed(0)} ms over ${RUNS} loads (budget 1000 ms); all: ${loads.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`browser: input change -> deterministic outputs updated: median ${median(edits.times).toFixed(1)} ms, max ${Math.max(...edits.times).toFixed(1)} ms over ${EDITS} edits (budget 16 ms median)`);
  console.log(`browser: of which the model (evaluate_deterministic, 4 options): median ${median(edits.model).toFixed(2)} ms`);
  console.log(`browser: best configurations, ${best.options} options (off the typing path): median ${median(best.times).toFixed(1)} ms, max ${Math.max(...best.times).toFixed(1)} ms over ${best.times.length} changes (budget 100 ms)`);

  const ours = [], theirs = [], oursGzip = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await phoneLoad(browser, server, heatmapDrawn));
    oursGzip.push(await phoneLoad(browser, gzipOnly, heatmapDrawn));
    if (bare) theirs.push(await phoneLoad(browser, bare, buttonShown));
  }
  const repeat = await phoneRepeatLoads(browser, server, heatmapDrawn, RUNS);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const row = (label, a, b) => console.log(`${label.padEnd(52)}${a.padEnd(16)}${b}`);
  console.log(`== phone profile (${PHONE.label}); host serving the precompressed Brotli twins; fresh profile each load; ${RUNS} runs, median`);
  row('', 'collab-risk', 'bare Leptos 0.8 counter (same toolchain and flags)');
  row('dist, gzipped (-9)', `${gzippedKB(SHIPPED_DIST).toFixed(1)} KB`, bare ? `${gzippedKB(BARE_DIST).toFixed(1)} KB` : '(not built)');
  row('dist, Brotli (precompressed twins)', `${brotliKB(SHIPPED_DIST).toFixed(1)} KB`, bare ? `${brotliKB(BARE_DIST).toFixed(1)} KB` : '');
  row('main wasm, Brotli (goal 300 KB)', `${brotliKB(SHIPPED_DIST, (f) => f.endsWith('.wasm')).toFixed(1)} KB`, bare ? `${brotliKB(BARE_DIST, (f) => f.endsWith('.wasm')).toFixed(1)} KB` : '');
  row('navigation -> first contentful paint', s(median(ours.map((r) => r.paint))), bare ? s(median(theirs.map((r) => r.paint))) : '');
  row('navigation -> heatmap drawn / button shown', s(median(ours.map((r) => r.ready))), bare ? s(median(theirs.map((r) => r.ready))) : '');
  row('  the same from a gzip-only host', s(median(oursGzip.map((r) => r.ready))), '');
  row('repeat visit (from the service worker) -> heatmap', s(median(repeat)), '');
  const mid = (f) => { const xs = ours.map(f).filter((x) => x !== undefined); return xs.length ? median(xs) : NaN; };
  console.log(`  collab-risk, where the time goes (medians): wasm received ${s(mid((r) => r.wasm))}, app mounted ${s(mid((r) => r.mounted))}, heatmap drawn ${s(mid((r) => r.ready))}; ${mid((r) => r.elements)} elements in the page${bare ? `; bare: wasm received ${s(median(theirs.map((r) => r.wasm)))}` : ''}`);
  console.log(`  all runs: collab-risk ${ours.map((r) => s(r.ready)).join(', ')}${bare ? `; bare ${theirs.map((r) => s(r.ready)).join(', ')}` : ''}`);
  const ratio = bare ? median(ours.map((r) => r.ready)) / median(theirs.map((r) => r.ready)) : NaN;
  console.log(`goals: main wasm <= 300 KB Brotli; phone navigation -> heatmap (Brotli host) <= 2.50 s median and <= 3x the bare app (now ${bare ? ratio.toFixed(1) + 'x' : 'n/a'})`);
} finally {
  await browser.close();
  await server.close();
  await gzipOnly.close();
  await bare?.close();
}
