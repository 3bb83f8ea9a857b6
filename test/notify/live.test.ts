import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import supertest from 'supertest';
import type { Role } from '../../src/db/schema.js';
import { attachLive } from '../../src/notify/live/socket.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { agencyId, buildTestApp, csrfFrom, type TestApp, uniqueEmail } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

describe('live updates over socket.io', () => {
  let t: TestApp;
  let server: http.Server;
  let live: ReturnType<typeof attachLive>;
  let base: string;
  const sockets: Socket[] = [];

  before(async () => {
    t = await buildTestApp();
    server = http.createServer(t.app);
    live = attachLive(server, { db: t.database.db, session: t.app.locals.session });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const s of sockets) s.close();
    await live.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  /** The session cookie of a staff member signed in through the login form. */
  async function cookieFor(role: Role, agency: number | null = null): Promise<string> {
    const email = uniqueEmail(role);
    const { password } = await createUser(t.database.db, { email, name: role, role, agencyId: agency });
    const page = await supertest(base).get('/masuk');
    const first = String(page.headers['set-cookie']).split(';')[0]!;
    const res = await supertest(base).post('/masuk').set('Cookie', first).type('form').send({ _csrf: csrfFrom(page.text), email, password }).expect(303);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  function open(cookie?: string): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(base, { transports: ['websocket'], extraHeaders: cookie ? { Cookie: cookie } : {}, reconnection: false, forceNew: true });
      sockets.push(socket);
      socket.on('connect', () => resolve(socket));
      socket.on('connect_error', reject);
    });
  }

  function received(socket: Socket, ms = 1500): Promise<{ code: string; status: string; by?: number | null }[]> {
    const events: { code: string; status: string; by?: number | null }[] = [];
    socket.on('reports.changed', (changes: typeof events) => events.push(...changes));
    return new Promise((r) => setTimeout(() => r(events), ms));
  }

  it('refuses a socket without a staff session', async () => {
    let error: Error | undefined;
    try {
      await open();
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.equal('unauthorized');
  });

  it('tells coordinators of a new report, and an OPD only of its own reports', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const dinkes = await agencyId(t.database, 'dinkes');
    const coordinator = await open(await cookieFor('coordinator'));
    const pu = await open(await cookieFor('agency_staff', dpupr));
    const kes = await open(await cookieFor('agency_staff', dinkes));
    const [c, p, k] = [received(coordinator), received(pu), received(kes)];
    const r = await buildReport(t);
    // Forward it to DPUPR through the staff API, as a coordinator would.
    const agent = supertest.agent(base);
    const email = uniqueEmail('coord');
    const { password } = await createUser(t.database.db, { email, name: 'C', role: 'coordinator', agencyId: null });
    const login = await agent.post('/api/v1/session').send({ email, password }).expect(200);
    await agent.post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`).set('X-CSRF-Token', login.body.csrfToken).send({ action: 'forward', agency: 'dpupr' }).expect(200);
    const [cEvents, pEvents, kEvents] = await Promise.all([c, p, k]);
    expect(cEvents.filter((e) => e.code === r.report.tracking_code).map((e) => e.status)).to.deep.equal(['submitted', 'assigned']);
    expect(pEvents.filter((e) => e.code === r.report.tracking_code).map((e) => e.status)).to.deep.equal(['assigned']);
    expect(kEvents.filter((e) => e.code === r.report.tracking_code)).to.deep.equal([]);
  });

  it('tells an OPD of the reports it supports, as it may open them (reports/access.ts)', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const dinkes = await agencyId(t.database, 'dinkes');
    const dishub = await agencyId(t.database, 'dishub');
    const kes = await open(await cookieFor('agency_staff', dinkes));
    const hub = await open(await cookieFor('agency_head', dishub));
    const [k, h] = [received(kes), received(hub)];
    const r = await buildReport(t);
    const agent = supertest.agent(base);
    const email = uniqueEmail('coord');
    const { password } = await createUser(t.database.db, { email, name: 'C', role: 'coordinator', agencyId: null });
    const login = await agent.post('/api/v1/session').send({ email, password }).expect(200);
    await agent
      .post(`/api/v1/staff/reports/${r.report.tracking_code}/actions`)
      .set('X-CSRF-Token', login.body.csrfToken)
      .send({ action: 'forward', agency: dpupr, supporting: ['dinkes'] })
      .expect(200);
    const [kEvents, hEvents] = await Promise.all([k, h]);
    // Dinkes supports the report: its staff may open it, so its queue hears of it.
    expect(kEvents.filter((e) => e.code === r.report.tracking_code).map((e) => e.status)).to.deep.equal(['assigned']);
    expect(hEvents.filter((e) => e.code === r.report.tracking_code)).to.deep.equal([]);
  });

  it('tells the OPD of every answer step, a draft save too, naming who made it', async () => {
    const dpupr = await agencyId(t.database, 'dpupr');
    const head = await open(await cookieFor('agency_head', dpupr));
    const events = received(head);
    const r = await buildReport(t);
    await advanceTo(t.database.db, r.report.id, 'in_progress');
    const agent = supertest.agent(base);
    const email = uniqueEmail('staff');
    const { user, password } = await createUser(t.database.db, { email, name: 'S', role: 'agency_staff', agencyId: dpupr });
    const login = await agent.post('/api/v1/session').send({ email, password }).expect(200);
    const url = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const draft = await agent.post(url).set('X-CSRF-Token', login.body.csrfToken).send({ body: 'Draf pertama jawaban untuk laporan ini.' }).expect(201);
    await agent.put(`${url}/${draft.body.id}`).set('X-CSRF-Token', login.body.csrfToken).send({ body: 'Draf kedua jawaban untuk laporan ini.', version: 1 }).expect(200);
    await agent.post(`${url}/${draft.body.id}/submit`).set('X-CSRF-Token', login.body.csrfToken).expect(200);
    const mine = (await events).filter((e) => e.code === r.report.tracking_code);
    expect(mine).to.deep.equal([
      { code: r.report.tracking_code, status: 'in_progress', by: user.id },
      { code: r.report.tracking_code, status: 'in_progress', by: user.id },
      { code: r.report.tracking_code, status: 'awaiting_approval', by: user.id },
    ]);
  });
});
