import { expect } from 'chai';
import supertest from 'supertest';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

describe('answers: the coordinator validates what the head approved (when the setting is on)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });
  afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

  const status = async (id: number) => (await t.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const citizenMails = (id: number, to: string) =>
    t.database.db.selectFrom('outbox').select(['subject', 'text_body', 'html_body']).where('report_id', '=', id).where('to_address', '=', to).execute();

  it('is switched on by an admin, and holds the approved answer until a coordinator validates it', async () => {
    const admin = await loginAs(t, 'admin');
    const settings = await admin.agent.get('/admin/jawaban').expect(200);
    expect(settings.text).to.contain('Validasi jawaban').and.not.contain('name="answerValidation" type="checkbox" value="on" aria-describedby="f-validation-hint" checked');
    await admin.agent.post('/admin/jawaban/pengaturan').type('form').send({ _csrf: await admin.csrf(), answerValidation: 'on' }).expect(303);
    expect((await admin.agent.get('/admin/jawaban').expect(200)).text).to.contain('Validasi jawaban oleh koordinator diaktifkan.');

    const coordinator = await staffApi(t, 'coordinator');
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const citizen = 'warga.validasi@example.com';
    const r = await buildReport(t, { reporter: { name: 'Warga', email: citizen, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    const approved = await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    // Approved by the head, but not yet the citizen's: the report still awaits approval.
    expect(approved.body.status).to.equal('awaiting_approval');
    expect(await citizenMails(r.report.id, citizen)).to.have.length(1); // the acknowledgement only
    const tracking = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(tracking.body)).to.not.contain('UPT sudah meninjau');
    const told = await t.database.db.selectFrom('outbox').select('to_address').where('report_id', '=', r.report.id).where('subject', 'like', '%menunggu validasi%').execute();
    expect(told.map((m) => m.to_address)).to.include(coordinator.user.email);

    // The coordinator's queue lists it; the head and staff cannot validate it themselves.
    const queue = await coordinator.agent.get('/staf/verifikasi').expect(200);
    const listed = `${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}`;
    expect(queue.text).to.contain('Jawaban menunggu validasi').and.contain(listed);
    await head.post(`${base}/${draft.id}/validate`).expect(403);
    await staff.post(`${base}/${draft.id}/validate`).expect(403);
    const page = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('menunggu validasi Admin Koordinator').and.contain('Validasi dan kirim ke pelapor');

    const sent = await coordinator.post(`${base}/${draft.id}/validate`).expect(200);
    expect(sent.body.status).to.equal('answered');
    const mails = await citizenMails(r.report.id, citizen);
    expect(mails.map((m) => m.subject)).to.include(`Jawaban atas laporan ${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}`);
    const reviews = await t.database.db.selectFrom('answer_reviews').select(['decision', 'reviewer_user_id']).where('message_id', '=', draft.id).orderBy('id').execute();
    expect(reviews).to.deep.equal([
      { decision: 'approved', reviewer_user_id: head.user.id },
      { decision: 'validated', reviewer_user_id: coordinator.user.id },
    ]);
    // No longer waiting.
    expect((await coordinator.agent.get('/staf/verifikasi').expect(200)).text).to.not.contain(listed);
    await coordinator.post(`${base}/${draft.id}/validate`).expect(422);
  });

  it('lets the coordinator refuse it back to the OPD with a reason the citizen never sees', async () => {
    await setSetting(t.database.db, 'answerValidation', true, null);
    const coordinator = await loginAs(t, 'coordinator');
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const citizen = 'warga.tolak@example.com';
    const r = await buildReport(t, { reporter: { name: 'Warga', email: citizen, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: 'Laporan sudah kami terima dan akan kami tindak lanjuti.' }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);

    // Through the page, as a coordinator would: a reason is required.
    const code = r.report.tracking_code;
    await coordinator.agent.post(`/staf/laporan/${code}/jawaban/${draft.id}/tolak`).type('form').send({ _csrf: await coordinator.csrf(), comment: '' }).expect(303);
    expect((await coordinator.agent.get(`/staf/laporan/${code}`).expect(200)).text).to.contain('Catatan wajib diisi');
    expect(await status(r.report.id)).to.equal('awaiting_approval');
    const reason = 'Jawaban belum menyebut kapan perbaikan dilakukan.';
    await coordinator.agent.post(`/staf/laporan/${code}/jawaban/${draft.id}/tolak`).type('form').send({ _csrf: await coordinator.csrf(), comment: reason }).expect(303);
    expect(await status(r.report.id)).to.equal('in_progress');

    // The OPD sees why, and both the author and the head were told.
    const opdPage = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(opdPage.text).to.contain(`Jawaban ditolak Admin Koordinator: ${reason}`);
    const told = await t.database.db.selectFrom('outbox').select('to_address').where('report_id', '=', r.report.id).where('subject', 'like', '%ditolak koordinator%').execute();
    expect(told.map((m) => m.to_address)).to.include.members([staff.user.email, head.user.email]);
    // The citizen sees neither the refused text nor the reason.
    const view = await supertest(t.app).get(`/api/v1/reports/${code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(view.body)).to.not.contain(reason);
    expect(JSON.stringify(view.body)).to.not.contain('akan kami tindak lanjuti');
    for (const mail of await citizenMails(r.report.id, citizen)) {
      expect(mail.text_body).to.not.contain(reason);
      expect(mail.html_body).to.not.contain(reason);
    }

    // Revised, submitted and approved again; the history keeps every step.
    await staff.put(`${base}/${draft.id}`, { body: ANSWER, version: 1 }).expect(200);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    const history = await head.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(history.text).to.contain('Riwayat draf').and.contain('Ditolak Admin Koordinator').and.contain(reason);
    const decisions = await t.database.db.selectFrom('answer_reviews').select('decision').where('message_id', '=', draft.id).orderBy('id').execute();
    expect(decisions.map((d) => d.decision)).to.deep.equal(['approved', 'refused', 'approved']);
  });

  it('sends the head’s approval straight to the citizen when the setting is off', async () => {
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    expect((await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200)).body.status).to.equal('answered');
  });
});
