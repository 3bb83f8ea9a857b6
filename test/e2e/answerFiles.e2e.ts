import fs from 'node:fs/promises';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/users/commands/createUser.js';
import { photo } from '../attachments/fixtures.js';
import { pdfQrCodes, pdfText } from '../letters/helpers.js';
import { agencyId, uniqueEmail } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { axeProblems, type E2E, PHONE, signIn, startE2E } from './helpers.js';

/**
 * Issue 21, items 2, 3 and 4 in a browser at 360 px: staff attach a photo to the answer and
 * read the preview; the Kepala OPD corrects the text and approves it in one step; the
 * citizen sees the corrected answer with the photo.
 */
describe('answers in a browser: files with the answer, the preview, "Ubah dan setujui", the letter', function () {
  this.timeout(120_000);
  let e: E2E;
  const contexts: BrowserContext[] = [];
  before(async () => {
    e = await startE2E();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await e?.close();
  });

  async function pageAs(role: 'agency_staff' | 'agency_head'): Promise<Page> {
    const agency = await agencyId(e.t.database, 'dpupr');
    const { user, password } = await createUser(e.t.database.db, { email: uniqueEmail(role), name: `E2E ${role}`, role, agencyId: agency });
    const context = await e.browser.newContext({ ...PHONE, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(e, page, user, password);
    return page;
  }

  it('staff attach a photo and see the preview; the head edits and approves; the citizen sees both and downloads the letter', async () => {
    const db = e.t.database.db;
    const r = await buildReport(e.t, { title: 'Jalan berlubang di depan SD Sukolilo 3', reporter: { name: 'Siti Aminah', email: 'siti.files@example.com', phone: null, nik: null } });
    await advanceTo(db, r.report.id, 'in_progress');
    const url = `${e.baseUrl}/staf/laporan/${r.report.tracking_code}`;

    const staff = await pageAs('agency_staff');
    await staff.goto(url);
    await staff.getByLabel('Teks jawaban untuk pelapor').fill(
      'Yth. {nama_pelapor}, terima kasih atas laporan Anda tentang jalan berlubang di depan SD Sukolilo. Tim Unit Pelaksana Teknis (UPT) Jalan sudah memeriksa lokasi pada 20 November dan menemukan lubang selebar satu meter karena saluran air tersumbat. Lubang akan ditambal paling lambat ....; hubungi UPT Jalan Pati di 0295-381234.',
    );
    await staff.getByRole('button', { name: 'Simpan draf' }).click();
    await staff.getByLabel('Pilih berkas').setInputFiles({ name: 'sesudah.jpg', mimeType: 'image/jpeg', buffer: await photo('jpeg', 400, 300) });
    await staff.getByRole('button', { name: 'Lampirkan' }).click();
    await staff.getByText('1 berkas dilampirkan pada jawaban.').waitFor();
    await staff.getByLabel('Tampilkan di halaman publik').check();
    await staff.getByRole('button', { name: 'Simpan pilihan' }).click();
    await staff.getByText('Foto diusulkan untuk halaman publik.').waitFor();
    await staff.getByText('Lihat jawaban seperti yang akan dibaca pelapor').click();
    expect(await staff.getByTestId('mail-preview').innerText()).to.contain('sesudah.jpg');
    expect(await axeProblems(staff)).to.deep.equal([]);
    // The blank stays: staff cannot submit it, so the head gets it through the table as a draft needing a fix.
    const draft = await db.selectFrom('messages').select(['id']).where('report_id', '=', r.report.id).where('kind', '=', 'answer').executeTakeFirstOrThrow();
    await db.updateTable('messages').set({ answer_status: 'submitted' }).where('id', '=', draft.id).execute();
    await db.updateTable('reports').set({ status: 'awaiting_approval' }).where('id', '=', r.report.id).execute();

    const head = await pageAs('agency_head');
    await head.goto(url);
    await head.getByText('Ubah dan setujui').click();
    const editor = head.locator('.edit-approve textarea');
    await editor.fill((await editor.inputValue()).replace('paling lambat ....', 'paling lambat 2 Desember'));
    const read = head.locator('.edit-approve').getByLabel('Saya sudah membaca peringatan ini');
    await read.check();
    expect(await axeProblems(head)).to.deep.equal([]);
    await head.getByRole('button', { name: 'Simpan perubahan dan kirim ke pelapor' }).click();
    await head.getByText('Jawaban disetujui dan dikirim ke pelapor.').waitFor();

    const citizen = await e.browser.newContext({ ...PHONE, locale: 'id-ID' });
    contexts.push(citizen);
    const page = await citizen.newPage();
    await page.goto(`${e.baseUrl}/lacak/${r.report.tracking_code}?k=${r.secret}`);
    await page.getByText('paling lambat 2 Desember').waitFor();
    const img = page.locator('.tl-answer img');
    expect(await img.getAttribute('alt')).to.contain('sesudah.jpg');
    // The thumbnail loads for this session.
    expect(await img.evaluate((el) => { const i = el as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0; })).to.equal(true);
    const versions = await db.selectFrom('answer_versions').select(['version', 'body']).where('message_id', '=', draft.id).orderBy('version').execute();
    expect(versions.at(-1)!.body).to.contain('paling lambat 2 Desember');

    // The official letter: downloaded by the citizen's browser, with the head's corrected text,
    // and a QR code that opens its verification page.
    const letter = await db.selectFrom('answer_letters').select(['number', 'verify_token']).where('report_id', '=', r.report.id).executeTakeFirstOrThrow();
    const link = page.getByRole('link', { name: `Unduh surat nomor ${letter.number} (PDF)` });
    await page.screenshot({ path: 'test/e2e/.shots/citizen-answer-letter.png', fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const pdf = new Uint8Array(await fs.readFile((await download.path())!));
    const text = await pdfText(pdf);
    expect(text).to.contain(letter.number).and.contain('Siti Aminah').and.contain('paling lambat 2 Desember');
    const [qr] = await pdfQrCodes(pdf);
    expect(qr).to.match(new RegExp(`/verifikasi/${letter.verify_token}$`));
    await page.goto(`${e.baseUrl}/verifikasi/${letter.verify_token}`);
    await page.getByText(letter.number).first().waitFor();
    expect(await axeProblems(page)).to.deep.equal([]);
  });
});
