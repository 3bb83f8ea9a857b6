import { expect } from 'chai';
import supertest from 'supertest';
import { hashOpen311Key } from '../../src/open311/keys.js';
import { buildTestApp, csrfFrom, loginAs, type TestApp } from '../helpers/app.js';
import { V2 } from './helpers.js';
import { open311 } from './schemas.js';

describe('Open311: the client keys admin page', () => {
  let t: TestApp;
  let api: ReturnType<typeof open311>;
  before(async () => {
    t = await buildTestApp();
    api = open311(t.app);
  });

  const newKey = (html: string) => /data-testid="new-key">([^<]+)</.exec(html)?.[1];

  it('is for user managers only: guests go to the login, others get 403', async () => {
    const guest = await supertest(t.app).get('/admin/open311').expect(303);
    expect(guest.headers.location).to.match(/^\/masuk\?next=/);
    for (const role of ['coordinator', 'agency_staff', 'leader'] as const) {
      const u = await loginAs(t, role);
      await u.agent.get('/admin/open311').expect(403);
      await u.agent.post('/admin/open311').type('form').send({ _csrf: await u.csrf(), name: 'Coba' }).expect(403);
    }
  });

  it('issues a key shown once, stores only its hash, and deactivation stops the key at once', async () => {
    const admin = await loginAs(t, 'admin');
    const page = await admin.agent.get('/admin/open311').expect(200);
    const name = `Aplikasi <b>Pati</b> ${Date.now()}`;
    const issued = await admin.agent.post('/admin/open311').type('form').send({ _csrf: csrfFrom(page.text), name }).expect(201);
    expect(issued.headers['cache-control']).to.equal('no-store');
    const key = newKey(issued.text)!;
    expect(key).to.match(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(issued.text).to.contain('Aplikasi &lt;b&gt;Pati&lt;/b&gt;').and.not.contain('<b>Pati</b>');
    const row = await t.database.db.selectFrom('open311_clients').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    expect(row.key_hash).to.equal(hashOpen311Key(key));
    expect(JSON.stringify(row)).to.not.contain(key);

    const list = await admin.agent.get('/admin/open311').expect(200);
    expect(list.text).to.contain(`data-client="${row.id}"`).and.not.contain(key);

    const fields = { api_key: key, service_code: 'sampah', address_id: '', lat: '-6.75', long: '111.03', description: 'Sampah di TPS Pasar Puri tidak diangkut sudah tiga hari, baunya menyengat.' };
    await api.post(`${V2}/requests.json`).type('form').send(fields).expect(200);

    await admin.agent.post(`/admin/open311/${row.id}/nonaktifkan`).type('form').send({ _csrf: csrfFrom(list.text) }).expect(303);
    const after = await t.database.db.selectFrom('open311_clients').select('active').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.active).to.equal(false);
    await api.post(`${V2}/requests.json`).type('form').send(fields).expect(403);
    // Once inactive, there is nothing more to deactivate.
    await admin.agent.post(`/admin/open311/${row.id}/nonaktifkan`).type('form').send({ _csrf: csrfFrom(list.text) }).expect(404);
  });

  it('refuses forms without the CSRF token and re-renders a bad name with its error', async () => {
    const admin = await loginAs(t, 'admin');
    await admin.agent.post('/admin/open311').type('form').send({ name: 'Tanpa token' }).expect(403);
    const page = await admin.agent.get('/admin/open311').expect(200);
    const bad = await admin.agent.post('/admin/open311').type('form').send({ _csrf: csrfFrom(page.text), name: 'x' }).expect(422);
    expect(bad.text).to.contain('aria-invalid="true"').and.contain('value="x"');
    expect(newKey(bad.text)).to.equal(undefined);
    await admin.agent.post('/admin/open311/abc/nonaktifkan').type('form').send({ _csrf: csrfFrom(page.text) }).expect(404);
  });
});
