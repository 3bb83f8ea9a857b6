import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

describe('answers: draft, submit, approve or return', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  const api = (role: 'agency_staff' | 'agency_head', agency = 'dpupr') => staffApi(t, role, agency);

  it('staff draft, the head returns with comments, staff revise, the head approves, the citizen sees it', async () => {
    const staff = await api('agency_staff');
    const head = await api('agency_head');
    const r = await buildReport(t, { reporter: { name: 'Warga', email: 'warga.jawab@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const created = await staff.post(base, { body: 'Sedang kami tinjau ke lokasi minggu ini.' }).expect(201);
    expect(created.body).to.deep.equal({ id: created.body.id, version: 1, blanks: [], blanksMessage: null });
    const saved = await staff.put(`${base}/${created.body.id}`, { body: ANSWER, version: 1 }).expect(200);
    expect(saved.body.version).to.equal(2);
    // The head cannot approve what was not submitted; staff cannot approve at all.
    await head.post(`${base}/${created.body.id}/approve`).expect(422);
    await staff.post(`${base}/${created.body.id}/submit`).expect(200);
    await staff.post(`${base}/${created.body.id}/approve`).expect(403);
    const returned = await head.post(`${base}/${created.body.id}/return`, { comment: 'Sebutkan nomor telepon yang bisa dihubungi.' }).expect(200);
    expect(returned.body.status).to.equal('in_progress');

    // A returned draft and the comment never reach the citizen.
    const view = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(view.body)).to.not.contain('Sebutkan nomor telepon').and.not.contain('UPT sudah meninjau');
    const page = await supertest.agent(t.app).get(new URL(r.trackingUrl).pathname + new URL(r.trackingUrl).search).redirects(1).expect(200);
    expect(page.text).to.not.contain('UPT sudah meninjau');

    await staff.put(`${base}/${created.body.id}`, { body: `${ANSWER} Terima kasih.`, version: 2 }).expect(200);
    await staff.post(`${base}/${created.body.id}/submit`).expect(200);
    const approved = await head.post(`${base}/${created.body.id}/approve`, { warningsRead: true }).expect(200);
    expect(approved.body.status).to.equal('answered');
    const row = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
    expect(row.answered_at).to.be.instanceOf(Date);
    expect(row.close_due_at!.getTime()).to.be.greaterThan(Date.now());
    const after = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(after.body)).to.contain('UPT sudah meninjau lokasi');
    const mail = await t.database.db.selectFrom('outbox').select('text_body').where('report_id', '=', r.report.id).where('to_address', '=', 'warga.jawab@example.com').where('subject', 'like', 'Jawaban%').executeTakeFirstOrThrow();
    expect(mail.text_body).to.contain('UPT sudah meninjau lokasi');
    const history = await t.database.db.selectFrom('answer_reviews').select(['decision', 'version', 'comment']).where('message_id', '=', created.body.id).orderBy('id').execute();
    expect(history).to.deep.equal([
      { decision: 'returned', version: 2, comment: 'Sebutkan nomor telepon yang bisa dihubungi.' },
      { decision: 'approved', version: 3, comment: null },
    ]);
    expect((await t.database.db.selectFrom('answer_versions').select('version').where('message_id', '=', created.body.id).orderBy('version').execute()).map((v) => v.version)).to.deep.equal([2, 3]);
  });

  it('refuses a stale save, keeping the newer text, with a clear message', async () => {
    const a = await api('agency_staff');
    const b = await api('agency_staff');
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await a.post(base, { body: 'Versi pertama dari jawaban ini.' }).expect(201);
    await a.put(`${base}/${draft.id}`, { body: 'Versi kedua dari petugas A, lebih lengkap.', version: 1 }).expect(200);
    const stale = await b.put(`${base}/${draft.id}`, { body: 'Versi petugas B yang menimpa.', version: 1 }).expect(409);
    expect(stale.body.error.code).to.equal('stale_draft');
    expect(stale.body.error.message).to.contain('sudah diubah orang lain');
    expect(stale.body.error.current).to.deep.equal({ version: 2, body: 'Versi kedua dari petugas A, lebih lengkap.' });
  });

  it('keeps another OPD out, and refuses drafting before the OPD took the report up', async () => {
    const other = await api('agency_staff', 'dinkes');
    const staff = await api('agency_staff');
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'assigned');
    await other.post(`/api/v1/staff/reports/${r.report.tracking_code}/answers`, { body: 'Bukan urusan kami tapi kami jawab.' }).expect(404);
    const early = await staff.post(`/api/v1/staff/reports/${r.report.tracking_code}/answers`, { body: 'Jawaban yang terlalu dini ditulis.' }).expect(422);
    expect(early.body.errors[0].message).to.contain('setelah laporan diterima OPD');
  });

  it('works from the staff page too', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: await agencyId(t.database, 'dpupr') });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const page = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Jawaban yang baik menjelaskan');
    await staff.agent.post(`/staf/laporan/${r.report.tracking_code}/jawaban`).type('form').send({ _csrf: await staff.csrf(), body: ANSWER }).expect(303);
    const after = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(after.text).to.contain('Draf tersimpan.').and.contain('UPT sudah meninjau lokasi');
  });
});
