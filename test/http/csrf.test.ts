import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, csrfFrom, loginAs, type TestApp, uniqueEmail } from '../helpers/app.js';

describe('CSRF protection', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('refuses a form posted without its token, with a page that says what to do', async () => {
    const admin = await loginAs(t, 'admin');
    const email = uniqueEmail('csrf');
    const res = await admin.agent.post('/admin/pengguna').type('form').send({ name: 'No Token', email, role: 'leader' }).expect(403);
    expect(res.text).to.contain('Formulir kedaluwarsa').and.contain('Muat ulang halaman');
    const rows = await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).to.have.length(0);
  });

  it('refuses a token from another session', async () => {
    const a = await loginAs(t, 'admin');
    const b = await loginAs(t, 'admin');
    await a.agent.post('/keluar').type('form').send({ _csrf: await b.csrf() }).expect(403);
    await a.agent.get('/admin/pengguna').expect(200);
  });

  it('refuses the login form without a token (no login CSRF)', async () => {
    const res = await supertest(t.app).post('/masuk').type('form').send({ email: 'a@b.example', password: 'x' }).expect(403);
    expect(res.text).to.contain('Formulir kedaluwarsa');
  });

  it('protects the language switch', async () => {
    await supertest(t.app).post('/bahasa').type('form').send({ lang: 'en' }).expect(403);
    const agent = supertest.agent(t.app);
    const token = csrfFrom((await agent.get('/masuk')).text);
    await agent.post('/bahasa').type('form').send({ _csrf: token, lang: 'en', next: '/masuk' }).expect(303);
  });

  describe('visitors of pages without a form of their own', () => {
    const sessionCount = async () => Number((await t.database.db.selectFrom('session').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const sessionCookie = (res: supertest.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('epengaduan.sid='));

    it('get no session cookie and leave no session row (public search, home, report list)', async () => {
      const before = await sessionCount();
      for (const path of ['/', '/publik', '/publik?q=jalan']) {
        const res = await supertest(t.app).get(path);
        expect(res.status, path).to.be.oneOf([200]);
        expect(sessionCookie(res), `Set-Cookie on ${path}`).to.equal(undefined);
        expect(res.text, path).not.to.match(/name="_csrf" value="[^"]+"/);
        expect(res.text, path).to.contain('action="/bahasa"');
      }
      expect(await sessionCount()).to.equal(before);
    });

    it('a page with a form of its own still starts a session for its token', async () => {
      const res = await supertest(t.app).get('/lapor').expect(200);
      expect(sessionCookie(res)).to.be.a('string');
      csrfFrom(res.text);
    });

    it('may switch the language from such a page: the browser says the form came from this site', async () => {
      const ok = await supertest(t.app).post('/bahasa').set('Host', 'pengaduan.patikab.go.id').set('Origin', 'http://pengaduan.patikab.go.id').type('form').send({ lang: 'en', next: '/publik' }).expect(303);
      expect(ok.headers.location).to.equal('/publik');
      expect(([] as string[]).concat(ok.headers['set-cookie'] ?? []).some((c) => c.startsWith('lang=en'))).to.equal(true);
      await supertest(t.app).post('/bahasa').set('Sec-Fetch-Site', 'same-origin').type('form').send({ lang: 'en' }).expect(303);
    });

    it('refuses the language switch posted from another site', async () => {
      const forged = await supertest(t.app).post('/bahasa').set('Origin', 'https://evil.example').type('form').send({ lang: 'en' }).expect(403);
      expect(forged.text).to.contain('Formulir kedaluwarsa');
      expect(([] as string[]).concat(forged.headers['set-cookie'] ?? []).some((c) => c.startsWith('lang='))).to.equal(false);
      await supertest(t.app).post('/bahasa').set('Sec-Fetch-Site', 'cross-site').set('Origin', 'https://evil.example').type('form').send({ lang: 'en' }).expect(403);
      await supertest(t.app).post('/bahasa').set('Referer', 'https://evil.example/page').type('form').send({ lang: 'en' }).expect(403);
    });

    it('a session that holds a token still needs it for the language switch, whatever the origin says', async () => {
      const agent = supertest.agent(t.app);
      await agent.get('/masuk').expect(200);
      await agent.post('/bahasa').set('Sec-Fetch-Site', 'same-origin').type('form').send({ lang: 'en' }).expect(403);
    });
  });
});
