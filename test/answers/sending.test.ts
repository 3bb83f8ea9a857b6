import { expect } from 'chai';
import supertest from 'supertest';
import { transition } from '../../src/reports/commands/transition.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { staffApi } from './helpers.js';

const code = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;

describe('answers: the mail to the reporter', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
  });

  const mailsTo = (to: string) =>
    t.database.db.selectFrom('outbox').select(['subject', 'text_body', 'html_body', 'report_id', 'created_at']).where('to_address', '=', to).where('subject', 'like', 'Jawaban%').execute();
  const merge = (reportId: number, into: number) =>
    transition(t.database.db, { reportId, action: 'merge', actor: { kind: 'staff' }, visibility: 'public', set: { merged_into_id: into } });

  /** Staff write the answer (from a template's greeting), submit it; the head approves it. */
  async function answer(trackingCode: string, body: string) {
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const base = `/api/v1/staff/reports/${trackingCode}/answers`;
    const { body: draft } = await staff.post(base, { body }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    return { staff, head, approved: await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200) };
  }

  it('greets once: the answer’s own greeting, with the reporter’s name filled only in their mail', async () => {
    const r = await buildReport(t, { reporter: { name: 'Siti Aminah', email: 'siti.aminah@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const { staff } = await answer(r.report.tracking_code, 'Yth. {nama_pelapor},\n\nTerima kasih atas laporan Anda ({kode}). Lubang sudah ditambal pada 20 November oleh UPT Jalan Pati.');
    const [mail] = await mailsTo('siti.aminah@example.com');
    expect(mail!.text_body.match(/Yth\./g) ?? []).to.have.length(1);
    expect(mail!.text_body).to.contain('Yth. Siti Aminah,').and.not.contain('Yth. Pelapor');
    expect(mail!.text_body).to.contain(`Berikut jawaban Dinas Pekerjaan Umum`);
    expect(mail!.text_body).to.contain(`Terima kasih atas laporan Anda (${code(r.report.tracking_code)})`);
    expect(mail!.html_body?.match(/Yth\./g) ?? []).to.have.length(1);

    // What staff and the tracking page keep names nobody: the name stays in the mail.
    const page = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Yth. Bapak/Ibu,').and.not.contain('Siti Aminah');
    const apiView = await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}`).expect(200);
    expect(JSON.stringify(apiView.body.messages ?? apiView.body)).to.not.contain('Yth. Siti Aminah');
    const tracking = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(tracking.body)).to.contain('Yth. Bapak/Ibu,').and.not.contain('{nama_pelapor}');
  });

  it('never gives OPD staff or the Kepala OPD the name of an anonim reporter, nor mails it back', async () => {
    const r = await buildReport(t, { anonymous: true, reporter: { name: 'Nama Rahasia', email: 'anonim.warga@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const templates = await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}/answer-templates`).expect(200);
    expect(JSON.stringify(templates.body)).to.not.contain('Nama Rahasia');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: 'Yth. {nama_pelapor},\nLubang sudah ditambal pada 20 November oleh UPT Jalan Pati.' }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    const head = await staffApi(t, 'agency_head');
    const inbox = await head.agent.get('/staf/persetujuan').expect(200);
    expect(inbox.text).to.contain('Yth. Bapak/Ibu,').and.not.contain('Nama Rahasia');
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    const [mail] = await mailsTo('anonim.warga@example.com');
    expect(mail!.text_body).to.contain('Yth. Bapak/Ibu,').and.not.contain('Nama Rahasia');
    const page = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.not.contain('Nama Rahasia');
  });

  it('the Kepala OPD sees where the name goes, never the name itself', async () => {
    const r = await buildReport(t, { reporter: { name: 'Sutrisno Wibowo', email: 'sutrisno.w@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const staff = await staffApi(t, 'agency_staff');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: 'Yth. {nama_pelapor},\nSaluran sudah dibersihkan pada 20 November oleh UPT.' }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    const head = await staffApi(t, 'agency_head');
    const views = () => t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'view_identity').where('report_id', '=', r.report.id).execute();
    const before = (await views()).length;
    const inbox = await head.agent.get('/staf/persetujuan').expect(200);
    expect(inbox.text).to.contain('Yth. <mark class="name-mark">nama pelapor</mark>,');
    expect(inbox.text).to.not.contain('Sutrisno');
    // The inbox shows no identity, so it needs (and writes) no identity-view entry.
    expect(await views()).to.have.length(before);
  });

  it('mails the answer to the reporters of merged reports too: their own report and name, never the other reporter', async () => {
    const main = await buildReport(t, { title: 'Lampu jalan mati di Jalan Kolonel Sunandar', reporter: { name: 'Siti Rahayu', email: 'siti.rahayu@example.com', phone: '+6281234500001', nik: null } });
    const named = await buildReport(t, { title: 'PJU padam depan pasar', reporter: { name: 'Budi Santoso', email: 'budi.santoso@example.com', phone: null, nik: null } });
    const anonymous = await buildReport(t, { title: 'Lampu mati', anonymous: true, reporter: { name: 'Warga Tanpa Nama', email: 'tanpa.nama@example.com', phone: null, nik: null } });
    const noMail = await buildReport(t, { title: 'Gelap sekali', reporter: { name: 'Tanpa Surel', email: null, phone: '+6281234500002', nik: null } });
    const twice = await buildReport(t, { title: 'Lampu mati lagi', reporter: { name: 'Siti Rahayu', email: 'SITI.RAHAYU@example.com', phone: null, nik: null } });
    const chained = await buildReport(t, { title: 'Jalan gelap', reporter: { name: 'Eko Prasetyo', email: 'eko.prasetyo@example.com', phone: null, nik: null } });
    // Eko's report was merged into Budi's, which was later merged into the main one.
    await merge(chained.report.id, named.report.id);
    for (const r of [named, anonymous, noMail, twice]) await merge(r.report.id, main.report.id);
    await advanceTo(t.database.db, main.report.id, 'in_progress');
    await answer(
      main.report.tracking_code,
      'Yth. {nama_pelapor},\n\nLampu PJU di Jalan Kolonel Sunandar sudah diganti pada 20 November. Terima kasih kepada Ibu Siti Rahayu yang pertama melapor; hubungi UPT PJU di 0295-381234.',
    );

    const mainMails = await mailsTo('siti.rahayu@example.com');
    expect(mainMails).to.have.length(1);
    expect(mainMails[0]!.report_id).to.equal(main.report.id);
    expect(mainMails[0]!.text_body).to.contain('Yth. Siti Rahayu,');

    const [budi] = await mailsTo('budi.santoso@example.com');
    expect(budi!.report_id).to.equal(named.report.id);
    expect(budi!.subject).to.equal(`Jawaban atas laporan ${code(named.report.tracking_code)}`);
    expect(budi!.text_body).to.contain('Yth. Budi Santoso,').and.contain(`digabung dengan laporan ${code(main.report.tracking_code)}`);
    expect(budi!.text_body).to.contain(`/lacak/${named.report.tracking_code}`).and.contain('Lampu PJU di Jalan Kolonel Sunandar sudah diganti');
    expect(budi!.text_body).to.not.contain('Siti').and.not.contain('siti.rahayu');

    const [anon] = await mailsTo('tanpa.nama@example.com');
    expect(anon!.report_id).to.equal(anonymous.report.id);
    expect(anon!.text_body).to.contain('Yth. Bapak/Ibu,').and.not.contain('Warga Tanpa Nama');
    expect(anon!.text_body).to.not.contain('Siti').and.not.contain('Budi');

    const [eko] = await mailsTo('eko.prasetyo@example.com');
    expect(eko!.report_id).to.equal(chained.report.id);
    expect(eko!.text_body).to.contain('Yth. Eko Prasetyo,').and.not.contain('Budi');

    // Nobody else: the one who reported twice reads it once; no address, no mail. All in the answer's transaction.
    const all = await t.database.db.selectFrom('outbox').select(['to_address', 'created_at']).where('subject', 'like', 'Jawaban%').where('report_id', 'in', [main, named, anonymous, noMail, twice, chained].map((r) => r.report.id)).execute();
    expect(all.map((m) => m.to_address.toLowerCase()).sort()).to.deep.equal(['budi.santoso@example.com', 'eko.prasetyo@example.com', 'siti.rahayu@example.com', 'tanpa.nama@example.com']);
    expect(new Set(all.map((m) => m.created_at.getTime())).size).to.equal(1);
  });
});
