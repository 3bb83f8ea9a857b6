import fs from 'node:fs';
import { expect } from 'chai';
import supertest from 'supertest';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { OWN_OPD, publishedAt, type Staff, staffMember, tempDir } from './fixtures.js';

/**
 * SQL injection through query parameters and search. Queries are built with kysely's
 * parameters, so hostile text is only ever a value: every answer is a normal one (200
 * with what matches the literal text, or 400/404/422 for a malformed value), never a
 * 500, never more rows than the literal text matches, and the tables are still there.
 * (bench/security/sqlmap.sh runs sqlmap against the public endpoints on top of this.)
 */
const PAYLOADS = [
  "' OR '1'='1",
  "' OR 1=1--",
  "'; DROP TABLE reports;--",
  '1 UNION SELECT id, email, password_hash FROM users--',
  "jalan') OR ('a'='a",
  "' AND pg_sleep(2)--",
  '\\',
  '!(&:*|)<->',
  '%_%',
  'jalan & | ! : * ( )',
  '\u0000',
  "'||(SELECT chr(65))||'",
];

describe('security: SQL injection through query parameters and search', function () {
  this.timeout(180_000);
  let t: TestApp;
  let uploadDir: string;
  let coordinator: Staff;
  let staff: Staff;
  let admin: Staff;
  let leader: Staff;

  const count = async () =>
    Number((await t.database.db.selectFrom('reports').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    uploadDir = tempDir('epengaduan-sqli');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' });
    const c = await createUser(t.database.db, { email: uniqueEmail('coord'), name: 'Koordinator', role: 'coordinator', agencyId: null });
    await publishedAt(t, OWN_OPD, c.user.id);
    coordinator = await staffMember(t, 'coordinator', null);
    staff = await staffMember(t, 'agency_staff', OWN_OPD);
    admin = await staffMember(t, 'admin', null);
    leader = await staffMember(t, 'leader', null);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  it('every search and filter answers normally to hostile text: no 500, and the database is intact', async () => {
    const before = await count();
    const anon = () => supertest(t.app);
    const targets: [string, (value: string) => Promise<supertest.Response>][] = [
      ['/publik?q', (v) => anon().get('/publik').query({ q: v })],
      ['/publik?agency', (v) => anon().get('/publik').query({ agency: v })],
      ['/publik?from', (v) => anon().get('/publik').query({ from: v })],
      ['/api/v1/public/reports?q', (v) => anon().get('/api/v1/public/reports').query({ q: v })],
      ['/api/v1/public/reports?page', (v) => anon().get('/api/v1/public/reports').query({ page: v })],
      ['/api/v1/regions?parent', (v) => anon().get('/api/v1/regions').query({ parent: v })],
      ['/open311 requests?service_code', (v) => anon().get('/open311/v2/requests.json').query({ service_code: v })],
      ['/open311 requests?service_request_id', (v) => anon().get('/open311/v2/requests.json').query({ service_request_id: v })],
      ['/open311 requests/:id', (v) => anon().get(`/open311/v2/requests/${encodeURIComponent(v)}.json`)],
      ['/publik/:code', (v) => anon().get(`/publik/${encodeURIComponent(v)}`)],
      ['/publik/opd/:agency.json', (v) => anon().get(`/publik/opd/${encodeURIComponent(v)}.json`)],
      ['/api/v1/reports/:code', (v) => anon().get(`/api/v1/reports/${encodeURIComponent(v)}`).set('X-Tracking-Token', 'AAAA-BBBB-CCCC-DDDD')],
      ['/staf/verifikasi?q', (v) => coordinator.agent.get('/staf/verifikasi').query({ q: v })],
      ['/api/v1/staff/reports?q (token)', (v) => anon().get('/api/v1/staff/reports').query({ q: v }).set('Authorization', `Bearer ${coordinator.token}`)],
      ['/staf?q', (v) => staff.agent.get('/staf').query({ q: v })],
      ['/staf/laporan/:code', (v) => coordinator.agent.get(`/staf/laporan/${encodeURIComponent(v)}`)],
      ['/admin/pengguna?q', (v) => admin.agent.get('/admin/pengguna').query({ q: v })],
      ['/admin/surel-masuk?outcome', (v) => admin.agent.get('/admin/surel-masuk').query({ outcome: v })],
      ['/dasbor?agency', (v) => leader.agent.get('/dasbor').query({ agency: v })],
      ['/dasbor?kecamatan', (v) => leader.agent.get('/dasbor').query({ kecamatan: v })],
    ];
    const bad: string[] = [];
    for (const [name, call] of targets) {
      for (const p of PAYLOADS) {
        const res = await call(p);
        if (![200, 400, 404, 422].includes(res.status)) bad.push(`${name} ${JSON.stringify(p)}: ${res.status}`);
      }
    }
    expect(bad).to.deep.equal([]);
    expect(await count()).to.equal(before);
  });

  it('a tautology in the public search finds what its words find as plain text', async () => {
    const all = await supertest(t.app).get('/api/v1/public/reports').expect(200);
    expect(all.body.reports.length, 'published cases exist').to.be.greaterThan(0);
    const ids = (body: { reports: { id: string }[] }) => body.reports.map((r) => r.id);
    for (const q of ["' OR '1'='1", "x' OR 'x'='x", "') OR true--"]) {
      const res = await supertest(t.app).get('/api/v1/public/reports').query({ q }).expect(200);
      // Search and its similar-title fallback read words only: the quotes and operators
      // change nothing, where an injection would have matched every case.
      const words = await supertest(t.app).get('/api/v1/public/reports').query({ q: q.replace(/[^\p{L}\p{N}]+/gu, ' ').trim() }).expect(200);
      expect(ids(res.body), q).to.deep.equal(ids(words.body));
    }
  });

  it('a path with broken %-escapes is a 400, not a server error', async () => {
    for (const path of ['/publik/ABCD%%27', '/lacak/%E0%A4%A', '/staf/laporan/%ZZ', '/open311/v2/requests/%%.json']) {
      const res = await supertest(t.app).get(path).redirects(0);
      expect(res.status, path).to.be.oneOf([400, 303]);
    }
    const api = await supertest(t.app).get('/api/v1/reports/%%27').expect(400);
    expect(api.body.error.code).to.equal('bad_request');
  });
});
