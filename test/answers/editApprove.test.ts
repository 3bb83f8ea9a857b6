import { expect } from 'chai';
import supertest from 'supertest';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, type StaffApi, staffApi } from './helpers.js';

/** Item 3 of issue 21: the Kepala OPD corrects a submitted draft and approves it in one step. */
describe('answers: "Ubah dan setujui" (the Kepala OPD edits and approves)', () => {
  let t: TestApp;
  let head: StaffApi;
  let staff: StaffApi;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' });
    head = await staffApi(t, 'agency_head');
    staff = await staffApi(t, 'agency_staff');
  });
  afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

  /** A DPUPR report with a draft submitted by staff that still holds a blank ("...."). */
  async function submitted(body = `Yth. {nama_pelapor},\nTim UPT sudah meninjau lokasi. Lubang akan ditambal pada tanggal ....; hubungi UPT Jalan Pati di 0295-381234.`) {
    const email = `warga.${Math.random().toString(36).slice(2)}@example.com`;
    const r = await buildReport(t, { reporter: { name: 'Siti Aminah', email, phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    // Saved through the table: the API refuses to submit a blank, and a head fixes exactly such a draft.
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await t.database.db.updateTable('messages').set({ body }).where('id', '=', draft.id).execute();
    return { ...r, email, base, draft: draft as { id: number; version: number } };
  }

  const db = () => t.database.db;
  const versions = (id: number) => db().selectFrom('answer_versions').select(['version', 'body', 'planned_at', 'author_user_id']).where('message_id', '=', id).orderBy('version').execute();
  const reviews = (id: number) => db().selectFrom('answer_reviews').select(['version', 'decision', 'reviewer_user_id']).where('message_id', '=', id).orderBy('id').execute();
  const message = (id: number) => db().selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const status = async (id: number) => (await db().selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const mailTo = (to: string) => db().selectFrom('outbox').select(['text_body']).where('to_address', '=', to).where('subject', 'like', 'Jawaban%').execute();

  const FIXED = 'Yth. {nama_pelapor},\nTim UPT sudah meninjau lokasi. Lubang akan ditambal pada 2 Desember; hubungi UPT Jalan Pati di 0295-381234.';

  it('records the head’s text as a new version by the head, approves that version, and the citizen gets the edited text', async () => {
    const r = await submitted();
    const res = await head.post(`${r.base}/${r.draft.id}/edit-approve`, { body: FIXED, plannedAt: '2026-12-02', version: 1, warningsRead: true });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status).to.equal('answered');

    expect(await versions(r.draft.id)).to.deep.equal([
      { version: 1, body: ANSWER, planned_at: null, author_user_id: staff.user.id },
      { version: 2, body: FIXED, planned_at: '2026-12-02', author_user_id: head.user.id },
    ]);
    expect(await reviews(r.draft.id)).to.deep.equal([{ version: 2, decision: 'approved', reviewer_user_id: head.user.id }]);
    const sent = await message(r.draft.id);
    expect(sent).to.include({ answer_status: 'sent', version: 2, planned_at: '2026-12-02' });

    const [mail] = await mailTo(r.email);
    expect(mail!.text_body).to.contain('Yth. Siti Aminah,').and.contain('pada 2 Desember').and.not.contain('....');
    const tracking = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(tracking.body)).to.contain('Lubang akan ditambal pada 2 Desember').and.not.contain('tanggal ....');

    // The audit log says who changed the text.
    const audit = await db().selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'answer_head_edit').where('report_id', '=', r.report.id).execute();
    expect(audit).to.have.length(1);
    expect(audit[0]!.actor_user_id).to.equal(head.user.id);
  });

  it('applies the approval’s checks to the edited text: a blank left is refused (422) and nothing is written', async () => {
    const r = await submitted();
    const res = await head.post(`${r.base}/${r.draft.id}/edit-approve`, { body: `${FIXED} Kontak: {isian}`, version: 1 }).expect(422);
    expect(JSON.stringify(res.body)).to.contain('{isian}');
    // The draft checker's warnings on the edited text are read before it is approved, as on any approval.
    const unread = await head.post(`${r.base}/${r.draft.id}/edit-approve`, { body: FIXED, version: 1 }).expect(422);
    expect(unread.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['warningsRead']);
    expect(await versions(r.draft.id)).to.have.length(1);
    expect(await reviews(r.draft.id)).to.have.length(0);
    expect(await message(r.draft.id)).to.include({ answer_status: 'submitted', version: 1 });
    expect(await status(r.report.id)).to.equal('awaiting_approval');
    expect(await mailTo(r.email)).to.have.length(0);
  });

  it('refuses a text too short, a missing version, or a version changed since (409), writing nothing', async () => {
    const r = await submitted();
    const short = await head.post(`${r.base}/${r.draft.id}/edit-approve`, { body: 'Sudah.', version: 1 }).expect(422);
    expect(short.body.errors.map((e: { field: string }) => e.field)).to.include('body');
    const noVersion = await head.post(`${r.base}/${r.draft.id}/edit-approve`, { body: FIXED }).expect(422);
    expect(noVersion.body.errors.map((e: { field: string }) => e.field)).to.include('version');
    const stale = await head.post(`${r.base}/${r.draft.id}/edit-approve`, { body: FIXED, version: 7 }).expect(409);
    expect(stale.body.error.code).to.equal('draft_changed');
    expect(await versions(r.draft.id)).to.have.length(1);
    expect(await message(r.draft.id)).to.include({ answer_status: 'submitted', version: 1 });
  });

  it('is the head’s alone: staff of the OPD get 403, another OPD’s head 404', async () => {
    const r = await submitted();
    await staff.post(`${r.base}/${r.draft.id}/edit-approve`, { body: FIXED, version: 1 }).expect(403);
    const otherHead = await staffApi(t, 'agency_head', 'dinkes');
    await otherHead.post(`${r.base}/${r.draft.id}/edit-approve`, { body: FIXED, version: 1 }).expect(404);
    expect(await versions(r.draft.id)).to.have.length(1);
  });

  it('from the approval inbox, with validation on: the head’s version waits for the coordinator, who sends exactly it', async () => {
    await setSetting(db(), 'answerValidation', true, null);
    const r = await submitted();
    const inbox = await head.agent.get('/staf/persetujuan').expect(200);
    const action = `/staf/persetujuan/${r.report.tracking_code}/${r.draft.id}/ubah-setujui`;
    expect(inbox.text).to.contain(`action="${action}"`).and.contain('Ubah dan setujui');
    const csrf = await head.csrf();

    // Refused: the list again (422), the head’s text kept in the open edit form, the reason beside it.
    const refused = await head.agent.post(action).type('form').send({ _csrf: csrf, version: '1', body: `${FIXED} [ ]`, plannedAt: '' }).expect(422);
    expect(refused.text).to.contain('UPT Jalan Pati di 0295-381234. [ ]</textarea>').and.contain('<details class="action edit-approve" open>');
    expect(await versions(r.draft.id)).to.have.length(1);

    const done = await head.agent.post(action).type('form').send({ _csrf: csrf, version: '1', body: FIXED, plannedAt: '', warningsRead: '1' }).expect(303);
    expect(done.headers.location).to.equal('/staf/persetujuan');
    expect(await message(r.draft.id)).to.include({ answer_status: 'approved', version: 2 });
    expect(await status(r.report.id)).to.equal('awaiting_approval');
    expect(await mailTo(r.email)).to.have.length(0);

    const coordinator = await staffApi(t, 'coordinator', null);
    await coordinator.post(`${r.base}/${r.draft.id}/validate`).expect(200);
    expect(await reviews(r.draft.id)).to.deep.equal([
      { version: 2, decision: 'approved', reviewer_user_id: head.user.id },
      { version: 2, decision: 'validated', reviewer_user_id: coordinator.user.id },
    ]);
    const [mail] = await mailTo(r.email);
    expect(mail!.text_body).to.contain('Lubang akan ditambal pada 2 Desember');
  });

  it('on the report page: the head has the form (the draft’s text in it), staff do not; the same text unchanged is a plain approval', async () => {
    const r = await submitted(FIXED);
    const page = await head.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    const action = `/staf/laporan/${r.report.tracking_code}/jawaban/${r.draft.id}/ubah-setujui`;
    expect(page.text).to.contain(`action="${action}"`).and.contain('UPT Jalan Pati di 0295-381234.</textarea>');
    expect((await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200)).text).to.not.contain('ubah-setujui');

    const done = await head.agent.post(action).type('form').send({ _csrf: await head.csrf(), version: '1', body: FIXED, plannedAt: '', warningsRead: '1' }).expect(303);
    expect(done.headers.location).to.equal(`/staf/laporan/${r.report.tracking_code}#jawaban`);
    expect(await status(r.report.id)).to.equal('answered');
    expect(await versions(r.draft.id)).to.have.length(1);
    expect(await reviews(r.draft.id)).to.deep.equal([{ version: 1, decision: 'approved', reviewer_user_id: head.user.id }]);
  });
});
