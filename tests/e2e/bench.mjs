// Browser figures for `make bench` (printed, not asserted): navigation → heatmap drawn, and
// input change → deterministic outputs updated (median over repeated edits), on a build with the
// `bench` feature (its timing hooks; DIST_DIR, see scripts/bench.sh) served on 127.0.0.1 in
// headless Chromium.
import { startServer, launchBrowser, openPage, AppPage } from './support.mjs';

const RUNS = 5, EDITS = 41;
const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, context } = await openPage(browser, server.origin);
    await page.goto(server.url);
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
  await context.close();
  console.log(`browser: navigation -> heatmap drawn: median ${median(loads).toFixed(0)} ms over ${RUNS} loads (budget 1000 ms); all: ${loads.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`browser: input change -> deterministic outputs updated: median ${median(edits.times).toFixed(1)} ms, max ${Math.max(...edits.times).toFixed(1)} ms over ${EDITS} edits (budget 16 ms median)`);
  console.log(`browser: of which the model (evaluate_deterministic, 4 options): median ${median(edits.model).toFixed(2)} ms`);
} finally {
  await browser.close();
  await server.close();
}
