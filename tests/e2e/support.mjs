// Shared support for the browser tests: a static server for dist/ on 127.0.0.1 (under a sub-path, so
// relative URLs are tested too), Debian's headless Chromium through playwright-core, and a page that
// records console errors and every request that leaves the page's origin.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, normalize, extname, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const DIST = resolve(process.env.DIST_DIR ?? 'dist');
export const BASE_PATH = '/some/sub-path/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `dir` (default DIST) at http://127.0.0.1:<random port>/some/sub-path/; with `gzip`, gzip-
 * compressed (-9) to clients that accept it, as static hosts do; with `precompressed`, a file's .br
 * twin (scripts/precompress.mjs) to clients that accept Brotli, else its .gz twin, as nginx's
 * brotli_static / gzip_static do. `served` counts each encoding sent. */
export async function startServer({ dir = DIST, gzip = false, precompressed = false } = {}) {
  const root = resolve(dir);
  const gzipped = new Map(); // file → { mtimeMs, body }: compress once, not on every request
  const served = { br: 0, gzip: 0, identity: 0 };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (!url.pathname.startsWith(BASE_PATH)) { res.writeHead(404).end('not here'); return; }
      let rel = decodeURIComponent(url.pathname.slice(BASE_PATH.length)) || 'index.html';
      const file = normalize(join(root, rel));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) { res.writeHead(404).end('not found'); return; }
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      const accepts = req.headers['accept-encoding'] ?? '';
      const twin = precompressed && ([['br', '.br'], ['gzip', '.gz']]
        .find(([name, ext]) => new RegExp(`\\b${name}\\b`).test(accepts) && existsSync(file + ext)));
      let body = await readFile(twin ? file + twin[1] : file);
      if (twin) {
        Object.assign(headers, { 'content-encoding': twin[0], vary: 'accept-encoding' });
      } else if (gzip && /\bgzip\b/.test(accepts)) {
        const hit = gzipped.get(file);
        if (hit?.mtimeMs !== info.mtimeMs) gzipped.set(file, { mtimeMs: info.mtimeMs, body: gzipSync(body, { level: 9 }) });
        body = gzipped.get(file).body;
        Object.assign(headers, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
      }
      served[headers['content-encoding'] ?? 'identity'] += 1;
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) { res.writeHead(500).end(String(e)); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${BASE_PATH}`, served, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A page that records console errors, page errors and requests to other origins. */
export async function openPage(browser, origin, { deviceScaleFactor = 1, viewport = { width: 1280, height: 900 }, locale = 'en-US', serviceWorkers = 'allow' } = {}) {
  // serviceWorkers: 'block' where a test intercepts requests (page.route does not see what a service
  // worker answers from its cache).
  const context = await browser.newContext({ deviceScaleFactor, viewport, locale, serviceWorkers });
  const page = await context.newPage();
  const problems = { consoleErrors: [], foreignRequests: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') problems.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => problems.consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== origin) problems.foreignRequests.push(u);
  });
  return { page, context, problems };
}

/** Page object for the app. */
/** Every browser test ends so: no console error, no request off the page's origin. */
export function assertClean(problems) {
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
}

/** A desktop page (1366×900 unless `opts` say otherwise) on the default preset, then `preset`. */
export async function openOnPreset(browser, server, preset, opts = {}) {
  const { page, context, problems } = await openPage(browser, server.origin, { viewport: { width: 1366, height: 900 }, ...opts });
  const app = new AppPage(page, server.url);
  await app.open();
  if (preset) await app.loadPreset(preset);
  return { page, context, problems, app };
}

/** `suffix` with `preset=article-50` added to its query, unless it is a link (`#…`). */
export function withDefaultPreset(suffix = '') {
  if (suffix.includes('#')) return suffix;
  const [path, query] = suffix.split('?');
  return `${path}?${query ? `${query}&` : ''}preset=article-50`;
}

export class AppPage {
  constructor(page, url) { this.page = page; this.url = url; }
  byTestId(id) { return this.page.locator(`[data-testid="${id}"]`); }
  /** Opens the app on the default preset (`?preset=article-50`), past the first questions a
   *  first visit gets (tests/e2e/start.test.mjs covers those); a link (`#…`) opens as it is. */
  async open(suffix = '') {
    await this.page.goto(this.url + withDefaultPreset(suffix));
    await this.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  }
  async title() { return this.byTestId('app-title').innerText(); }
  async totals() { return this.byTestId('total-cost').allInnerTexts(); }
  async setField(testid, value) {
    const input = this.byTestId(testid).first();
    await input.fill(String(value));
  }
  async setUsers(n) { await this.setField('users-input', n); }
  /** Picks a language and waits until the page is in it (繁體中文 and Português load on demand). */
  async setLanguage(tag) {
    await this.byTestId('lang-select').selectOption(tag);
    await this.page.waitForFunction((t) => document.documentElement.lang === t, tag, { timeout: 10000 });
  }
  async loadPreset(name) {
    const before = (await this.totals()).join('|');
    await this.byTestId('preset-select').selectOption(name);
    await this.page.waitForFunction((old) => [...document.querySelectorAll('[data-testid="total-cost"]')].map((e) => e.innerText).join('|') !== old, before, { timeout: 5000 }).catch(() => {});
  }
  /** Waits until the displayed totals differ from `before` (an array of texts). */
  async totalsChangedFrom(before) {
    await this.page.waitForFunction((old) => [...document.querySelectorAll('[data-testid="total-cost"]')].map((e) => e.innerText).join('|') !== old, before.join('|'), { timeout: 5000 });
    return this.totals();
  }
  /** Waits for the Monte Carlo of the current inputs to finish. */
  async simulationDone() {
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="sim-status"] progress')
      && [...document.querySelectorAll('[data-testid="risk-adjusted"]')].every((e) => !e.innerText.includes('…')), null, { timeout: 15000 });
  }
}

/** "MOP 112,881" / "MOP 112.881" → 112881 (whole patacas). */
export function mopValue(text) {
  const m = text.replace(/\s/g, '').match(/MOP(−|-)?([\d.,]+)(k|M)?/);
  if (!m) throw new Error(`no MOP amount in ${JSON.stringify(text)}`);
  const n = Number(m[2].replace(/[.,]/g, ''));
  return m[1] ? -n : n;
}

/** Runs the native evaluator (the same model the page runs) — the oracle for displayed numbers. */
import { spawnSync } from 'node:child_process';
export function evaluator(args, input) {
  const r = spawnSync('cargo', ['run', '-q', '--offline', '--bin', 'evaluate', '--', ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`evaluate ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
export function presetScenario(name) { return JSON.parse(evaluator(['--print-preset', name])); }
export function evaluateScenario(scenario) { return JSON.parse(evaluator(['-'], JSON.stringify(scenario))); }

/** Whole-pataca display of an exact decimal string, as the page rounds it (half away from zero). */
export function roundMop(decimalString) {
  const [i, f = ''] = decimalString.replace('-', '').split('.');
  let n = BigInt(i);
  if (f.length && Number(f[0]) >= 5) n += 1n;
  return decimalString.startsWith('-') ? -Number(n) : Number(n);
}

/** Counts distinct colours in a canvas (a drawn chart has many; a blank one has one). */
export async function canvasStats(page, testid) {
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    if (!c) return null;
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight, colours: colours.size, dpr: devicePixelRatio };
  }, testid);
}
