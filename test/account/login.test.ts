import { expect } from 'chai';
import supertest from 'supertest';
import { createUser } from '../../src/users/commands/createUser.js';
import { buildTestApp, csrfFrom, loginAs, type TestApp, uniqueEmail } from '../helpers/app.js';

describe('staff login', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
  });

  async function account(role: 'coordinator' | 'admin' = 'coordinator') {
    const email = uniqueEmail('login');
    const { password, user } = await createUser(t.database.db, { email, name: 'Siti Login', role, agencyId: null });
    return { email, password, user };
  }

  async function submit(agent: supertest.Agent, email: string, password: string) {
    const page = await agent.get('/masuk').expect(200);
    return agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password });
  }

  it('signs in with the right password, renews the session and lands on the coordinator’s work', async () => {
    const { email, password } = await account();
    const agent = supertest.agent(t.app);
    const page = await agent.get('/masuk').expect(200);
    const before = /epengaduan\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))?.[1];
    expect(before, 'a session holds the form token').to.be.a('string');
    const res = await agent.post('/masuk').type('form').send({ _csrf: csrfFrom(page.text), email, password }).expect(303);
    const after = /epengaduan\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
    expect(after).to.be.a('string').and.not.equal(before);
    expect(res.headers.location).to.equal('/staf/verifikasi');
    const home = await agent.get('/staf/verifikasi').expect(200);
    expect(home.text).to.contain('Siti Login').and.contain('Admin Koordinator');
  });

  it('goes back to the page that asked for the login, but never off-site', async () => {
    const { email, password } = await account('admin');
    const agent = supertest.agent(t.app);
    const page = await agent.get('/masuk?next=/admin/pengguna').expect(200);
    const ok = await agent
      .post('/masuk')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password, next: '/admin/pengguna' })
      .expect(303);
    expect(ok.headers.location).to.equal('/admin/pengguna');
    const other = await account('admin');
    const agent2 = supertest.agent(t.app);
    const page2 = await agent2.get('/masuk').expect(200);
    const evil = await agent2
      .post('/masuk')
      .type('form')
      .send({ _csrf: csrfFrom(page2.text), email: other.email, password: other.password, next: '//evil.example/x' })
      .expect(303);
    expect(evil.headers.location).to.equal('/');
  });

  it('answers a wrong password and an unknown e-mail with the same message and status', async () => {
    const { email } = await account();
    const wrong = await submit(supertest.agent(t.app), email, 'not-the-password');
    const unknown = await submit(supertest.agent(t.app), uniqueEmail('nobody'), 'whatever-password');
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    const message = (html: string) => /<p class="notice notice-error" role="alert">([^<]+)<\/p>/.exec(html)?.[1];
    expect(message(wrong.text)).to.contain('E-mail atau kata sandi salah');
    expect(message(wrong.text)).to.equal(message(unknown.text));
    expect(wrong.text).to.contain(`value="${email}"`);
  });

  it('re-renders the form with field messages when a field is empty', async () => {
    const agent = supertest.agent(t.app);
    const res = await submit(agent, '', '');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Alamat e-mail wajib diisi.').and.contain('Kata sandi wajib diisi.');
  });

  it('locks the account after repeated failures, even against the right password, until the lock ends', async () => {
    const { email, password, user } = await account();
    for (let i = 0; i < 3; i++) expect((await submit(supertest.agent(t.app), email, 'wrong-password-1')).status).to.equal(401);
    const locked = await submit(supertest.agent(t.app), email, password);
    expect(locked.status).to.equal(401);
    const row = await t.database.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.locked_until!.getTime()).to.be.greaterThan(Date.now() + 14 * 60_000);
    // Time passes: the lock expires.
    await t.database.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', user.id).execute();
    expect((await submit(supertest.agent(t.app), email, password)).status).to.equal(303);
    const after = await t.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(after.failed_logins).to.equal(0);
    expect(after.locked_until).to.equal(null);
  });

  it('refuses a deactivated account like an unknown one', async () => {
    const { email, password, user } = await account();
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    expect((await submit(supertest.agent(t.app), email, password)).status).to.equal(401);
  });

  it('signs out and the session no longer opens staff pages', async () => {
    const s = await loginAs(t, 'admin');
    await s.agent.get('/admin/pengguna').expect(200);
    await s.agent.post('/keluar').type('form').send({ _csrf: await s.csrf() }).expect(303);
    const res = await s.agent.get('/admin/pengguna').expect(303);
    expect(res.headers.location).to.equal('/masuk?next=%2Fadmin%2Fpengguna');
  });

  it('limits login attempts per network address', async () => {
    const limited = await buildTestApp({ LOGIN_IP_LIMIT: '2' });
    const agent = supertest.agent(limited.app);
    await submit(agent, 'a@b.example', 'x');
    await submit(agent, 'a@b.example', 'x');
    const third = await submit(agent, 'a@b.example', 'x');
    expect(third.status).to.equal(429);
    expect(third.text).to.contain('Terlalu banyak');
  });
});

describe('API session', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('logs in with JSON, returns the user and a CSRF token that unlocks state-changing calls', async () => {
    const email = uniqueEmail('api');
    const { password } = await createUser(t.database.db, { email, name: 'Budi API', role: 'leader', agencyId: null });
    const agent = supertest.agent(t.app);
    const res = await agent.post('/api/v1/session').send({ email, password }).expect(200);
    expect(res.body.user).to.include({ email, role: 'leader', name: 'Budi API' });
    expect(res.body.csrfToken).to.be.a('string');
    expect(res.body.user).to.not.have.property('password_hash');
    await agent.get('/api/v1/session').expect(200);
    // With the session cookie, a state-changing call without the token is refused.
    const refused = await agent.delete('/api/v1/session').expect(403);
    expect(refused.body.error.code).to.equal('csrf_invalid');
    await agent.delete('/api/v1/session').set('X-CSRF-Token', res.body.csrfToken).expect(204);
    await agent.get('/api/v1/session').expect(401);
  });

  it('answers wrong credentials with 401 JSON, in English when asked', async () => {
    const res = await supertest(t.app)
      .post('/api/v1/session')
      .set('Accept-Language', 'en')
      .send({ email: uniqueEmail('x'), password: 'nope-nope' })
      .expect(401);
    expect(res.body.error.code).to.equal('invalid_credentials');
    expect(res.body.error.message).to.contain('Wrong e-mail or password');
  });

  it('answers a malformed body with 422 and field messages', async () => {
    const res = await supertest(t.app).post('/api/v1/session').send({ email: 'a@b.example' }).expect(422);
    expect(res.body.errors).to.deep.equal([{ field: 'password', message: 'Kata sandi wajib diisi.' }]);
  });

  it('takes JSON only, so no cross-site form can sign a visitor in (login CSRF)', async () => {
    const res = await supertest(t.app).post('/api/v1/session').type('form').send({ email: 'a@b.example', password: 'x' }).expect(415);
    expect(res.body.error.code).to.equal('unsupported_media_type');
  });

  it('answers invalid JSON with 400 JSON', async () => {
    const res = await supertest(t.app)
      .post('/api/v1/session')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.body.error.code).to.equal('bad_request');
  });
});
