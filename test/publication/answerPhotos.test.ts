import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { ANSWER, staffApi, type StaffApi } from '../answers/helpers.js';
import { pdf, photo } from '../attachments/fixtures.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { confirmResolved } from '../../src/tracking/commands/closeWithRating.js';

/** The value of the hidden field `name` on the page. */
function hidden(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!m) throw new Error(`no hidden ${name} on the page`);
  return m[1]!;
}

/**
 * Issue 21, item 4: a photo staff propose with their answer ("tampilkan di halaman publik")
 * reaches the public case page only through the coordinator's publication review, as a
 * citizen's photo does; a photo not proposed, a PDF, or a draft's photo never by itself.
 */
describe('publication: photos proposed with the answer', () => {
  let t: TestApp;
  let uploadDir: string;
  let staff: StaffApi;
  let head: StaffApi;
  let coordinator: SignedIn;
  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'answer-photos-'));
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', UPLOAD_DIR: uploadDir });
    staff = await staffApi(t, 'agency_staff');
    head = await staffApi(t, 'agency_head');
    coordinator = await loginAs(t, 'coordinator');
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const db = () => t.database.db;

  /** An answer sent with two photos (one proposed for the public page) and a PDF, then resolved. */
  async function answeredWithFiles() {
    const r = await buildReport(t);
    await advanceTo(db(), r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    const files = `/staf/laporan/${r.report.tracking_code}/jawaban/${draft.id}/lampiran`;
    await staff.agent
      .post(files)
      .field('_csrf', await staff.csrf())
      .attach('files', await photo('jpeg', 300, 200), { filename: 'sesudah.jpg' })
      .attach('files', await photo('png', 300, 200), { filename: 'sebelum.png' })
      .attach('files', pdf(), { filename: 'berita-acara.pdf' })
      .expect(303);
    const [after, before, doc] = await db().selectFrom('attachments').select(['id']).where('message_id', '=', draft.id).orderBy('id').execute();
    await staff.agent.post(`${files}/${after!.id}/publik`).type('form').send({ _csrf: await staff.csrf(), show: ['0', '1'] }).expect(303);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    await head.post(`${base}/${draft.id}/approve`, { warningsRead: true }).expect(200);
    const answered = await db().selectFrom('reports').selectAll().where('id', '=', r.report.id).executeTakeFirstOrThrow();
    await confirmResolved(db(), { report: answered });
    return { ...r, after: after!.id, before: before!.id, doc: doc!.id };
  }

  it('starts the publication draft with the proposed photo ticked; it is public only once the coordinator publishes', async () => {
    const c = await answeredWithFiles();
    const row = await db().selectFrom('publications').selectAll().where('report_id', '=', c.report.id).executeTakeFirstOrThrow();
    expect(row.photo_ids.map(Number)).to.deep.equal([c.after]);
    // Not published yet: the public sees nothing.
    await supertest(t.app).get(`/publik/foto/${c.after}`).expect(404);

    const editPath = `/staf/publikasi/${c.report.tracking_code}`;
    const page = await coordinator.agent.get(editPath).expect(200);
    // The coordinator sees both photos of the answer, the proposed one ticked and marked; the PDF is no photo.
    expect(page.text).to.contain(`id="f-photo-${c.after}" name="photoIds" type="checkbox" value="${c.after}" checked`);
    expect(page.text).to.contain(`id="f-photo-${c.before}" name="photoIds" type="checkbox" value="${c.before}">`);
    expect(page.text).to.contain('diusulkan OPD bersama jawaban').and.not.contain(`value="${c.doc}"`);

    await coordinator.agent.post(`${editPath}/terbitkan`).type('form').send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version') }).expect(303);
    const shown = await supertest(t.app).get(`/publik/foto/${c.after}`).expect(200);
    expect(shown.headers['content-type']).to.equal('image/jpeg');
    await supertest(t.app).get(`/publik/foto/${c.before}`).expect(404);
    await supertest(t.app).get(`/publik/foto/${c.doc}`).expect(404);
    expect((await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(200)).text).to.contain(`/publik/foto/${c.after}/kecil`);
  });

  it('leaves the choice to the coordinator: unticked, the proposed photo stays off the public page', async () => {
    const c = await answeredWithFiles();
    const editPath = `/staf/publikasi/${c.report.tracking_code}`;
    const page = await coordinator.agent.get(editPath).expect(200);
    const row = await db().selectFrom('publications').selectAll().where('report_id', '=', c.report.id).executeTakeFirstOrThrow();
    await coordinator.agent
      .post(`${editPath}/terbitkan`)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version'), title: row.title, body: row.body, answer: row.answer, photoIds: '' })
      .expect(303);
    await supertest(t.app).get(`/publik/foto/${c.after}`).expect(404);
  });

  it('offers no photo of a draft the citizen has not received, and refuses it if sent anyway', async () => {
    const c = await answeredWithFiles();
    // The citizen replies; staff start a new draft with a photo that is not sent.
    await db().updateTable('reports').set({ status: 'in_progress' }).where('id', '=', c.report.id).execute();
    const base = `/api/v1/staff/reports/${c.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.agent
      .post(`/staf/laporan/${c.report.tracking_code}/jawaban/${draft.id}/lampiran`)
      .field('_csrf', await staff.csrf())
      .attach('files', await photo('jpeg', 100, 100), { filename: 'belum-dikirim.jpg' })
      .expect(303);
    const [unsent] = await db().selectFrom('attachments').select('id').where('message_id', '=', draft.id).execute();
    const editPath = `/staf/publikasi/${c.report.tracking_code}`;
    const page = await coordinator.agent.get(editPath).expect(200);
    expect(page.text).to.not.contain(`value="${unsent!.id}"`);
    const row = await db().selectFrom('publications').selectAll().where('report_id', '=', c.report.id).executeTakeFirstOrThrow();
    await coordinator.agent
      .post(editPath)
      .type('form')
      .send({ _csrf: await coordinator.csrf(), version: hidden(page.text, 'version'), title: row.title, body: row.body, answer: row.answer, photoIds: ['', String(unsent!.id)] })
      .expect(422);
  });
});
