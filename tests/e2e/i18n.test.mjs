// Every word in the reader's language (issue 13): in 繁體中文 and in Português, with every preset
// loaded, every platform's facts shown, and every section and tip open, no English sentence is left
// outside cited document titles, URLs, product names and acronyms. Also: a language that cannot be
// fetched leaves the page working, in its current language, with a notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, openPage, AppPage } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const catalog = JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8'));
const PRESETS = ['article-50', 'bank-200', 'clinic-30', 'school-80', 'trading-20'];

// What may stay in English: cited titles and URLs (from the catalog), product and company names,
// and the app's own name. Longest first, so a name inside a longer one is removed whole.
const ALLOWED = [
  ...catalog.sources.map((s) => s.title).filter((t) => t.length > 12),
  ...catalog.sources.map((s) => s.url).filter((u) => /^https?:\/\//.test(u)),
  'Microsoft 365 Business Basic', 'Element Server Suite Community', 'DingTalk (Singapore) Pte Ltd',
  'Signal Technology Foundation', 'Lark Technologies', 'Slack Technologies', 'New Vector Ltd',
  'ESS Pro', 'Element Cloud', 'Slack Pro', 'collab-risk',
  'WeChat International Pte. Ltd.', 'Lark Technologies Pte. Ltd.', 'Zoom Video Communications', 'Zoom Workplace Pro',
  'Google Workspace Business Starter', 'Google Workspace Business Standard', 'Google Workspace Business Plus',
  'Microsoft 365 Business Standard', 'Microsoft 365 Business', 'Enterprise Standard', 'Wire Swiss GmbH', 'Threema Work',
].sort((a, b) => b.length - a.length);

// English function words that are not Portuguese words: a run of Latin-script words is English
// when at least two of them are among these (Portuguese is written in the same letters).
const ENGLISH = new Set(('the of and to is in for with your you are not on by be this that it from or at an its will '
  + 'can has have only which who than each their they what when how does was were been any all per').split(' '));

/** English sentences in a text, after removing the allowed names: runs of ≥ 4 ASCII words; in a
 *  Latin-script language (`latin`), only runs with ≥ 2 English function words. */
function englishRuns(text, latin = false) {
  let rest = text;
  for (const a of ALLOWED) rest = rest.split(a).join(' ');
  const runs = [];
  let run = [];
  const flush = () => {
    const english = run.filter((w) => ENGLISH.has(w.toLowerCase().replace(/[^a-z']/g, ''))).length;
    if (run.length >= 4 && (!latin || english >= 2)) runs.push(run.join(' '));
    run = [];
  };
  for (const token of rest.split(/\s+/)) {
    if (/^[("'“‘«]*[A-Za-z][A-Za-z'’-]*[)"'”’»,.;:!?]*$/.test(token)) run.push(token);
    else flush();
  }
  flush();
  return runs;
}

/** Every text of the page a reader can reach: text nodes (hidden tips too) and accessible labels. */
async function pageTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, noscript, details.technical')) continue;
      const t = n.textContent.trim();
      if (t) out.push(t);
    }
    for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const a of ['aria-label', 'title', 'placeholder']) { const v = e.getAttribute(a); if (v) out.push(v); }
    }
    for (const e of document.querySelectorAll('input[type="text"]')) if (e.value) out.push(e.value);
    return out;
  });
}

/** Opens every section. Collapsed sections build their content when first opened (after the
 *  toggle event, a task later), and may hold sections of their own: open until none is closed. */
async function openEverything(page) {
  for (let round = 0; round < 5; round++) {
    const opened = await page.evaluate(async () => {
      const closed = [...document.querySelectorAll('details:not([open])')];
      for (const d of closed) d.open = true;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return closed.length;
    });
    if (opened === 0) return;
  }
  throw new Error('sections keep closing');
}

for (const lang of ['zh-Hant', 'pt']) {
  test(`${lang}: every preset, platform, section and tip without English sentences`, async () => {
    const { page, context, problems } = await openPage(browser, server.origin);
    const app = new AppPage(page, server.url);
    await app.open();
    await app.setLanguage(lang);
    const found = new Map();
    const collect = async (where) => {
      await openEverything(page);
      for (const text of await pageTexts(page)) {
        for (const run of englishRuns(text, lang === 'pt')) if (!found.has(run)) found.set(run, `${where}: ${text.slice(0, 160)}`);
      }
    };
    for (const preset of PRESETS) {
      await app.loadPreset(preset);
      await collect(preset);
      // The roadmap grouping shows the same measures in another order, with its own headings.
      await page.locator('.grouping input[type="radio"]').nth(1).check();
      await collect(`${preset} (roadmap)`);
    }
    // Every platform's facts and tips, in the first option.
    const platforms = await page.locator('[data-testid="platform-select"]').first().locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(platforms.length >= 10, `platforms: ${platforms}`);
    for (const p of platforms) {
      await page.locator('[data-testid="platform-select"]').first().selectOption(p);
      await page.waitForFunction((id) => document.querySelector(`[data-testid="platform-select"]`).value === id, p);
      await collect(`platform ${p}`);
    }
    assert.deepEqual([...found.entries()].map(([run, where]) => `${run}  ⟵  ${where}`), [], `English left in ${lang}`);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.foreignRequests, []);
    await context.close();
  });
}

test('a preset\'s names follow the language; names the reader typed stay as typed', async () => {
  const locale = (tag) => JSON.parse(readFileSync(new URL(`../../locales/${tag}.json`, import.meta.url), 'utf8'));
  const [pt, zh] = [locale('pt'), locale('zh-Hant')];
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.loadPreset('bank-200');
  const labels = () => app.byTestId('option-label').evaluateAll((es) => es.map((e) => e.value));
  await app.byTestId('undo-notice').waitFor();
  await app.setLanguage('pt');
  await page.waitForFunction((want) => document.querySelector('[data-testid="option-label"]').value === want, pt['preset.bank-200.dingtalk_default']);
  const inPt = await labels();
  assert.ok(inPt.includes(pt['preset.bank-200.teams']), `${inPt}`);
  assert.equal(await app.byTestId('undo-notice').count(), 1, 'a language switch is not an edit: the preset can still be undone');
  assert.equal(await app.byTestId('preset-select').inputValue(), 'bank-200', 'the picker still names the preset');
  // The reader names the first option; the others still follow the language.
  await app.byTestId('option-label').first().fill('A nossa escolha');
  await app.setLanguage('zh-Hant');
  await page.waitForFunction((want) => [...document.querySelectorAll('[data-testid="option-label"]')].some((e) => e.value === want), zh['preset.bank-200.teams']);
  const inZh = await labels();
  assert.equal(inZh[0], 'A nossa escolha');
  assert.ok(inZh.includes(zh['preset.bank-200.element_macau']), `${inZh}`);
  // Undo brings back the scenario from before the preset, its preset names in today's language.
  await app.loadPreset('clinic-30');
  await app.setLanguage('pt');
  await app.byTestId('undo-button').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="undo-notice"]'));
  const undone = await labels();
  assert.equal(undone[0], 'A nossa escolha');
  assert.ok(undone.includes(pt['preset.bank-200.element_macau']), `${undone}`);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test('the heuristic finds an English sentence (the check can fail)', () => {
  assert.deepEqual(englishRuns('估算： estimate, enter your own quote'), ['estimate, enter your own quote']);
  assert.deepEqual(englishRuns('來源：Microsoft 365 Business Basic（Teams）'), []);
  assert.deepEqual(englishRuns('(reseller pages; Hangzhou, Zhangjiakou claimed)'), ['(reseller pages; Hangzhou, Zhangjiakou claimed)']);
  assert.deepEqual(englishRuns('A via legal habitual para dados que residem fora de Macau', true), []);
  assert.deepEqual(englishRuns('Enter the vendor of the platform', true), ['Enter the vendor of the platform']);
});

test('a language that cannot be fetched: the page stays usable in its language, with a notice', async () => {
  const { page, context, problems } = await openPage(browser, server.origin, { serviceWorkers: 'block' });
  await page.route('**/i18n/pt.json*', (route) => route.abort());
  const app = new AppPage(page, server.url);
  await app.open();
  const total = (await app.totals())[0];
  await app.byTestId('lang-select').selectOption('pt');
  const banner = app.byTestId('error-banner');
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.innerText(), /Português/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await app.byTestId('lang-select').inputValue(), 'en', 'the picker shows the language in use');
  assert.equal((await app.totals())[0], total);
  await app.setUsers(77);
  await app.totalsChangedFrom([total]);
  // The aborted request is the only console error, and it is the one we caused.
  assert.ok(problems.consoleErrors.every((e) => /i18n\/pt\.json|Failed to load resource|net::ERR_FAILED/.test(e)), problems.consoleErrors.join('\n'));
  // Started in a language whose bundle is missing: English, with the notice.
  const second = await openPage(browser, server.origin, { locale: 'pt-PT', serviceWorkers: 'block' });
  await second.page.route('**/i18n/pt.json*', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const app2 = new AppPage(second.page, server.url);
  await app2.open();
  assert.equal(await second.page.evaluate(() => document.documentElement.lang), 'en');
  await app2.byTestId('error-banner').waitFor({ timeout: 5000 });
  assert.match(await app2.byTestId('error-banner').innerText(), /Português/);
  await second.context.close();
  await context.close();
});
