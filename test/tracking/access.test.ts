import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';

/**
 * A report opened with its secret (issue 20, item 2): the browser's session gets a new id
 * (a session id planted beforehand gains nothing), the access ends after
 * TRACKING_ACCESS_MINUTES without use, and "Keluar" ends it at once; after either, the page
 * (and the back button, the page being no-store) asks for the code and secret again.
 */
function sessionId(res: supertest.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((x) => x.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
}
const sid = (cookie: string) => decodeURIComponent(cookie).replace(/^s:/, '').split('.')[0]!;

describe('tracking: access to a report opened with its secret', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ TRACKING_ACCESS_MINUTES: '30' });
  });

  /** A browser that opened the report form first, so it holds a session (and an attacker may know its id). */
  async function browserWithSession() {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/lapor').expect(200);
    return { agent, planted: sessionId(page)!, csrf: csrfFrom(page.text) };
  }
  const opensReport = (res: supertest.Response, title: string) => res.text.includes(title) && !res.text.includes('name="secret"');

  it('the secret link gives the session a new id; the planted id opens nothing', async () => {
    const r = await buildReport(t);
    const b = await browserWithSession();
    const open = await b.agent.get(`/lacak/${r.report.tracking_code}?k=${encodeURIComponent(r.secret)}`).expect(303);
    const renewed = sessionId(open);
    expect(renewed, 'a new session id').to.be.a('string').and.not.equal(b.planted);
    expect(opensReport(await b.agent.get(`/lacak/${r.report.tracking_code}`).expect(200), r.report.title)).to.equal(true);
    const attacker = await supertest(t.app).get(`/lacak/${r.report.tracking_code}`).set('Cookie', `${SESSION_COOKIE}=${b.planted}`).expect(200);
    expect(opensReport(attacker, r.report.title)).to.equal(false);
  });

  it('typing the code and key does the same, and the form token still works after it', async () => {
    const r = await buildReport(t);
    const b = await browserWithSession();
    const lookup = await b.agent.get('/lacak').expect(200);
    const res = await b.agent.post('/lacak').type('form').send({ _csrf: csrfFrom(lookup.text), code: r.report.tracking_code, secret: r.secret }).expect(303);
    expect(sessionId(res)).to.be.a('string').and.not.equal(b.planted);
    const page = await b.agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(opensReport(page, r.report.title)).to.equal(true);
    await b.agent.post(`/lacak/${r.report.tracking_code}/informasi`).type('form').send({ _csrf: csrfFrom(page.text), body: 'Lubangnya sekarang makin lebar setelah hujan kemarin sore.' }).expect(303);
  });

  it('"Keluar" ends the access at once: the page asks for the code and secret again', async () => {
    const r = await buildReport(t);
    const b = await browserWithSession();
    await b.agent.get(`/lacak/${r.report.tracking_code}?k=${encodeURIComponent(r.secret)}`).expect(303);
    const page = await b.agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain('Keluar dari laporan ini').and.contain('setelah 30 menit');
    expect(page.headers['cache-control']).to.equal('no-store');
    const left = await b.agent.post(`/lacak/${r.report.tracking_code}/keluar`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect(left.headers.location).to.equal('/lacak');
    const lookup = await b.agent.get('/lacak').expect(200);
    expect(lookup.text).to.contain('Anda sudah keluar.');
    const again = await b.agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(opensReport(again, r.report.title)).to.equal(false);
    expect(again.text).to.contain('name="secret"');
    // Without a token it is refused like every form.
    await b.agent.post(`/lacak/${r.report.tracking_code}/keluar`).type('form').send({}).expect(403);
  });

  it('ends after TRACKING_ACCESS_MINUTES without use', async () => {
    const r = await buildReport(t);
    const b = await browserWithSession();
    const open = await b.agent.get(`/lacak/${r.report.tracking_code}?k=${encodeURIComponent(r.secret)}`).expect(303);
    const id = sid(sessionId(open)!);
    const stored = await t.database.db.selectFrom('session').select('sess').where('sid', '=', id).executeTakeFirstOrThrow();
    const until = (stored.sess as { tracking: Record<string, number> }).tracking[r.report.tracking_code]!;
    expect((until - Date.now()) / 60_000).to.be.within(29.5, 30.01);
    // As the row stands after 30 idle minutes.
    await sql`update session set sess = jsonb_set(sess::jsonb, ${`{tracking,${r.report.tracking_code}}`}::text[], to_jsonb(${Date.now() - 1000}::bigint))::json where sid = ${id}`.execute(t.database.db);
    const after = await b.agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    expect(opensReport(after, r.report.title)).to.equal(false);
  });
});
