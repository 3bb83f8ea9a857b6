import { expect } from 'chai';
import { seedDemo } from '../../src/demo/index.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { uniqueEmail } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';
import { axeProblems, type E2E, PHONE, signIn, startE2E } from './helpers.js';

describe('the dashboard in a browser (360x740)', function () {
  this.timeout(120_000);
  let e: E2E;
  before(async () => {
    e = await startE2E();
    await seedDemo(e.t.database.db, { reports: 120 });
  });
  after(async () => {
    await e?.close();
  });

  it('draws its charts from our own origin, follows a figure to its reports, and has no serious accessibility problem', async () => {
    const leader = await createUser(e.t.database.db, { email: uniqueEmail('bupati'), name: 'Bupati', role: 'leader', agencyId: null });
    const page = await (await e.browser.newContext({ ...PHONE })).newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(e.baseUrl)) outside.push(r.url());
    });
    await signIn(e, page, leader.user, leader.password);
    const year = `from=${new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`;
    await page.goto(`${e.baseUrl}/dasbor?${year}`);
    // Chart.js drew into the canvas: it has a size and pixels.
    // (A string: it runs in the page, where the DOM is; this file is compiled without it.)
    await page.waitForFunction("Boolean(window.Chart && document.getElementById('trend-chart') && window.Chart.getChart('trend-chart'))");
    expect(outside, 'requests to other origins').to.deep.equal([]);
    expect(await axeProblems(page), 'axe on /dasbor').to.deep.equal([]);
    const cell = page.locator('tr[data-agency] td[data-figure="received"] a').first();
    const count = Number(await cell.innerText());
    await cell.click();
    await page.waitForURL(/\/dasbor\/laporan\?/);
    expect(await page.locator('main tbody tr').count()).to.equal(Math.min(count, 50));
    expect(await axeProblems(page), 'axe on the list').to.deep.equal([]);
  });
  it('refreshes its figures live when a report comes in, keeping every figure a link', async () => {
    const leader = await createUser(e.t.database.db, { email: uniqueEmail('sekda'), name: 'Sekda', role: 'leader', agencyId: null });
    const page = await (await e.browser.newContext({ ...PHONE })).newPage();
    await signIn(e, page, leader.user, leader.password);
    await page.goto(`${e.baseUrl}/dasbor`);
    const received = page.locator('[data-summary="received"]');
    const before = Number((await received.innerText()).replace(/\D/g, ''));
    const status = await page.locator('#dashboard-live').innerText();
    // The figures say when they were computed (they are shared between viewers for a while).
    expect(status).to.match(/^Diperbarui \d\d[.:]\d\d[.:]\d\d WIB\./);
    // Give the page's socket a moment to join its rooms, then a citizen reports.
    await page.waitForTimeout(500);
    await buildReport(e.t);
    // The page waits up to 10 s after a change (debounced), then fetches the figures again.
    const deadline = Date.now() + 20_000;
    let now = before;
    while (now !== before + 1 && Date.now() < deadline) {
      await page.waitForTimeout(250);
      now = Number((await received.innerText()).replace(/\D/g, ''));
    }
    expect(now, 'received, refreshed live').to.equal(before + 1);
    const refreshed = await page.locator('#dashboard-live').innerText();
    expect(refreshed).to.not.equal(status);
    expect(refreshed).to.match(/^Diperbarui \d\d[.:]\d\d[.:]\d\d WIB\./);
    expect(await page.locator('tr[data-agency] td[data-figure="received"] a').count()).to.be.greaterThan(0);
    expect(await page.locator('[data-summary="received"]').evaluate((el) => el.closest('a') !== null)).to.equal(true);
  });
});
