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
});
