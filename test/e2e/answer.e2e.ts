import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, uniqueEmail } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { type E2E, PHONE, startE2E } from './helpers.js';

async function signIn(browser: Browser, base: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.getByLabel('Alamat e-mail').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  // Each role lands on its own work (src/auth/landing.ts).
  await page.waitForURL((url) => url.pathname !== '/masuk');
  return page;
}

describe('an answer in the browser: staff drafts, the head approves, the citizen reads it', function () {
  this.timeout(120_000);
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    await e?.close();
  });

  it('goes from the OPD’s draft to the citizen’s tracking page', async () => {
    const db = e.t.database.db;
    const dpupr = await agencyId(e.t.database, 'dpupr');
    const staff = await createUser(db, { email: uniqueEmail('staf'), name: 'Staf PU', role: 'agency_staff', agencyId: dpupr });
    const head = await createUser(db, { email: uniqueEmail('kepala'), name: 'Kepala PU', role: 'agency_head', agencyId: dpupr });
    const r = await buildReport(e.t, { title: 'Jembatan kayu di Dukuh Krajan lapuk' });
    await advanceTo(db, r.report.id, 'in_progress');
    const answer = 'Tim sudah memeriksa jembatan pada 21 November. Papan yang lapuk diganti pada 3 Desember.';

    const s = await signIn(e.browser, e.baseUrl, staff.user.email, staff.password);
    await s.goto(`${e.baseUrl}/staf/laporan/${r.report.tracking_code}`);
    await s.getByLabel('Teks jawaban untuk pelapor').fill(answer);
    // Typing saves the draft by itself after a pause.
    await s.getByText('Draf tersimpan otomatis.').waitFor();
    await s.getByRole('button', { name: 'Simpan draf' }).click();
    await s.getByText('Draf tersimpan.').waitFor();
    await s.getByRole('button', { name: 'Simpan dan ajukan ke Kepala OPD' }).click();
    await s.getByText('Draf diajukan ke Kepala OPD.').waitFor();
    await s.getByText('Draf menunggu persetujuan Kepala OPD.').waitFor();

    const h = await signIn(e.browser, e.baseUrl, head.user.email, head.password);
    await h.goto(`${e.baseUrl}/staf/laporan/${r.report.tracking_code}`);
    // The checker warns (no greeting, reason or contact): the head approves only having said they read it.
    await h.getByTestId('answer-check').getByText('Belum ada kontak').waitFor();
    await h.getByRole('button', { name: 'Setujui dan kirim ke pelapor' }).click();
    await h.getByText('centang “Saya sudah membaca peringatan ini”').waitFor();
    await h.getByRole('checkbox', { name: 'Saya sudah membaca peringatan ini' }).check();
    await h.getByRole('button', { name: 'Setujui dan kirim ke pelapor' }).click();
    await h.getByText('Jawaban disetujui dan dikirim ke pelapor.').waitFor();
    await h.screenshot({ path: 'test/e2e/.shots/head-approved.png', fullPage: true });

    const citizen = await (await e.browser.newContext({ ...PHONE })).newPage();
    const url = new URL(r.trackingUrl);
    await citizen.goto(`${e.baseUrl}${url.pathname}${url.search}`);
    expect(await citizen.getByTestId('status').textContent()).to.contain('Sudah dijawab');
    expect(await citizen.content()).to.contain('Papan yang lapuk diganti pada 3 Desember');
    // The citizen rates; the OPD sees the rating on its report page.
    await citizen.getByLabel('4 — baik').check();
    await citizen.getByRole('button', { name: 'Ya, nyatakan selesai' }).click();
    await citizen.getByText('Terima kasih. Laporan dinyatakan selesai.').waitFor();
    await s.goto(`${e.baseUrl}/staf/laporan/${r.report.tracking_code}`);
    expect(await s.getByTestId('rating').textContent()).to.contain('4/5');
    await citizen.screenshot({ path: 'test/e2e/.shots/citizen-answer.png', fullPage: true });
  });
});
