import { expect } from 'chai';
import supertest from 'supertest';
import { findBlanks } from '../../src/answers/blanks.js';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

describe('answers: no blank from a template ever leaves the building', () => {
  describe('findBlanks', () => {
    const blanksOf = (text: string) => findBlanks(text).map((b) => b.text);

    it('finds the blanks templates leave, with their line and the words around them', () => {
      const text = [
        'Yth. {nama_pelapor},',
        '',
        'Terima kasih atas laporan Anda. Kami telah memeriksa lokasi dan menemukan bahwa ...',
        'Kami akan ... paling lambat tanggal .... Jika ada pertanyaan, silakan hubungi ... di nomor ....',
      ].join('\n');
      const found = findBlanks(text);
      expect(found.map((b) => [b.text, b.line])).to.deep.equal([
        ['...', 3],
        ['...', 4],
        ['....', 4],
        ['...', 4],
        ['....', 4],
      ]);
      expect(found[0]!.excerpt).to.equal('…lokasi dan menemukan bahwa ...');
      expect(found[2]!.excerpt).to.contain('paling lambat tanggal ....');
    });

    for (const [text, blank] of [
      ['Petugas akan datang pada tanggal …', '…'],
      ['Hubungi petugas di nomor {isian}.', '{isian}'],
      ['Hubungi {{kontak}} untuk keterangan.', '{{kontak}}'],
      ['Kami telah memperbaiki [ ] pada hari ini.', '[ ]'],
      ['Penyebabnya adalah [...].', '[...]'],
      ['Penyebabnya adalah [isi alasan di sini].', '[isi alasan di sini]'],
      ['Silakan hubungi [NAMA PETUGAS] di kantor kami.', '[NAMA PETUGAS]'],
      ['Silakan hubungi [nomor telepon] kami.', '[nomor telepon]'],
      ['Perbaikan selesai pada <tanggal>.', '<tanggal>'],
      ['Perbaikan dijadwalkan (diisi petugas) minggu depan.', '(diisi petugas)'],
      ['Perbaikan dijadwalkan tanggal ________ ini.', '________'],
      ['Perbaikan dijadwalkan tanggal dd/mm/yyyy nanti.', 'dd/mm/yyyy'],
      ['Nomor surat kami xxx tahun ini.', 'xxx'],
      ['Kami menemukan bahwa . . . di lokasi.', '. . .'],
      ['Hubungi {telepon_unit} untuk info.', '{telepon_unit}'],
    ]) {
      it(`finds ${blank} in “${text}”`, () => {
        expect(blanksOf(text!)).to.deep.equal([blank]);
      });
    }

    it('leaves a finished answer alone: our placeholders, redaction tokens, amounts, dates, codes', () => {
      const finished = [
        'Yth. {nama_pelapor},',
        'Terima kasih atas laporan Anda ({kode}) tanggal {tanggal_laporan}. {opd} telah memeriksa lokasi pada {hari_ini}.',
        'Jalan akan ditambal pada 2 Desember 2025 (Senin) dengan anggaran Rp 1.250.000 dari DAK. Surat nomor 600/123/DPUPR/2025.',
        'Pelapor [nama disamarkan] dapat menghubungi UPT di 0295-381234 (jam kerja, 08.00-16.00).',
        'Lihat juga laporan 95D4-K7XW. Terima kasih.',
      ].join('\n');
      expect(findBlanks(finished)).to.deep.equal([]);
    });

    it('takes linear time on a long adversarial text', () => {
      const started = process.hrtime.bigint();
      findBlanks(`${'[ab '.repeat(20_000)}${'{x '.repeat(20_000)}${'. '.repeat(20_000)}`);
      expect(Number(process.hrtime.bigint() - started) / 1e6).to.be.below(2000);
    });
  });

  describe('every step refuses them, on the server', () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    });
    afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

    const status = async (id: number) => (await t.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    it('a draft from a seeded template cannot be submitted until every blank is filled, on the page and in the API', async () => {
      const staff = await staffApi(t, 'agency_staff');
      const r = await buildReport(t, { reporter: { name: 'Warga', email: 'warga.blank@example.com', phone: null, nik: null } });
      await advanceTo(t.database.db, r.report.id, 'in_progress');
      const code = r.report.tracking_code;
      // The seeded "Akan ditindaklanjuti" is full of blanks, as a template should be.
      const seeded = await t.database.db.selectFrom('answer_templates').select(['id', 'body']).where('name', '=', 'Akan ditindaklanjuti').executeTakeFirstOrThrow();
      expect(findBlanks(seeded.body).length).to.be.at.least(4);
      await staff.agent.post(`/staf/laporan/${code}/jawaban/templat`).type('form').send({ _csrf: await staff.csrf(), templateId: String(seeded.id) }).expect(303);
      const draft = await t.database.db.selectFrom('messages').select(['id', 'version', 'body']).where('report_id', '=', r.report.id).where('kind', '=', 'answer').executeTakeFirstOrThrow();

      // The page shows the blanks where staff write...
      const page = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
      expect(page.text).to.contain('data-testid="answer-blanks"').and.contain('isian templat yang belum dilengkapi').and.contain('di baris 3');
      // ...the page's "Simpan dan ajukan" saves the text but does not submit it.
      await staff.agent
        .post(`/staf/laporan/${code}/jawaban`)
        .type('form')
        .send({ _csrf: await staff.csrf(), id: String(draft.id), version: String(draft.version), body: `${draft.body}\nSalam.`, then: 'submit' })
        .expect(303);
      const after = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
      expect(after.text).to.match(/Masih ada \d+ isian templat yang belum dilengkapi: “\.\.\.” di baris 3/);
      expect(await status(r.report.id)).to.equal('in_progress');
      const saved = await t.database.db.selectFrom('messages').select(['body', 'answer_status', 'version']).where('id', '=', draft.id).executeTakeFirstOrThrow();
      expect(saved.body).to.match(/Salam\.$/);
      expect(saved.answer_status).to.equal('draft');

      // The API answers 422 naming the blank and where it is; the autosave shows them as staff type.
      const base = `/api/v1/staff/reports/${code}/answers`;
      const refused = await staff.post(`${base}/${draft.id}/submit`).expect(422);
      expect(refused.body.errors[0].field).to.equal('body');
      expect(refused.body.errors[0].message).to.contain('“...” di baris 3').and.contain('menemukan bahwa ...');
      const typed = await staff.put(`${base}/${draft.id}`, { body: 'Yth. {nama_pelapor},\nKami akan menambal lubang paling lambat tanggal .... Terima kasih.', version: saved.version }).expect(200);
      expect(typed.body.blanks).to.deep.equal([{ text: '....', line: 2, column: 49, excerpt: '…lubang paling lambat tanggal .... Terima kasih.' }]);
      expect(typed.body.blanksMessage).to.contain('“....” di baris 2');

      // Filled in: it goes.
      const filled = await staff.put(`${base}/${draft.id}`, { body: `Yth. {nama_pelapor},\n${ANSWER}`, version: typed.body.version }).expect(200);
      expect(filled.body.blanks).to.deep.equal([]);
      await staff.post(`${base}/${draft.id}/submit`).expect(200);
      expect(await status(r.report.id)).to.equal('awaiting_approval');
    });

    it('a draft that got blanks past submission (written before this rule) is not approved, validated, sent or published', async () => {
      const head = await staffApi(t, 'agency_head');
      const coordinator = await staffApi(t, 'coordinator');
      const citizen = 'warga.blank2@example.com';
      const r = await buildReport(t, { reporter: { name: 'Warga', email: citizen, phone: null, nik: null } });
      await advanceTo(t.database.db, r.report.id, 'awaiting_approval');
      const dpupr = (await t.database.db.selectFrom('reports').select('assigned_agency_id').where('id', '=', r.report.id).executeTakeFirstOrThrow()).assigned_agency_id;
      const blanked = 'Yth. Bapak/Ibu, kami menemukan bahwa ... dan akan memperbaikinya paling lambat tanggal .... Terima kasih.';
      const { id } = await t.database.db
        .insertInto('messages')
        .values({ report_id: r.report.id, kind: 'answer', author_kind: 'staff', body: blanked, visibility: 'internal', answer_status: 'submitted', agency_id: dpupr })
        .returning('id')
        .executeTakeFirstOrThrow();
      const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers/${id}`;
      const approve = await head.post(`${base}/approve`).expect(422);
      expect(approve.body.errors[0].message).to.contain('Masih ada 2 isian templat').and.contain('“...” di baris 1');
      // The head's page offers no approval for it: only a return.
      const page = await head.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
      expect(page.text).to.not.contain('Setujui dan kirim ke pelapor');
      expect(page.text).to.contain('Kembalikan dengan catatan');

      // With validation on, an approved answer that holds blanks is not validated nor sent.
      await setSetting(t.database.db, 'answerValidation', true, null);
      await t.database.db.updateTable('messages').set({ answer_status: 'approved' }).where('id', '=', id).execute();
      const validate = await coordinator.post(`${base}/validate`).expect(422);
      expect(validate.body.errors[0].message).to.contain('isian templat');
      expect(await status(r.report.id)).to.equal('awaiting_approval');
      const mails = await t.database.db.selectFrom('outbox').select('subject').where('to_address', '=', citizen).execute();
      expect(mails.map((m) => m.subject).join()).to.not.contain('Jawaban');
      const tracking = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
      expect(JSON.stringify(tracking.body)).to.not.contain('menemukan bahwa');
    });
  });
});
