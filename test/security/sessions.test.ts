import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { SESSION_COOKIE, ThrottledTouchStore } from '../../src/http/session.js';
import { prepareDatabase } from '../../src/prepare.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, csrfFrom, type TestApp, uniqueEmail } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';

/**
 * Sessions and logins: a session id fixed before login is worthless after it (the id
 * changes), logout ends the session on the server (a copied cookie opens nothing), and
 * password guessing is slowed per account (lockout) and per address (429), whether the
 * guesses come through the form or the JSON API.
 */
function sessionId(res: supertest.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const c = cookies.find((x) => x.startsWith(`${SESSION_COOKIE}=`));
  return c?.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
}

describe('security: session fixation, logout and password guessing', function () {
  this.timeout(60_000);

  describe('session ids', () => {
    let t: TestApp;
    let email: string;
    let password: string;
    before(async () => {
      t = await buildTestApp();
      email = uniqueEmail('fixation');
      ({ password } = await createUser(t.database.db, { email, name: 'Koordinator', role: 'coordinator', agencyId: null }));
    });

    /** A cookie header as an attacker who planted or copied this id would send it. */
    const withCookie = (id: string) => supertest(t.app).get('/staf/verifikasi').set('Cookie', `${SESSION_COOKIE}=${id}`).redirects(0);

    it('the form login issues a new session id; the one from before the login opens nothing', async () => {
      const agent = supertest.agent(t.app);
      const form = await agent.get('/masuk').expect(200);
      const before = sessionId(form);
      expect(before, 'a session (for the CSRF token) before login').to.be.a('string');
      const login = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email, password }).expect(303);
      const after = sessionId(login);
      expect(after).to.be.a('string').and.not.equal(before);
      await withCookie(before!).expect(303).expect('Location', /^\/masuk/);
      await withCookie(after!).expect(200);
    });

    it('the API login issues a new session id too', async () => {
      const agent = supertest.agent(t.app);
      const first = await agent.get('/lapor').expect(200);
      const before = sessionId(first);
      const login = await agent.post('/api/v1/session').set('X-CSRF-Token', csrfFrom(first.text)).send({ email, password }).expect(200);
      expect(sessionId(login)).to.be.a('string').and.not.equal(before);
      await withCookie(before!).expect(303);
    });

    it('logout destroys the session on the server: a copy of the cookie is signed out too', async () => {
      const agent = supertest.agent(t.app);
      const form = await agent.get('/masuk').expect(200);
      const login = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email, password }).expect(303);
      const id = sessionId(login)!;
      await withCookie(id).expect(200);
      const home = await agent.get('/akun/sandi').expect(200);
      await agent.post('/keluar').type('form').send({ _csrf: csrfFrom(home.text) }).expect(303);
      await withCookie(id).expect(303).expect('Location', /^\/masuk/);
      const sid = decodeURIComponent(id).replace(/^s:/, '').split('.')[0]!;
      const row = await t.database.db.selectFrom('session').select('sid').where('sid', '=', sid).executeTakeFirst();
      expect(row, 'session row after logout').to.equal(undefined);
    });

    it('a forged or unsigned session id is a visitor', async () => {
      await withCookie('s%3Aforged.signature').expect(303);
      await withCookie('just-an-id').expect(303);
    });
  });

  describe('expiry and writes of a signed-in session', () => {
    let t: TestApp;
    let email: string;
    let password: string;
    before(async () => {
      t = await buildTestApp({ SESSION_MAX_AGE_HOURS: '8' });
      email = uniqueEmail('idle');
      ({ password } = await createUser(t.database.db, { email, name: 'Koordinator', role: 'coordinator', agencyId: null }));
    });

    async function signIn(): Promise<{ agent: supertest.Agent; sid: string }> {
      const agent = supertest.agent(t.app);
      const form = await agent.get('/masuk').expect(200);
      const login = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email, password }).expect(303);
      return { agent, sid: decodeURIComponent(sessionId(login)!).replace(/^s:/, '').split('.')[0]! };
    }
    /** The row's version: any UPDATE of it, even to the same values, changes it. */
    const versionOf = async (sid: string) =>
      (await sql<{ v: string }>`select xmin::text as v from session where sid = ${sid}`.execute(t.database.db)).rows[0]?.v;
    const expiryOf = async (sid: string) =>
      (await t.database.db.selectFrom('session').select('expire').where('sid', '=', sid).executeTakeFirstOrThrow()).expire;

    it('page views within a minute do not write the session row again; it still expires the idle hours after sign-in', async () => {
      const { agent, sid } = await signIn();
      await agent.get('/staf/verifikasi').expect(200);
      const hours = (new Date(await expiryOf(sid)).getTime() - Date.now()) / 3_600_000;
      expect(hours).to.be.within(7.9, 8.01);
      const version = await versionOf(sid);
      for (let i = 0; i < 3; i++) await agent.get('/staf/verifikasi').expect(200);
      expect(await versionOf(sid), 'session row rewritten by a page view').to.equal(version);
    });

    it('a session idle for longer than SESSION_MAX_AGE_HOURS is signed out', async () => {
      const { agent, sid } = await signIn();
      await agent.get('/staf/verifikasi').expect(200);
      // As the row stands after eight idle hours.
      await t.database.db.updateTable('session').set({ expire: new Date(Date.now() - 1000) }).where('sid', '=', sid).execute();
      await agent.get('/staf/verifikasi').expect(303).expect('Location', /^\/masuk/);
    });

    it('the store writes a request\'s session once when it is saved again unchanged, and again once it changed', async () => {
      // As after a regenerate: saved before the redirect, then again as the response ends.
      const store = new ThrottledTouchStore({ pool: t.database.pool, tableName: 'session', pruneSessionInterval: false });
      const sid = `twice-${Date.now()}`;
      const call = (fn: (cb: (err?: unknown) => void) => void) => new Promise<void>((ok, fail) => fn((err) => (err ? fail(err) : ok())));
      const stored = async () => (await t.database.db.selectFrom('session').select('sess').where('sid', '=', sid).executeTakeFirstOrThrow()).sess as Record<string, unknown>;
      const session = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, submitted: { code: 'A' } } as Record<string, unknown>;
      await call((cb) => store.set(sid, session as never, cb));
      // Another process writes the row meanwhile: an unchanged second save of this request leaves it.
      await sql`update session set sess = ${JSON.stringify({ cookie: session.cookie, other: true })}::json where sid = ${sid}`.execute(t.database.db);
      (session.cookie as { expires: Date }).expires = new Date(Date.now() + 61_000);
      await call((cb) => store.set(sid, session as never, cb));
      expect(await stored()).to.have.property('other', true);
      session.submitted = { code: 'B' };
      await call((cb) => store.set(sid, session as never, cb));
      expect(await stored()).to.deep.include({ submitted: { code: 'B' } });
      // Another request's session (another object) with the same content is written.
      await sql`update session set sess = ${JSON.stringify({ cookie: session.cookie, other: true })}::json where sid = ${sid}`.execute(t.database.db);
      await call((cb) => store.set(sid, { ...session } as never, cb));
      expect(await stored()).to.deep.include({ submitted: { code: 'B' } });
      await call((cb) => store.destroy(sid, cb));
    });

    it('the store moves a session\'s expiry forward again once the interval has passed', async () => {
      const store = new ThrottledTouchStore({ pool: t.database.pool, tableName: 'session', pruneSessionInterval: false, touchIntervalMs: 300 });
      const sid = `touch-${Date.now()}`;
      const cookie = (ms: number) => ({ cookie: { originalMaxAge: ms, expires: new Date(Date.now() + ms) } }) as never;
      const call = (fn: (cb: (err?: unknown) => void) => void) => new Promise<void>((ok, fail) => fn((err) => (err ? fail(err) : ok())));
      await call((cb) => store.set(sid, cookie(60_000), cb));
      const first = await expiryOf(sid);
      await call((cb) => store.touch(sid, cookie(3_600_000), cb));
      expect(await expiryOf(sid), 'touched right after a save').to.deep.equal(first);
      await new Promise((r) => setTimeout(r, 350));
      await call((cb) => store.touch(sid, cookie(3_600_000), cb));
      expect(new Date(await expiryOf(sid)).getTime()).to.be.greaterThan(Date.now() + 3_500_000);
      await call((cb) => store.destroy(sid, cb));
    });
  });

  describe('password guessing', () => {
    it('locks the account after the allowed failures, counted across the form and the API', async () => {
      const t = await buildTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
      const email = uniqueEmail('guess');
      const { password } = await createUser(t.database.db, { email, name: 'Pimpinan', role: 'leader', agencyId: null });
      const viaForm = async (pw: string) => {
        const agent = supertest.agent(t.app);
        const form = await agent.get('/masuk');
        return agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email, password: pw }).redirects(0);
      };
      const viaApi = (pw: string) => supertest(t.app).post('/api/v1/session').send({ email, password: pw });
      expect((await viaForm('salah-1')).status).to.equal(401);
      expect((await viaApi('salah-2')).status).to.equal(401);
      const third = await viaForm('salah-3');
      expect(third.status).to.equal(401);
      // Locked: the right password is refused too, with the same words as a wrong one.
      const right = await viaApi(password);
      expect(right.status).to.equal(401);
      expect(right.body.error.code).to.equal('invalid_credentials');
      const lockedForm = await viaForm(password);
      expect(lockedForm.status).to.equal(401);
      // Same page as a wrong password: the lock is not announced to the guesser.
      const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/<meta name="csrf-token"[^>]*>/g, '');
      expect(strip(lockedForm.text)).to.equal(strip(third.text));
      const row = await t.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('email', '=', email).executeTakeFirstOrThrow();
      expect(row.locked_until).to.be.instanceOf(Date);
    });

    it('limits attempts per address across accounts and channels, then answers 429', async () => {
      // A database of its own, so counters kept there (RATE_LIMIT_STORE=database) start at zero.
      const database = await createTestDatabase();
      await prepareDatabase(database.db);
      const t = await buildTestApp({ LOGIN_IP_LIMIT: '4', LOGIN_IP_WINDOW_MINUTES: '15' }, database);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const agent = supertest.agent(t.app);
        const form = await agent.get('/masuk');
        statuses.push((await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(form.text), email: uniqueEmail(`spray${i}`), password: 'Rahasia123!' })).status);
      }
      for (let i = 0; i < 2; i++) statuses.push((await supertest(t.app).post('/api/v1/session').send({ email: uniqueEmail('spray'), password: 'Rahasia123!' })).status);
      expect(statuses).to.deep.equal([401, 401, 401, 401, 429]);
      const blocked = await supertest(t.app).post('/api/v1/session').send({ email: 'x@y.example', password: 'z' }).expect(429);
      expect(blocked.headers).to.have.property('ratelimit');
      await database.drop();
    });
  });
});
