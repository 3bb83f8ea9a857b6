import { expect } from 'chai';
import { setSetting } from '../../src/settings/commands/setSetting.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from './helpers.js';

/**
 * The draft checker as a gate: blocking findings refuse submitting and approving (422 with
 * the findings); warnings let a draft go to the Kepala OPD, who approves it only after
 * saying they read them, recorded in the review. Every saved version records whether it
 * held the four elements.
 */
describe('answers: the draft checker’s verdicts on submitting and approving', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });
  afterEach(() => setSetting(t.database.db, 'answerValidation', false, null));

  async function inProgress() {
    const r = await buildReport(t, { reporter: { name: 'Warga', email: 'warga.gate@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    return { report: r.report, base: `/api/v1/staff/reports/${r.report.tracking_code}/answers` };
  }
  const versions = (id: number) =>
    t.database.db.selectFrom('answer_versions').select(['version', 'elements_complete']).where('message_id', '=', id).orderBy('version').execute();
  const reviews = (id: number) =>
    t.database.db.selectFrom('answer_reviews').select(['decision', 'warnings_acknowledged']).where('message_id', '=', id).orderBy('id').execute();

  it('refuses to submit a blank with 422 and every finding; the text stays a draft', async () => {
    const staff = await staffApi(t, 'agency_staff');
    const { base } = await inProgress();
    const { body: draft } = await staff.post(base, { body: 'Yth. Bapak/Ibu, lubang akan ditambal pada tanggal .... oleh petugas.' }).expect(201);
    const refused = await staff.post(`${base}/${draft.id}/submit`).expect(422);
    expect(refused.body.errors).to.deep.equal([{ field: 'body', message: refused.body.errors[0].message }]);
    expect(refused.body.errors[0].message).to.contain('“....” di baris 1');
    const blanks = refused.body.findings.find((f: { rule: string }) => f.rule === 'blanks');
    expect(blanks).to.include({ ok: false, blocking: true, state: 'blocking' });
    expect(refused.body.findings.find((f: { rule: string }) => f.rule === 'contact')).to.include({ ok: false, blocking: false });
    expect(await versions(draft.id)).to.deep.equal([]);
  });

  it('lets a draft with warnings go to the head, who approves it only after ticking that they read them', async () => {
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const { base } = await inProgress();
    const poor = 'Terima kasih, laporan jalan berlubang akan segera ditindaklanjuti oleh petugas kami.';
    const { body: draft } = await staff.post(base, { body: poor }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    expect(await versions(draft.id)).to.deep.equal([{ version: 1, elements_complete: false }]);

    const unread = await head.post(`${base}/${draft.id}/approve`, { version: draft.version }).expect(422);
    expect(unread.body.errors[0].field).to.equal('warningsRead');
    expect(unread.body.errors[0].message).to.contain('centang “Saya sudah membaca peringatan ini”').and.contain('Temuan').and.contain('Kontak');
    expect(unread.body.findings.filter((f: { ok: boolean }) => !f.ok).map((f: { rule: string }) => f.rule)).to.include.members(['finding', 'reason', 'contact']);
    expect(await reviews(draft.id)).to.deep.equal([]);

    await head.post(`${base}/${draft.id}/approve`, { version: draft.version, warningsRead: true }).expect(200);
    const [approved] = await reviews(draft.id);
    expect(approved!.decision).to.equal('approved');
    expect(approved!.warnings_acknowledged).to.include.members(['finding', 'reason', 'action', 'contact', 'phrases']);
  });

  it('records a complete version, and no warnings for an answer that has none (with validation on, too)', async () => {
    await setSetting(t.database.db, 'answerValidation', true, null);
    const staff = await staffApi(t, 'agency_staff');
    const head = await staffApi(t, 'agency_head');
    const { base } = await inProgress();
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    await staff.post(`${base}/${draft.id}/submit`).expect(200);
    expect(await versions(draft.id)).to.deep.equal([{ version: 1, elements_complete: true }]);
    await head.post(`${base}/${draft.id}/approve`).expect(200);
    expect(await reviews(draft.id)).to.deep.equal([{ decision: 'approved', warnings_acknowledged: null }]);
  });
});
