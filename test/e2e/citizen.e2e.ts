import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { mergeReport } from '../../src/triage/commands/close.js';
import { forwardReport } from '../../src/triage/commands/forward.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, uniqueEmail } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { resolvedCase } from '../portal/helpers.js';
import { axeProblems, type E2E, PHONE, startE2E } from './helpers.js';

/**
 * What a citizen sees (issue 19): the front page, a form that keeps its photos through an
 * error, focus on the error summary, their own photos and the OPD their report went to,
 * a merged report's follow-up, and no page wider than a 360 px phone.
 * E2E_SHOTS=/some/folder saves a screenshot of each page looked at.
 */
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const SHOTS = process.env.E2E_SHOTS;

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** How much wider than the screen the page is (0: no sideways scrolling), and the widest culprit. */
async function overflow(page: Page): Promise<{ px: number; culprit: string }> {
  // A string: it runs in the page; this file is compiled without the DOM's types.
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    let culprit = '';
    let right = width;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5) { right = r; culprit = el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''); }
    }
    return { px: document.documentElement.scrollWidth - width, culprit };
  })()`);
}

async function jpeg(color: string): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: color } }).jpeg().toBuffer();
}

describe('the citizen’s pages in a browser', function () {
  this.timeout(120_000);
  let e: E2E;
  const contexts: BrowserContext[] = [];
  let caseCode: string;
  let agencyCode: string;

  before(async () => {
    e = await startE2E();
    const coordinator = await createUser(e.t.database.db, { email: uniqueEmail('koord'), name: 'Koordinator', role: 'coordinator', agencyId: null });
    const c = await resolvedCase(e.t, {
      coordinatorId: coordinator.user.id,
      input: { title: 'Jembatan bambu di Dukuh Krajan rusak' },
      answer: 'Jembatan sudah diperbaiki oleh petugas pada 24 November.',
    });
    await e.t.database.db.updateTable('publications').set({ answer_days: '8.5' }).where('report_id', '=', c.report.id).execute();
    caseCode = c.report.tracking_code;
    agencyCode = (await e.t.database.db.selectFrom('agencies').select('code').where('id', '=', c.report.assigned_agency_id!).executeTakeFirstOrThrow()).code;
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await e?.close();
  });

  /** A tracking link (made with PUBLIC_URL) on the test server. */
  const local = (link: string) => `${e.baseUrl}${new URL(link).pathname}${new URL(link).search}`;

  async function open(options: BrowserContextOptions, lang: 'id' | 'en' = 'id'): Promise<Page> {
    const context = await e.browser.newContext(options);
    contexts.push(context);
    if (lang === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: e.baseUrl }]);
    return context.newPage();
  }

  it('the front page says what to do, on a phone and a desktop, in both languages', async () => {
    for (const [size, options] of [['360', PHONE], ['1280', DESKTOP]] as const) {
      for (const lang of ['id', 'en'] as const) {
        const page = await open(options, lang);
        await page.goto(`${e.baseUrl}/`);
        const start = page.getByRole('link', { name: lang === 'id' ? 'Buat laporan' : 'Send a report' }).last();
        expect(await start.isVisible()).to.equal(true);
        expect(await page.getByTestId('home-figures').isVisible()).to.equal(true);
        expect((await overflow(page)).px, `front page at ${size} px (${lang})`).to.equal(0);
        if (size === '360' && lang === 'id') expect(await axeProblems(page), 'axe on the front page').to.deep.equal([]);
        await shot(page, `home-${lang}-${size}`);
        if (size === '360' && lang === 'id') {
          await start.click();
          await page.waitForURL('**/lapor');
        }
        await page.context().close();
      }
    }
  });

  it('without JavaScript, a field error keeps the chosen photos; the citizen then sees them on the tracking page', async () => {
    const page = await open({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${e.baseUrl}/lapor`);
    await page.getByLabel('Judul').fill('Got');
    await page.getByLabel('Isi laporan').fill('Gorong-gorong di depan SD Negeri 2 Juwana ambrol, air meluap ke jalan setiap hujan deras turun.');
    await page.getByLabel('Lampiran').setInputFiles([
      { name: 'gorong-gorong.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#2a6') },
      { name: 'luapan.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#26a') },
    ]);
    await page.getByLabel('Nama').fill('Sutini');
    await page.getByLabel('Saya menyatakan laporan ini benar').check();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByText('Periksa kembali isian berikut').waitFor();
    const held = page.getByTestId('held-files');
    expect(await held.innerText()).to.contain('gorong-gorong.jpg').and.contain('luapan.jpg');
    expect(await page.getByLabel('Isi laporan').inputValue()).to.contain('Gorong-gorong');
    expect((await overflow(page)).px, '/lapor with held files at 360 px').to.equal(0);
    await shot(page, 'lapor-held-id-360');

    await page.getByLabel('Judul').fill('Gorong-gorong ambrol di depan SD Negeri 2 Juwana');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    await page.getByRole('link', { name: 'Buka halaman pelacakan' }).click();
    await page.waitForURL(/\/lacak\/[2-9A-Z]{8}$/);
    const photos = page.locator('.citizen-files img');
    expect(await photos.count()).to.equal(2);
    expect(await photos.first().getAttribute('alt')).to.equal('Foto 1: gorong-gorong.jpg');
    expect((await overflow(page)).px, 'tracking page at 360 px').to.equal(0);
    await shot(page, 'tracking-files-id-360');
    const [response] = await Promise.all([page.waitForResponse(/\/lampiran\/\d+$/), photos.first().click()]);
    expect(response.status()).to.equal(200);
    expect(response.headers()['content-type']).to.equal('image/jpeg');
  });

  it('with JavaScript, focus goes to the error summary, a link in it to its field, and the photo shows once sent', async () => {
    const page = await open(DESKTOP);
    await page.goto(`${e.baseUrl}/lapor`);
    await page.getByLabel('Judul').fill('Halo');
    await page.getByLabel('Lampiran').setInputFiles({ name: 'pasar.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#a62') });
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByText('Periksa kembali isian berikut').waitFor();
    await page.waitForFunction('document.activeElement && document.activeElement.hasAttribute("data-error-summary")');
    await page.locator('[data-error-summary] a[href="#f-title"]').click();
    expect(await page.evaluate('document.activeElement.id')).to.equal('f-title');
    expect(await page.getByTestId('held-files').innerText()).to.contain('pasar.jpg');
    expect(await axeProblems(page), 'axe on /lapor with errors and a held photo').to.deep.equal([]);
    await shot(page, 'lapor-errors-id-1280');

    await page.getByLabel('Judul').fill('Atap los pasar bocor di Pasar Puri');
    await page.getByLabel('Isi laporan').fill('Atap los sayur di Pasar Puri bocor di banyak titik, pedagang kehujanan dan dagangan rusak setiap sore.');
    await page.getByLabel('Nama').fill('Warsini');
    await page.getByLabel('Saya menyatakan laporan ini benar').check();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForURL('**/lapor/terkirim');
    await page.getByRole('link', { name: 'Buka halaman pelacakan' }).click();
    await page.waitForURL(/\/lacak\/[2-9A-Z]{8}$/);
    const img = page.locator('.citizen-files img').first();
    await img.waitFor();
    await page.waitForFunction('document.querySelector(".citizen-files img").complete');
    expect(await page.evaluate('document.querySelector(".citizen-files img").naturalWidth')).to.be.above(0);
    expect(await axeProblems(page), 'axe on the tracking page with a photo').to.deep.equal([]);
    await shot(page, 'tracking-files-id-1280');
  });

  it('the timeline names the OPD the report went to, and a merged report shows the one it joined', async () => {
    const diskominfo = await agencyId(e.t.database, 'diskominfo');
    const dpupr = await agencyId(e.t.database, 'dpupr');
    const target = await buildReport(e.t);
    const dup = await buildReport(e.t);
    await forwardReport(e.t.database.db, e.t.config, { report: target.report, agencyId: dpupr, actor: { kind: 'staff', agencyId: diskominfo } });
    await mergeReport(e.t.database.db, e.t.config, { report: dup.report, into: target.report.tracking_code, actor: { kind: 'staff', agencyId: diskominfo } });
    await advanceTo(e.t.database.db, target.report.id, 'answered', 'Gorong-gorong sudah diganti dengan pipa beton baru pada 2 Desember.');

    const page = await open(PHONE);
    await page.goto(local(target.trackingUrl));
    expect(await page.locator('main').innerText()).to.contain('Diperiksa dan diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang');
    await page.goto(local(dup.trackingUrl));
    const merged = page.getByTestId('merged-into');
    expect(await page.getByTestId('status').innerText()).to.contain('Digabung dengan laporan lain');
    expect(await page.getByTestId('merged-status').innerText()).to.equal('Sudah dijawab');
    expect(await merged.innerText()).to.contain('Gorong-gorong sudah diganti dengan pipa beton baru');
    expect(await axeProblems(page), 'axe on a merged report').to.deep.equal([]);
    expect((await overflow(page)).px).to.equal(0);
    await shot(page, 'tracking-merged-id-360');
    const en = await open(DESKTOP, 'en');
    await en.goto(local(dup.trackingUrl));
    expect(await en.getByTestId('merged-status').innerText()).to.equal('Answered');
    await shot(en, 'tracking-merged-en-1280');
  });

  it('no public page is wider than a 360 px phone, in either language', async () => {
    const pages = ['/', '/lapor', '/lacak', '/publik', '/publik/data', '/publik/statistik', `/publik/${caseCode}`, `/publik/sematkan/${agencyCode}`];
    for (const lang of ['id', 'en'] as const) {
      const page = await open(PHONE, lang);
      for (const p of pages) {
        await page.goto(`${e.baseUrl}${p}`);
        const o = await overflow(page);
        expect(o.px, `${p} (${lang}) is ${o.px} px too wide: ${o.culprit}`).to.equal(0);
        if (lang === 'id' && p.startsWith('/publik/data')) await shot(page, 'publik-data-id-360');
      }
      await page.goto(`${e.baseUrl}/publik`);
      expect(await page.locator('main').innerText()).to.contain(lang === 'id' ? 'dijawab dalam 8,5 hari kerja' : 'answered in 8.5 working days');
      await shot(page, `publik-${lang}-360`);
    }
  });
});
