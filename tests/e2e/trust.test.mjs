// Issue 18, "an answer a reader can trust": the words follow the numbers and nothing changes
// silently. Break-even sentences say which way the input must move; a platform switch clears
// "already in use", renames a preset name and offers Undo; the tornado never compares an option
// with itself; "Details and inputs" lands below the sticky bar; a blank name is the platform's;
// invalid input marks the verdict and holds back links and files; the option limits and an
// exclusive measure say why. A share link over saved work offers Undo; without storage a notice says
// that work is not kept here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, AppPage, presetScenario, evaluateScenario, evaluator, assertClean, openOnPreset } from './support.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

const open = (preset, opts) => openOnPreset(browser, server, preset, opts);

async function analysesDone(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="best-config-pending"], [data-testid="tornado-pending"], [data-testid="verdict-flips-pending"]'), null, { timeout: 15000 });
}

// The words for "must fall to" / "must rise to" in each language (locales/*.json tornado.flips_*).
const WORDS = {
  en: { below: /falls below/, above: /rises above/ },
  'zh-Hant': { below: /降至.+以下/, above: /升至.+以上/ },
  pt: { below: /caia abaixo de/, above: /suba acima de/ },
};

test('school-80: every break-even sentence says the way the input must move, in each language', async () => {
  const report = evaluateScenario(presetScenario('school-80'));
  // The oracle: the evaluator's break-even values against their base values.
  const expected = report.decision.sensitivity.filter((e) => e.break_even !== null)
    .map((e) => (e.break_even < e.base ? 'below' : 'above'));
  assert.ok(expected.includes('below'), 'school-80 has a value that must fall');
  for (const e of report.decision.sensitivity) {
    assert.equal(e.direction, e.break_even === null ? null : (e.break_even < e.base ? 'below' : 'above'), `${e.input}: direction in the report JSON`);
  }
  const { context, problems, app, page } = await open('school-80');
  for (const lang of ['en', 'zh-Hant', 'pt']) {
    if (lang !== 'en') await app.setLanguage(lang);
    await analysesDone(page);
    const sentences = await app.byTestId('tornado-flip').allInnerTexts();
    assert.equal(sentences.length, expected.length, `${lang}: one sentence per break-even value`);
    sentences.forEach((s, k) => {
      const way = expected[k];
      const other = way === 'below' ? 'above' : 'below';
      assert.match(s, WORDS[lang][way], `${lang}: "${s}" says ${way}`);
      assert.doesNotMatch(s, WORDS[lang][other], `${lang}: "${s}" does not say ${other}`);
    });
    // The verdict's lines are the first of the same sentences.
    const verdictLines = await app.byTestId('verdict-flips').locator('li').allInnerTexts();
    assert.deepEqual(verdictLines, sentences.slice(0, verdictLines.length));
  }
  assertClean(problems);
  await context.close();
});

test('bank-200: switching the in-use DingTalk option to Slack clears "already in use", renames it, and Undo brings both back', async () => {
  const { context, problems, app, page } = await open('bank-200');
  const card = app.byTestId('option-card').first();
  const incumbent = card.locator('[data-testid="incumbent-checkbox"]');
  const label = card.locator('[data-testid="option-label"]');
  assert.equal(await incumbent.isChecked(), true);
  const nameBefore = await label.inputValue();
  assert.match(nameBefore, /DingTalk/);
  await card.locator('[data-testid="platform-select"]').selectOption('slack_pro');
  await page.waitForFunction(() => !document.querySelector('[data-testid="option-card"] [data-testid="incumbent-checkbox"]').checked);
  const platformName = await card.locator('[data-testid="platform-select"] option:checked').innerText();
  assert.equal(await label.inputValue(), platformName, 'a preset name follows the platform');
  assert.equal(await card.locator('h3').innerText(), platformName);
  await app.byTestId('undo-notice').waitFor();
  assert.match(await app.byTestId('undo-notice').innerText(), /Already in use/);
  await app.byTestId('undo-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="option-card"] [data-testid="incumbent-checkbox"]').checked);
  assert.equal(await label.inputValue(), nameBefore);
  assert.equal(await card.locator('[data-testid="platform-select"]').inputValue(), 'dingtalk_international');
  // A name the reader typed stays.
  await label.fill('Our chat');
  await card.locator('[data-testid="platform-select"]').selectOption('signal');
  await page.waitForFunction(() => document.querySelector('[data-testid="option-card"] [data-testid="platform-select"]').value === 'signal');
  assert.equal(await label.inputValue(), 'Our chat');
  assertClean(problems);
  await context.close();
});

test('the tornado pickers never offer an option against itself and always show the pair the bars are for', async () => {
  const { context, problems, app, page } = await open('bank-200');
  const check = async (when) => {
    await analysesDone(page);
    const a = await app.byTestId('tornado-a').inputValue();
    const b = await app.byTestId('tornado-b').inputValue();
    assert.notEqual(a, b, `${when}: two different options`);
    const offeredA = await app.byTestId('tornado-a').locator('option').evaluateAll((xs) => xs.map((x) => x.value));
    const offeredB = await app.byTestId('tornado-b').locator('option').evaluateAll((xs) => xs.map((x) => x.value));
    assert.ok(!offeredA.includes(b), `${when}: the first picker does not offer ${b}`);
    assert.ok(!offeredB.includes(a), `${when}: the second picker does not offer ${a}`);
    const names = await Promise.all(['tornado-a', 'tornado-b'].map((t) => app.byTestId(t).locator('option:checked').innerText()));
    const difference = await app.byTestId('tornado-difference').innerText();
    for (const n of names) assert.ok(difference.includes(n), `${when}: the bars are for ${n} (${difference})`);
  };
  await check('leading pair');
  const ids = await app.byTestId('tornado-a').locator('option').evaluateAll((xs) => xs.map((x) => x.value));
  await app.byTestId('tornado-a').selectOption(ids[ids.length - 1]);
  await check('picked pair');
  // The picked option goes: the pickers fall back to a pair that exists.
  await app.byTestId('remove-option').last().click();
  await check('after removing a picked option');
  assertClean(problems);
  await context.close();
});

test('"Details and inputs" scrolls to the inputs, their heading below the sticky verdict bar', async () => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    const { context, problems, app, page } = await open('bank-200', { viewport });
    await app.byTestId('verdict-jump').click();
    await page.waitForFunction(() => window.scrollY > 0);
    await page.waitForTimeout(100);
    const bar = await app.byTestId('verdict').boundingBox();
    const heading = await page.locator('#scenario-heading').boundingBox();
    assert.ok(heading.y >= bar.y + bar.height - 1, `${viewport.width}px: heading at ${heading.y}, below the bar (${bar.y + bar.height})`);
    assert.ok(heading.y + heading.height <= viewport.height, `${viewport.width}px: heading in view`);
    assertClean(problems);
    await context.close();
  }
});

test('a blank option name shows the platform\'s name, never an internal id', async () => {
  const { context, problems, app, page } = await open();
  const card = app.byTestId('option-card').first();
  const platformName = await card.locator('[data-testid="platform-select"] option:checked').innerText();
  await card.locator('[data-testid="option-label"]').fill('');
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="verdict-row"] th')].some((th) => th.innerText.trim() === n), platformName, { timeout: 5000 });
  assert.equal(await card.locator('h3').innerText(), platformName);
  const everywhere = await page.locator('main').innerText();
  assert.doesNotMatch(everywhere, /\(dingtalk\)/);
  assertClean(problems);
  await context.close();
});

for (const lang of ['en', 'zh-Hant', 'pt']) {
  test(`${lang}: while an input is invalid the verdict says its figures are from the last valid inputs, and links and files wait`, async () => {
    const { context, problems, app, page } = await open('bank-200');
    if (lang !== 'en') await app.setLanguage(lang);
    assert.equal(await app.byTestId('verdict-stale').count(), 0);
    await app.setUsers('abc');
    await app.byTestId('verdict-stale').waitFor({ timeout: 3000 });
    const words = { en: /figures from the last valid inputs/i, 'zh-Hant': /上一次有效的輸入/, pt: /últimas entradas válidas/ };
    assert.match(await app.byTestId('verdict-stale').innerText(), words[lang]);
    for (const t of ['share-button', 'export-json', 'export-csv', 'embed-button']) {
      assert.equal(await app.byTestId(t).isDisabled(), true, `${t} waits for valid input`);
    }
    assert.ok(await app.byTestId('share-wait').isVisible(), 'and says why');
    await app.setUsers(120);
    await page.waitForFunction(() => !document.querySelector('[data-testid="verdict-stale"]'));
    assert.equal(await app.byTestId('share-button').isDisabled(), false);
    await app.byTestId('share-button').click();
    await app.byTestId('share-link').waitFor();
    assertClean(problems);
    await context.close();
  });
}

test('Add at the most options and Remove at the fewest say why; a second transfer basis says it replaced the first', async () => {
  const { context, problems, app, page } = await open();
  // article-50 has 2 options: the fewest.
  assert.equal(await app.byTestId('option-card').count(), 2);
  assert.equal(await app.byTestId('remove-option').first().isDisabled(), true);
  assert.match(await app.byTestId('option-limit-min').innerText(), /at least 2/);
  assert.equal(await app.byTestId('remove-option').first().getAttribute('aria-describedby'), 'option-limit');
  while (await app.byTestId('option-card').count() < 6) {
    const n = await app.byTestId('option-card').count();
    await app.byTestId('add-option').click();
    await page.waitForFunction((k) => document.querySelectorAll('[data-testid="option-card"]').length === k + 1, n);
  }
  assert.equal(await app.byTestId('add-option').isDisabled(), true);
  assert.match(await app.byTestId('option-limit-max').innerText(), /At most 6/);
  assert.equal(await app.byTestId('option-limit-min').count(), 0);
  const card = app.byTestId('option-card').first();
  await card.locator('[data-measure="transfer_consent_notification"] input').check();
  assert.equal(await card.locator('[data-testid="measure-replaced"]').count(), 0, 'nothing replaced yet');
  await card.locator('[data-measure="transfer_authorisation"] input').check();
  assert.equal(await card.locator('[data-measure="transfer_consent_notification"] input').isChecked(), false);
  const note = card.locator('[data-measure="transfer_authorisation"] [data-testid="measure-replaced"]');
  await note.waitFor();
  const consentName = await card.locator('[data-measure="transfer_consent_notification"] .measure-name').innerText();
  assert.ok((await note.innerText()).includes(consentName), 'names the measure it replaced');
  assertClean(problems);
  await context.close();
});

test('opening a share link over the reader\'s own saved work offers Undo, as a preset does', async () => {
  const { page, context, problems, app } = await open();
  await app.setUsers(77);
  // Autosaved (every valid change).
  await page.waitForFunction(() => (localStorage.getItem('collab-risk.scenario') ?? '').includes('77'));
  const link = evaluator(['--make-link', '--preset', 'bank-200']).trim();
  const second = await context.newPage();
  const secondErrors = [];
  second.on('console', (m) => { if (m.type() === 'error') secondErrors.push(m.text()); });
  const other = new AppPage(second, server.url);
  await second.goto(`${server.url}#${link}`);
  await other.byTestId('total-cost').first().waitFor();
  assert.equal(await other.byTestId('users-input').inputValue(), '200');
  await other.byTestId('undo-notice').waitFor({ timeout: 3000 });
  assert.match(await other.byTestId('undo-notice').innerText(), /link/i);
  await other.byTestId('undo-button').click();
  await second.waitForFunction(() => document.querySelector('[data-testid="users-input"]').value === '77');
  assert.deepEqual(secondErrors, []);
  assertClean(problems);
  await context.close();
});

test('a link opened with nothing saved offers no Undo', async () => {
  const link = evaluator(['--make-link', '--preset', 'bank-200']).trim();
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await page.goto(`${server.url}#${link}`);
  await app.byTestId('total-cost').first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await app.byTestId('undo-notice').count(), 0);
  assertClean(problems);
  await context.close();
});

test('without storage (localStorage throws) the page works and says that work is not kept here', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const app = new AppPage(page, server.url);
  await app.open();
  await app.byTestId('storage-notice').waitFor({ timeout: 3000 });
  assert.match(await app.byTestId('storage-notice').innerText(), /not let the page keep your work/);
  await app.setUsers(90);
  await page.waitForFunction(() => document.querySelector('[data-testid="users-input"]').value === '90');
  assertClean(problems);
  await context.close();
});

test('with storage there is no such notice', async () => {
  const { context, problems, app } = await open();
  assert.equal(await app.byTestId('storage-notice').count(), 0);
  assertClean(problems);
  await context.close();
});
