// Share, save, export, embed — safely: link round trip, a corpus of bad links and files, CSV
// neutralisation, autosave corruption, embed height, presenter mode, text never rendered as HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateSync, deflateRawSync } from 'node:zlib';
import { startServer, launchBrowser, openPage, AppPage, presetScenario, evaluateScenario, evaluator } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** One RFC 4180 record (quoted fields, doubled quotes). */
function parseCsvLine(line) {
  const out = []; let cur = ''; let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const link = (json, { raw = false } = {}) => `s=1.${b64url((raw ? deflateRawSync : deflateSync)(Buffer.from(json)))}`;

/** Every number the page shows about the options, as text. */
async function figures(page) {
  return page.evaluate(() => [
    ...['total-cost', 'option-eal', 'risk-adjusted', 'risk-adjusted-p90', 'roi-score'].flatMap((id) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => `${id}:${e.innerText}`)),
    document.querySelector('[data-testid="results-table"]').innerText,
    document.querySelector('[data-testid="compare-matrix"]')?.innerText ?? '',
  ]);
}

async function edited(page, app) {
  await app.loadPreset('bank-200');
  await app.setUsers(173);
  const card = app.byTestId('option-card').first();
  await card.locator('[data-measure="pia"] input[type=checkbox]').check();
  await page.locator('details.advanced > summary').click();
  await page.locator('#seed-input').fill('987654');
  await app.simulationDone();
}

test('a copied link reproduces every number exactly in a fresh browser', async () => {
  const a = await openPage(browser, server.origin);
  const app = new AppPage(a.page, server.url);
  await app.open();
  await edited(a.page, app);
  const expected = await figures(a.page);
  await app.byTestId('share-button').click();
  const url = await app.byTestId('share-link').inputValue();
  assert.match(url, /#s=1\.[A-Za-z0-9_-]+$/);
  assert.ok(url.startsWith(server.url), `link stays on this page: ${url}`);
  assert.equal(await a.page.evaluate(() => location.hash.length > 10), true, 'address bar holds the link');

  const b = await openPage(browser, server.origin); // new context: empty storage, other "machine"
  const other = new AppPage(b.page, server.url);
  await b.page.goto(url);
  await other.byTestId('total-cost').first().waitFor();
  await other.simulationDone();
  assert.deepEqual(await figures(b.page), expected);
  assert.equal(await other.byTestId('error-banner').count(), 0);
  for (const p of [a, b]) {
    assert.deepEqual(p.problems.consoleErrors, []);
    assert.deepEqual(p.problems.foreignRequests, []);
    await p.context.close();
  }
});

function badLinks(validFragment) {
  const payload = validFragment.slice(4);
  const preset = JSON.parse(Buffer.from(require_inflate(payload)).toString());
  const variant = (f) => { const s = structuredClone(preset); f(s); return link(JSON.stringify(s)); };
  const flips = [10, 40, 80, 150, 300, payload.length - 3].map((i) =>
    `s=1.${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}`);
  return [
    's=', 's=1.', 's=1', 's=2.AAAA', 's=99.xyz', 's=0.AAAA', 's=01.AAAA', 's=1.!!!!', 's=1.%%%', 's=1. ',
    'section-2', 'state=eyJ4IjoxfQ', 'q=1&r=2', 's=1.AAAA&s=1.AAAA', '%00', 's=1.' + 'A'.repeat(70000),
    `s=1.${payload.slice(0, 20)}`, `s=1.${payload.slice(0, Math.floor(payload.length / 2))}`, `s=1.${payload.slice(0, -5)}`,
    `s=1.${payload}XYZ`, ...flips,
    `s=1.${b64url(Buffer.from('not compressed at all'))}`,
    link('not json {'), link('[]'), link('{}'), link('null'), link('"text"'), link('{"format":"other/app","version":1}'),
    link(JSON.stringify(preset), { raw: true }),
    `s=1.${b64url(deflateSync(Buffer.alloc(5_000_000, 32)))}`,
    variant((s) => { s.version = 2; }),
    variant((s) => { s.format = 'collab-risk/report'; }),
    variant((s) => { s.organisation.users = -5; }),
    variant((s) => { s.organisation.users = 10_000_000; }),
    variant((s) => { s.organisation.users = 'fifty'; }),
    variant((s) => { s.horizon_years = 0; }),
    variant((s) => { s.simulation.trials = 5_000_000; }),
    variant((s) => { s.options = s.options.slice(0, 1); }),
    variant((s) => { s.options = [...s.options, ...s.options, ...s.options].map((o, i) => ({ ...o, id: `o${i}` })); }),
    variant((s) => { s.options[0].platform = 'myspace'; }),
    variant((s) => { s.options[0].measures = ['teleport']; }),
    variant((s) => { s.options[1].id = s.options[0].id; }),
    variant((s) => { s.fx_to_mop.usd = '-8'; }),
    variant((s) => { s.options[0].overrides = { licence_amount: '1e999' }; }),
    variant((s) => { s.options[0].overrides = { data_location: 'moon' }; }),
    variant((s) => { s.surprise = true; }),
    variant((s) => { delete s.organisation; }),
  ];
}
import { inflateSync } from 'node:zlib';
function require_inflate(payload) { return inflateSync(Buffer.from(payload, 'base64url')); }

test('50+ malformed, truncated, tampered, foreign and newer links: banner, saved scenario kept, no console error', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.byTestId('share-button').click();
  const valid = (await app.byTestId('share-link').inputValue()).split('#')[1];
  await app.setUsers(4321); // the autosave the bad links must not overwrite
  await page.waitForFunction(() => (localStorage.getItem('collab-risk.scenario') ?? '').includes('4321'));
  const saved = await page.evaluate(() => localStorage.getItem('collab-risk.scenario'));
  const cases = badLinks(valid);
  assert.ok(cases.length >= 50, `${cases.length} cases`);
  let i = 0;
  for (const bad of cases) {
    i++;
    await page.goto('about:blank');
    await page.goto(`${server.url}#${bad}`);
    await app.byTestId('error-banner').waitFor({ timeout: 10000 }).catch(() => { throw new Error(`no banner for case ${i}: ${bad.slice(0, 80)}`); });
    assert.ok((await app.byTestId('error-banner').innerText()).length > 10);
    assert.equal(await app.byTestId('users-input').inputValue(), '4321', `case ${i}: fell back to the saved scenario`);
    assert.equal(await page.evaluate(() => localStorage.getItem('collab-risk.scenario')), saved, `case ${i}: saved scenario untouched`);
  }
  // The page still works after all that, and a bad link pasted into an open page is refused too.
  await app.setUsers(55);
  await page.waitForFunction(() => document.querySelector('[data-testid="users-input"]').value === '55');
  await page.evaluate(() => { location.hash = 's=1.garbage'; });
  await app.byTestId('error-banner').waitFor();
  assert.equal(await app.byTestId('users-input').inputValue(), '55');
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test('bad files are refused with a message naming the problem; a good file imports', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  const preset = presetScenario('article-50');
  const files = [
    ['empty.json', Buffer.alloc(0), /empty|空|vazio/i],
    ['big.json', Buffer.alloc(1_000_001, 32), /1000001|large|大|grande/i],
    ['binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x82]), /UTF-8|text/i],
    ['text.json', Buffer.from('hello'), /valid|JSON/i],
    ['array.json', Buffer.from('[1,2,3]'), /valid/i],
    ['report.json', Buffer.from('{"format":"collab-risk/report","version":1}'), /valid/i],
    ['newer.json', Buffer.from(JSON.stringify({ ...preset, version: 9 })), /version|valid/i],
    ['users.json', Buffer.from(JSON.stringify({ ...preset, organisation: { ...preset.organisation, users: 0 } })), /users/],
    ['platform.json', Buffer.from(JSON.stringify({ ...preset, options: preset.options.map((o) => ({ ...o, platform: 'x' })) })), /platform/],
    ['seven.json', Buffer.from(JSON.stringify({ ...preset, options: Array.from({ length: 7 }, (_, i) => ({ ...preset.options[0], id: `o${i}` })) })), /options/],
  ];
  for (const [name, buffer, pattern] of files) {
    await page.evaluate(() => document.querySelector('[data-testid="error-banner"] .dismiss')?.click());
    await app.byTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer });
    const banner = app.byTestId('error-banner');
    await banner.waitFor({ timeout: 5000 });
    assert.match(await banner.innerText(), pattern, name);
  }
  const good = { ...preset, organisation: { ...preset.organisation, users: 77 } };
  await app.byTestId('import-file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.waitForFunction(() => document.querySelector('[data-testid="users-input"]').value === '77');
  assert.equal(await app.byTestId('error-banner').count(), 0);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a refused file is explained in the reader\'s language, the English detail folded away', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.setLanguage('pt');
  const preset = presetScenario('article-50');
  const bad = { ...preset, options: preset.options.map((o) => ({ ...o, platform: 'zzz' })) };
  await app.byTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const banner = app.byTestId('error-banner');
  await banner.waitFor({ timeout: 5000 });
  const shown = await banner.innerText();
  assert.match(shown, /options\[0\]\.platform: plataforma desconhecida «zzz»/);
  assert.doesNotMatch(shown, /unknown platform/, 'the English detail is folded away');
  assert.match(await banner.locator('details.technical summary').innerText(), /Detalhe técnico/);
  // A range error names its bounds in Portuguese number format.
  await page.evaluate(() => document.querySelector('[data-testid="error-banner"] .dismiss')?.click());
  const zero = { ...preset, organisation: { ...preset.organisation, users: 0 } };
  await app.byTestId('import-file').setInputFiles({ name: 'zero.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(zero)) });
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.innerText(), /organisation\.users: tem de estar entre 1 e 100\.000/);
  // A huge file's size is formatted the Portuguese way.
  await page.evaluate(() => document.querySelector('[data-testid="error-banner"] .dismiss')?.click());
  await app.byTestId('import-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(1_000_001, 32) });
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.innerText(), /1\.000\.001/);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('exported JSON re-imports, and the CSV neutralises formula cells', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  const label = app.byTestId('option-label').first();
  await label.fill('=HYPERLINK("http://evil.example","x")');
  await app.byTestId('option-label').nth(1).fill('@SUM(1+1)');
  await app.simulationDone();
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), app.byTestId('export-csv').click()]);
  const csv = (await readFile(await csvDownload.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r\n/);
  assert.equal(lines[0], 'option_id,option_name,figure,value,unit');
  assert.ok(lines.length > 40, `${lines.length} rows`);
  const cells = lines.slice(1).flatMap((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
  assert.ok(cells.some((c) => c.startsWith("'=HYPERLINK")), 'formula label neutralised');
  assert.ok(cells.some((c) => c.startsWith("'@SUM")), '@ label neutralised');
  for (const c of cells) assert.ok(!/^[=+@\t\r]/.test(c) && !/^-[^0-9]/.test(c), `unsafe cell ${c}`);
  assert.ok(lines.some((l) => l.includes(',total_cost,') && l.endsWith(',MOP')), 'total cost row with unit');

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), app.byTestId('export-json').click()]);
  const json = await readFile(await jsonDownload.path());
  const totals = await app.totals();
  await app.loadPreset('clinic-30');
  await app.byTestId('import-file').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: json });
  await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="total-cost"]')].map((e) => e.innerText).join('|') === t, totals.join('|'));
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('corrupt or foreign autosave: a notice, the defaults, and the stored data set aside', async () => {
  for (const stored of ['{not json', '{"format":"collab-risk/saved","version":7,"saved_at":"x","scenario":{}}', '"hello"', '{"format":"other"}']) {
    const { page, context, problems } = await openPage(browser, server.origin);
    await context.addInitScript((v) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('collab-risk.scenario', v); sessionStorage.setItem('seeded', '1'); } }, stored);
    const app = new AppPage(page, server.url);
    await app.open();
    await app.byTestId('error-banner').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('collab-risk.scenario.unreadable')), stored);
    assert.equal(await app.byTestId('option-card').count(), 2, 'defaults shown');
    assert.deepEqual(problems.consoleErrors, []);
    await context.close();
  }
});

test('typed text is rendered as text, never as HTML', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  const app = new AppPage(page, server.url);
  await app.open();
  await app.byTestId('option-label').first().fill('<img src=x onerror=alert(1)><b>bold</b>');
  await page.waitForFunction(() => document.querySelector('.option-title').textContent.includes('<img'));
  assert.equal(await page.locator('.option-card img, .option-card b').count(), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test('?embed=1 renders without chrome and posts its height to the parent', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  await page.goto(`${server.url}index.html?embed=1`); // same origin parent: this page itself
  await page.evaluate((src) => {
    document.open(); document.write('<!doctype html><body></body>'); document.close();
    window.heights = [];
    // Like the README's listener: the frame takes the height it posts.
    addEventListener('message', (e) => { if (e.data?.type === 'collab-risk:height') { window.heights.push(e.data.height); document.getElementById('f').style.height = `${e.data.height}px`; } });
    const f = document.createElement('iframe'); f.src = src; f.style.width = '800px'; f.style.height = '600px'; f.id = 'f';
    document.body.append(f);
  }, `${server.url}?embed=1`);
  const frame = await (await page.waitForSelector('#f')).contentFrame();
  await frame.waitForSelector('[data-testid="total-cost"]');
  await page.waitForFunction(() => window.heights.length > 0);
  await page.waitForTimeout(500);
  const docHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
  const posted = await page.evaluate(() => window.heights.at(-1));
  assert.ok(Math.abs(posted - docHeight) <= 1, `posted ${posted} vs document ${docHeight}`);
  // The height follows the content down as well as up (opening, then closing a section).
  const settled = posted;
  await frame.evaluate(() => { document.querySelector('details.economics').open = true; });
  await page.waitForFunction((h) => window.heights.at(-1) > h + 20, settled);
  await frame.evaluate(() => { document.querySelector('details.economics').open = false; });
  await page.waitForFunction((h) => Math.abs(window.heights.at(-1) - h) <= 1, settled);
  assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await frame.locator('.app-footer').isVisible(), false);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test('the embed code carries the scenario and the script that fits the frame to its content', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.byTestId('embed-button').click();
  const code = await app.byTestId('embed-snippet').inputValue();
  assert.match(code, /<iframe id="collab-risk" src="[^"]*\?embed=1#s=1\.[A-Za-z0-9_-]+"/);
  assert.ok(code.includes(`e.origin !== '${server.origin}'`), 'the listener only trusts the app\'s origin');
  assert.match(code, /collab-risk:height/);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('?present=1: large type, advanced inputs hidden, S switches the spotlight', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open('?present=1');
  assert.ok(await app.byTestId('presenter-hint').isVisible());
  assert.equal(await page.locator('details.economics').isVisible(), false);
  const spot = () => page.evaluate(() => [...document.querySelectorAll('[data-testid="option-card"]')].findIndex((c) => c.classList.contains('spotlight')));
  assert.equal(await spot(), 0);
  await page.locator('h2#results-heading').click();
  await page.keyboard.press('s');
  assert.equal(await spot(), 1);
  await page.keyboard.press('s');
  assert.equal(await spot(), 0);
  // On a select, S is the shortcut too, not type-ahead that would change the platform.
  const select = page.locator('[data-testid="platform-select"]').first();
  const platform = await select.inputValue();
  await select.focus();
  await page.keyboard.press('s');
  assert.equal(await spot(), 1);
  assert.equal(await select.inputValue(), platform);
  await page.keyboard.press('s');
  assert.equal(await spot(), 0);
  // The charts' text grows with the page's (1.25×): the heatmap is laid out at that scale and is
  // taller than the same heatmap at the same width in the normal view.
  const heatmap = async (p) => {
    await p.waitForFunction(() => document.querySelector('[data-testid="heatmap"]')?.dataset.drawn);
    return p.evaluate(() => {
      const c = document.querySelector('[data-testid="heatmap"]');
      return { scale: Number(c.dataset.textScale), height: c.clientHeight, width: c.width, cssWidth: c.clientWidth };
    });
  };
  const presented = await heatmap(page);
  assert.equal(presented.scale, 1.25);
  assert.ok(Math.abs(presented.width - presented.cssWidth) <= 1, 'backing store stays CSS size × DPR');
  const normal = await openPage(browser, server.origin);
  await new AppPage(normal.page, server.url).open();
  const usual = await heatmap(normal.page);
  assert.equal(usual.scale, 1);
  assert.ok(presented.height > usual.height * 1.15, `presenter heatmap ${presented.height} px vs ${usual.height} px`);
  await normal.context.close();
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('print: a report with every section open, the date and the link', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.setUsers(77);
  // The link is made (asynchronously, by the browser's compression) moments after each change.
  await page.waitForFunction(() => /#s=1\./.test(document.querySelector('.print-link span')?.textContent ?? ''));
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const printed = await page.locator('.print-link span').innerText();
  assert.match(printed, /#s=1\./);
  assert.equal(JSON.parse(evaluator(['--print-link', printed])).organisation.users, 77, 'the printed link holds the edited scenario');
  assert.equal(await page.locator('details:not([open])').count(), 0, 'all details open for print');
  assert.equal(await app.byTestId('share-button').isVisible(), false);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  assert.ok(await page.locator('details:not([open])').count() > 0, 'restored after printing');
  // The Print button, right after an edit: what the browser lays out inside print() — a stub here
  // that records the page synchronously, as the real dialog would — has the sections never opened
  // built, and the link of the edited scenario.
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => {
    window.print = () => {
      dispatchEvent(new Event('beforeprint'));
      const method = document.querySelector('section.methodology details');
      window.printed = {
        method: method.open ? method.innerText.length : 0,
        facts: [...document.querySelectorAll('details.facts')].map((d) => d.innerText.length),
        link: document.querySelector('.print-link span').textContent,
      };
      dispatchEvent(new Event('afterprint'));
    };
  });
  await app.setUsers(78);
  await app.byTestId('print-button').click();
  const printedPage = await (await page.waitForFunction(() => window.printed)).jsonValue();
  assert.ok(printedPage.method > 2000, `methodology printed: ${printedPage.method} characters`);
  assert.ok(printedPage.facts.every((n) => n > 200), `platform facts printed: ${printedPage.facts}`);
  assert.equal(JSON.parse(evaluator(['--print-link', printedPage.link])).organisation.users, 78);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('one link format, two codecs: native links open in the page, the page\'s links read natively', async () => {
  // The page deflates with the browser's CompressionStream, the evaluator with miniz_oxide.
  const scenario = presetScenario('school-80');
  scenario.organisation.users = 93;
  scenario.simulation.seed = 2468;
  scenario.name = 'Codec check — 澳門 — ligação';
  const nativeLink = evaluator(['--make-link', '-'], JSON.stringify(scenario)).trim();
  assert.match(nativeLink, /^s=1\.[A-Za-z0-9_-]+$/);
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await page.goto(`${server.url}#${nativeLink}`);
  await app.byTestId('total-cost').first().waitFor();
  assert.equal(await app.byTestId('users-input').inputValue(), '93');
  assert.equal(await app.byTestId('error-banner').count(), 0);
  // Back: the page's own link, decoded by the evaluator, is the same scenario.
  await app.byTestId('share-button').click();
  const pageLink = await app.byTestId('share-link').inputValue();
  assert.notEqual(pageLink.split('#')[1], nativeLink, 'made by the other codec (different bytes)');
  const expected = JSON.parse(evaluator(['--print-link', nativeLink]));
  assert.deepEqual(JSON.parse(evaluator(['--print-link', pageLink])), expected);
  // And an edit in the page travels too.
  await app.setUsers(94);
  await page.waitForFunction(() => document.querySelector('[data-testid="users-input"]').value === '94');
  await app.byTestId('share-button').click();
  await page.waitForFunction((old) => document.querySelector('[data-testid="share-link"]').value !== old, pageLink);
  const edited = await app.byTestId('share-link').inputValue();
  assert.equal(JSON.parse(evaluator(['--print-link', edited])).organisation.users, 94);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test('the browser (wasm) simulates exactly what the native evaluator does for the same seed', async () => {
  const { page, context, problems } = await openPage(browser, server.origin);
  const app = new AppPage(page, server.url);
  await app.open();
  await app.loadPreset('bank-200');
  await app.simulationDone();
  const [download] = await Promise.all([page.waitForEvent('download'), app.byTestId('export-csv').click()]);
  const rows = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r\n/).slice(1)
    .map(parseCsvLine);
  const native = evaluateScenario(presetScenario('bank-200'));
  const value = (id, figure) => rows.find((r) => r[0] === id && r[2] === figure)?.[3];
  let compared = 0;
  for (const o of native.options) {
    // The CSV prints MOP with 2 decimals and probabilities with 6: equal to that last digit.
    const checks = [
      ['sim_mean', o.simulation.mean_mop, 2], ['sim_p50', o.simulation.p50_mop, 2],
      ['sim_p90', o.simulation.p90_mop, 2], ['sim_p95', o.simulation.p95_mop, 2],
      ['risk_adjusted_total', o.risk_adjusted_total_mop, 2], ['p_rosi_positive', o.compliance_roi.p_positive, 6],
    ];
    for (const [figure, expected, places] of checks) {
      const shown = Number(value(o.id, figure));
      assert.ok(Math.abs(shown - expected) <= 0.5 * 10 ** -places, `${o.id} ${figure}: wasm ${shown} vs native ${expected}`);
      compared++;
    }
  }
  for (const c of native.comparisons) {
    const shown = Number(value(c.a, `p_cheaper_than:${c.b}`));
    assert.ok(Math.abs(shown - c.p_a_cheaper) <= 5e-7, `P(${c.a} < ${c.b}): wasm ${shown} vs native ${c.p_a_cheaper}`);
    compared++;
  }
  assert.ok(compared >= 30, `${compared} figures compared`);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
