import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import { transition } from '../../src/reports/commands/transition.js';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { ANSWER, staffApi } from '../answers/helpers.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { answeredReport, letterOf, NIP, pdfQrCodes, pdfText } from './helpers.js';

describe('letters: the surat jawaban issued when an answer is sent', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', PUBLIC_URL: 'http://lapor.patikab.go.id' });
  });

  it('is a real PDF with the number, the addressee, the subject, the answer and the signer’s name, title and NIP', async () => {
    const r = await answeredReport(t, { title: 'Jalan berlubang di Desa Sambiroto', reporter: { name: 'Siti Aminah', email: 'siti.letter@example.com', phone: null, nik: null } });
    const letter = await letterOf(t, r.report.id);
    const pdf = Buffer.from(letter.pdf!);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(letter.sha256).to.equal(crypto.createHash('sha256').update(pdf).digest('hex'));
    expect(letter.number).to.match(new RegExp(`^${letter.seq}/DPUPR/\\d{4}$`));
    const text = await pdfText(pdf);
    const code = `${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}`;
    expect(text).to.contain(letter.number);
    expect(text).to.contain('Siti Aminah');
    expect(text).to.contain(`Jawaban atas pengaduan ${code}`).and.contain('Jalan berlubang di Desa Sambiroto');
    expect(text).to.contain('Tim UPT sudah meninjau lokasi pada 20 November.');
    expect(text).to.contain('Ir. Bambang Suryanto, M.T.');
    expect(text).to.contain('Kepala Dinas Pekerjaan Umum dan Penataan Ruang');
    expect(text).to.contain(`NIP. ${NIP}`);
    expect(text).to.contain('PEMERINTAH KABUPATEN PATI');
  });

  it('carries a QR code that decodes to its verification page', async () => {
    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    expect(await pdfQrCodes(Buffer.from(letter.pdf!))).to.deep.equal([`http://lapor.patikab.go.id/verifikasi/${letter.verify_token}`]);
  });

  it('is addressed to "Pelapor" when the reporter is anonim, and never names them', async () => {
    const r = await answeredReport(t, { anonymous: true, reporter: { name: 'Nama Rahasia Sekali', email: 'anon.letter@example.com', phone: null, nik: null } });
    const text = await pdfText(Buffer.from((await letterOf(t, r.report.id)).pdf!));
    expect(text).to.match(/Yth\.\s+Pelapor/).and.not.contain('Nama Rahasia Sekali');
  });

  it('is stored once: the database refuses to change an issued letter', async () => {
    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    let error: unknown;
    try {
      await sql`update answer_letters set pdf = ${Buffer.from('%PDF-forged')} where id = ${letter.id}`.execute(t.database.db);
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('never changes');
    expect((await letterOf(t, r.report.id)).sha256).to.equal(letter.sha256);
  });

  it('with validation on, is issued when the coordinator validates, signed by the Kepala OPD who approved', async () => {
    await setSetting(t.database.db, 'answerValidation', true, null);
    try {
      const r = await buildReport(t);
      await advanceTo(t.database.db, r.report.id, 'in_progress');
      const staff = await staffApi(t, 'agency_staff');
      const head = await staffApi(t, 'agency_head');
      const coordinator = await staffApi(t, 'coordinator');
      await t.database.db.updateTable('users').set({ name: 'Ir. Hadi Santoso', nip: NIP }).where('id', '=', head.user.id).execute();
      const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
      const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
      await staff.post(`${base}/${draft.id}/submit`).expect(200);
      await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
      const none = await t.database.db.selectFrom('answer_letters').select('id').where('report_id', '=', r.report.id).execute();
      expect(none, 'no letter before the answer is final').to.have.length(0);
      await coordinator.post(`${base}/${draft.id}/validate`).expect(200);
      const letter = await letterOf(t, r.report.id);
      expect(letter).to.include({ signer_user_id: head.user.id, signer_name: 'Ir. Hadi Santoso' });
      expect(await pdfText(Buffer.from(letter.pdf!))).to.contain('Ir. Hadi Santoso').and.not.contain('Test coordinator');
    } finally {
      await setSetting(t.database.db, 'answerValidation', false, null);
    }
  });

  it('goes with its own reporter’s mail only: the reporter of a merged report gets the answer without it', async () => {
    const other = await buildReport(t, { reporter: { name: 'Budi Gabungan', email: 'budi.merged@example.com', phone: null, nik: null } });
    const main = await buildReport(t, { reporter: { name: 'Rina Utama', email: 'rina.main@example.com', phone: null, nik: null } });
    await transition(t.database.db, { reportId: other.report.id, action: 'merge', actor: { kind: 'staff' }, visibility: 'public', set: { merged_into_id: main.report.id } });
    await advanceTo(t.database.db, main.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const base = `/api/v1/staff/reports/${main.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    const attached = (to: string) =>
      t.database.db
        .selectFrom('outbox')
        .leftJoin('outbox_attachments as a', 'a.outbox_id', 'outbox.id')
        .select(['outbox.subject', 'a.letter_id'])
        .where('outbox.to_address', '=', to)
        .where('outbox.subject', 'like', 'Jawaban%')
        .execute();
    const letter = await letterOf(t, main.report.id);
    expect((await attached('rina.main@example.com')).map((m) => m.letter_id)).to.deep.equal([letter.id]);
    const merged = await attached('budi.merged@example.com');
    expect(merged).to.have.length(1);
    expect(merged[0]!.letter_id).to.equal(null);
  });
});
