// The calculator in real headless Chromium on the built dist/: presets, recomputation checked
// against the native evaluator, validation, languages, heatmap pixels at DPR 1 and 2, measures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openPage, AppPage, mopValue, presetScenario, evaluateScenario, roundMop, canvasStats,
} from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(opts) {
  const { page, context, problems } = await openPage(browser, server.origin, opts);
  const app = new AppPage(page, server.url);
  await app.open();
  return { page, context, problems, app };
}

for (const preset of ['article-50', 'bank-200', 'clinic-30', 'school-80', 'trading-20']) {
  test(`preset ${preset}: totals match the evaluator, and follow a change of users exactly`, async () => {
    const { context, problems, app, page } = await open();
    await app.loadPreset(preset);
    const scenario = presetScenario(preset);
    const expected = evaluateScenario(scenario).options.map((o) => roundMop(o.cost.total_mop));
    assert.equal(await app.byTestId('option-card').count(), scenario.options.length);
    assert.deepEqual((await app.totals()).map(mopValue), expected);
    assert.equal(await app.byTestId('preset-select').inputValue(), preset);

    const users = scenario.organisation.users * 3 + 7;
    const beforeTexts = await app.totals();
    scenario.organisation.users = users;
    const expectedAfter = evaluateScenario(scenario).options.map((o) => roundMop(o.cost.total_mop));
    await app.setUsers(users);
    // Per-organisation prices do not move with users: then "the right amount" is no change.
    const moves = expectedAfter.some((v, i) => v !== expected[i]);
    const after = (moves ? await app.totalsChangedFrom(beforeTexts) : await app.totals()).map(mopValue);
    assert.deepEqual(after, expectedAfter, 'every total-cost changed by the evaluator\'s amount');
    // Edited: the picker no longer claims the scenario is the preset.
    await page.waitForFunction(() => document.querySelector('[data-testid="preset-select"]').value === '');
    const stats = await canvasStats(page, 'heatmap');
    assert.ok(stats.colours > 20, `heatmap drawn (${stats.colours} colours)`);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.foreignRequests, []);
    await context.close();
  });
}

test('invalid input is marked on the field in the current language; the last valid result stays', async () => {
  const { context, problems, app, page } = await open();
  const totals = await app.totals();
  for (const bad of ['abc', '0', '100001', '12.5', '']) {
    await app.setUsers(bad);
    const input = app.byTestId('users-input');
    assert.equal(await input.getAttribute('aria-invalid'), 'true', `"${bad}" is refused`);
    const message = await page.locator('#users-input-error').innerText();
    assert.ok(message.length > 3, `message for "${bad}": ${message}`);
    assert.deepEqual(await app.totals(), totals, 'results unchanged');
    // …and marked as such next to the totals and the results.
    assert.equal(await app.byTestId('stale-notice').count(), 2);
  }
  await app.setLanguage('pt');
  await app.setUsers('x');
  assert.match(await page.locator('#users-input-error').innerText(), /número/);
  assert.match(await app.byTestId('stale-notice').first().innerText(), /últimos valores válidos/);
  await app.setUsers('60');
  assert.equal(await app.byTestId('users-input').getAttribute('aria-invalid'), 'false');
  assert.equal(await app.byTestId('stale-notice').count(), 0, 'corrected: no notice');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('switching language changes the title, a label and the number format, and is remembered', async () => {
  const { context, app, page } = await open();
  const en = { title: await app.title(), label: await page.locator('label[for="users-input"]').innerText(), total: (await app.totals())[0] };
  assert.match(en.total, /^MOP \d{1,3}(,\d{3})+$/);
  await app.setLanguage('zh-Hant');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
  assert.notEqual(await app.title(), en.title);
  assert.notEqual(await page.locator('label[for="users-input"]').innerText(), en.label);
  await app.setLanguage('pt');
  const ptTotal = (await app.totals())[0];
  assert.match(ptTotal, /^MOP \d{1,3}(\.\d{3})+$/, `Portuguese grouping: ${ptTotal}`);
  assert.equal(mopValue(ptTotal), mopValue(en.total));
  await page.reload();
  await app.byTestId('total-cost').first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt', 'remembered after reload');
  await context.close();
});

test('a Chinese browser starts in 繁體中文, presets included', async () => {
  const { context, page, app } = await open({ locale: 'zh-MO' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');
  assert.match(await page.locator('.option-title').first().innerText(), /釘釘/);
  assert.match(await app.byTestId('claim').innerText(), /MOP 140,000/);
  await app.loadPreset('clinic-30');
  assert.match(await page.locator('.option-title').first().innerText(), /企業微信/);
  // Platform names in the picker and for a new option are in Traditional Chinese too.
  assert.equal(await page.locator('[data-testid="platform-select"] option[value="custom"]').first().innerText(), '自訂平台');
  await app.byTestId('add-option').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.option-title')].some((t) => t.innerText.includes('釘釘 — 中國內地')));
  await context.close();
});

for (const dpr of [1, 2]) {
  test(`heatmap is crisp at devicePixelRatio ${dpr}: backing store = CSS size × DPR, non-uniform pixels`, async () => {
    const { context, page, problems } = await open({ deviceScaleFactor: dpr });
    await page.waitForFunction(() => document.querySelector('[data-testid="heatmap"]')?.width > 0);
    const s = await canvasStats(page, 'heatmap');
    assert.equal(s.dpr, dpr);
    // Its accessible name carries the worst cell's figure.
    assert.match(await page.locator('[data-testid="heatmap"]').getAttribute('aria-label'), /Risk heatmap: highest expected annual loss MOP [\d.,]+k?/);
    assert.ok(Math.abs(s.width - Math.round(s.cssWidth * dpr)) <= 1, `width ${s.width} vs ${s.cssWidth}×${dpr}`);
    assert.ok(Math.abs(s.height - Math.round(s.cssHeight * dpr)) <= 1, `height ${s.height} vs ${s.cssHeight}×${dpr}`);
    assert.ok(s.colours > 20, `drawn: ${s.colours} colours`);
    // Redrawn on resize.
    await page.setViewportSize({ width: 700, height: 900 });
    await page.waitForFunction((w) => document.querySelector('[data-testid="heatmap"]').width !== w, s.width);
    const t = await canvasStats(page, 'heatmap');
    assert.ok(Math.abs(t.width - Math.round(t.cssWidth * dpr)) <= 1);
    assert.deepEqual(problems.consoleErrors, []);
    await context.close();
  });
}

test('configuring DingTalk measures lowers its risk, and the ROI and heatmap respond', async () => {
  const { context, page, app, problems } = await open();
  await app.loadPreset('bank-200');
  await app.simulationDone();
  const card = app.byTestId('option-card').first();
  const eal = async () => mopValue(await card.locator('[data-testid="option-eal"]').innerText());
  const beforeText = await card.locator('[data-testid="option-eal"]').innerText();
  const before = mopValue(beforeText);
  const heatBefore = await page.evaluate(() => document.querySelector('[data-testid="heatmap"]').toDataURL());
  const table = await app.byTestId('results-table').innerText();
  await card.locator('[data-measure="restricted_admins"] input[type=checkbox]').check();
  await card.locator('[data-measure="monthly_log_audit"] input[type=checkbox]').check();
  await card.locator('[data-measure="transfer_consent_notification"] input[type=checkbox]').check();
  await page.waitForFunction((old) =>
    document.querySelector('[data-testid="option-card"] [data-testid="option-eal"]').innerText !== old, beforeText);
  const after = await eal();
  assert.ok(after < before, `EAL ${before} → ${after}`);
  await app.simulationDone();
  // One decimal, never saturated at 100.
  const score = await card.locator('[data-testid="roi-score"]').innerText();
  assert.match(score, /^\d{1,2}[.,]\d$/);
  assert.match(await card.locator('[data-testid="residency-badge"]').innerText(), /20\(1\)/);
  assert.notEqual(await app.byTestId('results-table').innerText(), table);
  await page.waitForFunction((old) => document.querySelector('[data-testid="heatmap"]').toDataURL() !== old, heatBefore);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('options can be added, duplicated and removed within 2 to 6', async () => {
  const { context, app, problems } = await open();
  const count = () => app.byTestId('option-card').count();
  assert.equal(await count(), 2);
  assert.ok(await app.byTestId('remove-option').first().isDisabled(), 'cannot go below 2');
  for (let i = 0; i < 4; i++) await app.byTestId('add-option').click();
  assert.equal(await count(), 6);
  assert.ok(await app.byTestId('add-option').isDisabled(), 'cannot go above 6');
  await app.byTestId('remove-option').nth(5).click();
  await app.byTestId('duplicate-option').first().click();
  assert.equal(await count(), 6);
  const totals = await app.totals();
  assert.equal(totals[0], totals[1], 'a duplicate costs the same');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a long Monte Carlo shows progress and does not block typing', async () => {
  const { context, page, app, problems } = await open();
  await app.loadPreset('bank-200');
  // A slow machine (CPU throttled 10×), so the run surely takes "longer than a moment".
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
  // The same edit with no long simulation running: what this machine needs anyway.
  await app.simulationDone();
  const edit = async (users) => {
    const before = await app.totals();
    const t0 = Date.now();
    await app.setUsers(users);
    await app.totalsChangedFrom(before);
    return Date.now() - t0;
  };
  const idle = await edit(320);
  await app.simulationDone();
  await page.locator('details.advanced > summary').click();
  await page.locator('#trials-input').fill('200000');
  await page.locator('[data-testid="sim-status"] progress').waitFor({ timeout: 5000 });
  // While it runs, an edit still updates the deterministic results at once: the simulation adds
  // at most a second (on this 10× slower CPU) to what the edit takes without it.
  const busy = await edit(321);
  assert.ok(busy < idle + 1000, `typing answered in ${busy} ms during the simulation, ${idle} ms without`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await app.simulationDone();
  assert.match(await app.byTestId('sim-status').innerText(), /200,000/);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a platform fact can be overridden, shows its source on focus, is marked edited and can be reset', async () => {
  const { context, page, app, problems } = await open();
  await app.loadPreset('bank-200'); // its first option has no overrides: reset returns to the preset
  const card = app.byTestId('option-card').first();
  await card.locator('details.facts > summary').click();
  const row = card.locator('.fact-row[data-field="licence_amount"]');
  const input = row.locator('input');
  const tip = row.locator('.source-tip');
  assert.equal(await tip.isVisible(), false);
  await input.focus();
  assert.equal(await tip.isVisible(), true, 'source shown on focus');
  assert.match(await tip.innerText(), /\d{4}-\d{2}-\d{2}/, 'as-of date');
  assert.match(await tip.innerText(), /estimate|confirmed|secondary/);
  // Escape hides the tip without moving focus (WCAG 1.4.13: dismissible).
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  assert.equal(await tip.isVisible(), false, 'Escape hides the tip');
  assert.equal(await input.evaluate((e) => e === document.activeElement), true);
  const before = await app.totals();
  await input.fill('100');
  const after = await app.totalsChangedFrom(before);
  assert.notEqual(after[0], before[0]);
  assert.deepEqual(after.slice(1), before.slice(1), 'the other options are untouched');
  assert.equal(await row.locator('[data-testid="edited-mark"]').count(), 1);
  await row.getByRole('button', { name: /Reset/ }).click();
  await app.totalsChangedFrom(after);
  assert.deepEqual(await app.totals(), before, 'back to the default');
  assert.equal(await row.locator('[data-testid="edited-mark"]').count(), 0);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a platform change that resets edited facts says so and can be undone', async () => {
  const { context, page, app, problems } = await open();
  await app.loadPreset('article-50'); // its DingTalk option has an edited licence price (USD 71.91)
  await app.byTestId('undo-notice').locator('.link').click(); // dismiss the preset's own notice
  const card = app.byTestId('option-card').first();
  await card.locator('details.facts > summary').click();
  const price = card.locator('.fact-row[data-field="licence_amount"] input');
  assert.equal(await price.inputValue(), '71.91');
  const before = await app.totals();
  await card.locator('[data-testid="platform-select"]').focus(); // as a keyboard user would be
  await card.locator('[data-testid="platform-select"]').selectOption('signal');
  const switched = await app.totalsChangedFrom(before);
  assert.match(await app.byTestId('undo-notice').innerText(), /edited facts were reset/);
  await app.byTestId('undo-button').click();
  await app.totalsChangedFrom(switched);
  assert.deepEqual(await app.totals(), before, 'undo restores the edited facts and their totals');
  // Focus goes back to the control the reader used, not to <body>.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'platform-select');
  await card.locator('details.facts').evaluate((d) => { d.open = true; });
  assert.equal(await card.locator('.fact-row[data-field="licence_amount"] input').inputValue(), '71.91');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('changing an option\'s platform shows the new platform\'s facts', async () => {
  const { context, app, problems } = await open();
  const card = app.byTestId('option-card').first();
  await card.locator('details.facts > summary').click();
  await card.locator('[data-testid="platform-select"]').selectOption('element_selfhosted_macau');
  await card.locator('.fact-row[data-field="data_location"] select').waitFor();
  assert.equal(await card.locator('.fact-row[data-field="data_location"] select').inputValue(), 'macau');
  assert.match(await card.locator('[data-testid="residency-badge"]').innerText(), /Macau/);
  await card.locator('[data-testid="platform-select"]').selectOption('dingtalk_mainland');
  await card.page().waitForFunction(() => document.querySelector('.fact-row[data-field="data_location"] select').value === 'mainland_other');
  assert.equal(await card.locator('.fact-row[data-field="licence_currency"] select').inputValue(), 'CNY');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('identical options tie: neither is "cheaper" than the other', async () => {
  const { context, page, app, problems } = await open();
  await app.byTestId('duplicate-option').first().click();
  await app.simulationDone();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-matrix"] tbody tr').length === 3);
  const cell = (r, c) => page.locator(`[data-testid="compare-matrix"] tbody tr:nth-child(${r}) td:nth-of-type(${c})`).innerText();
  assert.match(await cell(1, 2), /^0[.,]0\s?%$/);
  assert.match(await cell(2, 1), /^0[.,]0\s?%$/);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('transfer bases are alternatives; removing the article\'s option keeps the app working', async () => {
  const { context, page, app, problems } = await open();
  const card = app.byTestId('option-card').first();
  await card.locator('[data-measure="transfer_consent_notification"] input').check();
  await card.locator('[data-measure="transfer_authorisation"] input').check();
  assert.equal(await card.locator('[data-measure="transfer_consent_notification"] input').isChecked(), false);
  assert.equal(await card.locator('[data-measure="transfer_authorisation"] input').isChecked(), true);
  await app.byTestId('add-option').click();
  const before = await app.totals();
  await app.byTestId('remove-option').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="option-card"]').length === 2);
  assert.equal(await app.byTestId('model-error').count(), 0, 'still evaluable');
  assert.equal(await app.byTestId('claim').count(), 0, 'the claim about the removed option is gone');
  assert.notDeepEqual(await app.totals(), before);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'add-option', 'focus kept');
  // It says so, and Undo brings the option and the article check back.
  assert.match(await app.byTestId('undo-notice').innerText(), /article check/);
  await app.byTestId('undo-button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="option-card"]').length === 3);
  assert.equal(await app.byTestId('claim').count(), 1);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('the other language\'s decimal mark is refused, not read as a thousands separator', async () => {
  const { context, page, app } = await open();
  await page.locator('details.economics > summary').click();
  const totals = await app.totals();
  await page.locator('#fx-usd-input').fill('8,05');
  assert.equal(await page.locator('#fx-usd-input').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await app.totals(), totals);
  await app.setLanguage('pt');
  await page.locator('#fx-usd-input').fill('8.05');
  assert.equal(await page.locator('#fx-usd-input').getAttribute('aria-invalid'), 'true');
  await page.locator('#fx-usd-input').fill('8,1');
  assert.equal(await page.locator('#fx-usd-input').getAttribute('aria-invalid'), 'false');
  await context.close();
});

test('on a 390 px phone nothing scrolls sideways, with every section open', async () => {
  const { context, page, app, problems } = await open({ viewport: { width: 390, height: 800 }, deviceScaleFactor: 2 });
  await app.loadPreset('bank-200');
  await app.simulationDone();
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.waitForTimeout(300);
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px viewport`);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('on a phone the undo offer and error banner never cover the verdict bar, wherever the reader scrolls', async () => {
  const { context, page, app, problems } = await open({ viewport: { width: 390, height: 800 }, deviceScaleFactor: 2 });
  await app.loadPreset('bank-200');
  await app.byTestId('undo-notice').waitFor();
  for (const y of [0, 900, 2500]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
    const [notice, verdict] = await Promise.all([app.byTestId('undo-notice').boundingBox(), app.byTestId('verdict').boundingBox()]);
    const overlap = notice.y < verdict.y + verdict.height && verdict.y < notice.y + notice.height;
    const seen = (b) => b.y < 800 && b.y + b.height > 0;
    assert.ok(seen(notice), `undo offer in view at scroll ${y}`);
    assert.ok(!(seen(verdict) && overlap), `scroll ${y}: undo offer ${JSON.stringify(notice)} over the verdict ${JSON.stringify(verdict)}`);
  }
  // A refused link's banner joins it there, above it, and covers the verdict no more.
  await page.evaluate(() => { location.hash = 's=1.broken'; });
  await app.byTestId('error-banner').waitFor();
  for (const y of [0, 1500]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
    const [banner, verdict] = await Promise.all([app.byTestId('error-banner').boundingBox(), app.byTestId('verdict').boundingBox()]);
    assert.ok(banner.y + banner.height <= 800 && banner.y >= 0, `banner in view at scroll ${y}`);
    assert.ok(banner.y >= verdict.y + verdict.height || verdict.y + verdict.height <= 0, `scroll ${y}: banner ${JSON.stringify(banner)} over the verdict ${JSON.stringify(verdict)}`);
  }
  // Loading a preset ends what the banner said ("showing your last saved scenario").
  await app.loadPreset('clinic-30');
  await page.waitForFunction(() => !document.querySelector('[data-testid="error-banner"]'));
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('loading a preset can be undone; a blank option name still shows a name', async () => {
  const { context, page, app, problems } = await open();
  await app.setUsers(77);
  const mine = await app.totals();
  await app.loadPreset('clinic-30');
  await app.byTestId('undo-notice').waitFor();
  await app.byTestId('undo-button').click();
  await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="total-cost"]')].map((e) => e.innerText).join('|') === t, mine.join('|'));
  assert.equal(await app.byTestId('users-input').inputValue(), '77');
  assert.equal(await app.byTestId('undo-notice').count(), 0);
  await app.byTestId('option-label').first().fill('');
  await page.waitForFunction(() => document.querySelector('[data-testid="results-table"] tbody th')?.innerText.trim().length > 0);
  assert.match(await page.locator('[data-testid="cost-chart"]').getAttribute('aria-label'), /MOP/);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('plans: a capped free plan moves to a paid one above its cap, says so, and a plan without retention control offers no auto-delete', async () => {
  const { context, problems, app, page } = await open();
  await app.loadPreset('trading-20');
  const cards = app.byTestId('option-card');
  const lark = cards.nth(2);
  assert.match(await lark.locator('[data-testid="plan-used"]').innerText(), /Starter/);
  assert.equal(await lark.locator('[data-testid="plan-moved"]').count(), 0);
  // The staff groups: no DPA, no admin roles, no auto-delete, no log audit on offer, with reasons.
  const groups = cards.nth(0);
  const notOffered = await groups.locator('[data-testid="measure-not-offered"]').allInnerTexts();
  assert.ok(notOffered.length >= 4 && notOffered.every((t) => t.length > 20), notOffered.join(' | '));
  // 80 staff: Lark Starter (up to 50 seats) cannot be priced; the model says so and moves.
  await app.setUsers(80);
  await lark.locator('[data-testid="plan-moved"]').waitFor({ timeout: 10000 });
  assert.match(await lark.locator('[data-testid="plan-moved"]').innerText(), /50/);
  const scenario = presetScenario('trading-20');
  scenario.organisation.users = 80;
  const native = evaluateScenario(scenario);
  assert.equal(native.options[2].plan.id, 'pro');
  await page.waitForFunction((want) => {
    const t = document.querySelectorAll('[data-testid="total-cost"]')[2]?.innerText ?? '';
    return Number(t.replace(/[^0-9.]/g, '')) === want;
  }, roundMop(native.options[2].cost.total_mop), { timeout: 10000 });
  // Google Business Starter has no retention control; Business Plus has (Vault).
  const google = cards.nth(4);
  assert.match(await google.locator('[data-testid="plan-lacks"]').innerText(), /retention/i);
  await google.locator('[data-testid="plan-select"]').selectOption('business_plus');
  await page.waitForFunction(() => !document.querySelectorAll('[data-testid="option-card"]')[4]
    .querySelector('[data-testid="plan-lacks"]')?.innerText.match(/retention/i));
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test('a plan named for fewer users than the headcount is refused with its reason; the last valid figures stay', async () => {
  const { context, problems, app, page } = await open();
  await app.loadPreset('trading-20');
  const lark = app.byTestId('option-card').nth(2);
  await lark.locator('[data-testid="plan-select"]').selectOption('starter');
  const totals = await app.totals();
  await app.setUsers(80);
  const notice = app.byTestId('model-error');
  await notice.waitFor({ timeout: 10000 });
  assert.match(await notice.innerText(), /50/);
  assert.match(await notice.innerText(), /80/);
  assert.deepEqual(await app.totals(), totals, 'the last valid results stay');
  // Back to automatic: priced again, on a plan sold for 80 users.
  await lark.locator('[data-testid="plan-select"]').selectOption('');
  await notice.waitFor({ state: 'detached', timeout: 10000 });
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});
