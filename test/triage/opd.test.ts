import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('the OPD queue /staf and the OPD’s work on a report', () => {
  let t: TestApp;
  let dpupr: number;
  let dinkes: number;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    dpupr = await agencyId(t.database, 'dpupr');
    dinkes = await agencyId(t.database, 'dinkes');
  });

  async function act(s: SignedIn, code: string, action: string, body: Record<string, unknown>, status: number) {
    const token = await s.csrf();
    return s.agent.post(`/staf/laporan/${code}/${action}`).type('form').send({ _csrf: token, ...body }).expect(status);
  }
  const row = (id: number) => t.database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('lists the OPD’s own reports by deadline, and nothing of another OPD', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    // One word in both titles: the queue is paged, and other tests' reports share this OPD's.
    const word = `longsor${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    const mine = await buildReport(t, { title: `Jalan ambles ${word}` });
    const theirs = await buildReport(t, { title: `Puskesmas tutup ${word}` });
    await advanceTo(t.database.db, mine.report.id, 'assigned');
    await advanceTo(t.database.db, theirs.report.id, 'assigned');
    await t.database.db.updateTable('reports').set({ assigned_agency_id: dinkes }).where('id', '=', theirs.report.id).execute();
    const page = await staff.agent.get(`/staf?q=${word}`).expect(200);
    expect(page.text).to.contain(mine.report.title).and.not.contain(theirs.report.title);
    expect((await staff.agent.get('/staf').expect(200)).text).to.not.contain(theirs.report.title);
    const coordinator = await loginAs(t, 'coordinator');
    expect((await coordinator.agent.get('/staf').expect(303)).headers.location).to.equal('/staf/verifikasi');
    await (await loginAs(t, 'leader')).agent.get('/staf').expect(403);
    await supertest(t.app).get('/staf').expect(303);
  });

  it('takes, acknowledges and notes a report; the head assigns; the citizen never sees the note', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const other = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const head = await loginAs(t, 'agency_head', { agencyId: dpupr });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'assigned');
    await act(staff, r.report.tracking_code, 'take', {}, 303);
    expect((await row(r.report.id)).assigned_user_id).to.equal(staff.user.id);
    await act(staff, r.report.tracking_code, 'acknowledge', {}, 303);
    const acked = await row(r.report.id);
    expect(acked.status).to.equal('in_progress');
    expect(acked.acknowledged_at).to.be.instanceOf(Date);
    // Only the head assigns; a staff member cannot hand work around.
    await act(staff, r.report.tracking_code, 'assign', { user: String(other.user.id) }, 403);
    await act(head, r.report.tracking_code, 'assign', { user: String(other.user.id) }, 303);
    expect((await row(r.report.id)).assigned_user_id).to.equal(other.user.id);
    const mail = await t.database.db.selectFrom('outbox').select('to_address').where('report_id', '=', r.report.id).where('subject', 'like', '%ditugaskan%').executeTakeFirstOrThrow();
    expect(mail.to_address).to.equal(other.user.email);
    // Someone of another OPD cannot be assigned.
    const outsider = await loginAs(t, 'agency_staff', { agencyId: dinkes });
    const bad = await act(head, r.report.tracking_code, 'assign', { user: String(outsider.user.id) }, 422);
    expect(bad.text).to.contain('Pilih petugas aktif dari OPD ini.');

    const secret = 'Catatan rahasia: kontraktor belum dibayar';
    await act(other, r.report.tracking_code, 'note', { body: secret }, 303);
    const page = await other.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain(secret);
    const citizen = supertest.agent(t.app);
    const url = new URL(r.trackingUrl);
    const tracking = await citizen.get(url.pathname + url.search).redirects(1).expect(200);
    expect(tracking.text).to.not.contain(secret);
    const api = await supertest(t.app).get(`/api/v1/reports/${r.report.tracking_code}`).set('X-Tracking-Token', r.secret).expect(200);
    expect(JSON.stringify(api.body)).to.not.contain(secret);
    const mails = await t.database.db.selectFrom('outbox').select('text_body').where('report_id', '=', r.report.id).execute();
    expect(mails.map((m) => m.text_body).join()).to.not.contain(secret);
  });

  it('refuses to acknowledge twice (409) and refuses an empty note (422)', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    await act(staff, r.report.tracking_code, 'acknowledge', {}, 409);
    const res = await act(staff, r.report.tracking_code, 'note', { body: '' }, 422);
    expect(res.text).to.contain('Catatan internal wajib diisi.');
  });

  it('does the same through the staff API', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const token = (await staff.agent.get('/api/v1/session')).body.csrfToken;
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'assigned');
    const url = `/api/v1/staff/reports/${r.report.tracking_code}/actions`;
    const ack = await staff.agent.post(url).set('X-CSRF-Token', token).send({ action: 'acknowledge' }).expect(200);
    expect(ack.body.status).to.equal('in_progress');
    const note = await staff.agent.post(url).set('X-CSRF-Token', token).send({ action: 'note', body: 'Sudah disurvei.' }).expect(200);
    expect(note.body.messages.map((m: { kind: string; visibility: string }) => [m.kind, m.visibility])).to.deep.include(['internal_note', 'internal']);
  });

  it('shows what is overdue, then what falls due today, first, marked "Lewat batas" and "Hari ini" (issue 19)', async () => {
    // An OPD of its own, so no other test's reports share its queue.
    const dlh = await agencyId(t.database, 'dlh');
    const staff = await loginAs(t, 'agency_staff', { agencyId: dlh });
    const now = Date.now();
    const make = async (title: string, status: 'assigned' | 'in_progress' | 'answered', due: number) => {
      const r = await buildReport(t, { title: `${title} ${now}` });
      await advanceTo(t.database.db, r.report.id, status);
      await t.database.db.updateTable('reports').set({ assigned_agency_id: dlh, response_due_at: new Date(due) }).where('id', '=', r.report.id).execute();
      return r.report.title;
    };
    const later = await make('Sampah liar nanti', 'assigned', now + 5 * 86_400_000);
    const answered = await make('Sudah dijawab lama', 'answered', now - 3 * 86_400_000);
    const overdue = await make('Sampah liar terlambat', 'in_progress', now - 3_600_000);
    // Later today in Asia/Jakarta: the last minute of today's date there.
    const endOfToday = Date.parse(`${new Date(now + 7 * 3_600_000).toISOString().slice(0, 10)}T23:59:00+07:00`);
    const today = await make('Sampah liar hari ini', 'assigned', Math.max(endOfToday, now + 5_000));
    const page = await staff.agent.get('/staf').expect(200);
    const items = [...page.text.matchAll(/<li class="queue-item([^"]*)">([\s\S]*?)<\/li>/g)].map((m) => ({ cls: m[1]!, html: m[2]! }));
    const titles = items.map((i) => /<strong>([^<]*)<\/strong>/.exec(i.html)![1]);
    expect(titles.slice(0, 2)).to.deep.equal([overdue, today]);
    // What waits on the OPD comes before what waits on the citizen: an answer waiting on
    // the citizen is last and not overdue, whatever its old date.
    expect(titles.slice(2)).to.deep.equal([later, answered]);
    expect(items[0]!.cls).to.contain('is-overdue');
    expect(items[0]!.html).to.contain('Lewat batas');
    expect(items[1]!.cls).to.contain('is-today');
    expect(items[1]!.html).to.contain('Hari ini');
    expect(items[2]!.html).to.not.contain('Hari ini').and.not.contain('Lewat batas');
    expect(items[3]!.html).to.not.contain('Lewat batas');
  });

  it('pages a long queue: every report on exactly one page, the OPD\'s own work first, filters kept', async function () {
    this.timeout(120_000);
    // An OPD of its own, with more reports than a page holds.
    const tag = Date.now().toString(36);
    const opd = (await t.database.db.insertInto('agencies').values({ code: `hal-${tag}`, name: `Dinas Halaman ${tag}`, kind: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
    const staff = await loginAs(t, 'agency_staff', { agencyId: opd });
    const now = Date.now();
    const expected: string[] = [];
    const waitingOnCitizen: string[] = [];
    // 27 waiting on the OPD (the first overdue), 3 answered long ago, 1 without a deadline.
    for (let i = 0; i < 31; i++) {
      const r = await buildReport(t, { title: `Halaman ${tag} nomor ${String(i).padStart(2, '0')}` });
      const answered = i >= 27 && i < 30;
      const due = i === 30 ? null : answered ? new Date(now - (40 - i) * 86_400_000) : new Date(now + (i - 3) * 86_400_000);
      await t.database.db.updateTable('reports').set({ status: answered ? 'answered' : 'in_progress', assigned_agency_id: opd, response_due_at: due }).where('id', '=', r.report.id).execute();
      (answered ? waitingOnCitizen : expected).push(r.report.title);
    }
    // The report without a deadline is the last of the OPD's own work; then the answered ones.
    expected.push(...waitingOnCitizen);
    const titlesOf = (html: string) => [...html.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]!);
    const first = await staff.agent.get('/staf').expect(200);
    expect(titlesOf(first.text)).to.deep.equal(expected.slice(0, 25));
    expect(first.text).to.contain('is-overdue').and.not.contain('>Ke awal<');
    const next = /<a href="([^"]+)" rel="next">Berikutnya/.exec(first.text)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(next, 'a link to the next page').to.match(/^\/staf\?after=0_\d+_\d+$/);
    const second = await staff.agent.get(next!).expect(200);
    expect(titlesOf(second.text)).to.deep.equal(expected.slice(25));
    expect(second.text).to.not.contain('rel="next"');
    expect(second.text).to.contain('<a href="/staf">Ke awal</a>');
    // A filter stays on every page's links; answered reports alone fit on one page.
    const answered = await staff.agent.get('/staf?status=answered').expect(200);
    expect(titlesOf(answered.text)).to.deep.equal(waitingOnCitizen);
    expect(answered.text).to.not.contain('rel="next"');
    const mine = await staff.agent.get('/staf?status=in_progress').expect(200);
    expect(/<a href="([^"]+)" rel="next">/.exec(mine.text)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).to.match(/^\/staf\?status=in_progress&after=0_\d+_\d+$/);
    // A cursor that is no cursor is refused with a message, not read.
    const bad = await staff.agent.get('/staf?after=1;drop').expect(422);
    expect(bad.text).to.contain('after');
  });
});
