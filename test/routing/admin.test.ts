import { expect } from 'chai';
import supertest from 'supertest';
import { isUniqueViolation } from '../../src/db/errors.js';
import type { Role } from '../../src/db/schema.js';
import { buildTestApp, csrfFrom, loginAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { confirm, confirmationOf } from '../helpers/confirm.js';
import { addRule, agency, kecamatan, newCategory } from './helpers.js';

describe('routing: admin page for rules', () => {
  let t: TestApp;
  let admin: SignedIn;
  before(async () => {
    t = await buildTestApp();
    admin = await loginAs(t, 'admin');
  });

  const rulesOf = (categoryId: number) =>
    t.database.db.selectFrom('routing_rules').selectAll().where('category_id', '=', categoryId).execute();

  async function post(form: Record<string, string>) {
    return admin.agent.post('/admin/rute').type('form').send({ _csrf: await admin.csrf(), ...form });
  }

  describe('role boundaries', () => {
    const actions = ['/admin/rute', '/admin/rute/1/nonaktifkan', '/admin/rute/1/aktifkan', '/admin/rute/1/hapus'];

    it('sends visitors to the login page and refuses their posts', async () => {
      const res = await supertest(t.app).get('/admin/rute').expect(303);
      expect(res.headers.location).to.equal(`/masuk?next=${encodeURIComponent('/admin/rute')}`);
      const agent = supertest.agent(t.app);
      const token = csrfFrom((await agent.get('/masuk')).text);
      for (const path of actions) {
        expect((await agent.post(path).type('form').send({ _csrf: token })).status, path).to.equal(401);
      }
    });

    for (const role of ['coordinator', 'agency_staff', 'agency_head', 'leader'] as Role[]) {
      it(`refuses ${role} with 403 and changes nothing`, async () => {
        const s = await loginAs(t, role);
        const category = await newCategory(t.database.db, { defaultAgency: 'dpupr' });
        const dishub = await agency(t.database.db, 'dishub');
        const rule = await addRule(t.database.db, { categoryId: category.id, agencyId: dishub.id });
        const page = await s.agent.get('/admin/rute');
        expect(page.status).to.equal(403);
        expect(page.text).to.contain('Akses ditolak');
        expect(page.text).to.not.contain('href="/admin/rute"');
        const token = await s.csrf();
        for (const path of actions) {
          const res = await s.agent.post(path.replace('/1/', `/${rule.id}/`)).type('form')
            .send({ _csrf: token, categoryId: String(category.id), agencyId: String(dishub.id), regionCode: '33.18.19' });
          expect(res.status, path).to.equal(403);
        }
        expect(await rulesOf(category.id)).to.have.length(1).and.to.have.nested.property('[0].active', true);
      });
    }
  });

  it('shows the page and its navigation entry to the admin', async () => {
    const res = await admin.agent.get('/admin/rute').expect(200);
    expect(res.text).to.contain('Aturan disposisi').and.contain('href="/admin/rute"').and.contain('Tambah aturan');
  });

  it('adds a rule for a category in one kecamatan, then deactivates, reactivates and deletes it', async () => {
    const db = t.database.db;
    const category = await newCategory(db, { name: 'Jalan Kabupaten Uji' });
    const tayu = await kecamatan(db, 'Tayu');
    const dpupr = await agency(db, 'dpupr');
    await post({ categoryId: String(category.id), regionCode: tayu.code, agencyId: String(dpupr.id), note: 'Ruas Tayu–Dukuhseti' })
      .then((r) => expect(r.status).to.equal(303));
    const [rule] = await rulesOf(category.id);
    expect(rule).to.include({ region_code: tayu.code, agency_id: dpupr.id, note: 'Ruas Tayu–Dukuhseti', active: true });
    const page = await admin.agent.get('/admin/rute').expect(200);
    expect(page.text).to.contain('Aturan untuk kategori Jalan Kabupaten Uji disimpan.').and.contain('Ruas Tayu–Dukuhseti');

    await admin.agent.post(`/admin/rute/${rule!.id}/nonaktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    expect((await rulesOf(category.id))[0]!.active).to.equal(false);
    await admin.agent.post(`/admin/rute/${rule!.id}/aktifkan`).type('form').send({ _csrf: await admin.csrf() }).expect(303);
    expect((await rulesOf(category.id))[0]!.active).to.equal(true);
    await admin.agent.post(`/admin/rute/${rule!.id}/hapus`).type('form').send({ _csrf: await admin.csrf(), confirm: '1' }).expect(303);
    expect(await rulesOf(category.id)).to.have.length(0);
    await admin.agent.post(`/admin/rute/${rule!.id}/hapus`).type('form').send({ _csrf: await admin.csrf() }).expect(404);
    await admin.agent.post('/admin/rute/abc/nonaktifkan').type('form').send({ _csrf: await admin.csrf() }).expect(404);
  });

  it('asks before deleting a rule, names it and the gentler choice, and deletes only when confirmed (issue 19)', async () => {
    const db = t.database.db;
    const category = await newCategory(db, { name: 'Drainase Uji Hapus' });
    const dpupr = await agency(db, 'dpupr');
    await post({ categoryId: String(category.id), regionCode: '', agencyId: String(dpupr.id), note: '' }).then((r) => expect(r.status).to.equal(303));
    const [rule] = await rulesOf(category.id);
    const ask = await confirmationOf(admin.agent, `/admin/rute/${rule!.id}/hapus`, { _csrf: await admin.csrf() });
    expect(ask.title).to.equal('Hapus aturan Drainase Uji Hapus?');
    expect(ask.consequences).to.contain(`“Drainase Uji Hapus di Seluruh kabupaten → ${dpupr.name}” dihapus untuk seterusnya.`)
      .and.contain('pilih Nonaktifkan saja');
    expect(ask.cancel).to.equal('/admin/rute');
    expect(await rulesOf(category.id)).to.have.length(1);
    await confirm(admin.agent, `/admin/rute/${rule!.id}/hapus`, ask.posted).expect(303);
    expect(await rulesOf(category.id)).to.have.length(0);
  });

  it('explains missing fields, a desa instead of a kecamatan, and unknown ids; keeps the values; writes nothing', async () => {
    const db = t.database.db;
    const category = await newCategory(db);
    const tayu = await kecamatan(db, 'Tayu');
    const empty = await post({ categoryId: '', agencyId: '' });
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Kategori wajib diisi.').and.contain('OPD tujuan wajib diisi.');

    const desa = await post({ categoryId: String(category.id), regionCode: tayu.desaCode, agencyId: '1' });
    expect(desa.status).to.equal(422);
    expect(desa.text).to.contain('Kecamatan tidak valid.');

    const unknown = await post({ categoryId: '2000000000', regionCode: '33.18.99', agencyId: '2000000000', note: 'catatan saya' });
    expect(unknown.status).to.equal(422);
    expect(unknown.text).to.contain('Kategori tidak ditemukan.').and.contain('Kecamatan tidak ditemukan.')
      .and.contain('OPD tidak ditemukan atau tidak aktif.').and.contain('value="catatan saya"');

    const unknownAgency = await post({ categoryId: String(category.id), agencyId: '2000000000' });
    expect(unknownAgency.status).to.equal(422);
    expect(unknownAgency.text).to.contain('OPD tidak ditemukan atau tidak aktif.')
      .and.contain(`<option value="${category.id}" selected>`);
    expect(await rulesOf(category.id)).to.have.length(0);
  });

  it('refuses a second rule for the same category and area, "whole regency" included', async () => {
    const db = t.database.db;
    const category = await newCategory(db);
    const tayu = await kecamatan(db, 'Tayu');
    const [dpupr, dishub] = await Promise.all([agency(db, 'dpupr'), agency(db, 'dishub')]);
    for (const regionCode of [tayu.code, '']) {
      await post({ categoryId: String(category.id), regionCode, agencyId: String(dpupr.id) }).then((r) => expect(r.status).to.equal(303));
      const again = await post({ categoryId: String(category.id), regionCode, agencyId: String(dishub.id) });
      expect(again.status).to.equal(422);
      expect(again.text).to.contain('Sudah ada aturan untuk kategori ini di wilayah yang sama.');
    }
    expect(await rulesOf(category.id)).to.have.length(2);
    // The database itself holds the rule for NULL regions, on PostgreSQL 15 and 18 alike.
    try {
      await addRule(db, { categoryId: category.id, agencyId: dishub.id });
      expect.fail('a second rule for the whole regency was stored');
    } catch (err) {
      expect(isUniqueViolation(err, 'routing_rules_category_region_key')).to.equal(true);
    }
  });

  it('escapes what admins typed', async () => {
    const category = await newCategory(t.database.db, { name: 'Kategori <b>tebal</b>' });
    const dpupr = await agency(t.database.db, 'dpupr');
    await post({ categoryId: String(category.id), agencyId: String(dpupr.id), note: '<script>alert(1)</script>' })
      .then((r) => expect(r.status).to.equal(303));
    const page = await admin.agent.get('/admin/rute').expect(200);
    expect(page.text).to.not.contain('<script>alert(1)</script>').and.not.contain('<b>tebal</b>');
    expect(page.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.contain('Kategori &lt;b&gt;tebal&lt;/b&gt;');
  });

  it('speaks English to an admin who chose it', async () => {
    const en = await loginAs(t, 'admin');
    await en.agent.post('/bahasa').type('form').send({ _csrf: await en.csrf(), lang: 'en', next: '/admin/rute' }).expect(303);
    const page = await en.agent.get('/admin/rute').expect(200);
    expect(page.text).to.contain('Routing rules').and.contain('Add a rule');
    const bad = await en.agent.post('/admin/rute').type('form').send({ _csrf: await en.csrf(), categoryId: '2000000000', agencyId: '1' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Category not found.');
  });
});
