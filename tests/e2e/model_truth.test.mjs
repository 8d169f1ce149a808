// What the model-truth issue changed, as a reader sees it: measures a platform cannot take are not
// offered (and why, in the reader's language), a changed fact drops them with Undo, the platform in
// use pays no migration, ROI is uncapped with its spread and each measure's share, the exact
// expected total on every card, and what still leaves Macau for self-hosted options.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, AppPage, mopValue, presetScenario, evaluateScenario } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(opts) {
  const { page, context, problems } = await openPage(browser, server.origin, opts);
  const app = new AppPage(page, server.url);
  await app.open();
  return { page, context, problems, app };
}

function clean(problems) {
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
}

const card = (app, platform) => app.page.locator('[data-testid="option-card"]', {
  has: app.page.locator(`[data-testid="platform-select"] option[value="${platform}"]:checked`),
});

test('every card shows the exact expected risk-adjusted total of the evaluator', async () => {
  const { context, problems, app } = await open();
  await app.loadPreset('bank-200');
  const native = evaluateScenario(presetScenario('bank-200'));
  const shown = (await app.byTestId('risk-adjusted-total').allInnerTexts()).map(mopValue);
  assert.deepEqual(shown, native.options.map((o) => Math.round(o.risk_adjusted_total_expected_mop)));
  clean(problems);
  await context.close();
});

for (const tag of ['en', 'zh-Hant', 'pt']) {
  test(`Signal is not offered a DPA, and the reason is in the reader's language (${tag})`, async () => {
    const { context, problems, app } = await open();
    await app.loadPreset('clinic-30');
    await app.setLanguage(tag);
    const signal = card(app, 'signal');
    const dpa = signal.locator('[data-measure="dpa"]');
    assert.ok(await dpa.locator('input[type=checkbox]').isDisabled());
    const why = await dpa.locator('[data-testid="measure-not-offered"]').innerText();
    assert.ok(why.length > 10);
    if (tag !== 'en') assert.doesNotMatch(why, /Data Processing Agreement|business offering/);
    // Self-hosted: the DPA is with the hosting provider, so it is offered.
    const element = card(app, 'element_selfhosted_macau');
    assert.ok(!(await element.locator('[data-measure="dpa"] input[type=checkbox]').isDisabled()));
    // Data in Macau: no transfer basis to choose.
    assert.ok(await element.locator('[data-measure="transfer_consent_notification"] input[type=checkbox]').isDisabled());
    clean(problems);
    await context.close();
  });
}

test('a fact that makes a measure impossible drops it, with Undo', async () => {
  const { context, problems, app, page } = await open();
  await app.loadPreset('bank-200');
  const dingtalk = app.byTestId('option-card').nth(1);
  const measure = dingtalk.locator('[data-measure="location_tracking_off"] input[type=checkbox]');
  assert.ok(await measure.isChecked());
  await dingtalk.locator('details.facts > summary').click();
  const tracking = dingtalk.locator('[data-field="location_tracking"] input[type=checkbox], [data-field="location_tracking"] select').first();
  if (await tracking.evaluate((e) => e.tagName === 'SELECT')) await tracking.selectOption('false');
  else await tracking.uncheck();
  await page.waitForFunction(() => !document.querySelectorAll('[data-testid="option-card"]')[1]
    .querySelector('[data-measure="location_tracking_off"] input').checked);
  assert.ok(await measure.isDisabled());
  await app.byTestId('undo-button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="option-card"]')[1]
    .querySelector('[data-measure="location_tracking_off"] input').checked);
  assert.equal(await app.byTestId('model-error').count(), 0);
  clean(problems);
  await context.close();
});

test('the platform in use pays no migration: the checkbox moves the total by exactly that', async () => {
  const { context, problems, app, page } = await open();
  await app.loadPreset('bank-200');
  const scenario = presetScenario('bank-200');
  assert.deepEqual(await app.byTestId('incumbent-checkbox').evaluateAll((els) => els.map((e) => e.checked)),
    scenario.options.map((o) => Boolean(o.incumbent)));
  const teams = app.byTestId('option-card').nth(2);
  const beforeText = await teams.locator('[data-testid="total-cost"]').innerText();
  const before = mopValue(beforeText);
  await teams.locator('[data-testid="incumbent-checkbox"]').check();
  await page.waitForFunction((old) => document.querySelectorAll('[data-testid="total-cost"]')[2].innerText !== old, beforeText);
  scenario.options[2].incumbent = true;
  const native = evaluateScenario(scenario).options[2];
  assert.equal(native.cost.by_category.migration_and_training, '0');
  const after = mopValue(await teams.locator('[data-testid="total-cost"]').innerText());
  assert.ok(after < before, `${before} → ${after}`);
  assert.equal(after, Math.round(Number(native.cost.total_mop)));
  clean(problems);
  await context.close();
});

test('ROI: uncapped, with its interval, P(pays off) explained and each measure\'s share', async () => {
  const { context, problems, app, page } = await open();
  await app.loadPreset('bank-200');
  await app.simulationDone();
  const dingtalk = app.byTestId('option-card').nth(1);
  const score = Number((await dingtalk.locator('[data-testid="roi-score"]').innerText()).replace(',', '.'));
  assert.ok(score > 0 && score < 100, `score ${score}`);
  assert.match(await dingtalk.locator('[data-testid="net-benefit-interval"]').innerText(), /MOP.*MOP/);
  assert.match(await dingtalk.locator('[data-testid="p-pays-off"]').innerText(), /\d%/);
  assert.match(await dingtalk.locator('.roi-help').innerText(), /minority of futures/);
  // Laid out as label | figure: the long interval does not squeeze the labels to a letter a line.
  for (const dt of await dingtalk.locator('dl.roi dt').all()) {
    const box = await dt.boundingBox();
    assert.ok(box.width > 80 && box.height < 150, `ROI label ${JSON.stringify(box)}`);
  }
  const native = evaluateScenario(presetScenario('bank-200')).options[1].compliance_roi;
  await dingtalk.locator('details.contributions > summary').click();
  const items = dingtalk.locator('[data-testid="measure-contribution"]');
  assert.equal(await items.count(), native.contributions.length);
  const first = native.contributions[0];
  const shown = await dingtalk.locator(`[data-testid="measure-contribution"][data-measure="${first.measure}"] strong`).innerText();
  assert.equal(mopValue(shown), Math.round(first.net_benefit_mop));
  // The figures are rebuilt on every change; the list the reader opened stays open.
  const before = await dingtalk.locator('[data-testid="net-benefit"]').innerText();
  await app.setUsers(260);
  await page.waitForFunction((old) => document.querySelectorAll('[data-testid="option-card"]')[1]
    .querySelector('[data-testid="net-benefit"]').innerText !== old, before);
  assert.equal(await dingtalk.locator('details.contributions').evaluate((d) => d.open), true, 'still open after an edit');
  await page.waitForTimeout(0);
  clean(problems);
  await context.close();
});

test('self-hosted in Macau: the badge says what still leaves', async () => {
  const { context, problems, app } = await open();
  await app.loadPreset('bank-200');
  const element = card(app, 'element_selfhosted_macau');
  assert.match(await element.locator('[data-testid="residency-still-leaves"]').innerText(), /push/i);
  assert.equal(await card(app, 'dingtalk_international').first().locator('[data-testid="residency-still-leaves"]').count(), 0);
  clean(problems);
  await context.close();
});
