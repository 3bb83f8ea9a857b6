import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/index.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { uniqueEmail } from '../helpers/app.js';
import { axeProblems, type E2E, PHONE, signIn, startE2E } from './helpers.js';

/**
 * The leader's morning (issue 19): the dashboard says who is late and whether it is getting
 * better before its tables, as a chart with a table that says the same (also without
 * scripts); no table is cut at 1280 px and none makes a phone scroll sideways; the monthly
 * report prints on the Pemkab's letterhead.
 */
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const YEAR = `from=${new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`;

// Strings: they run in the page; this file is compiled without the DOM's types.
const sideways = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
/** Per table box: how much it hides sideways, and how far its last header cell reaches past the window. */
const tableBoxes = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('main .table-scroll')].map((box) => {
    const cells = box.querySelectorAll('thead th');
    const last = cells[cells.length - 1];
    return { label: box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'), hidden: box.scrollWidth - box.clientWidth, lastRight: last ? last.getBoundingClientRect().right : 0 };
  })`) as Promise<{ label: string; hidden: number; lastRight: number }[]>;

describe('the leader’s dashboard in a browser (issue 19)', function () {
  this.timeout(120_000);
  let e: E2E;
  let who: { email: string; password: string };
  before(async () => {
    e = await startE2E();
    await seedDemo(e.t.database.db, { reports: 200 });
    const { user, password } = await createUser(e.t.database.db, { email: uniqueEmail('bupati'), name: 'Bupati Pagi', role: 'leader', agencyId: null });
    who = { email: user.email, password };
  });
  after(async () => {
    await e?.close();
  });

  it('answers who is late and whether it is getting better before the tables, with nothing cut at 1280 px', async () => {
    const page = await (await e.browser.newContext({ ...DESKTOP })).newPage();
    await signIn(e, page, who, who.password);
    expect(new URL(page.url()).pathname).to.equal('/dasbor');
    await page.goto(`${e.baseUrl}/dasbor?${YEAR}`);
    await page.waitForFunction("Boolean(window.Chart && window.Chart.getChart('opd-chart'))");
    // The verdict, in words and numbers, on the first screen.
    const verdict = page.locator('.verdict');
    expect(await verdict.innerText()).to.match(/^(Membaik|Memburuk|Tidak berubah|Belum dapat dibandingkan)\. .*\d+% laporan dijawab tepat waktu/);
    expect((await verdict.boundingBox())!.y + 20).to.be.lessThan(800);
    // The sorted bar chart and its table equivalent, in the same order, before the per-OPD table.
    const rows = await page.locator('tr[data-rank]').count();
    expect(rows).to.be.greaterThan(1);
    const chartLabels = (await page.evaluate("window.Chart.getChart('opd-chart').data.labels.map((l) => [].concat(l).join(' '))")) as string[];
    const tableNames = await page.locator('tr[data-rank] th[scope="row"]').allInnerTexts();
    expect(chartLabels).to.deep.equal(tableNames);
    const shares = (await page.locator('tr[data-rank] td:nth-of-type(2)').allInnerTexts()).map((s) => Number(s.replace(/\D/g, '')));
    expect(shares, 'most often late first').to.deep.equal([...shares].sort((a, b) => a - b));
    const order = await page.evaluate("['overview-title', 'trend-title', 'opd-title', 'cat-title'].map((id) => document.getElementById(id).getBoundingClientRect().top)") as number[];
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    // No OPD both fastest and slowest.
    const fastest = await page.locator('[data-list="fastest"] li').allInnerTexts();
    const slowest = await page.locator('[data-list="slowest"] li').allInnerTexts();
    const names = (list: string[]) => list.map((l) => l.split(':')[0]);
    expect(names(fastest).filter((n) => names(slowest).includes(n))).to.deep.equal([]);
    // Every table whole: nothing hidden sideways, the last column inside the window.
    for (const box of await tableBoxes(page)) {
      expect(box.hidden, `${box.label} hides columns`).to.be.at.most(1);
      expect(box.lastRight, `${box.label}'s last column`).to.be.at.most(1280);
    }
    expect(await sideways(page)).to.equal(0);
    expect(await axeProblems(page), 'axe on /dasbor at 1280').to.deep.equal([]);
  });

  it('on a phone the page never scrolls sideways (tables scroll in their box), and without scripts the table stands for the chart', async () => {
    const page = await (await e.browser.newContext({ ...PHONE })).newPage();
    await signIn(e, page, who, who.password);
    await page.goto(`${e.baseUrl}/dasbor?${YEAR}`);
    await page.waitForFunction("Boolean(window.Chart && window.Chart.getChart('opd-chart'))");
    expect(await sideways(page)).to.equal(0);
    const boxes = await tableBoxes(page);
    expect(boxes.some((b) => b.hidden > 0), 'the wide tables scroll inside their box').to.equal(true);
    expect(await axeProblems(page), 'axe on /dasbor at 360').to.deep.equal([]);

    const bare = await (await e.browser.newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
    await signIn(e, bare, who, who.password);
    await bare.goto(`${e.baseUrl}/dasbor?${YEAR}`);
    expect(await bare.locator('#opd-chart').isVisible(), 'no empty chart box').to.equal(false);
    expect(await bare.locator('tr[data-rank]').count()).to.be.greaterThan(1);
    expect(await bare.locator('.verdict').isVisible()).to.equal(true);
  });

  it('prints the last complete month on the Pemkab’s letterhead', async () => {
    const page = await (await e.browser.newContext({ ...DESKTOP })).newPage();
    await signIn(e, page, who, who.password);
    await page.goto(`${e.baseUrl}/dasbor/bulanan`);
    expect(await page.locator('.letterhead').isVisible(), 'not on screen').to.equal(false);
    expect(await page.locator('[data-print]').isVisible(), 'the print button works where scripts run').to.equal(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.letterhead').isVisible()).to.equal(true);
    expect(await page.locator('.letterhead-org').innerText()).to.equal('PEMERINTAH KABUPATEN PATI');
    expect(await page.locator('.site-header').isVisible()).to.equal(false);
    const now = new Date(Date.now() + 7 * 3_600_000);
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const month = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(last);
    expect(await page.locator('h1').innerText()).to.equal(`Laporan bulanan pengaduan: ${month}`);
  });
});
