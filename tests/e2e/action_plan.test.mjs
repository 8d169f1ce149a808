// The action plan (issue 19) in headless Chromium on the built dist/: for bank-200 and trading-20
// the plan of the leading option (and of one the reader picks) shows the evaluator's steps with
// the evaluator's costs, and downloads as CSV and as an iCalendar file, in each language; no
// console errors and no request to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, openPage, AppPage, presetScenario, evaluateScenario } from './support.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

/** The shown plan's steps: id, exact one-off and yearly MOP (data attributes), shown text. */
async function shownSteps(app) {
  return app.page.$$eval('[data-testid="plan-step"]', (rows) => rows.map((r) => ({
    id: r.dataset.step, one_off: r.dataset.oneOff, yearly: r.dataset.yearly, text: r.innerText,
  })));
}

async function download(page, app, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), app.byTestId(testid).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

const sum = (xs) => xs.reduce((a, b) => a + Number(b), 0);

for (const preset of ['bank-200', 'trading-20']) {
  test(`${preset}: the plan is the evaluator's, and downloads as CSV and .ics, in three languages`, async () => {
    const report = evaluateScenario(presetScenario(preset));
    const leading = report.decision.ranking[0];
    const { page, context, problems } = await openPage(browser, server.origin, { viewport: { width: 1366, height: 900 } });
    const app = new AppPage(page, server.url);
    await app.open();
    await app.loadPreset(preset);
    await app.byTestId('action-plan').waitFor({ state: 'visible', timeout: 10000 });
    for (const lang of ['en', 'zh-Hant', 'pt']) {
      if (lang !== 'en') await app.setLanguage(lang);
      await page.waitForFunction((id) => document.querySelector('[data-testid="action-plan-option"]')?.value === id, leading, { timeout: 10000 });
      const expected = report.options.find((o) => o.id === leading).action_plan;
      const steps = await shownSteps(app);
      assert.deepEqual(steps.map((s) => s.id), expected.steps.map((s) => s.id), `${lang}: the evaluator's steps, in order`);
      assert.equal(sum(steps.map((s) => s.one_off)), Number(expected.one_off_total_mop), `${lang}: one-off sum`);
      assert.equal(sum(steps.map((s) => s.yearly)), Number(expected.yearly_total_mop), `${lang}: yearly sum`);
      for (const [i, s] of steps.entries()) {
        assert.equal(s.one_off, expected.steps[i].one_off_mop);
        assert.equal(s.yearly, expected.steps[i].yearly_mop);
        assert.doesNotMatch(s.text, /plan\.|measure\./, `${lang}: no raw key in ${s.id}`);
      }
      const notify = steps.find((s) => s.id === 'notify_dspdp');
      assert.ok(notify, 'the Art. 21 notification is always in the plan');
      assert.match(notify.text, { en: /Law 8\/2005 Art\. 21/, 'zh-Hant': /第8\/2005號法律第21條/, pt: /Lei n\.º 8\/2005, artigo 21\.º/ }[lang]);

      const csv = await download(page, app, 'action-plan-csv');
      assert.match(csv.name, /\.csv$/);
      const rows = csv.text.replace(/^\uFEFF/, '').split('\r\n');
      assert.ok(rows[0].startsWith('step,id,title,legal_basis,one_off_mop,yearly_mop,when,role,required'));
      assert.equal(rows.length, expected.steps.length + 2, 'header, one row per step, final CRLF');
      assert.ok(rows.some((r) => r.includes('notify_dspdp') && r.includes('Law 8/2005 Art. 21') && r.includes('within_8_days')));
      for (const r of rows.slice(1, -1)) assert.doesNotMatch(r.split(',')[2] ?? '', /^[=+\-@]/, 'guarded title cells');

      const ics = await download(page, app, 'action-plan-ics');
      assert.match(ics.name, /\.ics$/);
      assert.ok(ics.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
      assert.ok(ics.text.endsWith('END:VCALENDAR\r\n'));
      assert.ok(!ics.text.replace(/\r\n/g, '').includes('\n'), 'CRLF only');
      const dated = expected.steps.filter((s) => !['before_go_live', 'ongoing'].includes(s.when));
      assert.equal((ics.text.match(/BEGIN:VEVENT/g) ?? []).length, dated.length);
      const d = new Date(); d.setDate(d.getDate() + 7);
      const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
      assert.ok(ics.text.includes(`DTSTART;VALUE=DATE:${ymd}\r\n`), 'dated today + 7');
      assert.ok(ics.text.includes(`UID:${leading}-notify_dspdp@collab-risk\r\n`));
    }
    // The reader picks another option: its plan shows.
    const other = report.options.find((o) => o.id !== leading);
    await app.byTestId('action-plan-option').selectOption(other.id);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="plan-step"]').length === n
      && document.querySelector('[data-testid="action-plan-option"]').value, other.action_plan.steps.length, { timeout: 5000 });
    assert.deepEqual((await shownSteps(app)).map((s) => s.id), other.action_plan.steps.map((s) => s.id));
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.foreignRequests, []);
    await context.close();
  });
}
