import { expect } from 'chai';
import { agencyId, buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

/**
 * Issue 19, "each role starts on its own work": the coordinator forwards or rejects several
 * reports of the verification queue at once, with one confirmation and a result per
 * report; each goes through the checks and command of the single action.
 */
describe('triage: bulk actions in the verification queue', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let dpupr: number;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    coordinator = await loginAs(t, 'coordinator');
    dpupr = await agencyId(t.database, 'dpupr');
    // Someone at DPUPR to receive its mails.
    await loginAs(t, 'agency_head', { agencyId: dpupr });
  });

  const word = () => `kata${Math.random().toString(36).slice(2, 9)}`;
  const hyphen = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
  const statusOf = async (id: number) => (await t.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const form = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

  it('forwards the chosen reports after one confirmation, and names the one whose status changed meanwhile', async () => {
    const w = word();
    const reports = [];
    for (let i = 0; i < 4; i++) reports.push(await buildReport(t, { title: `Jalan rusak ${i} ${w}`, reporter: { name: 'Sri', email: `sri.${i}.${w}@example.com`, phone: null, nik: null } }));
    const queue = await coordinator.agent.get(`/staf/verifikasi?q=${w}`).expect(200);
    for (const r of reports) expect(queue.text).to.contain(`name="codes" value="${r.report.tracking_code}"`);
    const action = /<form method="post" action="([^"]+)" class="bulk"/.exec(queue.text)![1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(action).to.equal(`/staf/verifikasi/massal?q=${w}`);
    const fields: [string, string][] = [['_csrf', csrfFrom(queue.text)], ...reports.map((r) => ['codes', r.report.tracking_code] as [string, string]), ['agency', String(dpupr)], ['reason', ''], ['note', ''], ['action', 'forward']];
    const ask = await coordinator.agent.post(action).type('form').send(form(fields)).expect(200);
    expect(ask.text).to.contain('Teruskan 4 laporan ke DPUPR?').and.contain('Ya, teruskan 4 laporan');
    for (const r of reports) expect(ask.text).to.contain(`${hyphen(r.report.tracking_code)} · ${r.report.title}`);
    for (const r of reports) expect(await statusOf(r.report.id)).to.equal('submitted');
    // Meanwhile another coordinator merges one of them.
    const other = await loginAs(t, 'coordinator');
    await other.agent.post(`/staf/laporan/${reports[3]!.report.tracking_code}/merge`).type('form')
      .send({ _csrf: await other.csrf(), into: reports[0]!.report.tracking_code, confirm: '1' }).expect(303);
    // The confirmation posts the same fields again, with confirm=1.
    const confirmForm = /<form method="post" action="[^"]+" class="actions">[\s\S]*?<\/form>/.exec(ask.text)![0];
    const again = [...confirmForm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
    expect(again.filter(([k]) => k === 'codes')).to.have.length(4);
    expect(again).to.deep.include(['confirm', '1']);
    const confirmAction = /<form method="post" action="([^"]+)" class="actions">/.exec(ask.text)![1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const done = await coordinator.agent.post(confirmAction).type('form').send(form(again)).expect(303);
    expect(done.headers.location).to.equal(`/staf/verifikasi?q=${w}`);
    for (const r of reports.slice(0, 3)) expect(await statusOf(r.report.id)).to.equal('assigned');
    expect(await statusOf(reports[3]!.report.id)).to.equal('merged');
    const page = await coordinator.agent.get(done.headers.location!).expect(200);
    expect(page.text).to.contain(`3 laporan diteruskan ke DPUPR: ${reports.slice(0, 3).map((r) => hyphen(r.report.tracking_code)).join(', ')}.`);
    expect(page.text).to.contain(`1 tidak dapat diproses: ${hyphen(reports[3]!.report.tracking_code)} (status sekarang “Digabung”).`);
    // Each went through the single action: its events and the OPD's mail.
    const mails = await t.database.db.selectFrom('outbox').select('report_id').where('report_id', 'in', reports.map((r) => r.report.id)).where('subject', 'like', 'Laporan baru%').execute();
    expect(new Set(mails.map((m) => m.report_id)).size).to.equal(3);
  });

  it('rejects several with one reason; no default reason, nothing chosen or no OPD are refused before any confirmation', async () => {
    const w = word();
    const a = await buildReport(t, { title: `Iklan obat ${w}` });
    const b = await buildReport(t, { title: `Iklan pinjaman ${w}` });
    const queue = await coordinator.agent.get(`/staf/verifikasi?q=${w}`).expect(200);
    const token = csrfFrom(queue.text);
    // The form posts back to the same filtered list (Handlebars writes "=" as &#x3D;).
    expect(queue.text).to.contain(`action="/staf/verifikasi/massal?q&#x3D;${w}"`);
    const none = await coordinator.agent.post('/staf/verifikasi/massal').type('form').send(form([['_csrf', token], ['action', 'reject'], ['reason', 'spam']])).expect(422);
    expect(none.text).to.contain('Pilih paling sedikit satu laporan.').and.contain('href="#f-bulk-codes"');
    // Posted where the filtered queue's form posts, so the refusal shows that same list again.
    const noReason = await coordinator.agent.post(`/staf/verifikasi/massal?q=${w}`).type('form')
      .send(form([['_csrf', token], ['codes', a.report.tracking_code], ['action', 'reject'], ['reason', '']])).expect(422);
    expect(noReason.text).to.contain('Alasan wajib diisi.').and.contain('href="#f-bulk-reason"');
    // What was ticked stays ticked.
    expect(noReason.text).to.contain(`name="codes" value="${a.report.tracking_code}" id="pick-${a.report.tracking_code}" aria-labelledby="title-${a.report.tracking_code}" checked`);
    const noAgency = await coordinator.agent.post('/staf/verifikasi/massal').type('form')
      .send(form([['_csrf', token], ['codes', a.report.tracking_code], ['action', 'forward'], ['agency', '']])).expect(422);
    expect(noAgency.text).to.contain('OPD penanggung jawab wajib diisi.');
    const fields: [string, string][] = [['_csrf', token], ['codes', a.report.tracking_code], ['codes', b.report.tracking_code], ['action', 'reject'], ['reason', 'spam'], ['note', '']];
    const ask = await coordinator.agent.post('/staf/verifikasi/massal').type('form').send(form(fields)).expect(200);
    expect(ask.text).to.contain('Tolak 2 laporan?').and.contain('Tindakan ini tidak dapat dibatalkan.');
    await coordinator.agent.post('/staf/verifikasi/massal').type('form').send(form([...fields, ['confirm', '1']])).expect(303);
    expect(await statusOf(a.report.id)).to.equal('rejected');
    expect(await statusOf(b.report.id)).to.equal('rejected');
  });

  it('is the coordinator’s only', async () => {
    const r = await buildReport(t);
    for (const role of ['agency_staff', 'agency_head', 'leader', 'admin'] as const) {
      const s = await loginAs(t, role, role.startsWith('agency') ? { agencyId: dpupr } : {});
      await s.agent.post('/staf/verifikasi/massal').type('form')
        .send(form([['_csrf', await s.csrf()], ['codes', r.report.tracking_code], ['action', 'reject'], ['reason', 'spam'], ['confirm', '1']])).expect(403);
    }
    expect(await statusOf(r.report.id)).to.equal('submitted');
  });
});
