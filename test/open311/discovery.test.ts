import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { aKecamatan, categoryOf, V2 } from './helpers.js';
import { ATTRIBUTE, DATATYPES, DISCOVERY, ERROR, expectJson, expectXml, parseXml, SERVICE, VALUE } from './spec.js';
import { open311 } from './schemas.js';

describe('Open311: discovery, services and service definitions (contract)', () => {
  let t: TestApp;
  let api: ReturnType<typeof open311>;
  before(async () => {
    t = await buildTestApp();
    api = open311(t.app);
  });

  it('discovery.json and discovery.xml name the GeoReport v2 endpoint and its formats', async () => {
    const res = await api.get(`${V2}/discovery.json`).expect(200);
    expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).to.equal('*');
    expectJson(res.body, DISCOVERY);
    const endpoint = res.body.endpoints[0];
    expect(endpoint).to.include({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${t.config.publicUrl}/open311/v2`, type: 'production' });
    expect(endpoint.formats).to.have.members(['text/xml', 'application/json']);

    const xml = await api.get(`${V2}/discovery.xml`).expect(200);
    expect(xml.headers['content-type']).to.equal('text/xml; charset=utf-8');
    const doc = parseXml(xml.text);
    expect(Object.keys(doc)).to.deep.equal(['discovery']);
    expectXml(doc.discovery, DISCOVERY, 'discovery');
    expect(doc.discovery.endpoints.endpoint[0].formats.format).to.have.members(['text/xml', 'application/json']);
  });

  it('services list one realtime service per active category, coded by the category code, grouped by its agency', async () => {
    const res = await api.get(`${V2}/services.json`).expect(200);
    expect(res.body).to.be.an('array').with.length.above(0);
    for (const s of res.body) expectJson(s, SERVICE);
    const active = await t.database.db.selectFrom('categories').select('code').where('active', '=', true).execute();
    expect(res.body.map((s: { service_code: string }) => s.service_code)).to.have.members(active.map((c) => c.code));
    const roads = res.body.find((s: { service_code: string }) => s.service_code === 'jalan-jembatan');
    expect(roads).to.include({ service_name: 'Jalan dan Jembatan', type: 'realtime', metadata: true });
    expect(roads.group).to.match(/Pekerjaan Umum/);

    const xml = parseXml((await api.get(`${V2}/services.xml`).expect(200)).text);
    expect(Object.keys(xml)).to.deep.equal(['services']);
    expect(xml.services.service).to.have.length(res.body.length);
    for (const [i, s] of xml.services.service.entries()) expectXml(s, SERVICE, `services/service[${i}]`);
  });

  it('the catch-all service "lainnya" is always offered: from its category when one is active, from the locale otherwise', async () => {
    const listed = await api.get(`${V2}/services.json`).expect(200);
    const other = listed.body.find((s: { service_code: string }) => s.service_code === 'lainnya');
    expect(other).to.include({ service_name: 'Lainnya', type: 'realtime', metadata: true });
    await api.get(`${V2}/services/lainnya.json`).expect(200);

    // An admin retires the category: the service stays, named by the locale, last in the list.
    await t.database.db.updateTable('categories').set({ active: false }).where('code', '=', 'lainnya').execute();
    try {
      const res = await api.get(`${V2}/services.json`).set('Accept-Language', 'en').expect(200);
      expect(res.body.at(-1)).to.deep.include({ service_code: 'lainnya', service_name: 'Other', group: '', metadata: true, type: 'realtime' });
      expect(res.body.at(-1).description).to.match(/coordinator/);
      expect(res.body.filter((s: { service_code: string }) => s.service_code === 'lainnya')).to.have.length(1);
      const def = await api.get(`${V2}/services/lainnya.json`).expect(200);
      expect(def.body.service_code).to.equal('lainnya');
      const xml = parseXml((await api.get(`${V2}/services.xml`).expect(200)).text);
      expect(xml.services.service.at(-1).service_name).to.equal('Lainnya');
    } finally {
      await t.database.db.updateTable('categories').set({ active: true }).where('code', '=', 'lainnya').execute();
    }
  });

  it('an inactive category is no service', async () => {
    const cat = await categoryOf(t, 'jalan-jembatan');
    const code = `uji-nonaktif-${Date.now()}`;
    await t.database.db
      .insertInto('categories')
      .values({ code, name: 'Kategori nonaktif', sla_policy_id: (await t.database.db.selectFrom('sla_policies').select('id').executeTakeFirstOrThrow()).id, active: false })
      .execute();
    const res = await api.get(`${V2}/services.json`).expect(200);
    expect(res.body.map((s: { service_code: string }) => s.service_code)).to.include(cat.code).and.not.include(code);
    await api.get(`${V2}/services/${code}.json`).expect(404);
  });

  it('a service definition lists its attributes with the spec datatypes; kind and kecamatan as single-value lists', async () => {
    const res = await api.get(`${V2}/services/jalan-jembatan.json`).expect(200);
    expect(Object.keys(res.body)).to.have.members(['service_code', 'attributes']);
    expect(res.body.service_code).to.equal('jalan-jembatan');
    const attrs = res.body.attributes as Record<string, unknown>[];
    for (const a of attrs) {
      const { values, ...rest } = a;
      expectJson(rest, ATTRIBUTE);
      expect(DATATYPES).to.include(a.datatype);
      if (String(a.datatype).endsWith('valuelist')) for (const v of values as unknown[]) expectJson(v, VALUE);
      else expect(values).to.equal(undefined);
    }
    const byCode = Object.fromEntries(attrs.map((a) => [a.code, a]));
    expect((byCode.kind!.values as { key: string }[]).map((v) => v.key)).to.deep.equal(['pengaduan', 'aspirasi', 'informasi']);
    const kecamatan = await aKecamatan(t);
    expect(byCode.kecamatan!.values).to.deep.include({ key: kecamatan.code, name: kecamatan.name });
    expect(attrs.map((a) => a.order)).to.deep.equal([1, 2, 3, 4, 5]);

    const xml = parseXml((await api.get(`${V2}/services/jalan-jembatan.xml`).expect(200)).text);
    const def = xml.service_definition;
    expect(Object.keys(def)).to.have.members(['service_code', 'attributes']);
    expect(def.attributes.attribute).to.have.length(attrs.length);
    const kindXml = def.attributes.attribute.find((a: { code: string }) => a.code === 'kind');
    expect(kindXml.values.value.map((v: { key: string }) => v.key)).to.deep.equal(['pengaduan', 'aspirasi', 'informasi']);
  });

  it('an unknown service code is 404 with the spec error list, in JSON and XML', async () => {
    const res = await api.get(`${V2}/services/tidak-ada.json`).expect(404);
    expect(res.body).to.be.an('array').with.length(1);
    expectJson(res.body[0], ERROR);
    expect(res.body[0].code).to.equal(404);
    expect(res.body[0].description).to.contain('tidak-ada');

    const xml = await api.get(`${V2}/services/tidak-ada.xml`).expect(404);
    expect(xml.headers['content-type']).to.equal('text/xml; charset=utf-8');
    const doc = parseXml(xml.text);
    expect(Object.keys(doc)).to.deep.equal(['errors']);
    expectXml(doc.errors.error[0], ERROR, 'errors/error');
    expect(doc.errors.error[0].code).to.equal('404');
  });

  it('errors: unknown format, unknown path and tokens are 404 in the spec format; Accept-Language picks English', async () => {
    const format = await api.get(`${V2}/services.csv`).expect(404);
    expectJson(format.body[0], ERROR);
    const path = await api.get(`${V2}/tidak-ada.json`).expect(404);
    expectJson(path.body[0], ERROR);
    const token = await api.get(`${V2}/tokens/abc123.xml`).expect(404);
    expect(parseXml(token.text).errors.error[0].description).to.match(/token/i);
    const en = await api.get(`${V2}/tokens/abc123.json`).set('Accept-Language', 'en').expect(404);
    expect(en.body[0].description).to.match(/issues no tokens/);
  });

  it('jurisdiction_id is accepted and ignored (one jurisdiction)', async () => {
    await api.get(`${V2}/services.json?jurisdiction_id=patikab.go.id`).expect(200);
  });

  it('escapes text in XML and drops characters XML cannot carry', async () => {
    const { escapeXml, toXml } = await import('../../src/open311/format.js');
    expect(escapeXml('a<b & "c" \u0001\'d\'>')).to.equal('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    const doc = parseXml(toXml('services', [{ service_code: 'x<y', description: null, metadata: false }]));
    expect(doc.services.service[0]).to.deep.equal({ service_code: 'x<y', description: '', metadata: 'false' });
  });
});
