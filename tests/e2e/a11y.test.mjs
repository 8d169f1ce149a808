// Accessibility: axe-core reports no serious or critical violation on the main page in each
// language; everything is reachable from the keyboard with a visible focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, AppPage, CHROMIUM_ARGS } from './support.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const lang of ['en', 'zh-Hant', 'pt']) {
  test(`axe-core: no serious or critical violations (${lang})`, async () => {
    // The page's CSP (rightly) refuses injected scripts: bypass it for the checker only.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const app = new AppPage(page, server.url);
    await app.open();
    await app.setLanguage(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    // Open the folded sections so their content is checked too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.waitForTimeout(300);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, help: v.help, target: v.nodes[0]?.target?.join(' ') }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
    await context.close();
  });
}

test('touch targets: axe-core target-size (WCAG 2.2 AA, 24 × 24 px) finds nothing, on a phone and a desktop', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    const context = await browser.newContext({ bypassCSP: true, viewport });
    const page = await context.newPage();
    const app = new AppPage(page, server.url);
    await app.open();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.waitForTimeout(300);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ['target-size'], resultTypes: ['violations'] });
      return r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
    });
    assert.deepEqual(result, [], `${viewport.width} px: targets under 24 × 24 px: ${result.join(', ')}`);
    await context.close();
  }
});

test('keyboard: tabbing reaches the inputs, the measures and the share button, with a visible focus', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const app = new AppPage(page, server.url);
  await app.open();
  const reached = new Set();
  for (let i = 0; i < 400 && reached.size < 4; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.getAttribute('data-testid') ?? el.id, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
    });
    if (['users-input', 'measure-checkbox', 'share-button', 'lang-select'].includes(info.id)) {
      assert.ok(info.outline, `visible focus on ${info.id}`);
      reached.add(info.id);
    }
  }
  assert.deepEqual([...reached].sort(), ['lang-select', 'measure-checkbox', 'share-button', 'users-input']);
  // A measure toggles with the keyboard.
  const box = page.locator('[data-testid="measure-checkbox"]').first();
  await box.focus();
  await page.keyboard.press('Space');
  assert.equal(await box.isChecked(), true);
  await context.close();
});
