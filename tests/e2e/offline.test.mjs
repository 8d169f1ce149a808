// The static first view (before the wasm runs), offline use through the service worker, a new
// deploy replacing the old cache, the app inside iframes, and the web app manifest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, launchBrowser, openPage, AppPage, DIST } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Resolves once a service worker controls the page (or frame): its precache is complete. */
async function serviceWorkerInControl(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
}

/** Changes the number of users and returns the totals once they differ from before. */
async function recomputes(app) {
  const before = await app.totals();
  await app.setUsers(137);
  return app.totalsChangedFrom(before);
}

test('the first view shows title, purpose and a loading hint in the browser language, and is gone once the app mounts', async () => {
  for (const [locale, title, hint] of [
    ['en-GB', 'collab-risk', 'Loading the calculator…'],
    ['zh-MO', 'collab-risk 協作風險評估', '正在載入計算器…'],
    ['pt-PT', 'collab-risk', 'A carregar a calculadora…'],
  ]) {
    const { page, context, problems } = await openPage(browser, server.origin, { locale });
    // Every frame: did the first view and the app ever show together?
    await page.addInitScript(() => {
      window.bothShown = false;
      const look = () => {
        if (document.getElementById('boot') && document.querySelector('[data-testid="app-title"]')) window.bothShown = true;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    let release;
    const wasmHeld = new Promise((ok) => { release = ok; });
    await page.route(/\.wasm$/, async (route) => { await wasmHeld; await route.continue(); });
    await page.goto(`${server.url}?preset=article-50`, { waitUntil: 'commit' });
    const boot = page.locator('#boot');
    await boot.waitFor({ state: 'visible', timeout: 10000 });
    assert.equal(await page.locator('#boot h1:visible').innerText(), title, locale);
    const text = await boot.innerText();
    assert.ok(text.includes(hint), `${locale}: loading hint in ${JSON.stringify(text)}`);
    for (const other of ['Loading the calculator…', '正在載入計算器…', 'A carregar a calculadora…'].filter((h) => h !== hint)) {
      assert.ok(!text.includes(other), `${locale}: only one language shows, not ${other}`);
    }
    release();
    const app = new AppPage(page, server.url);
    await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
    assert.equal(await boot.count(), 0, 'the first view is removed when the app mounts');
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    assert.equal(await page.evaluate(() => window.bothShown), false, 'no frame shows both the first view and the app');
    assert.deepEqual(problems.consoleErrors, [], 'no console errors');
    assert.deepEqual(problems.foreignRequests, [], 'no request leaves the origin');
    await context.close();
  }
});

test('the loader, its snippet and the wasm are preloaded before the parser-blocking boot script', async () => {
  // scripts/preload-first.mjs: otherwise the browser starts the wasm only after boot.js has run.
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const boot = html.search(/<script src="\.\/boot-[^"]*\.js"/);
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="(modulepreload|preload)"[^>]*href="([^"]+)"/g)];
  assert.ok(boot > 0, 'boot script present');
  for (const wanted of [/\.js$/, /browser_zlib\.js$/, /_bg\.wasm$/]) {
    const link = preloads.find((m) => wanted.test(m[2]));
    assert.ok(link, `a preload for ${wanted}`);
    assert.ok(link.index < boot, `${link[2]} is preloaded before the boot script`);
  }
});

test('after one visit the app loads, recomputes and switches language with the network off', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await serviceWorkerInControl(page);
  await context.setOffline(true);
  const response = await page.reload();
  assert.ok(response?.fromServiceWorker(), 'the page came from the service worker');
  await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  const after = await recomputes(app);
  assert.ok(after.length >= 2, 'new figures for every option');
  // Another language's texts (a separate file, fetched on demand) come from the cache too.
  await app.setLanguage('zh-Hant');
  await page.waitForFunction(() => document.querySelector('[data-testid="app-title"]')?.innerText.includes('協作風險評估'), null, { timeout: 10000 });
  // A share-style address (query and fragment) is the same page offline.
  await page.goto(server.url + '?embed=1');
  await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  assert.deepEqual(problems.consoleErrors, [], 'no console errors');
  assert.deepEqual(problems.foreignRequests, [], 'no request leaves the origin');
  await context.close();
});

test('the service worker precaches every built file but itself, under a version that is a hash of them', async () => {
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const listed = JSON.parse(sw.match(/^const FILES = (.*);$/m)[1]).sort();
  const built = (await readdir(DIST, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(DIST.length + 1))
    // Not the precompressed twins (FILE.br, FILE.gz: the worker caches the decoded file once) nor
    // _headers (hosts read it and never serve it).
    .filter((f) => f !== 'sw.js' && f !== '_headers' && !/\.(br|gz)$/.test(f)).sort();
  assert.deepEqual(listed, built);
  assert.ok(listed.includes('index.html') && listed.some((f) => f.endsWith('.wasm')), `${listed}`);
  assert.match(sw, /^const VERSION = '[0-9a-f]{16}';$/m);
});

test('a new deploy replaces the old cache, and the page then comes from the new one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'collab-risk-deploy-'));
  await cp(DIST, dir, { recursive: true });
  const deploy = await startServer({ dir });
  try {
    const { page, context, problems } = await openPage(browser, deploy.origin);
    const app = new AppPage(page, deploy.url);
    await app.open();
    await serviceWorkerInControl(page);
    const first = await page.evaluate(() => caches.keys());
    assert.equal(first.length, 1, `one cache: ${first}`);
    // The next deploy: a changed index.html, and sw.js regenerated as the build's hook does.
    const index = join(dir, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('</body>', '<!-- deploy 2 --></body>'));
    const hook = spawnSync('node', ['scripts/sw-precache.mjs'], { env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' }, encoding: 'utf8' });
    assert.equal(hook.status, 0, hook.stderr);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    // waitForFunction does not await a promise: poll from here until the old cache is gone.
    const replaced = async () => {
      for (const end = Date.now() + 10000; Date.now() < end; await new Promise((ok) => setTimeout(ok, 100))) {
        const now = await page.evaluate(async () => ({ keys: await caches.keys(), state: (await navigator.serviceWorker.getRegistration())?.active?.state }));
        if (now.keys.length === 1 && now.keys[0] !== first[0] && now.state === 'activated') return true;
      }
      return false;
    };
    assert.ok(await replaced(), 'one cache, the new one, under an activated worker');
    await context.setOffline(true);
    await page.reload();
    await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
    assert.ok(await page.evaluate(() => document.body.innerHTML.includes('deploy 2')), 'the new index.html, offline');
    assert.deepEqual(problems.consoleErrors, [], 'no console errors');
    assert.deepEqual(problems.foreignRequests, [], 'no request leaves the origin');
    await context.close();
  } finally {
    await deploy.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/** A page on another origin that embeds the app (http://127.0.0.1:…) in an iframe: on the same site
 * (127.0.0.1, another port) or another site (localhost). */
async function embeddingSite(host, attributes = '') {
  const site = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><title>host</title><iframe ${attributes} src="${server.url}" width="1000" height="800"></iframe>`);
  });
  await new Promise((ok) => site.listen(0, '127.0.0.1', ok));
  return { url: `http://${host}:${site.address().port}/`, close: () => new Promise((ok) => site.close(ok)) };
}

/** Opens the embedding page; resolves to the app's frame once the app shows its totals. */
async function openEmbedded(page, site) {
  await page.goto(site.url);
  const frame = page.frames().find((f) => f.url().startsWith(server.url));
  assert.ok(frame, 'the app\'s iframe');
  await frame.locator('[data-testid="total-cost"]').first().waitFor({ state: 'visible', timeout: 15000 });
  return frame;
}

test('inside an iframe on another origin of the same site the app works offline after one visit', async () => {
  const site = await embeddingSite('127.0.0.1');
  try {
    const { page, context, problems } = await openPage(browser, server.origin);
    const frame = await openEmbedded(page, site);
    await serviceWorkerInControl(frame);
    await context.setOffline(true);
    await frame.goto(server.url);
    const app = new AppPage(frame, server.url);
    await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
    await recomputes(app);
    assert.deepEqual(problems.consoleErrors, [], 'no console errors');
    assert.deepEqual(problems.foreignRequests.filter((u) => !u.startsWith(site.url)), [], 'no request beyond the app and the embedding page');
    await context.close();
  } finally { await site.close(); }
});

test('inside an iframe on another site, or a sandboxed one, the app runs without a console error', async () => {
  // On another site Chromium refuses the service worker (third-party storage): the app runs online.
  for (const [host, attributes] of [['localhost', ''], ['127.0.0.1', 'sandbox="allow-scripts allow-same-origin"']]) {
    const site = await embeddingSite(host, attributes);
    try {
      const { page, context, problems } = await openPage(browser, server.origin);
      const frame = await openEmbedded(page, site);
      await frame.waitForFunction(() => document.readyState === 'complete');
      await page.waitForTimeout(500); // the registration runs after the load event
      await recomputes(new AppPage(frame, server.url));
      assert.deepEqual(problems.consoleErrors, [], `${host} ${attributes}: no console errors`);
      assert.deepEqual(problems.foreignRequests.filter((u) => !u.startsWith(site.url)), [], 'no request beyond the app and the embedding page');
      await context.close();
    } finally { await site.close(); }
  }
});

test('where service workers are unavailable or refused, the app still runs without a console error', async () => {
  const variants = {
    // No secure context, or a browser without service workers.
    absent: () => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined }),
    // An opaque-origin document: reading the property throws.
    throws: () => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => { throw new DOMException('denied', 'SecurityError'); } }),
    // Storage refused: registration rejects.
    rejects: () => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => ({ register: () => Promise.reject(new DOMException('refused', 'SecurityError')) }) }),
  };
  for (const [name, variant] of Object.entries(variants)) {
    const { page, context, problems } = await openPage(browser, server.origin);
    await page.addInitScript(variant);
    const app = new AppPage(page, server.url);
    await app.open();
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(300); // the registration runs after the load event
    assert.deepEqual(problems.consoleErrors, [], `${name}: no console errors`);
    await context.close();
  }
});

test('the web app manifest makes the app installable: standalone, relative start URL, an icon that exists', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, server.url).href;
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.name, /collab-risk/);
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  for (const icon of manifest.icons) {
    const res = await fetch(new URL(icon.src, manifestUrl));
    assert.equal(res.status, 200, icon.src);
  }
  const cdp = await context.newCDPSession(page);
  const { errors } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(errors, [], 'Chromium parses the manifest without error');
  // Playwright's contexts are incognito, where nothing installs: any other reason is ours.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'Chromium finds it installable');
  assert.deepEqual(problems.consoleErrors, [], 'no console errors');
  assert.deepEqual(problems.foreignRequests, [], 'no request leaves the origin');
  await context.close();
});
