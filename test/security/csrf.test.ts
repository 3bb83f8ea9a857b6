import fs from 'node:fs';
import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { apiReport, inProgressAt, listRoutes, OWN_OPD, type Staff, staffMember, tempDir, visitor } from './fixtures.js';

/**
 * CSRF on every state-changing route, found by walking the app's routes (so a new form
 * is covered the day it is added): sent with the session cookie of someone allowed to
 * use it, without a token and with another session's token, each is refused with 403
 * and the "form expired" answer, before anything happens. The only exceptions are named:
 * Open311's POST authenticates with its client key and reads no cookie.
 */
const NO_COOKIE_ROUTES = ['POST /open311/v2/requests.:format'];

describe('security: CSRF token required on every state-changing route', function () {
  this.timeout(180_000);
  let t: TestApp;
  let uploadDir: string;
  let admin: Staff;
  let coordinator: Staff;
  let head: Staff;
  let foreignToken: string;
  let code: string;
  let routes: string[];

  before(async () => {
    uploadDir = tempDir('epengaduan-csrf');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' });
    admin = await staffMember(t, 'admin', null);
    coordinator = await staffMember(t, 'coordinator', null);
    head = await staffMember(t, 'agency_head');
    foreignToken = (await visitor(t)).csrf;
    const r = await apiReport(t);
    await inProgressAt(t, r, OWN_OPD);
    code = r.code;
    routes = listRoutes(t.app).filter((r) => !r.startsWith('GET ') && !NO_COOKIE_ROUTES.includes(r));
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const fill = (path: string) =>
    path.replace(':code', code).replace(':date', '2031-01-01').replace(':format', 'json').replace(/:[a-zA-Z]+/g, '1');

  it('covers the state-changing routes of the app', () => {
    expect(routes.length).to.be.greaterThan(60);
  });

  for (const variant of ['no token', 'another session\'s token'] as const) {
    it(`refuses every one of them with ${variant}: 403, form expired, nothing done`, async () => {
      const refusedWrongly: string[] = [];
      const before = await t.database.db.selectFrom('report_events').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      for (const route of routes) {
        const [method, path] = route.split(' ') as [string, string];
        // Someone who passes the route's role check, so only the token decides.
        const who = path.startsWith('/admin/') ? admin : path.startsWith('/staf/persetujuan') ? head : coordinator;
        const req = who.agent[method.toLowerCase() as 'post' | 'put' | 'delete'](fill(path)).redirects(0);
        if (variant !== 'no token') req.set('X-CSRF-Token', foreignToken);
        const res = await (path.startsWith('/api/') ? req.send({}) : req.type('form').send({ _csrf: variant === 'no token' ? undefined : foreignToken }));
        const csrfAnswer = res.status === 403 && (res.text.includes('Formulir kedaluwarsa') || res.body?.error?.code === 'csrf_invalid');
        if (!csrfAnswer) refusedWrongly.push(`${route}: ${res.status}`);
      }
      expect(refusedWrongly).to.deep.equal([]);
      const after = await t.database.db.selectFrom('report_events').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).to.equal(Number(before.n));
      // Still signed in: a refused form does not end the session.
      await coordinator.agent.get('/staf/verifikasi').expect(200);
    });
  }

  it('the same calls with the session\'s own token get past the check', async () => {
    const res = await coordinator.agent.post(`/staf/laporan/${code}/note`).type('form').send({ _csrf: coordinator.csrf, body: '' }).redirects(0);
    expect(res.status).to.equal(422);
  });
});
