import { expect } from 'chai';
import supertest from 'supertest';
import { agencyId, buildTestApp, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('triage: the verification queue and its actions', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let dpupr: number;
  let dinkes: number;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    coordinator = await loginAs(t, 'coordinator');
    dpupr = await agencyId(t.database, 'dpupr');
    dinkes = await agencyId(t.database, 'dinkes');
  });

  const word = () => `kata${Math.random().toString(36).slice(2, 9)}`;
  const row = (id: number) => t.database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  async function act(s: SignedIn, code: string, action: string, body: Record<string, unknown>, status: number) {
    const token = await s.csrf();
    return s.agent.post(`/staf/laporan/${code}/${action}`).type('form').send({ _csrf: token, ...body }).expect(status);
  }

  it('shows coordinators the waiting reports, most urgent first, and nobody else', async () => {
    const w = word();
    const a = await buildReport(t, { title: `Jembatan retak ${w}` });
    const b = await buildReport(t, { title: `Jalan banjir ${w}` });
    await t.database.db.updateTable('reports').set({ verify_due_at: new Date(Date.now() - 3600_000) }).where('id', '=', b.report.id).execute();
    const res = await coordinator.agent.get(`/staf/verifikasi?q=${w}`).expect(200);
    expect(res.text.indexOf(`Jalan banjir ${w}`)).to.be.lessThan(res.text.indexOf(`Jembatan retak ${w}`));
    expect(res.text).to.contain('Lewat batas');
    await supertest(t.app).get('/staf/verifikasi').expect(303);
    for (const role of ['agency_staff', 'agency_head', 'leader', 'admin'] as const) {
      await (await loginAs(t, role)).agent.get('/staf/verifikasi').expect(403);
    }
    void a;
  });

  it('pages through a long queue without repeating or losing a report', async () => {
    const w = word();
    for (let i = 0; i < 30; i++) await buildReport(t, { title: `Sampah menumpuk ${i} ${w}` });
    const first = await coordinator.agent.get(`/staf/verifikasi?q=${w}`).expect(200);
    const next = /href="(\?[^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).to.be.a('string');
    const second = await coordinator.agent.get(`/staf/verifikasi${next}`).expect(200);
    const titles = (html: string) => [...html.matchAll(/Sampah menumpuk (\d+)/g)].map((m) => m[1]);
    const all = [...titles(first.text), ...titles(second.text)];
    expect(all).to.have.length(30);
    expect(new Set(all).size).to.equal(30);
  });

  it('forwards to an OPD: deadlines start, the OPD is mailed, its staff now see it and another OPD does not', async () => {
    const head = await loginAs(t, 'agency_head', { agencyId: dpupr });
    const other = await loginAs(t, 'agency_staff', { agencyId: dinkes });
    const r = await buildReport(t);
    await other.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(404);
    await act(coordinator, r.report.tracking_code, 'forward', { agency: String(dpupr), supporting: String(dinkes) }, 303);
    const after = await row(r.report.id);
    expect(after).to.include({ status: 'assigned', assigned_agency_id: dpupr });
    expect(after.response_due_at!.getTime()).to.be.greaterThan(Date.now());
    const mails = await t.database.db.selectFrom('outbox').select('to_address').where('report_id', '=', r.report.id).execute();
    expect(mails.map((m) => m.to_address)).to.include(head.user.email);
    await head.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    // A supporting OPD sees the report too, but may not return it.
    await other.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    await act(other, r.report.tracking_code, 'return', { reason: 'Bukan kami' }, 403);
    const tracking = await supertest.agent(t.app).get(new URL(r.trackingUrl).pathname + new URL(r.trackingUrl).search).redirects(1);
    const status = /data-testid="status">([^<]*)</.exec(tracking.text)?.[1];
    expect(status, `tracking page (${tracking.status}): ${tracking.text.replace(/\s+/g, ' ').slice(-1500)}`).to.equal('Diteruskan ke perangkat daerah yang berwenang');
  });

  it('asks the reporter: the clock pauses, the question reaches the tracking page and the mailbox', async () => {
    const r = await buildReport(t, { reporter: { name: 'Sri', email: 'sri@example.com', phone: null, nik: null } });
    await act(coordinator, r.report.tracking_code, 'request_info', { message: 'Di RT berapa tepatnya?' }, 303);
    const after = await row(r.report.id);
    expect(after.status).to.equal('needs_info');
    expect(after.paused_at).to.be.instanceOf(Date);
    expect(after.info_due_at!.getTime()).to.be.greaterThan(Date.now());
    const page = await supertest.agent(t.app).get(new URL(r.trackingUrl).pathname + new URL(r.trackingUrl).search).redirects(1);
    expect(page.text).to.contain('Di RT berapa tepatnya?').and.contain('Pertanyaan petugas');
    const mail = await t.database.db.selectFrom('outbox').select(['to_address', 'text_body']).where('report_id', '=', r.report.id).where('subject', 'like', 'Pertanyaan%').executeTakeFirstOrThrow();
    expect(mail.to_address).to.equal('sri@example.com');
    expect(mail.text_body).to.contain('Di RT berapa tepatnya?');
  });

  it('rejects with a reason; "not our authority" needs advice for the citizen', async () => {
    const r = await buildReport(t);
    const res = await act(coordinator, r.report.tracking_code, 'reject', { reason: 'not_government', note: '' }, 422);
    expect(res.text).to.contain('Catatan untuk pelapor wajib diisi.');
    expect((await row(r.report.id)).status).to.equal('submitted');
    // The first post asks (src/http/confirm.ts); nothing is closed until the second.
    const ask = await act(coordinator, r.report.tracking_code, 'reject', { reason: 'not_government', note: 'Jalan nasional: hubungi BBPJN Jawa Tengah.' }, 200);
    expect(ask.text).to.contain('Ya, tolak laporan').and.contain('name="confirm" value="1"');
    expect((await row(r.report.id)).status).to.equal('submitted');
    await act(coordinator, r.report.tracking_code, 'reject', { reason: 'not_government', note: 'Jalan nasional: hubungi BBPJN Jawa Tengah.', confirm: '1' }, 303);
    const after = await row(r.report.id);
    expect(after).to.include({ status: 'rejected', rejection_reason: 'Jalan nasional: hubungi BBPJN Jawa Tengah.' });
  });

  it('merges a duplicate into an open report and refuses a wrong target', async () => {
    const main = await buildReport(t);
    const dup = await buildReport(t, { reporter: { name: 'Sri Wahyuni', email: 'sri.wahyuni@example.id', phone: null, nik: null } });
    const bad = await act(coordinator, dup.report.tracking_code, 'merge', { into: dup.report.tracking_code }, 422);
    expect(bad.text).to.contain('Kode laporan induk tidak ditemukan.');
    await act(coordinator, dup.report.tracking_code, 'merge', { into: main.report.tracking_code.toLowerCase(), confirm: '1' }, 303);
    const after = await row(dup.report.id);
    expect(after).to.include({ status: 'merged', merged_into_id: main.report.id });
    // The reporter is told the code of the report that goes on, written as they are told to quote it.
    const mail = await t.database.db.selectFrom('outbox').select(['subject', 'text_body']).where('report_id', '=', dup.report.id).where('subject', 'like', '%digabung%').executeTakeFirstOrThrow();
    const hyphen = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
    expect(mail.subject).to.contain(hyphen(dup.report.tracking_code));
    expect(mail.text_body).to.contain(`dengan laporan ${hyphen(main.report.tracking_code)} yang sedang ditangani`);
  });

  it('corrects the title and keeps what the citizen wrote', async () => {
    const r = await buildReport(t, { title: 'jalan rusak parah bgt' });
    await act(coordinator, r.report.tracking_code, 'update', { title: 'Jalan rusak parah di Desa Sidomukti' }, 303);
    const after = await row(r.report.id);
    expect(after).to.include({ title: 'Jalan rusak parah di Desa Sidomukti', original_title: 'jalan rusak parah bgt' });
    const page = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('jalan rusak parah bgt');
  });

  it('lets the OPD return a report as not its authority: back in the queue, flagged, history kept', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'assigned');
    await act(coordinator, r.report.tracking_code, 'return', { reason: 'x' }, 403);
    await act(staff, r.report.tracking_code, 'return', { reason: 'Saluran irigasi kewenangan BBWS.' }, 303);
    const after = await row(r.report.id);
    expect(after).to.include({ status: 'submitted', returned_count: 1, assigned_agency_id: null });
    const queue = await coordinator.agent.get('/staf/verifikasi?status=returned').expect(200);
    expect(queue.text).to.contain(r.report.title).and.contain('Dikembalikan OPD');
    const events = await t.database.db.selectFrom('report_events').select(['type', 'reason']).where('report_id', '=', r.report.id).execute();
    expect(events.map((e) => e.type)).to.include.members(['verify', 'return']);
    await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(404);
  });

  it('refuses an action the report’s state does not allow, with 409', async () => {
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'answered');
    const res = await act(coordinator, r.report.tracking_code, 'reject', { reason: 'unclear' }, 409);
    expect(res.text).to.contain('tidak tersedia untuk status laporan saat ini');
  });

  it('hides an anonymous reporter from OPD staff but not from coordinators', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const r = await buildReport(t, { anonymous: true, reporter: { name: 'Rahasia Sekali', email: 'rahasia@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'assigned');
    const opd = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(opd.text).to.contain('Pelapor anonim');
    expect(opd.text).to.not.contain('Rahasia Sekali');
    expect(opd.text).to.not.contain('rahasia@example.com');
    const api = await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}`).expect(200);
    expect(api.body.reporter).to.equal(null);
    expect(JSON.stringify(api.body)).to.not.contain('rahasia@example.com');
    // The coordinator sees it after the recorded "Tampilkan identitas pelapor" (test/audit).
    const coord = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(coord.text).to.not.contain('Rahasia Sekali');
    const token = /name="_csrf" value="([^"]+)"/.exec(coord.text)![1]!;
    const shown = await coordinator.agent.post(`/staf/laporan/${r.report.tracking_code}/identitas`).type('form').send({ _csrf: token }).expect(200);
    expect(shown.text).to.contain('Rahasia Sekali');
  });

  it('escapes what citizens wrote on staff pages', async () => {
    const r = await buildReport(t, { title: '<img src=x onerror=alert(1)> jalan', body: '<script>alert(1)</script> isi yang panjang sekali' });
    const page = await coordinator.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.not.contain('<script>alert(1)</script>');
    expect(page.text).to.not.contain('<img src=x');
  });
});

describe('staff API', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  async function apiLogin(role: 'coordinator' | 'agency_staff', agencyCode?: string) {
    const s = await loginAs(t, role, agencyCode ? { agencyId: await agencyId(t.database, agencyCode) } : {});
    const res = await s.agent.get('/api/v1/session').expect(200);
    return { agent: s.agent, token: res.body.csrfToken as string };
  }

  it('forwards through actions with JSON, answering the report as staff see it', async () => {
    const c = await apiLogin('coordinator');
    const r = await buildReport(t);
    const res = await c.agent
      .post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`)
      .set('X-CSRF-Token', c.token)
      .send({ action: 'forward', agency: 'dpupr' })
      .expect(200);
    expect(res.body).to.include({ code: r.report.tracking_code, status: 'assigned' });
    expect(res.body.agency.code).to.equal('dpupr');
    expect(res.body.deadlines.response).to.be.a('string');
    expect(res.body.events.map((e: { type: string }) => e.type)).to.deep.equal(['submitted', 'verify']);
    const again = await c.agent
      .post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`)
      .set('X-CSRF-Token', c.token)
      .send({ action: 'forward', agency: 'dpupr' })
      .expect(409);
    expect(again.body.error.code).to.equal('not_allowed');
  });

  it('answers 422 for bad parameters, 403 for a role, 404 for another OPD, and needs the CSRF token', async () => {
    const c = await apiLogin('coordinator');
    const r = await buildReport(t);
    const url = `/api/v1/staff/reports/${r.report.tracking_code}/actions`;
    await c.agent.post(url).send({ action: 'forward', agency: 'dpupr' }).expect(403);
    const bad = await c.agent.post(url).set('X-CSRF-Token', c.token).send({ action: 'forward', agency: 'no-such-opd' }).expect(422);
    expect(bad.body.errors[0]).to.deep.equal({ field: 'agency', message: 'OPD tidak ditemukan.' });
    await c.agent.post(url).set('X-CSRF-Token', c.token).send({ action: 'explode' }).expect(422);
    const staff = await apiLogin('agency_staff', 'dinkes');
    await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}`).expect(404);
    await staff.agent.get('/api/v1/staff/reports').expect(403);
    await c.agent.post(url).set('X-CSRF-Token', c.token).send({ action: 'forward', agency: 'dinkes' }).expect(200);
    await staff.agent.get(`/api/v1/staff/reports/${r.report.tracking_code}`).expect(200);
    await staff.agent.post(url).set('X-CSRF-Token', staff.token).send({ action: 'reject', reason: 'spam' }).expect(403);
  });

  it('lists the queue with filters', async () => {
    const c = await apiLogin('coordinator');
    const w = `kata${Math.random().toString(36).slice(2, 9)}`;
    const r = await buildReport(t, { title: `Pohon tumbang ${w}` });
    const res = await c.agent.get(`/api/v1/staff/reports?q=${w}`).expect(200);
    expect(res.body.reports.map((x: { code: string }) => x.code)).to.deep.equal([r.report.tracking_code]);
    await c.agent.get('/api/v1/staff/reports?channel=pigeon').expect(422);
  });
});

describe('triage: who may do what', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
  });

  // Each action, the state it needs, its parameters, and the roles allowed (for the OPD
  // roles: of the assigned OPD). Every other role must get 403 and change nothing.
  const cases = [
    { action: 'forward', state: 'submitted', params: { agency: 'dpupr' }, allowed: ['coordinator'] },
    { action: 'request_info', state: 'submitted', params: { message: 'RT berapa?' }, allowed: ['coordinator'] },
    { action: 'reject', state: 'submitted', params: { reason: 'unclear', note: 'x y' }, allowed: ['coordinator'] },
    { action: 'update', state: 'submitted', params: { title: 'Judul yang diperbaiki' }, allowed: ['coordinator'] },
    { action: 'return', state: 'assigned', params: { reason: 'Bukan kewenangan kami' }, allowed: ['agency_staff', 'agency_head'] },
    { action: 'extend', state: 'in_progress', params: { days: 3, reason: 'Menunggu anggaran' }, allowed: ['coordinator', 'agency_head'] },
    { action: 'acknowledge', state: 'assigned', params: {}, allowed: ['agency_staff', 'agency_head'] },
    { action: 'take', state: 'assigned', params: {}, allowed: ['agency_staff', 'agency_head'] },
    { action: 'note', state: 'assigned', params: { body: 'Catatan uji' }, allowed: ['coordinator', 'agency_staff', 'agency_head'] },
  ] as const;
  const roles = ['coordinator', 'agency_staff', 'agency_head', 'leader', 'admin'] as const;

  for (const c of cases) {
    it(`${c.action} (${c.state}): allowed for ${c.allowed.join(', ')}, refused for the rest`, async () => {
      const dpupr = await agencyId(t.database, 'dpupr');
      for (const role of roles) {
        const r = await buildReport(t);
        if (c.state !== 'submitted') await advanceTo(t.database.db, r.report.id, c.state);
        const s = await loginAs(t, role, role.startsWith('agency') ? { agencyId: dpupr } : {});
        const res = await s.agent
          .post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`)
          .set('X-CSRF-Token', (await s.agent.get('/api/v1/session')).body.csrfToken)
          .send({ action: c.action, ...c.params });
        const allowed = (c.allowed as readonly string[]).includes(role);
        // Roles that may not even see a report that is not their OPD's get 404.
        expect([allowed ? 200 : 403, ...(allowed ? [] : [404])], `${role} got ${res.status}: ${res.text.slice(0, 120)}`).to.include(res.status);
      }
    });
  }

  it('refuses every coordinator action on a report that is already answered, with 409', async () => {
    const s = await loginAs(t, 'coordinator');
    const token = (await s.agent.get('/api/v1/session')).body.csrfToken;
    for (const c of cases.filter((x) => x.allowed.includes('coordinator' as never) && !['update', 'extend', 'note'].includes(x.action))) {
      const r = await buildReport(t);
      await advanceTo(t.database.db, r.report.id, 'answered');
      const res = await s.agent.post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`).set('X-CSRF-Token', token).send({ action: c.action, ...c.params });
      expect(res.status, c.action).to.equal(409);
    }
  });
});
