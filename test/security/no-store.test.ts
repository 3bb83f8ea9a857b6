import fs from 'node:fs';
import { expect } from 'chai';
import supertest from 'supertest';
import type { Role } from '../../src/db/schema.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { apiReport, inProgressAt, listRoutes, OWN_OPD, type Staff, staffMember, tempDir } from './fixtures.js';

/**
 * Nothing shown to a signed-in person stays in a cache (issue 20, item 5): every page and
 * API answer of a staff route, found by walking the app's routes (so a new page is covered
 * the day it is added), is `Cache-Control: no-store`, whatever its status, for a session
 * and for an API token alike. The public reference lists keep their public cache.
 */
const STAFF_PREFIXES = ['/staf', '/admin', '/dasbor', '/akun', '/api/v1/staff', '/api/v1/dashboard', '/api/v1/session'];

describe('security: no signed-in answer is kept by a cache', function () {
  this.timeout(180_000);
  let t: TestApp;
  let uploadDir: string;
  let people: Record<'admin' | 'coordinator' | 'head' | 'staff' | 'leader', Staff>;
  let code: string;
  let attachmentId: number;

  before(async () => {
    uploadDir = tempDir('epengaduan-nostore');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' });
    const make = (role: Role, opd: string | null = OWN_OPD) => staffMember(t, role, opd);
    people = { admin: await make('admin', null), coordinator: await make('coordinator', null), head: await make('agency_head'), staff: await make('agency_staff'), leader: await make('leader', null) };
    const r = await apiReport(t);
    await inProgressAt(t, r, OWN_OPD);
    code = r.code;
    attachmentId = r.attachmentId;
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  /** Someone the route's role check lets through, so the page itself answers. */
  function who(path: string): Staff {
    if (path.startsWith('/admin')) return people.admin;
    if (path.startsWith('/dasbor') || path.startsWith('/api/v1/dashboard')) return people.leader;
    if (path.startsWith('/staf/persetujuan')) return people.head;
    if (path === '/staf') return people.staff;
    return people.coordinator;
  }

  const fill = (path: string) =>
    path.replace(':code', code).replace(':date', '2031-01-01').replace(':format', 'json').replace(/:id\b/, String(attachmentId)).replace(/:[a-zA-Z]+/g, '1');

  it('every staff page and API answer, through a session', async () => {
    const routes = listRoutes(t.app).filter((r) => r.startsWith('GET ') && STAFF_PREFIXES.some((p) => r.slice(4).startsWith(p)));
    expect(routes.length, 'staff routes found').to.be.greaterThan(30);
    const cached: string[] = [];
    for (const route of routes) {
      const path = fill(route.slice(4));
      const res = await who(path).agent.get(path).redirects(0);
      if (res.headers['cache-control'] !== 'no-store') cached.push(`${route} (${res.status}): ${res.headers['cache-control'] ?? 'no header'}`);
    }
    expect(cached).to.deep.equal([]);
  });

  it('a citizen’s photo shown to staff, and the staff API through a token', async () => {
    const photo = await people.coordinator.agent.get(`/staf/lampiran/${attachmentId}`).expect(200);
    expect(photo.headers['cache-control']).to.equal('no-store');
    const api = await supertest(t.app).get('/api/v1/staff/reports').set('Authorization', `Bearer ${people.coordinator.token}`).expect(200);
    expect(api.headers['cache-control']).to.equal('no-store');
  });

  it('keeps the public cache of what holds no personal data, and pages for visitors as they were', async () => {
    const categories = await supertest(t.app).get('/api/v1/categories').expect(200);
    expect(categories.headers['cache-control']).to.equal('public, max-age=300');
    const form = await supertest(t.app).get('/lapor').expect(200);
    expect(form.headers['cache-control'] ?? '').to.not.contain('no-store');
  });
});
