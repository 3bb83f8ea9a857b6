import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { recordAudit } from '../../src/audit/commands/recordAudit.js';
import { type Db, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp, uniqueEmail } from '../helpers/app.js';
import { onServer } from '../helpers/db.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('audit log: staff actions and views of a reporter’s identity', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let admin: SignedIn;
  let dpupr: number;
  before(async function () {
    // The run's database is made on first use; on a busy machine that takes a while.
    this.timeout(120_000);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000' });
    coordinator = await loginAs(t, 'coordinator');
    admin = await loginAs(t, 'admin');
    dpupr = await agencyId(t.database, 'dpupr');
  });

  const entries = (where: { reportId?: number; action?: string; actor?: number }) => {
    let q = t.database.db.selectFrom('audit_log').selectAll().orderBy('id');
    if (where.reportId !== undefined) q = q.where('report_id', '=', where.reportId);
    if (where.action !== undefined) q = q.where('action', '=', where.action);
    if (where.actor !== undefined) q = q.where('actor_user_id', '=', where.actor);
    return q.execute();
  };
  async function act(s: SignedIn, code: string, action: string, body: Record<string, unknown>, status: number, userAgent = 'AuditTest/1.0') {
    const token = await s.csrf();
    return s.agent.post(`/staf/laporan/${code}/${action}`).set('User-Agent', userAgent).type('form').send({ _csrf: token, ...body }).expect(status);
  }

  it('records a staff action with its actor, role, report, address and a bounded browser string', async () => {
    const r = await buildReport(t);
    await act(coordinator, r.report.tracking_code, 'forward', { agency: String(dpupr) }, 303, `AuditTest/1.0 ${'x'.repeat(2000)}`);
    const [entry, ...rest] = await entries({ reportId: r.report.id, action: 'verify' });
    expect(rest).to.have.length(0);
    expect(entry).to.include({ actor_user_id: coordinator.user.id, actor_role: 'coordinator', actor_name: 'Test coordinator', report_code: r.report.tracking_code });
    expect(entry!.ip).to.match(/127\.0\.0\.1|::1/);
    expect(entry!.user_agent).to.match(/^AuditTest\/1\.0 x+$/);
    expect(entry!.user_agent!.length).to.equal(300);
    expect(entry!.details).to.include({ from: 'submitted', to: 'assigned' });
  });

  it('records actions through the staff API and actions that change no status (a note, a draft answer)', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const token = await staff.csrf();
    await staff.agent
      .post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`)
      .set('X-CSRF-Token', token)
      .send({ action: 'note', body: 'Sudah dicek ke lokasi bersama kepala desa.' })
      .expect(200);
    await staff.agent
      .post(`/api/v1/staff/reports/${r.report.tracking_code}/answers`)
      .set('X-CSRF-Token', token)
      .send({ body: 'Terima kasih, jalan akan kami tambal minggu depan setelah material datang.' })
      .expect(201);
    const actions = (await entries({ reportId: r.report.id, actor: staff.user.id })).map((e) => e.action);
    expect(actions).to.include.members(['note', 'answer_draft_save']);
    const note = (await entries({ reportId: r.report.id, action: 'note' }))[0]!;
    expect(note).to.include({ actor_role: 'agency_staff' });
  });

  it('writes no entry claiming success when the action fails (invalid input 422, a refused state 409)', async () => {
    const r = await buildReport(t);
    await act(coordinator, r.report.tracking_code, 'reject', { reason: 'not_government', note: '' }, 422);
    await act(coordinator, r.report.tracking_code, 'merge', { into: r.report.tracking_code }, 422);
    const answered = await buildReport(t);
    await advanceTo(t.database.db, answered.report.id, 'answered');
    const before = await entries({ reportId: answered.report.id });
    await act(coordinator, answered.report.tracking_code, 'reject', { reason: 'unclear' }, 409);
    expect(await entries({ reportId: r.report.id })).to.have.length(0);
    expect(await entries({ reportId: answered.report.id })).to.have.length(before.length);
    // Then the same action done right is recorded once.
    // Its confirmation page (issue 19) writes nothing; the confirmed action is recorded once.
    await act(coordinator, r.report.tracking_code, 'reject', { reason: 'not_government', note: 'Hubungi BBPJN.' }, 200);
    expect(await entries({ reportId: r.report.id })).to.have.length(0);
    await act(coordinator, r.report.tracking_code, 'reject', { reason: 'not_government', note: 'Hubungi BBPJN.', confirm: '1' }, 303);
    expect((await entries({ reportId: r.report.id })).map((e) => e.action)).to.deep.equal(['reject']);
  });

  it('hides the reporter behind a recorded click on the staff page, and records each API read of it', async () => {
    const r = await buildReport(t, { confidential: true, reporter: { name: 'Sri Rahayu', email: 'sri.rahayu@example.com', phone: '081234567890', nik: null } });
    const code = r.report.tracking_code;
    const page = await coordinator.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(page.text).to.not.contain('Sri Rahayu').and.not.contain('sri.rahayu@example.com');
    expect(page.text).to.contain('Tampilkan identitas pelapor');
    expect(await entries({ reportId: r.report.id, action: 'view_identity' })).to.have.length(0);

    const shown = await coordinator.agent.post(`/staf/laporan/${code}/identitas`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(200);
    expect(shown.headers['cache-control']).to.equal('no-store');
    expect(shown.text).to.contain('Sri Rahayu').and.contain('sri.rahayu@example.com').and.contain('081234567890');
    const [view] = await entries({ reportId: r.report.id, action: 'view_identity' });
    expect(view).to.include({ actor_user_id: coordinator.user.id, actor_role: 'coordinator', report_code: code });
    expect(view!.details).to.deep.include({ via: 'page', anonymous: false, confidential: true, fields: ['name', 'email', 'phone'] });
    // The identity itself is never copied into the log.
    expect(JSON.stringify(view)).to.not.contain('Sri Rahayu').and.not.contain('sri.rahayu');

    const api = await coordinator.agent.get(`/api/v1/staff/reports/${code}`).expect(200);
    expect(api.body.reporter.name).to.equal('Sri Rahayu');
    const views = await entries({ reportId: r.report.id, action: 'view_identity' });
    expect(views.map((v) => v.details.via)).to.deep.equal(['page', 'api']);
  });

  it('records the coordinator seeing an anonymous reporter; an OPD never sees one and nothing is recorded for it', async () => {
    const staff = await loginAs(t, 'agency_staff', { agencyId: dpupr });
    const r = await buildReport(t, { anonymous: true, reporter: { name: 'Rahasia Sekali', email: 'rahasia@example.com', phone: null, nik: null } });
    await advanceTo(t.database.db, r.report.id, 'assigned');
    const code = r.report.tracking_code;
    const opd = await staff.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(opd.text).to.contain('Pelapor anonim').and.not.contain('Tampilkan identitas pelapor');
    await staff.agent.post(`/staf/laporan/${code}/identitas`).type('form').send({ _csrf: csrfFrom(opd.text) }).expect(403);
    const api = await staff.agent.get(`/api/v1/staff/reports/${code}`).expect(200);
    expect(api.body.reporter).to.equal(null);
    expect(await entries({ reportId: r.report.id, action: 'view_identity' })).to.have.length(0);

    const page = await coordinator.agent.get(`/staf/laporan/${code}`).expect(200);
    const shown = await coordinator.agent.post(`/staf/laporan/${code}/identitas`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(200);
    expect(shown.text).to.contain('Rahasia Sekali');
    const [view] = await entries({ reportId: r.report.id, action: 'view_identity' });
    expect(view!.details).to.deep.include({ anonymous: true });
  });

  it('records the mail admin pages showing reporters’ addresses, findable by report code', async () => {
    const email = `${uniqueEmail('pelapor')}`;
    const r = await buildReport(t, { reporter: { name: 'Wartini', email, phone: null, nik: null } });
    const code = r.report.tracking_code;
    await t.database.db
      .insertInto('inbound_mails')
      .values({ dedupe_key: `audit-${code}`, from_address: email, subject: 'Lapor', outcome: 'report', report_id: r.report.id })
      .execute();
    const list = await admin.agent.get(`/admin/outbox?q=${encodeURIComponent(email)}`).expect(200);
    const id = /href="\/admin\/outbox\/(\d+)"/.exec(list.text)![1];
    await admin.agent.get(`/admin/outbox/${id}`).expect(200);
    await admin.agent.get('/admin/surel-masuk').expect(200);
    const views = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_user_id', '=', admin.user.id)
      .where('action', '=', 'view_identity')
      .where(sql<boolean>`(details -> 'reports') @> jsonb_build_array(${code}::text)`)
      .orderBy('id')
      .execute();
    expect(views.map((v) => v.details.via)).to.deep.equal(['outbox_list', 'outbox_mail', 'inbound_list']);
    expect(views[1]).to.include({ report_code: code });
    const page = await admin.agent.get(`/admin/audit?report=${code}&action=view_identity`).expect(200);
    expect(page.text.match(/<tr data-action="view_identity"/g)).to.have.length(3);
  });

  it('refuses the reveal without a CSRF token and records nothing', async () => {
    const r = await buildReport(t);
    await coordinator.agent.post(`/staf/laporan/${r.report.tracking_code}/identitas`).type('form').send({}).expect(403);
    expect(await entries({ reportId: r.report.id })).to.have.length(0);
  });

  it('records sign-in, failed sign-in and sign-out, and the admin’s account and settings changes', async () => {
    const email = uniqueEmail('auditlogin');
    const { user, password } = await createUser(t.database.db, { email, name: 'Budi Santoso', role: 'agency_staff', agencyId: dpupr });
    const agent = supertest.agent(t.app);
    let page = await agent.get('/masuk').expect(200);
    await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password: 'salah-sekali-ini' }).expect(401);
    page = await agent.get('/masuk').expect(200);
    await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password }).expect(303);
    const home = await agent.get('/akun/sandi').expect(200);
    await agent.post('/keluar').type('form').send({ _csrf: csrfFrom(home.text) }).expect(303);
    const mine = await t.database.db.selectFrom('audit_log').selectAll().where((eb) => eb.or([eb('actor_user_id', '=', user.id), eb.and([eb('target_type', '=', 'user'), eb('target_id', '=', String(user.id))])])).orderBy('id').execute();
    expect(mine.map((e) => e.action)).to.deep.equal(['user_create', 'login_failed', 'login', 'logout']);
    expect(mine[1]).to.include({ actor_role: 'anonymous', actor_user_id: null, target_type: 'user' });
    expect(mine[1]!.details).to.include({ why: 'password', email });
    expect(mine[2]).to.include({ actor_role: 'agency_staff', actor_name: 'Budi Santoso' });

    // The admin deactivates the account and saves a setting: both recorded as the admin.
    let token = await admin.csrf();
    await admin.agent.post(`/admin/pengguna/${user.id}/nonaktifkan`).type('form').send({ _csrf: token, confirm: '1' }).expect(303);
    token = await admin.csrf();
    await admin.agent.post('/admin/jawaban/pengaturan').type('form').send({ _csrf: token }).expect(303);
    const byAdmin = (await entries({ actor: admin.user.id })).map((e) => `${e.action}:${e.target_id}`);
    expect(byAdmin).to.include.members([`user_deactivate:${user.id}`, 'setting_change:answer_validation']);
  });

  /** UPDATE, DELETE (even of no row) and TRUNCATE are each refused by the trigger; nothing changes. */
  async function expectAppendOnly(db: Db) {
    await recordAudit(db, { action: 'append_only_probe', actor: 'system' });
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db)).rows[0]!.n);
    const n = await count();
    for (const statement of [
      sql`update audit_log set action = 'login' where action = 'append_only_probe'`,
      sql`update audit_log set details = '{}'::jsonb where false`,
      sql`delete from audit_log where action = 'append_only_probe'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
    ]) {
      let refused: Error | undefined;
      try {
        await statement.execute(db);
      } catch (err) {
        refused = err as Error;
      }
      expect(refused?.message, statement.compile(db).sql).to.match(/audit_log is append-only/);
    }
    expect(await count()).to.equal(n);
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'append_only_probe').execute()).to.have.length(1);
  }

  it(`is append-only: the database refuses UPDATE, DELETE and TRUNCATE (${onServer() ? 'PostgreSQL server' : 'PGlite'})`, async () => {
    await expectAppendOnly(t.database.db);
  });

  it('is append-only on PGlite as well, when this run is on a PostgreSQL server', async function () {
    // Without DATABASE_URL the test above ran on PGlite; with it, PGlite is opened here.
    if (!onServer()) this.skip();
    this.timeout(120_000);
    const pglite = await openDatabase({ dataDir: '', inMemory: true });
    try {
      await migrateToLatest(pglite.db);
      await expectAppendOnly(pglite.db);
    } finally {
      await pglite.close();
    }
  });

  describe('the admin page /admin/audit', () => {
    it('is for admins only: 403 for every other role, the sign-in page without a session', async () => {
      await supertest(t.app).get('/admin/audit').expect(303).expect('location', /^\/masuk/);
      for (const role of ['coordinator', 'agency_staff', 'agency_head', 'leader'] as const) {
        const s = role === 'coordinator' ? coordinator : await loginAs(t, role);
        await s.agent.get('/admin/audit').expect(403);
      }
      const res = await admin.agent.get('/admin/audit').expect(200);
      expect(res.headers['cache-control']).to.equal('no-store');
    });

    it('lists entries with what users typed escaped, and filters by actor, action, report and date', async () => {
      const email = uniqueEmail('xss');
      const { user, password } = await createUser(t.database.db, { email, name: '<script>alert(1)</script> Joko', role: 'leader', agencyId: null });
      const agent = supertest.agent(t.app);
      const page = await agent.get('/masuk').expect(200);
      await agent.post('/masuk').set('User-Agent', '<img src=x onerror=alert(2)>').type('form').send({ _csrf: csrfFrom(page.text), email, password }).expect(303);

      const res = await admin.agent.get(`/admin/audit?actor=${user.id}`).expect(200);
      expect(res.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; Joko').and.contain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
      expect(res.text).to.not.contain('<script>alert(1)').and.not.contain('<img src=x');
      expect(res.text).to.contain('Masuk').and.contain('Pimpinan');

      const r = await buildReport(t);
      await act(coordinator, r.report.tracking_code, 'request_info', { message: 'Lokasinya di RT berapa?' }, 303);
      const code = r.report.tracking_code;
      const byReport = await admin.agent.get(`/admin/audit?report=${code.toLowerCase()}`);
      expect(byReport.status, byReport.text.replace(/\s+/g, " ").slice(-1500)).to.equal(200);
      expect(byReport.text.match(/<tr data-action/g)).to.have.length(1);
      expect(byReport.text).to.contain('data-action="request_info"').and.contain(`/staf/laporan/${code}`);
      const byAction = await admin.agent.get(`/admin/audit?action=login&actor=${user.id}`).expect(200);
      expect(byAction.text.match(/<tr data-action="login"/g)).to.have.length(1);
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);
      expect((await admin.agent.get(`/admin/audit?report=${code}&from=${today}&to=${today}`).expect(200)).text).to.contain('data-action="request_info"');
      expect((await admin.agent.get(`/admin/audit?report=${code}&from=${tomorrow}`).expect(200)).text).to.not.contain('data-action=');
      const bad = await admin.agent.get('/admin/audit?report=bukan-kode').expect(422);
      expect(bad.text).to.contain('Kode laporan tidak valid.');
      await admin.agent.get(`/admin/audit?from=${tomorrow}&to=${today}`).expect(422);
    });

    it('pages through many entries newest first, without repeating or losing one', async () => {
      const action = `paging_probe_${Math.random().toString(36).slice(2, 8)}`;
      for (let i = 0; i < 57; i++) await recordAudit(t.database.db, { action, actor: 'system', details: { i } });
      const first = await admin.agent.get(`/admin/audit?action=${action}`).expect(200);
      const next = /href="(\?[^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
      expect(next).to.be.a('string');
      const second = await admin.agent.get(`/admin/audit${next}`).expect(200);
      // Details show as label and value (issue 19): an unknown key as itself.
      const seen = (html: string) => [...html.matchAll(/<dt>i<\/dt><dd>(\d+)<\/dd>/g)].map((m) => Number(m[1]));
      expect(seen(first.text)).to.have.length(50);
      expect(seen(first.text)[0]).to.equal(56);
      const all = [...seen(first.text), ...seen(second.text)];
      expect(all).to.deep.equal([...Array(57).keys()].reverse());
      expect(second.text).to.not.match(/rel="next"/);
    });
  });
});
