// The built dist/ loads over http on 127.0.0.1 (under a sub-path), renders, recomputes on input,
// logs no console error and requests nothing from any other origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, AppPage, mopValue } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('page mounts, shows the title and recomputes the five-year cost when users change', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  assert.match(await app.title(), /collab-risk/);
  const before = (await app.totals()).map(mopValue);
  assert.equal(before.length >= 2, true, 'at least two options');
  const beforeTexts = (await app.totals()).join('|');
  await app.setUsers(100);
  await page.waitForFunction(
    (old) => [...document.querySelectorAll('[data-testid="total-cost"]')].map((e) => e.innerText).join('|') !== old,
    beforeTexts, { timeout: 5000 });
  const after = (await app.totals()).map(mopValue);
  for (let i = 0; i < before.length; i++) {
    // Licence cost is linear in users: 50 → 100 doubles it (±1 for rounding to whole patacas).
    assert.ok(Math.abs(after[i] - 2 * before[i]) <= 1, `option ${i}: ${before[i]} → ${after[i]}`);
  }
  assert.deepEqual(problems.consoleErrors, [], 'no console errors');
  assert.deepEqual(problems.foreignRequests, [], 'no request leaves the origin');
  await context.close();
});

test('every file dist/index.html references is relative', async () => {
  const res = await fetch(server.url + 'index.html');
  const html = await res.text();
  const refs = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 3, `found references: ${refs}`);
  for (const r of refs) assert.ok(r.startsWith('./') && !r.includes('//'), `relative: ${r}`);
  assert.match(html, /integrity="sha384-/, 'Subresource Integrity on script and wasm');
  assert.doesNotMatch(html, /'unsafe-inline'/, 'no unsafe-inline');
});
