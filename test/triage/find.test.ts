import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/**
 * Issue 19, item 8: staff find a report by the code the citizen reads out ("95D4-K7XW",
 * "95d4k7xw", with or without the hyphen) in the verification queue, the OPD queue, the
 * staff API and the box every staff page carries; a code of no report they may open is
 * "not found", never a 403. Codes show with the hyphen.
 */
describe('triage: finding a report by its tracking code', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let staff: SignedIn;
  let dpupr: number;
  let dinkes: number;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    dpupr = await agencyId(t.database, 'dpupr');
    dinkes = await agencyId(t.database, 'dinkes');
    coordinator = await loginAs(t, 'coordinator');
    staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
  });

  const hyphen = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
  /** What people type: the code as printed, lower case without the hyphen, with spaces. */
  const typings = (code: string) => [hyphen(code), code.toLowerCase(), ` ${code.slice(0, 4).toLowerCase()} ${code.slice(4)} `];

  it('goes straight to the report from the verification queue’s search, however the code is typed', async () => {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'assigned');
    for (const q of typings(r.report.tracking_code)) {
      const res = await coordinator.agent.get(`/staf/verifikasi?q=${encodeURIComponent(q)}`).expect(303);
      expect(res.headers.location, q).to.equal(`/staf/laporan/${r.report.tracking_code}`);
    }
    // Words still search titles and texts.
    const w = `kata${Math.random().toString(36).slice(2, 8)}`;
    const other = await buildReport(t, { title: `Lampu jalan padam ${w}` });
    const list = await coordinator.agent.get(`/staf/verifikasi?q=${w}`).expect(200);
    expect(list.text).to.contain(other.report.title);
    // A code of no report: said so, then the text search.
    const none = await coordinator.agent.get('/staf/verifikasi?q=2222-2222').expect(200);
    expect(none.text).to.contain('Tidak ada laporan dengan kode 2222-2222 yang dapat Anda buka.');
  });

  it('goes straight to the OPD’s own report from /staf, and says "not found" for another OPD’s', async () => {
    // A word of its own: the queue is paged, and other tests' reports share this OPD's.
    const word = `ambles${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    const own = await buildReport(t, { title: `Jalan ${word} di depan pasar` });
    const theirs = await buildReport(t);
    await advanceTo(t.database.db, own.report.id, 'assigned');
    await advanceTo(t.database.db, theirs.report.id, 'assigned');
    await t.database.db.updateTable('reports').set({ assigned_agency_id: dinkes }).where('id', '=', theirs.report.id).execute();
    for (const q of typings(own.report.tracking_code)) {
      const res = await staff.agent.get(`/staf?q=${encodeURIComponent(q)}`).expect(303);
      expect(res.headers.location).to.equal(`/staf/laporan/${own.report.tracking_code}`);
    }
    const other = await staff.agent.get(`/staf?q=${theirs.report.tracking_code.toLowerCase()}`).expect(200);
    expect(other.text).to.contain(`Tidak ada laporan dengan kode ${hyphen(theirs.report.tracking_code)} yang dapat Anda buka.`);
    expect(other.text).to.not.contain(theirs.report.title);
    // The queue shows codes as people read them.
    const queue = await staff.agent.get(`/staf?q=${word}`).expect(200);
    expect(queue.text).to.contain(own.report.title).and.contain(hyphen(own.report.tracking_code));
  });

  it('the header’s code box on every staff page: straight to the report, or a clear "not found" (never 403)', async () => {
    const own = await buildReport(t);
    const theirs = await buildReport(t);
    await advanceTo(t.database.db, own.report.id, 'assigned');
    await advanceTo(t.database.db, theirs.report.id, 'assigned');
    await t.database.db.updateTable('reports').set({ assigned_agency_id: dinkes }).where('id', '=', theirs.report.id).execute();
    for (const path of ['/staf', `/staf/laporan/${own.report.tracking_code}`, '/akun/sandi']) {
      const page = await staff.agent.get(path).expect(200);
      expect(page.text, path).to.match(/<form class="container code-search" method="get" action="\/staf\/cari"/);
    }
    for (const kode of typings(own.report.tracking_code)) {
      const res = await staff.agent.get(`/staf/cari?kode=${encodeURIComponent(kode)}`).expect(303);
      expect(res.headers.location).to.equal(`/staf/laporan/${own.report.tracking_code}`);
    }
    const other = await staff.agent.get(`/staf/cari?kode=${hyphen(theirs.report.tracking_code)}`).expect(404);
    expect(other.text).to.contain(`Tidak ada laporan dengan kode ${hyphen(theirs.report.tracking_code)} yang dapat Anda buka.`);
    expect(other.text).to.not.contain(theirs.report.title);
    const unknown = await staff.agent.get('/staf/cari?kode=2222-2222').expect(404);
    expect(unknown.text).to.contain('Tidak ada laporan dengan kode 2222-2222');
    const word = await staff.agent.get('/staf/cari?kode=lampu').expect(422);
    expect(word.text).to.contain('“lampu” bukan kode laporan.').and.contain('href="/staf?q&#x3D;lampu"');
    // The coordinator and the leader find any report; a visitor is sent to sign in.
    await coordinator.agent.get(`/staf/cari?kode=${theirs.report.tracking_code.toLowerCase()}`).expect(303);
    const leader = await loginAs(t, 'leader');
    await leader.agent.get(`/staf/cari?kode=${theirs.report.tracking_code}`).expect(303);
    await supertest(t.app).get(`/staf/cari?kode=${theirs.report.tracking_code}`).expect(303).expect('location', /^\/masuk/);
  });

  it('the staff API: a code in q answers that report alone; words search as before', async () => {
    const token = (await coordinator.agent.get('/api/v1/session')).body.csrfToken as string;
    void token;
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const res = await coordinator.agent.get(`/api/v1/staff/reports?q=${r.report.tracking_code.toLowerCase()}`).expect(200);
    expect(res.body.reports).to.have.length(1);
    expect(res.body.reports[0]).to.include({ code: r.report.tracking_code, displayCode: hyphen(r.report.tracking_code), status: 'in_progress' });
    expect(res.body.next).to.equal(null);
    const hy = await coordinator.agent.get(`/api/v1/staff/reports?q=${hyphen(r.report.tracking_code)}`).expect(200);
    expect(hy.body.reports.map((x: { code: string }) => x.code)).to.deep.equal([r.report.tracking_code]);
  });

  it('mails show the code with its hyphen: forwarded, assigned, merged', async () => {
    const head = await loginAs(t, 'agency_head', { agencyId: dpupr });
    const main = await buildReport(t);
    const dup = await buildReport(t, { reporter: { name: 'Sri', email: 'sri.merge@example.com', phone: null, nik: null } });
    const post = async (s: SignedIn, code: string, action: string, body: Record<string, unknown>) => {
      const token = await s.csrf();
      await s.agent.post(`/staf/laporan/${code}/${action}`).type('form').send({ _csrf: token, ...body }).expect(303);
    };
    await post(coordinator, main.report.tracking_code, 'forward', { agency: String(dpupr) });
    await post(head, main.report.tracking_code, 'assign', { user: String(staff.user.id) });
    await post(coordinator, dup.report.tracking_code, 'merge', { into: main.report.tracking_code, confirm: '1' });
    const mails = await t.database.db.selectFrom('outbox').select(['subject', 'text_body']).where('report_id', 'in', [main.report.id, dup.report.id]).execute();
    const forwarded = mails.find((m) => m.subject.startsWith('Laporan baru'))!;
    const assigned = mails.find((m) => m.subject.includes('ditugaskan'))!;
    const merged = mails.find((m) => m.subject.includes('digabung'))!;
    for (const m of [forwarded, assigned]) {
      expect(m.subject).to.contain(hyphen(main.report.tracking_code));
      expect(m.text_body).to.contain(`(${hyphen(main.report.tracking_code)})`);
    }
    expect(merged.subject).to.contain(hyphen(dup.report.tracking_code));
    expect(merged.text_body).to.contain(`laporan ${hyphen(main.report.tracking_code)}`);
  });
});
