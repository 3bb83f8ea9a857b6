import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { Role } from '../../src/db/schema.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, uniqueEmail } from '../helpers/app.js';
import { axeProblems, type E2E, PHONE, signIn, startE2E } from './helpers.js';

/**
 * Each role starts its day on its own work (issue 19), on a phone and a desktop; the admin's
 * health page reads as it should in both languages; the site has an icon; admin pages show
 * dates in the reader's language, never as ISO dates.
 */
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const LANDING: [Role, string][] = [
  ['coordinator', '/staf/verifikasi'],
  ['agency_staff', '/staf'],
  ['agency_head', '/staf/persetujuan'],
  ['leader', '/dasbor'],
  ['admin', '/admin/kesehatan'],
];

/** How much wider than the screen the page is (a string: it runs in the page). */
const sideways = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

describe('each role lands on its own work, in a browser (issue 19)', function () {
  this.timeout(120_000);
  let e: E2E;
  const people = new Map<Role, { email: string; password: string }>();
  before(async () => {
    e = await startE2E();
    const dpupr = await agencyId(e.t.database, 'dpupr');
    for (const [role] of LANDING) {
      const { user, password } = await createUser(e.t.database.db, { email: uniqueEmail(role), name: `Pagi ${role}`, role, agencyId: role.startsWith('agency') ? dpupr : null });
      people.set(role, { email: user.email, password });
    }
  });
  after(async () => {
    await e?.close();
  });

  it('signs every role in to its own page, which `/` and the logo lead back to, on a 360 px phone', async () => {
    const context = await e.browser.newContext({ ...PHONE });
    for (const [role, path] of LANDING) {
      await context.clearCookies();
      const page = await context.newPage();
      const who = people.get(role)!;
      await signIn(e, page, who, who.password);
      expect(new URL(page.url()).pathname, role).to.equal(path);
      expect(await page.locator('main h1').count(), `${role}: a page, not an error`).to.equal(1);
      expect(await page.locator('main h1').innerText()).to.not.match(/^Halo/);
      // The menu marks where they are; the logo (/) takes them back to their work.
      expect(await page.locator(`.site-nav a[href="${path}"][aria-current="page"]`).count(), `${role} menu`).to.equal(1);
      await page.locator('a.brand').click();
      await page.waitForURL(`${e.baseUrl}${path}`);
      expect(await sideways(page), `${role} at 360 px`).to.equal(0);
      await page.close();
    }
    await context.close();
  });

  it('gives the admin a health page that says what needs attention, in Bahasa Indonesia and English, phone and desktop', async () => {
    const who = people.get('admin')!;
    for (const size of [PHONE, DESKTOP]) {
      const context = await e.browser.newContext({ ...size });
      const page = await context.newPage();
      await signIn(e, page, who, who.password);
      expect(new URL(page.url()).pathname).to.equal('/admin/kesehatan');
      const checks = await page.locator('[data-check]').evaluateAll((els) => els.map((el) => el.getAttribute('data-check')));
      expect(checks).to.deep.equal(['outbox', 'mailIntake', 'sweeper', 'summaries', 'database', 'disk', 'app']);
      // Every state is said in words, not by colour alone.
      for (const badge of await page.locator('.health-badge').allInnerTexts()) expect(badge.trim()).to.match(/Baik|Perlu dilihat|Bermasalah|Tidak aktif|Tidak dapat diperiksa/);
      expect(await page.locator('[data-check="database"] .health-summary').innerText()).to.match(/^Menjawab dalam \d+ milidetik\.$/);
      expect(await page.locator('[data-check="disk"] .health-summary').innerText()).to.match(/kosong dari/);
      expect(await axeProblems(page), 'axe on the health page').to.deep.equal([]);
      expect(await sideways(page)).to.equal(0);
      // Every link it offers opens.
      for (const href of await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
        expect((await page.request.get(`${e.baseUrl}${href}`)).status(), href).to.equal(200);
      }
      await page.locator('.lang-switch button').click();
      await page.waitForURL(`${e.baseUrl}/admin/kesehatan`);
      expect(await page.locator('main h1').innerText()).to.equal('System health');
      expect(await page.locator('[data-check="sweeper"] h2').innerText()).to.equal('Deadline sweeper');
      // Back to Bahasa Indonesia: the choice is kept on the account for the next sign-in.
      await page.locator('.lang-switch button').click();
      await page.waitForURL(`${e.baseUrl}/admin/kesehatan`);
      await context.close();
    }
  });

  it('has an icon on every page, and admin pages write dates as people read them, never 2026-01-31', async () => {
    const context = await e.browser.newContext({ ...DESKTOP });
    const page = await context.newPage();
    const who = people.get('admin')!;
    await signIn(e, page, who, who.password);
    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
    const res = await page.request.get(`${e.baseUrl}${icon}`);
    expect(res.status()).to.equal(200);
    expect(res.headers()['content-type']).to.equal('image/x-icon');
    expect((await page.request.get(`${e.baseUrl}/favicon.ico`)).status()).to.equal(200);
    // Something dated on the pages that list dates: a holiday, an audit entry (this sign-in), a mail.
    await page.goto(`${e.baseUrl}/admin/libur?year=2026`);
    const admin = await page.locator('.site-nav a[href^="/admin/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(admin.length).to.be.greaterThan(8);
    for (const href of admin) {
      await page.goto(`${e.baseUrl}${href}`);
      const text = await page.locator('main').innerText();
      expect(text, href).to.not.match(/\b(19|20)\d\d-\d\d-\d\d\b/);
    }
    await context.close();
  });
});
