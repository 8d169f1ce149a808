// Phones (issue 18): every preset, in each language, at 320, 360, 390 and 412 px wide (740 px
// tall). Fails when the page scrolls sideways, when any text is squeezed to a few characters a
// line (a name stacked one letter a line, "P(best" / ")"), when the sticky verdict bar takes more
// than 15 % of the screen, or when a figure of the answer is out of view. A 500-character name
// without spaces must not widen the page either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, AppPage } from './support.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

const WIDTHS = [320, 360, 390, 412];
const HEIGHT = 740;
const LANGUAGES = ['en', 'zh-Hant', 'pt'];

/** What is wrong with the layout of the page as it is now (empty: nothing). Runs in the page. */
function layoutProblems() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth}`);
  const scrollsSideways = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth) return true;
    }
    return false;
  };
  // Clipped out of sight for screen readers only (the verdict's header row on a phone).
  const visuallyHidden = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      if (getComputedStyle(e).clip !== 'auto' || (r.width <= 1 && r.height <= 1)) return true;
    }
    return false;
  };
  const describe = (el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!el || text.length === 0 || el.closest('.sr-only, .print-only, option, script, style, noscript') || visuallyHidden(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) continue; // not rendered (a closed <details>, display: none)
    const lines = new Set(rects.map((r) => Math.round(r.top))).size;
    const chars = [...text].length;
    const box = el.getBoundingClientRect();
    const em = parseFloat(style.fontSize);
    // Fewer than 4 characters a line (a text of 5 or more: a fragment such as " ↓ / " between
    // two texts may straddle a line end), or a box under ~4 characters wide.
    if (lines > 1 && chars >= 5 && chars / lines < 4) problems.push(`squeezed: "${text.slice(0, 40)}" in ${lines} lines (${describe(el)}, ${Math.round(box.width)} px wide)`);
    else if (lines > 1 && box.width > 0 && box.width < 2.4 * em) problems.push(`squeezed: "${text.slice(0, 40)}" in a ${Math.round(box.width)} px box (${describe(el)})`);
    const right = Math.max(...rects.map((r) => r.right));
    if (right > root.clientWidth + 1 && !scrollsSideways(el)) problems.push(`off screen: "${text.slice(0, 40)}" ends at ${Math.round(right)} px (${describe(el)})`);
  }
  // The sticky verdict bar: at most 15 % of the screen's height.
  const bar = document.querySelector('[data-testid="verdict"]').getBoundingClientRect();
  if (bar.height > 0.15 * innerHeight) problems.push(`the verdict bar is ${Math.round(bar.height)} px tall (${Math.round(100 * bar.height / innerHeight)} % of the screen)`);
  // Every figure of the answer, in view across the width, with its label.
  for (const row of document.querySelectorAll('[data-testid="verdict-row"]')) {
    for (const cell of row.querySelectorAll('th, td')) {
      const r = cell.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0 || r.left < 0 || r.right > root.clientWidth + 1) problems.push(`verdict cell out of view: "${cell.innerText.slice(0, 30)}" at ${Math.round(r.left)}–${Math.round(r.right)} px`);
      if (cell.tagName === 'TD' && !/\S/.test(cell.innerText)) problems.push('a verdict figure is empty');
    }
  }
  return problems;
}

async function openAt(width, lang) {
  const { page, context, problems } = await openPage(browser, server.origin, { viewport: { width, height: HEIGHT } });
  const app = new AppPage(page, server.url);
  await app.open();
  if (lang !== 'en') await app.setLanguage(lang);
  return { page, context, problems, app };
}

for (const lang of LANGUAGES) {
  for (const width of WIDTHS) {
    test(`${lang} at ${width}×${HEIGHT}: every preset reads without sideways scrolling or squeezed text`, async () => {
      const { page, context, problems, app } = await openAt(width, lang);
      const presets = await app.byTestId('preset-select').locator('option:not([disabled])').evaluateAll((xs) => xs.map((x) => x.value));
      assert.ok(presets.length >= 4, `presets: ${presets}`);
      const found = [];
      for (const preset of presets) {
        await app.loadPreset(preset);
        await app.simulationDone();
        // At the top, and scrolled down (the bar is sticky there).
        for (const y of [0, 1500]) {
          await page.evaluate((top) => window.scrollTo(0, top), y);
          found.push(...(await page.evaluate(layoutProblems)).map((p) => `${preset} @${y}: ${p}`));
        }
      }
      assert.deepEqual(found, []);
      assert.deepEqual(problems.consoleErrors, []);
      assert.deepEqual(problems.foreignRequests, []);
      await context.close();
    });
  }
}

test('a 500-character name without spaces widens nothing, at 320 px in each language', async () => {
  for (const lang of LANGUAGES) {
    const { page, context, problems, app } = await openAt(320, lang);
    await app.loadPreset('bank-200');
    const name = 'X'.repeat(250) + '澳'.repeat(250);
    const before = await app.byTestId('verdict-table').innerText();
    await app.byTestId('option-label').first().fill(name);
    await page.waitForFunction((old) => document.querySelector('[data-testid="verdict-table"]').innerText !== old, before);
    await app.simulationDone();
    const found = [];
    for (const y of [0, 1500]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      found.push(...(await page.evaluate(layoutProblems)).filter((p) => !p.startsWith('squeezed')).map((p) => `@${y}: ${p}`));
    }
    assert.deepEqual(found, [], lang);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.foreignRequests, []);
    await context.close();
  }
});

test('"P(best)" stays on one line in the verdict table on a wide screen too', async () => {
  for (const lang of LANGUAGES) {
    const { page, context, app } = await openPage(browser, server.origin, { viewport: { width: 1024, height: 768 } }).then((o) => ({ ...o, app: new AppPage(o.page, server.url) }));
    await app.open();
    if (lang !== 'en') await app.setLanguage(lang);
    await app.loadPreset('bank-200');
    const lines = await page.evaluate(() => {
      const th = document.querySelector('[data-testid="verdict-table"] thead th:last-child');
      const range = document.createRange();
      range.selectNodeContents(th);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    });
    assert.equal(lines, 1, `${lang}: P(best) on one line`);
    await context.close();
  }
});
