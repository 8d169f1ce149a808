// The decision view in headless Chromium on the built dist/: the verdict on the first screen (and
// sticky while measures are edited), best configurations applied and undone, the tornado, and a
// printed report of at most six A4 pages in each language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, AppPage, mopValue, presetScenario, evaluateScenario } from './support.mjs';

let server, browser, bank;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  bank = evaluateScenario(presetScenario('bank-200'));
});
after(async () => { await browser?.close(); await server?.close(); });

const DESKTOP = { width: 1366, height: 900 };

async function openBank(opts = {}) {
  const { page, context, problems } = await openPage(browser, server.origin, { viewport: DESKTOP, ...opts });
  const app = new AppPage(page, server.url);
  await app.open();
  await app.loadPreset('bank-200');
  return { page, context, problems, app };
}

/** Waits until the off-typing-path analyses belong to the current inputs. */
async function analysesDone(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="best-config-pending"], [data-testid="tornado-pending"], [data-testid="verdict-flips-pending"]'), null, { timeout: 15000 });
}

const verdictText = (app) => app.byTestId('verdict-table').innerText();

function assertClean(problems) {
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
}

test('bank-200 at 1366×900: the verdict is on the first screen and names the best option', async () => {
  const { context, problems, app, page } = await openBank();
  const verdict = app.byTestId('verdict');
  const box = await verdict.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= DESKTOP.height, `verdict in the first viewport: ${JSON.stringify(box)}`);
  const table = await app.byTestId('verdict-table').boundingBox();
  assert.ok(table.y + table.height <= DESKTOP.height, 'the ranking table too');
  // The best option by the evaluator's exact expected risk-adjusted total.
  const best = bank.options.find((o) => o.id === bank.decision.ranking[0]);
  const firstRow = app.byTestId('verdict-row').first();
  const name = await firstRow.locator('th').innerText();
  assert.match(await app.byTestId('verdict-headline').innerText(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(mopValue(await firstRow.locator('td').first().innerText()), Math.round(best.risk_adjusted_total_expected_mop));
  assert.equal(await app.byTestId('verdict-row').count(), 4);
  // How sure: P(best) once the simulation is done, and the value of certainty.
  await app.simulationDone();
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="verdict-sure"]').innerText));
  await app.byTestId('verdict-evpi').waitFor();
  assertClean(problems);
  await context.close();
});

test('toggling a measure moves the verdict\'s figures at once', async () => {
  const { context, problems, app, page } = await openBank();
  const before = await verdictText(app);
  await app.byTestId('option-card').first().locator('[data-testid="measure-checkbox"]:not([disabled])').first().click();
  await page.waitForFunction((old) => document.querySelector('[data-testid="verdict-table"]').innerText !== old, before, { timeout: 2000 });
  assert.notEqual(await verdictText(app), before);
  assertClean(problems);
  await context.close();
});

test('applying a best configuration changes the option\'s measures and total; Undo restores both', async () => {
  const { context, problems, app, page } = await openBank();
  await analysesDone(page);
  const index = await app.byTestId('option-card').evaluateAll((cs) => cs.findIndex((c) => c.querySelector('[data-testid="apply-best-config"]')));
  assert.ok(index >= 0, 'some option is not at its best configuration');
  const card = app.byTestId('option-card').nth(index);
  const checked = () => card.locator('[data-testid="measure-checkbox"]').evaluateAll((xs) => xs.map((x) => x.checked).join(''));
  const total = () => card.locator('[data-testid="risk-adjusted-total"], [data-testid="total-cost"]').first().innerText();
  const [measuresBefore, totalBefore] = [await checked(), await total()];
  const saving = await card.locator('[data-testid="best-config-saving"]').innerText();
  await card.locator('[data-testid="apply-best-config"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="undo-notice"]'));
  assert.notEqual(await checked(), measuresBefore, 'measures changed');
  assert.notEqual(await total(), totalBefore, 'total changed');
  assert.match(saving, /MOP/);
  // Recomputed for the new inputs: now the best.
  await analysesDone(page);
  assert.equal(await card.locator('[data-testid="best-config-current"]').count(), 1);
  await app.byTestId('undo-button').click();
  await page.waitForFunction((old) => [...document.querySelectorAll('[data-testid="option-card"]')].some((c) => c.querySelector('[data-testid="apply-best-config"]')), null, { timeout: 5000 });
  assert.equal(await checked(), measuresBefore, 'Undo restores the measures');
  assert.equal(await total(), totalBefore, 'and the total');
  assertClean(problems);
  await context.close();
});

test('the tornado lists inputs sorted by swing, with break-even sentences, for a pair the reader picks', async () => {
  const { context, problems, app, page } = await openBank();
  await analysesDone(page);
  const swings = async () => (await app.byTestId('tornado-bar').evaluateAll((xs) => xs.map((x) => Number(x.dataset.swing))));
  const s = await swings();
  assert.ok(s.length >= 3, `bars: ${s.length}`);
  assert.deepEqual([...s].sort((a, b) => b - a), s, 'sorted by swing, largest first');
  // Bars are drawn from the centre line (CSS, not canvas).
  const widths = await app.byTestId('tornado-bar').first().locator('.seg').evaluateAll((xs) => xs.map((x) => x.getBoundingClientRect().width));
  assert.ok(Math.max(...widths) > 20, `the largest bar is drawn: ${widths}`);
  const flips = await app.byTestId('tornado-flip').allInnerTexts();
  const none = await app.byTestId('tornado-no-flip').count();
  assert.ok(flips.length > 0 || none === 1, 'a break-even sentence, or "no single input changes the answer"');
  for (const f of flips) assert.match(f, /stays ahead of .+ unless .+ (falls below|rises above) .*\d/);
  // Other pairs: the tornado follows the reader's choice; in bank-200 some pair can flip.
  const ids = bank.options.map((o) => o.id);
  const sentences = [...flips];
  for (const [a, b] of [[ids[0], ids[1]], [ids[2], ids[1]], [ids[0], ids[2]]]) {
    await app.byTestId('tornado-a').selectOption(a);
    await app.byTestId('tornado-b').selectOption(b);
    await analysesDone(page);
    const names = [a, b].map((id) => bank.options.find((o) => o.id === id).name);
    const difference = await app.byTestId('tornado-difference').innerText();
    for (const n of names) assert.ok(difference.includes(n), `${difference} names ${n}`);
    const sw = await swings();
    assert.deepEqual([...sw].sort((x, y) => y - x), sw, `pair ${a}/${b} sorted by swing`);
    sentences.push(...await app.byTestId('tornado-flip').allInnerTexts());
  }
  assert.ok(sentences.length > 0, 'some pair has a break-even value');
  for (const f of sentences) assert.match(f, /stays ahead of .+ unless .+ (falls below|rises above) .*\d/);
  assertClean(problems);
  await context.close();
});

for (const lang of ['en', 'zh-Hant', 'pt']) {
  test(`printing bank-200 gives a short report (≤ 6 A4 pages) in ${lang}`, async () => {
    const { context, problems, app, page } = await openBank();
    await app.setLanguage(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await app.simulationDone();
    await analysesDone(page);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    assert.ok(await app.byTestId('verdict').isVisible(), 'verdict printed');
    assert.ok(await app.byTestId('tornado').isVisible(), 'tornado printed');
    assert.ok(await app.byTestId('print-assumptions').isVisible(), 'assumptions printed');
    assert.equal(await page.locator('[data-testid="users-input"]').isVisible(), false, 'no input form');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`print ${lang}: ${pages} A4 pages`);
    assert.ok(pages >= 1 && pages <= 6, `${pages} pages`);
    assertClean(problems);
    await context.close();
  });
}

for (const viewport of [DESKTOP, { width: 390, height: 844 }]) {
  test(`the verdict stays in view after scrolling to the measures (${viewport.width}×${viewport.height})`, async () => {
    const { context, problems, app, page } = await openBank({ viewport });
    const measure = app.byTestId('option-card').nth(1).locator('[data-testid="measure-checkbox"]:not([disabled])').nth(3);
    await measure.scrollIntoViewIfNeeded();
    await measure.click();
    const box = await app.byTestId('verdict').boundingBox();
    assert.ok(box && box.y >= -1 && box.y < 5, `stuck to the top: ${JSON.stringify(box)}`);
    assert.ok(box.height < viewport.height / 4, `compact: ${box.height}px`);
    // Not covered: the headline is what is at its place on screen.
    const onTop = await page.evaluate(() => {
      const v = document.querySelector('[data-testid="verdict"]');
      const r = v.getBoundingClientRect();
      return v.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
    assert.ok(onTop);
    assert.ok(await app.byTestId('verdict-jump').isVisible(), 'with the jump to the results');
    assertClean(problems);
    await context.close();
  });
}
