import { expect } from 'chai';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { axeProblems, type E2E, PHONE, startE2E } from './helpers.js';

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
}

/** Serious or critical accessibility problems on the current page, per axe-core. */

async function fillReport(page: Page, withJs: boolean) {
  // Each run its own contact: the duplicate guard would rightly catch a second identical report.
  await page.getByLabel('Aspirasi').check();
  await page.getByLabel('Judul').fill('Usul halte di depan Pasar Puri');
  await page.getByLabel('Isi laporan').fill('Mohon dibangun halte di depan Pasar Puri karena banyak warga menunggu angkutan di bawah terik matahari.');
  await page.getByLabel('Kecamatan').selectOption({ label: 'Pati' });
  const desa = page.getByLabel('Desa/kelurahan');
  if (withJs) {
    // The script narrows the list to the chosen kecamatan.
    const visible = await desa.locator('optgroup:not([disabled])').count();
    expect(visible).to.equal(1);
  }
  await desa.selectOption({ label: 'Puri' });
  await page.getByLabel('Lampiran').setInputFiles({ name: 'halte.jpg', mimeType: 'image/jpeg', buffer: await jpeg() });
  await page.getByLabel('Nama').fill('Siti Aminah');
  await page.getByLabel('E-mail').fill(`siti.${withJs ? 'js' : 'nojs'}@example.com`);
  await page.getByLabel('Saya menyatakan laporan ini benar').check();
}

describe('citizen in a browser (360x740)', function () {
  this.timeout(120_000);
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    await e?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`reports with a photo, sees the code, opens the link and adds information (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await e.browser.newContext({ ...PHONE, javaScriptEnabled, locale: 'id-ID' });
      const page = await context.newPage();
      await page.goto(`${e.baseUrl}/lapor`);
      // axe runs inside the page, so only where scripts run.
      if (javaScriptEnabled) expect(await axeProblems(page), 'axe on /lapor').to.deep.equal([]);
      await fillReport(page, javaScriptEnabled);
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await page.waitForURL('**/lapor/terkirim');
      const code = await page.getByTestId('tracking-code').textContent();
      expect(code).to.match(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      if (javaScriptEnabled) expect(await axeProblems(page), 'axe on the thank-you page').to.deep.equal([]);
      await page.screenshot({ path: `test/e2e/.shots/done-js-${javaScriptEnabled}.png`, fullPage: true });

      await page.getByRole('link', { name: 'Buka halaman pelacakan' }).click();
      await page.waitForURL(`**/lacak/${code!.replace('-', '')}`);
      expect(await page.getByTestId('status').textContent()).to.contain('Diterima, menunggu pemeriksaan Diskominfo');
      if (javaScriptEnabled) expect(await axeProblems(page), 'axe on the tracking page').to.deep.equal([]);
      await page.getByLabel('Informasi tambahan').fill('Halte lama di seberang jalan sudah roboh sejak tahun lalu.');
      await page.getByRole('button', { name: 'Kirim informasi' }).click();
      await page.getByText('Informasi Anda sudah ditambahkan.').waitFor();
      expect(await page.content()).to.contain('Halte lama di seberang jalan sudah roboh');
      await page.screenshot({ path: `test/e2e/.shots/tracking-js-${javaScriptEnabled}.png`, fullPage: true });

      const row = await e.t.database.db
        .selectFrom('reports')
        .select(['id', 'kind', 'region_code'])
        .where('tracking_code', '=', code!.replace('-', ''))
        .executeTakeFirstOrThrow();
      expect(row.kind).to.equal('aspirasi');
      const files = await e.t.database.db.selectFrom('attachments').select('id').where('report_id', '=', row.id).execute();
      expect(files).to.have.length(1);
      await context.close();
    });
  }

  it('has no serious accessibility problem on the lookup page, and finds a report by code and key', async () => {
    const context = await e.browser.newContext({ ...PHONE });
    const page = await context.newPage();
    await page.goto(`${e.baseUrl}/lacak`);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.getByLabel('Kode pelacakan').fill('ABCD-2345');
    await page.getByLabel('Kunci rahasia').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: 'Lihat laporan' }).click();
    await page.getByText('Kode atau kunci rahasia tidak cocok').waitFor();
    await context.close();
  });

  it('shows errors next to their fields and in a summary, keeping what was typed', async () => {
    const context = await e.browser.newContext({ ...PHONE });
    const page = await context.newPage();
    await page.goto(`${e.baseUrl}/lapor`);
    await page.getByLabel('Judul').fill('Halo');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByText('Periksa kembali isian berikut').waitFor();
    expect(await page.getByLabel('Judul').inputValue()).to.equal('Halo');
    expect(await page.getByLabel('Judul').getAttribute('aria-invalid')).to.equal('true');
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: 'test/e2e/.shots/errors.png', fullPage: true });
    await context.close();
  });
});
