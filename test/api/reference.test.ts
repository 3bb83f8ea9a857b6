import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('API: lists for the report form', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  const get = (url: string, lang?: string) => {
    const req = supertest(t.app).get(url);
    return lang ? req.set('Accept-Language', lang) : req;
  };

  it('lists the active categories with their default agency, cacheable for five minutes', async () => {
    const db = t.database.db;
    const hidden = await db.selectFrom('categories').select(['id', 'code']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db.updateTable('categories').set({ active: false }).where('id', '=', hidden.id).execute();
    try {
      const res = await get('/api/v1/categories').expect(200).expect('Cache-Control', 'public, max-age=300');
      const active = await db.selectFrom('categories').selectAll().where('active', '=', true).execute();
      expect(res.body).to.have.length(active.length).and.be.greaterThan(0);
      for (const c of res.body) expect(c).to.have.all.keys('id', 'code', 'name', 'nameEn', 'description', 'agencyId');
      expect(res.body.map((c: { code: string }) => c.code)).to.not.include(hidden.code);
      const one = active[0]!;
      expect(res.body.find((c: { id: number }) => c.id === one.id)).to.deep.equal({
        id: one.id, code: one.code, name: one.name, nameEn: one.name_en, description: one.description, agencyId: one.default_agency_id,
      });
    } finally {
      await db.updateTable('categories').set({ active: true }).where('id', '=', hidden.id).execute();
    }
  });

  it('lists the active agencies', async () => {
    const res = await get('/api/v1/agencies').expect(200).expect('Cache-Control', 'public, max-age=300');
    const rows = await t.database.db.selectFrom('agencies').selectAll().where('active', '=', true).execute();
    expect(res.body).to.have.length(rows.length).and.be.greaterThan(20);
    const dpupr = rows.find((a) => a.code === 'dpupr')!;
    expect(res.body.find((a: { code: string }) => a.code === 'dpupr')).to.deep.equal({
      id: dpupr.id, code: 'dpupr', name: dpupr.name, shortName: dpupr.short_name, kind: dpupr.kind, parentId: dpupr.parent_id,
    });
  });

  it('lists the regions, filtered by level and by kecamatan', async () => {
    const db = t.database.db;
    const all = await get('/api/v1/regions').expect(200).expect('Cache-Control', 'public, max-age=300');
    const count = await db.selectFrom('regions').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(all.body).to.have.length(Number(count.n));
    const kecamatan = await get('/api/v1/regions?level=kecamatan').expect(200);
    expect(kecamatan.body).to.have.length(21);
    expect(kecamatan.body[0]).to.have.all.keys('code', 'name', 'level', 'parentCode');
    expect(kecamatan.body.every((r: { level: string; parentCode: string | null }) => r.level === 'kecamatan' && r.parentCode === null)).to.equal(true);
    const parent = kecamatan.body[0].code as string;
    const desa = await get(`/api/v1/regions?parent=${parent}`).expect(200);
    const expected = await db.selectFrom('regions').select('code').where('parent_code', '=', parent).orderBy('code').execute();
    expect(desa.body.map((r: { code: string }) => r.code)).to.deep.equal(expected.map((r) => r.code)).and.have.length.greaterThan(0);
    const town = await db.selectFrom('regions').select('parent_code').where('level', '=', 'kelurahan').executeTakeFirstOrThrow();
    const kelurahan = await get(`/api/v1/regions?parent=${town.parent_code}&level=kelurahan`).expect(200);
    expect(kelurahan.body).to.have.length.greaterThan(0);
    expect(kelurahan.body.every((r: { level: string; parentCode: string }) => r.level === 'kelurahan' && r.parentCode === town.parent_code)).to.equal(true);
  });

  it('refuses bad filters with 422 in the requested language', async () => {
    const id = await get('/api/v1/regions?level=provinsi').expect(422);
    expect(id.body.errors).to.deep.equal([{ field: 'level', message: 'Pilih salah satu Tingkat wilayah (level) yang tersedia.' }]);
    const en = await get('/api/v1/regions?parent=Pati', 'en').expect(422);
    expect(en.body.errors).to.deep.equal([{ field: 'parent', message: 'Unknown area.' }]);
    const unknown = await get('/api/v1/regions?kabupaten=33.18').expect(422);
    expect(unknown.body.errors[0].field).to.equal('kabupaten');
    await get('/api/v1/regions?level=desa&level=kelurahan').expect(422);
  });
});
