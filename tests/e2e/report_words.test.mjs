// Issue 18, the rest: the print matches the screen (a scenario name; a preset's name that no longer
// describes the organisation gives way to a title from the inputs; the organisation and rates
// printed; file names from the title; source words translated; the heatmap's proportions; no
// heading left at a page foot), one "expected" figure and the simulated mean named as such, the
// headline saying when the lowest expected total is not the option most often best, and a link's
// preset names in the reader's language whichever language the link was made in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, openPage, AppPage, presetScenario, evaluateScenario, evaluator, assertClean, openOnPreset } from './support.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

const locale = (tag) => JSON.parse(readFileSync(new URL(`../../locales/${tag}.json`, import.meta.url), 'utf8'));

const open = (preset, opts) => openOnPreset(browser, server, preset, opts);

async function downloadName(page, app, testid) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), app.byTestId(testid).click()]);
  return download.suggestedFilename();
}

test('the report is titled from the inputs once a preset\'s organisation changed, or from the name typed; files follow', async () => {
  const { page, context, problems, app } = await open('bank-200');
  const name = app.byTestId('scenario-name');
  assert.equal(await name.inputValue(), 'Bank — 200 staff, 20,000 client records', 'the name field shows the preset name');
  assert.equal(await app.byTestId('print-report-title').textContent(), 'Bank — 200 staff, 20,000 client records');
  await app.setUsers(120);
  await app.byTestId('sector-select').selectOption('healthcare');
  await page.waitForFunction(() => document.querySelector('[data-testid="print-report-title"]').textContent.startsWith('Healthcare'));
  assert.equal(await app.byTestId('print-report-title').textContent(), 'Healthcare — 120 staff, 20,000 client records');
  await app.simulationDone();
  const json = await downloadName(page, app, 'export-json');
  assert.equal(json, 'collab-risk-healthcare-120-staff-20-000-client-records.json');
  assert.doesNotMatch(json, /bank-200-staff/);
  // The organisation and rates are in the printed report.
  await page.emulateMedia({ media: 'print' });
  const org = app.byTestId('print-organisation');
  assert.ok(await org.isVisible(), 'organisation printed');
  const orgText = await org.innerText();
  for (const want of ['Users (staff): 120', 'Client records (besides staff): 20,000', 'Sector: Healthcare', 'Horizon (years): 5', 'Discount rate:', 'MOP per USD:']) {
    assert.ok(orgText.includes(want), `${want} in ${orgText}`);
  }
  await page.emulateMedia({ media: 'screen' });
  // A name the reader types is the title, whatever the inputs.
  await name.fill('Q3 review: Macau office / 2027');
  await name.press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid="print-report-title"]').textContent === 'Q3 review: Macau office / 2027');
  assert.equal(await downloadName(page, app, 'export-json'), 'collab-risk-q3-review-macau-office-2027.json');
  await app.simulationDone();
  assert.equal(await downloadName(page, app, 'export-csv'), 'collab-risk-q3-review-macau-office-2027.csv');
  // Kept in the saved scenario.
  await page.waitForFunction(() => (localStorage.getItem('collab-risk.scenario') ?? '').includes('Q3 review'));
  assertClean(problems);
  await context.close();
});

test('a blank name: the title comes from the inputs, in the reader\'s language', async () => {
  const { page, context, problems, app } = await open('bank-200');
  await app.setLanguage('pt');
  await app.byTestId('scenario-name').fill('');
  await app.byTestId('scenario-name').press('Tab');
  const pt = locale('pt');
  await page.waitForFunction((s) => document.querySelector('[data-testid="print-report-title"]').textContent.startsWith(s), pt['sector.finance']);
  assert.equal(await app.byTestId('print-report-title').textContent(), `${pt['sector.finance']} — 200 trabalhadores, 20.000 registos de clientes`);
  assertClean(problems);
  await context.close();
});

test('in print, a source\'s words are translated (來源：估算, fonte: estimativa), in every preset', async () => {
  const { page, context, problems, app } = await open();
  const presets = await app.byTestId('preset-select').locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
  for (const [lang, raw, translated] of [['zh-Hant', /來源：estimate/, /來源：估算/], ['pt', /fonte: estimate/, /fonte: estimativa/]]) {
    await app.setLanguage(lang);
    let seen = false;
    for (const p of presets) {
      await app.loadPreset(p);
      const text = await app.byTestId('print-assumptions').textContent();
      assert.doesNotMatch(text, raw, `${lang} ${p}: ${text.slice(0, 300)}`);
      seen ||= translated.test(text);
    }
    assert.ok(seen, `${lang}: some preset changes a default whose source is an estimate`);
  }
  assertClean(problems);
  await context.close();
});

test('in print, the heatmap keeps its proportions and every heading keeps with what follows', async () => {
  const { page, context, problems, app } = await open();
  await app.loadPreset('bank-200');
  await app.simulationDone();
  const heatmap = app.byTestId('heatmap');
  await page.waitForFunction(() => document.querySelector('[data-testid="heatmap"]')?.hasAttribute('data-drawn'));
  // The drawing as it is when the browser prints (print does not wait for a redraw).
  const drawn = await heatmap.evaluate((c) => c.width / c.height);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  // An A4 page is narrower than the screen the heatmap was drawn on (210 mm at 96 dpi).
  await page.setViewportSize({ width: 794, height: 1123 });
  const box = await heatmap.evaluate((c) => c.clientWidth / c.clientHeight);
  assert.ok(Math.abs(box / drawn - 1) < 0.02, `printed box ${box.toFixed(3)} vs drawing ${drawn.toFixed(3)}`);
  const breaks = await page.evaluate(() => [...document.querySelectorAll('main h2, main h3')]
    .filter((h) => h.offsetParent !== null).map((h) => [h.textContent.slice(0, 40), getComputedStyle(h).breakAfter]));
  assert.ok(breaks.length > 3, `${breaks.length} headings printed`);
  for (const [text, value] of breaks) assert.equal(value, 'avoid', `heading "${text}"`);
  assertClean(problems);
  await context.close();
});

test('one figure is "expected"; the simulated mean on a card is named and explained as the simulation\'s', async () => {
  const { context, problems, app } = await open('bank-200');
  for (const lang of ['en', 'zh-Hant', 'pt']) {
    if (lang !== 'en') await app.setLanguage(lang);
    const t = locale(lang);
    const card = app.byTestId('option-card').first();
    const text = await card.innerText();
    assert.ok(text.includes(t['result.risk_adjusted_expected']), `${lang}: the expected total`);
    assert.ok(text.includes(t['result.risk_adjusted']), `${lang}: the simulated mean's name`);
    assert.equal(await card.locator('[data-testid="sim-mean-help"]').innerText(), t['result.risk_adjusted.help']);
  }
  const en = locale('en');
  assert.match(en['result.risk_adjusted'], /^Simulated mean/);
  assert.doesNotMatch(en['result.risk_adjusted'], /total/i, 'only the expected figure is called the total');
  assertClean(problems);
  await context.close();
});

test('school-80: the headline says when the lowest expected total is not the option most often best, in each language', async () => {
  const report = evaluateScenario(presetScenario('school-80'));
  const byExpected = [...report.options].sort((a, b) => Number(a.risk_adjusted_total_expected_mop) - Number(b.risk_adjusted_total_expected_mop));
  const often = [...report.decision.p_best].sort((a, b) => b.p - a.p)[0];
  assert.notEqual(often.option, byExpected[0].id, 'school-80 is such a case');
  const index = (id) => report.options.findIndex((o) => o.id === id);
  const { page, context, problems, app } = await open('school-80');
  for (const lang of ['en', 'zh-Hant', 'pt']) {
    if (lang !== 'en') await app.setLanguage(lang);
    await app.simulationDone();
    const labels = await app.byTestId('option-label').evaluateAll((es) => es.map((e) => e.value));
    const disagree = app.byTestId('verdict-disagree');
    await disagree.first().waitFor({ timeout: 10000 });
    const text = await disagree.first().innerText();
    assert.ok(text.includes(labels[index(byExpected[0].id)]), `${lang}: names the lowest expected total: ${text}`);
    assert.ok(text.includes(labels[index(often.option)]), `${lang}: names the option most often best: ${text}`);
    assert.match(text, /\d/, `${lang}: with its share of futures`);
  }
  // Where the two agree, the usual "how sure" sentence.
  await app.loadPreset('bank-200');
  await app.simulationDone();
  await page.waitForTimeout(200);
  const bank = evaluateScenario(presetScenario('bank-200'));
  const bankBest = [...bank.options].sort((a, b) => Number(a.risk_adjusted_total_expected_mop) - Number(b.risk_adjusted_total_expected_mop))[0].id;
  const bankOften = [...bank.decision.p_best].sort((a, b) => b.p - a.p)[0].option;
  assert.equal(bankBest, bankOften, 'bank-200 agrees');
  assert.equal(await app.byTestId('verdict-disagree').count(), 0);
  assertClean(problems);
  await context.close();
});

test('a link made in 繁體中文 opens with the preset\'s names in a Portuguese reader\'s language', async () => {
  const [zh, pt] = [locale('zh-Hant'), locale('pt')];
  const scenario = presetScenario('bank-200');
  const english = scenario.options.map((o) => o.label);
  scenario.name = zh['preset.bank-200.name'];
  for (const o of scenario.options) {
    const key = `preset.bank-200.${o.id}`;
    if (zh[key]) o.label = zh[key];
  }
  const link = evaluator(['--make-link', '-'], JSON.stringify(scenario)).trim();
  const { page, context, problems } = await openPage(browser, server.origin, { locale: 'pt-PT' });
  const app = new AppPage(page, server.url);
  await page.goto(`${server.url}#${link}`);
  await app.byTestId('total-cost').first().waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt');
  const labels = await app.byTestId('option-label').evaluateAll((es) => es.map((e) => e.value));
  assert.deepEqual(labels, scenario.options.map((o, i) => pt[`preset.bank-200.${o.id}`] ?? english[i]));
  assert.equal(await app.byTestId('print-report-title').textContent(), pt['preset.bank-200.name']);
  // Opened while the page is open (pasted into the address bar), too.
  await app.setLanguage('en');
  await page.evaluate((l) => { location.hash = l; }, link);
  await page.waitForFunction(() => location.hash === '', null, { timeout: 10000 });
  await page.waitForTimeout(300);
  const again = await app.byTestId('option-label').evaluateAll((es) => es.map((e) => e.value));
  assert.deepEqual(again, english, 'an English reader gets the English names');
  assertClean(problems);
  await context.close();
});
