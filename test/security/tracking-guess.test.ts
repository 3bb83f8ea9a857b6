import fs from 'node:fs';
import { expect } from 'chai';
import supertest from 'supertest';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { apiReport, type FixtureReport, tempDir } from './fixtures.js';

/**
 * Guessing tracking codes and secrets: an unknown code, a wrong secret and a missing one
 * get the same answer on every channel (the page, the secret link, the API), and tries
 * of secrets from one address are limited (TRACKING_IP_LIMIT per 15 minutes, default 120; the form, the link and the API together),
 * after which even the right secret waits.
 */
describe('security: guessing tracking codes and secrets', function () {
  this.timeout(120_000);
  let t: TestApp;
  let uploadDir: string;
  let report: FixtureReport;
  let database: TestDatabase;
  const LIMIT = 60;
  const unknownCode = 'ZZZZ9999';
  const wrongSecret = 'AAAA-BBBB-CCCC-DDDD';

  before(async () => {
    uploadDir = tempDir('epengaduan-guess');
    // A database of its own: the address's tracking budget starts full, whether the counters
    // live in this process or (RATE_LIMIT_STORE=database) in the database.
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000', TRACKING_IP_LIMIT: String(LIMIT) }, database);
    report = await apiReport(t);
  });
  after(async () => {
    fs.rmSync(uploadDir, { recursive: true, force: true });
    await database.drop();
  });

  /** The page without what differs by request: the CSRF token and the code typed in. */
  const normalised = (html: string, code: string) =>
    html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/<meta name="csrf-token"[^>]*>/g, '').replaceAll(code, 'KODE');

  it('answers a wrong secret exactly like an unknown code: the secret link, the form and the API', async () => {
    const link = async (code: string, k: string) => {
      const res = await supertest(t.app).get(`/lacak/${code}`).query({ k }).redirects(0);
      return { status: res.status, page: normalised(res.text, code) };
    };
    expect(await link(report.code, wrongSecret)).to.deep.equal(await link(unknownCode, wrongSecret));
    expect((await link(report.code, wrongSecret)).status).to.equal(404);

    const form = async (code: string, secret: string) => {
      const agent = supertest.agent(t.app);
      const page = await agent.get('/lacak');
      const res = await agent.post('/lacak').type('form').send({ _csrf: csrfFrom(page.text), code, secret }).redirects(0);
      return { status: res.status, page: normalised(res.text, code) };
    };
    expect(await form(report.code, wrongSecret)).to.deep.equal(await form(unknownCode, wrongSecret));

    const api = async (code: string, token?: string) => {
      const req = supertest(t.app).get(`/api/v1/reports/${code}`);
      if (token) req.set('X-Tracking-Token', token);
      const res = await req;
      return { status: res.status, body: res.body };
    };
    const wrong = await api(report.code, wrongSecret);
    expect(wrong.status).to.equal(404);
    expect(await api(unknownCode, wrongSecret)).to.deep.equal(wrong);
    expect(await api(report.code)).to.deep.equal(wrong);
  });

  it('limits tries of secrets per address across the form, the link and the API, then refuses even the right one', async () => {
    const seen: Record<number, number> = {};
    let agent = supertest.agent(t.app);
    let token = csrfFrom((await agent.get('/lacak')).text);
    for (let i = 0; i < LIMIT + 10; i++) {
      let status: number;
      if (i % 3 === 0) status = (await agent.post('/lacak').type('form').send({ _csrf: token, code: report.code, secret: wrongSecret }).redirects(0)).status;
      else if (i % 3 === 1) status = (await supertest(t.app).get(`/lacak/${report.code}`).query({ k: wrongSecret }).redirects(0)).status;
      else status = (await supertest(t.app).get(`/api/v1/reports/${report.code}`).set('X-Tracking-Token', wrongSecret)).status;
      seen[status] = (seen[status] ?? 0) + 1;
      if (status === 429 && i % 3 === 0) {
        agent = supertest.agent(t.app);
        token = csrfFrom((await agent.get('/lacak')).text);
      }
    }
    // The budget was spent partly in the first test; every try after it is a 429.
    expect(seen[429], JSON.stringify(seen)).to.be.greaterThan(0);
    expect((seen[404] ?? 0) + (seen[429] ?? 0), JSON.stringify(seen)).to.equal(LIMIT + 10);
    expect(seen[404]).to.be.at.most(LIMIT);
    const right = await supertest(t.app).get(`/api/v1/reports/${report.code}`).set('X-Tracking-Token', report.secret);
    expect(right.status).to.equal(429);
    expect(right.body.error.code).to.equal('too_many_requests');
    const rightLink = await supertest(t.app).get(`/lacak/${report.code}`).query({ k: report.secret }).redirects(0);
    expect(rightLink.status).to.equal(429);
  });
});
