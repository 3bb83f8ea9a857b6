import { expect } from 'chai';
import { RULES } from '../../src/answers/check/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { CORPUS } from './checkCorpus.js';
import { staffApi } from './helpers.js';

/** POST /api/v1/staff/answer-check: the draft checker for the editor, as staff type. */
describe('answers: the draft checker’s API', () => {
  let t: TestApp;
  const good = CORPUS.find((c) => c.good)!;
  let code: string;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    const r = await buildReport(t, { title: good.title });
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    code = r.report.tracking_code;
  });

  it('answers every rule with ok, blocking and a message, for the report’s staff', async () => {
    const staff = await staffApi(t, 'agency_staff');
    const res = await staff.post('/api/v1/staff/answer-check', { text: good.text, reportCode: code }).expect(200);
    expect(res.body.rules.map((r: { rule: string }) => r.rule)).to.deep.equal([...RULES]);
    for (const rule of res.body.rules) expect(rule).to.include({ ok: true, blocking: false }).and.to.have.property('message').that.is.a('string').and.not.empty;
    expect(res.body).to.include({ blocked: false, warnings: 0, summary: 'Semua pemeriksaan terpenuhi.' });
    expect(res.body.elements).to.deep.equal({ finding: true, reason: true, action: true, contact: true });
  });

  it('names what a poor text lacks, in the caller’s language, and marks blanks as blocking', async () => {
    const head = await staffApi(t, 'agency_head');
    const text = 'Terima kasih, laporan akan segera ditindaklanjuti pada tanggal .....';
    const id = await head.post('/api/v1/staff/answer-check', { text, reportCode: code }).expect(200);
    const rule = (body: { rules: { rule: string }[] }, name: string) => body.rules.find((r) => r.rule === name) as Record<string, unknown>;
    expect(rule(id.body, 'blanks')).to.include({ ok: false, blocking: true });
    expect(rule(id.body, 'blanks').message).to.contain('isian templat yang belum dilengkapi');
    expect(rule(id.body, 'contact')).to.include({ ok: false, blocking: false });
    expect(rule(id.body, 'relevance').message).to.contain('berlubang');
    expect(id.body.blocked).to.equal(true);
    const en = await head.agent.post('/api/v1/staff/answer-check').set('X-CSRF-Token', (await head.agent.get('/api/v1/session')).body.csrfToken).set('Accept-Language', 'en').send({ text, reportCode: code }).expect(200);
    expect(rule(en.body, 'contact').message).to.contain('No contact');
    expect(rule(en.body, 'phrases').message).to.contain('“akan segera ditindaklanjuti”');
  });

  it('counts the draft’s action date as the “by when”', async () => {
    const staff = await staffApi(t, 'agency_staff');
    const text = 'Yth. Bapak/Ibu, petugas sudah meninjau lokasi. Lubang akan ditambal karena membahayakan pengendara.';
    const without = await staff.post('/api/v1/staff/answer-check', { text, reportCode: code }).expect(200);
    const withDate = await staff.post('/api/v1/staff/answer-check', { text, reportCode: code, plannedAt: '2026-12-20' }).expect(200);
    expect(without.body.elements.action).to.equal(false);
    expect(withDate.body.elements.action).to.equal(true);
  });

  it('is 404 for another OPD’s report, 403 for those who do not write answers, and refuses bad bodies', async () => {
    const other = await staffApi(t, 'agency_staff', 'dinkes');
    await other.post('/api/v1/staff/answer-check', { text: good.text, reportCode: code }).expect(404);
    await (await staffApi(t, 'coordinator', null)).post('/api/v1/staff/answer-check', { text: good.text, reportCode: code }).expect(403);
    const staff = await staffApi(t, 'agency_staff');
    await staff.post('/api/v1/staff/answer-check', { text: good.text, reportCode: 'TIDAK-ADA1' }).expect(404);
    const missing = await staff.post('/api/v1/staff/answer-check', { text: good.text }).expect(422);
    expect(missing.body.errors[0].field).to.equal('reportCode');
    const long = await staff.post('/api/v1/staff/answer-check', { text: 'a'.repeat(10_001), reportCode: code }).expect(422);
    expect(long.body.errors[0].field).to.equal('text');
    await staff.agent.post('/api/v1/staff/answer-check').set('X-CSRF-Token', (await staff.agent.get('/api/v1/session')).body.csrfToken).type('form').send({ text: 'x', reportCode: code }).expect(415);
    await staff.agent.post('/api/v1/staff/answer-check').send({ text: 'x', reportCode: code }).expect(403);
  });
});
