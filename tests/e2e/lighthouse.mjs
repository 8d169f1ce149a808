// `make bench`: Lighthouse 12.2.3 (pinned in package.json), mobile preset (simulated slow 4G, 4× CPU),
// on the shipped dist/ and on the bare Leptos app built in the same run, both served as hosts serve
// the precompressed Brotli twins. Debian's Chromium through CHROME_PATH. Prints the median of RUNS
// runs of each figure issue 20 budgets; asserts nothing (figures, not timed tests).
import { existsSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer, CHROMIUM_ARGS } from './support.mjs';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const SHIPPED = process.env.SHIPPED_DIST ?? 'dist';
const BARE = process.env.BARE_DIST ?? 'bench/bare-app/dist';
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function audit(url) {
  // A fresh profile each run (chrome-launcher makes one): no HTTP cache, no service worker.
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'] });
    const score = (id) => Math.round((lhr.categories[id].score ?? 0) * 100);
    const ms = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
    return { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'),
      tbt: ms('total-blocking-time'), lcp: ms('largest-contentful-paint'), fcp: ms('first-contentful-paint'), failed };
  } finally { await chrome.kill(); }
}

const ours = await startServer({ dir: SHIPPED, gzip: true, precompressed: true });
const bare = existsSync(BARE) ? await startServer({ dir: BARE, gzip: true, precompressed: true }) : null;
try {
  const a = [], b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await audit(ours.url));
    if (bare) b.push(await audit(bare.url));
  }
  const row = (label, f, unit = '') => console.log(`${label.padEnd(40)}${(median(a.map(f)).toFixed(0) + unit).padEnd(16)}${bare ? median(b.map(f)).toFixed(0) + unit : ''}`);
  console.log(`== Lighthouse 12.2.3, mobile (simulated slow 4G, CPU 4x), Brotli host; median of ${RUNS} runs`);
  console.log(`${''.padEnd(40)}${'collab-risk'.padEnd(16)}${bare ? 'bare Leptos 0.8 counter' : ''}`);
  row('performance (goal >= 90)', (r) => r.performance);
  row('accessibility (goal 100)', (r) => r.accessibility);
  row('best practices (goal 100)', (r) => r.bestPractices);
  row('total blocking time (goal <= 200 ms)', (r) => r.tbt, ' ms');
  row('largest contentful paint', (r) => r.lcp, ' ms');
  row('first contentful paint', (r) => r.fcp, ' ms');
  console.log(`  all runs, performance: collab-risk ${a.map((r) => r.performance).join(', ')}${bare ? `; bare ${b.map((r) => r.performance).join(', ')}` : ''}`);
  const failing = [...new Set(a.flatMap((r) => r.failed))];
  if (failing.length) console.log(`  audits collab-risk fails (in any run): ${failing.join(', ')}`);
} finally {
  await ours.close();
  await bare?.close();
}
