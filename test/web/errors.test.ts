import { expect } from 'chai';
import supertest from 'supertest';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';

describe('error pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('shows 404 in Bahasa Indonesia by default, with the site around it', async () => {
    const res = await supertest(t.app).get('/tidak-ada').expect(404);
    expect(res.text).to.contain('Halaman tidak ditemukan').and.contain('Kembali ke beranda').and.contain('<html lang="id">');
  });

  it('stays in Bahasa Indonesia for a phone whose system language is English', async () => {
    const res = await supertest(t.app).get('/tidak-ada').set('Accept-Language', 'en-US,en;q=0.9').expect(404);
    expect(res.text).to.contain('Halaman tidak ditemukan');
  });

  it('shows 404 in English to a visitor who chose English', async () => {
    const res = await supertest(t.app).get('/tidak-ada').set('Cookie', 'lang=en').expect(404);
    expect(res.text).to.contain('Page not found').and.contain('<html lang="en">');
  });

  it('answers 404 on the API as JSON', async () => {
    const res = await supertest(t.app).get('/api/v1/nothing').expect(404);
    expect(res.body).to.deep.equal({ error: { code: 'not_found', message: 'Alamat yang Anda buka tidak ada atau sudah dipindahkan.' } });
  });

  it('answers a too-large body with 413', async () => {
    const res = await supertest(t.app).post('/api/v1/session').send({ email: 'x'.repeat(200_000), password: 'y' }).expect(413);
    expect(res.body.error.code).to.equal('payload_too_large');
  });

  describe('when the database fails under a request', () => {
    it('shows a 500 page with a reference code in both languages and leaks no details', async () => {
      const database = await createTestDatabase();
      await prepareDatabase(database.db);
      const broken = await buildTestApp({}, database);
      const s = await loginAs(broken, 'admin');
      const english = await loginAs(broken, 'admin');
      await english.agent.post('/bahasa').type('form').send({ _csrf: await english.csrf(), lang: 'en', next: '/' }).expect(303);
      await database.close();
      const id = await s.agent.get('/admin/pengguna').expect(500);
      expect(id.text).to.contain('Terjadi kesalahan pada sistem').and.match(/Kode kejadian: [0-9a-f]{8}/);
      expect(id.text).to.not.match(/at .*\.ts:\d+/);
      const en = await english.agent.get('/admin/pengguna').expect(500);
      expect(en.text).to.contain('Something went wrong').and.match(/Incident code: [0-9a-f]{8}/);
      await database.drop();
    });
  });

  it('sets a strict Content-Security-Policy with no inline script', async () => {
    const res = await supertest(t.app).get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.contain("script-src 'self'").and.contain("frame-ancestors 'none'");
    expect(csp).to.not.contain('unsafe-inline');
    expect(res.text).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('language', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('switches to English with the footer form, and remembers it', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/masuk').expect(200);
    expect(page.text).to.contain('Masuk petugas');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent.post('/bahasa').type('form').send({ _csrf: token, lang: 'en', next: '/masuk' }).expect(303);
    expect(res.headers.location).to.equal('/masuk');
    const english = await agent.get('/masuk').expect(200);
    expect(english.text).to.contain('Staff sign in').and.contain('Language changed to English.');
    const again = await agent.get('/').expect(200);
    expect(again.text).to.contain('Send your complaint');
  });

  it('keeps a signed-in user’s choice on their account', async () => {
    const s = await loginAs(t, 'leader');
    await s.agent.post('/bahasa').type('form').send({ _csrf: await s.csrf(), lang: 'en', next: '/' }).expect(303);
    const row = await t.database.db.selectFrom('users').select('locale').where('id', '=', s.user.id).executeTakeFirstOrThrow();
    expect(row.locale).to.equal('en');
  });
});
