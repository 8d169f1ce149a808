// The first questions (issue 19): a first visit opens on them, answerable as plain HTML while the
// wasm is still arriving; Compare builds the reader's own comparison (today's platform in use,
// the same at its best, the alternatives); a returning reader gets their scenario; ?preset= opens
// a preset directly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, AppPage, assertClean } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page whose wasm is held back until `release()`. */
async function heldPage(opts = {}) {
  const { page, context, problems } = await openPage(browser, server.origin, opts);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  return { page, context, problems, release, app: new AppPage(page, server.url) };
}

test('with the wasm held back, the questions are answered and Compare pressed; the app compares what was typed', async () => {
  const { page, context, problems, release, app } = await heldPage();
  await page.goto(server.url, { waitUntil: 'commit' });
  const start = page.locator('#start-form');
  await start.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await page.locator('[data-testid="total-cost"]').count(), 0, 'the wasm has not mounted');
  await page.fill('#start-users', '30');
  await page.selectOption('#start-sector', 'healthcare');
  await page.selectOption('#start-today', 'staff_chat_groups');
  await page.fill('#start-records', '8000');
  await page.click('[data-testid="start-compare"]');
  release();
  await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 20000 });
  assert.equal(await app.byTestId('start').count(), 0, 'no questions once compared');
  assert.equal(await app.byTestId('users-input').inputValue(), '30');
  assert.equal(await app.byTestId('data-subjects-input').inputValue(), '8000');
  const labels = await app.byTestId('option-label').evaluateAll((es) => es.map((e) => e.value));
  assert.match(labels[0], /WeChat/);
  assert.ok(await app.byTestId('incumbent-checkbox').first().isChecked(), "today's platform is marked in use");
  const platforms = await app.byTestId('platform-select').evaluateAll((es) => es.map((e) => e.value));
  assert.deepEqual(platforms.slice(0, 2), ['staff_chat_groups', 'staff_chat_groups']);
  // Healthcare's suggested alternatives.
  for (const p of ['m365_business_basic', 'element_selfhosted_macau', 'signal']) assert.ok(platforms.includes(p), p);
  await app.byTestId('verdict').waitFor();
  assertClean(problems);
  // A returning reader gets the scenario, not the questions; "New comparison" opens them.
  await page.unroute(/\.wasm$/);
  await page.reload();
  await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await page.locator('#start-form:visible').count(), 0);
  assert.equal(await app.byTestId('start').count(), 0);
  assert.equal(await app.byTestId('users-input').inputValue(), '30');
  await app.byTestId('new-comparison').click();
  await app.byTestId('start').waitFor();
  assertClean(problems);
  await context.close();
});

test('bad answers typed before the wasm get the field messages once it mounts; nothing is compared until valid', async () => {
  const { page, context, problems, release, app } = await heldPage();
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.locator('#start-form').waitFor({ state: 'visible', timeout: 10000 });
  await page.fill('#start-users', 'abc');
  await page.fill('#start-records', '1000000000');
  await page.click('[data-testid="start-compare"]');
  release();
  await page.waitForFunction(() => document.querySelector('#start-users-error')?.innerText.length > 5, null, { timeout: 20000 });
  assert.equal(await app.byTestId('start-users').inputValue(), 'abc', 'what was typed stays');
  assert.ok((await page.locator('#start-records-error').innerText()).length > 5);
  assert.equal(await app.byTestId('start-compare').isDisabled(), true);
  assert.equal(await app.byTestId('total-cost').count(), 0, 'nothing compared');
  await app.byTestId('start-users').fill('0');
  assert.ok((await page.locator('#start-users-error').innerText()).length > 5);
  assert.equal(await app.byTestId('start-compare').isDisabled(), true);
  await app.byTestId('start-users').fill('12');
  await app.byTestId('start-records').fill('500');
  await app.byTestId('start-compare').click();
  await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await app.byTestId('users-input').inputValue(), '12');
  assertClean(problems);
  await context.close();
});

for (const [lang, compare] of [['zh-Hant', '比較'], ['pt', 'Comparar']]) {
  test(`${lang}: the static questions are in the reader's language before the wasm, and so is the comparison`, async () => {
    const { page, context, problems, release, app } = await heldPage({ locale: lang === 'pt' ? 'pt-PT' : 'zh-TW' });
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.locator('#start-form').waitFor({ state: 'visible', timeout: 10000 });
    assert.equal((await page.locator('[data-testid="start-compare"]').innerText()).trim(), compare);
    const sectorText = await page.locator('#start-sector option:checked').innerText();
    assert.ok(!/General/.test(sectorText) || lang === 'pt', `sector option in ${lang}: ${sectorText}`);
    await page.selectOption('#start-today', 'dingtalk_international');
    await page.click('[data-testid="start-compare"]');
    release();
    await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 20000 });
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const platforms = await app.byTestId('platform-select').evaluateAll((es) => es.map((e) => e.value));
    assert.equal(platforms[0], 'dingtalk_international');
    assertClean(problems);
    await context.close();
  });
}

test('Skip opens an example; ?preset= opens a preset directly and leaves the address clean', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await page.goto(server.url);
  await app.byTestId('start').first().waitFor({ timeout: 15000 });
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 15000 });
  await app.byTestId('start-skip').click();
  await app.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await app.byTestId('option-card').count(), 4, 'bank-200');
  const second = await context.newPage();
  await second.goto(`${server.url}?preset=clinic-30`);
  const other = new AppPage(second, server.url);
  await other.byTestId('total-cost').first().waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await other.byTestId('users-input').inputValue(), '30');
  assert.equal(await second.evaluate(() => location.search), '');
  await second.goto(`${server.url}?preset=nope`);
  await other.byTestId('error-banner').waitFor({ timeout: 15000 });
  assertClean(problems);
  await context.close();
});
