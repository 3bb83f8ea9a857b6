import { expect } from 'chai';
import { fillSecret } from '../../src/notify/secrets.js';
import { apiReportSchema, webReportSchema } from '../../src/intake/schema.js';
import { eraseReporterData } from '../../src/privacy/commands/erase.js';
import { knownFor } from '../../src/publication/known.js';
import { redact } from '../../src/publication/redact.js';
import { buildTestApp, csrfFrom, loginAs, type TestApp, uniqueEmail } from '../helpers/app.js';
import { aKecamatan, open311Client, V2 } from './helpers.js';
import { CREATED, ERROR, expectJson, expectXml, parseXml } from './spec.js';
import { open311 } from './schemas.js';

const DESCRIPTION = 'Lampu penerangan jalan di depan pasar mati sejak seminggu, jalan gelap sekali pada malam hari.';

describe('Open311: POST requests (contract)', () => {
  let t: TestApp;
  let api: ReturnType<typeof open311>;
  let client: { id: number; key: string };
  let kecamatan: { code: string; name: string };

  before(async () => {
    t = await buildTestApp();
    api = open311(t.app);
    client = await open311Client(t);
    kecamatan = await aKecamatan(t);
  });

  const form = (fields: Record<string, string>): Record<string, string> => ({
    api_key: client.key,
    service_code: 'penerangan-jalan',
    description: DESCRIPTION,
    lat: '-6.7559',
    long: '111.0380',
    ...fields,
  });
  const post = (fields: Record<string, string>, format = 'json') =>
    api.post(`${V2}/requests.${format}`).type('form').send(fields);

  it('creates a report through the intake service: channel open311, the client as source, the code back, never the secret', async () => {
    const email = uniqueEmail('warga');
    const res = await post(form({
      email, first_name: 'Budi', last_name: 'Santoso', phone: '0812-3456-7890',
      address_string: 'Jl. Pemuda depan Pasar Puri', 'attribute[kind]': 'aspirasi', 'attribute[kecamatan]': kecamatan.code,
    })).expect(200);
    expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).to.equal(undefined);
    expect(res.body).to.be.an('array').with.length(1);
    expectJson(res.body[0], CREATED);
    const id = res.body[0].service_request_id as string;
    expect(id).to.match(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const report = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', id.replace('-', '')).executeTakeFirstOrThrow();
    expect(report).to.include({
      channel: 'open311', source_ref: `open311:${client.id}`, kind: 'aspirasi', status: 'submitted', body: DESCRIPTION,
      reporter_name: 'Budi Santoso', reporter_email: email, reporter_phone: '+6281234567890', region_code: kecamatan.code,
      address: 'Jl. Pemuda depan Pasar Puri', is_anonymous: false, is_confidential: false,
    });
    expect(report.title).to.equal(DESCRIPTION);
    expect(report.latitude).to.be.closeTo(-6.7559, 1e-6);
    const category = await t.database.db.selectFrom('categories').select('id').where('code', '=', 'penerangan-jalan').executeTakeFirstOrThrow();
    expect(report.category_id).to.equal(category.id);
    const mail = await t.database.db.selectFrom('outbox').selectAll().where('report_id', '=', report.id).execute();
    expect(mail).to.have.length(1);
    expect(mail[0]!.to_address).to.equal(email);
    // The secret goes to the citizen by mail, and only there (put in as the mail leaves).
    const secret = /k=([2-9A-HJ-NP-Z]{16})/.exec(fillSecret(mail[0]!.text_body, mail[0]!.secret!))?.[1];
    expect(secret).to.be.a('string');
    expect(res.text).to.not.contain(secret!).and.not.contain(secret!.match(/.{4}/g)!.join('-'));
    const client311 = await t.database.db.selectFrom('open311_clients').select('last_used_at').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(client311.last_used_at).to.be.an.instanceOf(Date);
  });

  it('answers in XML: <service_requests><request>', async () => {
    const res = await post(form({ 'attribute[title]': 'Lampu PJU mati di Jalan Kolonel Sunandar' }), 'xml').expect(200);
    expect(res.headers['content-type']).to.equal('text/xml; charset=utf-8');
    const doc = parseXml(res.text);
    expect(Object.keys(doc)).to.deep.equal(['service_requests']);
    expectXml(doc.service_requests.request[0], CREATED, 'service_requests/request');
    const code = String(doc.service_requests.request[0].service_request_id).replace('-', '');
    const report = await t.database.db.selectFrom('reports').select(['title', 'is_anonymous', 'reporter_name']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    // No name given: the report is anonymous, which the intake allows without a name.
    expect(report).to.deep.equal({ title: 'Lampu PJU mati di Jalan Kolonel Sunandar', is_anonymous: true, reporter_name: null });
  });

  it('the same request sent twice returns the first code and makes one report', async () => {
    const email = uniqueEmail('ulang');
    const fields = form({ email, first_name: 'Sri' });
    const first = await post(fields).expect(200);
    const again = await post({ ...fields, api_key: client.key }).expect(200);
    expect(again.body[0].service_request_id).to.equal(first.body[0].service_request_id);
    const rows = await t.database.db.selectFrom('reports').select('id').where('reporter_email', '=', email).execute();
    expect(rows).to.have.length(1);
  });

  it('403 for a missing, wrong or deactivated api_key, before anything else is checked; nothing written', async () => {
    const before = await t.database.db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const inactive = await open311Client(t, { active: false });
    const { api_key: _k, ...noKey } = form({});
    for (const fields of [noKey, form({ api_key: 'o311_salah' }), form({ api_key: `o311_${'A'.repeat(43)}` }), form({ api_key: inactive.key }), { api_key: inactive.key }]) {
      const res = await post(fields as Record<string, string>).expect(403);
      expectJson(res.body[0], ERROR);
      expect(res.body[0].code).to.equal(403);
    }
    const xml = await post(noKey as Record<string, string>, 'xml').expect(403);
    expectXml(parseXml(xml.text).errors.error[0], ERROR);
    const after = await t.database.db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).to.equal(before.n);
  });

  it('400 for a missing or short description, a missing location, a lone lat, an unknown area', async () => {
    const cases: Record<string, string>[] = [
      form({ description: '' }),
      form({ description: 'terlalu pendek' }),
      form({ lat: '', long: '' }),
      form({ long: '' }),
      form({ address_id: '99.99.99' }),
      form({ 'attribute[kind]': 'lainnya' }),
    ];
    for (const fields of cases) {
      const res = await post(fields).expect(400);
      expect(res.body, JSON.stringify(fields)).to.be.an('array').with.length.above(0);
      for (const e of res.body) expectJson(e, ERROR);
    }
    const desc = await post(form({ description: '' })).expect(400);
    expect(desc.body[0].description).to.match(/^description: /);
    const area = await post(form({ address_id: '99.99.99' })).expect(400);
    expect(area.body[0].description).to.match(/^address_id: /);
  });

  it('an unknown service_code is 404, as the spec says; a missing or empty one is 400 with the same message; nothing written', async () => {
    const before = await t.database.db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const unknown = await post(form({ service_code: 'tidak-ada' })).expect(404);
    expect(unknown.body).to.deep.equal([{ code: 404, description: 'service_code tidak-ada tidak dikenal.' }]);
    const xml = await post(form({ service_code: 'tidak-ada' }), 'xml').expect(404);
    expect(parseXml(xml.text).errors.error[0]).to.deep.equal({ code: '404', description: 'service_code tidak-ada tidak dikenal.' });
    const { service_code: _c, ...without } = form({});
    const missing = await post(without).expect(400);
    const empty = await post(form({ service_code: '' })).expect(400);
    expect(empty.body).to.deep.equal(missing.body);
    expect(missing.body[0].description).to.match(/^service_code: /);
    const after = await t.database.db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).to.equal(before.n);
  });

  it('empty optional fields are taken as not sent; an empty description is refused as a missing one', async () => {
    const empty = { lat: '', long: '', email: '', phone: '', device_id: '', account_id: '', first_name: '', last_name: '', media_url: '', address_id: '', 'attribute[kind]': '', 'attribute[title]': '', 'attribute[anonymous]': '' };
    const res = await post(form({ ...empty, address_string: 'Jl. Kolonel Sunandar depan Pasar Puri', description: `${DESCRIPTION} (kosong)` })).expect(200);
    const report = await t.database.db.selectFrom('reports')
      .select(['latitude', 'reporter_email', 'reporter_phone', 'reporter_name', 'is_anonymous', 'kind', 'address'])
      .where('tracking_code', '=', String(res.body[0].service_request_id).replace('-', '')).executeTakeFirstOrThrow();
    expect(report).to.deep.equal({
      latitude: null, reporter_email: null, reporter_phone: null, reporter_name: null, is_anonymous: true, kind: 'pengaduan',
      address: 'Jl. Kolonel Sunandar depan Pasar Puri',
    });
    const { description: _d, ...noText } = form({});
    const missing = await post(noText).expect(400);
    const blank = await post(form({ description: '' })).expect(400);
    expect(blank.body).to.deep.equal(missing.body);
  });

  it('a phone that is no usable number is kept as given, marked unverified for staff, never contacted; the request is accepted', async () => {
    const email = uniqueEmail('telepon');
    const res = await post(form({ phone: ' 111111111 ', email, first_name: 'Dewi', last_name: 'Lestari' })).expect(200);
    const code = String(res.body[0].service_request_id).replace('-', '');
    const report = await t.database.db.selectFrom('reports').select(['id', 'reporter_phone', 'reporter_phone_unverified', 'reporter_name'])
      .where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(report).to.include({ reporter_phone: null, reporter_phone_unverified: '111111111', reporter_name: 'Dewi Lestari' });
    // The one message queued goes to the e-mail address; nothing is addressed to the phone.
    const mail = await t.database.db.selectFrom('outbox').select(['to_address']).where('report_id', '=', report.id).execute();
    expect(mail.map((m) => m.to_address)).to.deep.equal([email]);

    // A usable number is still normalised into reporter_phone, with nothing unverified.
    const good = await post(form({ phone: '0812 3456 7891', first_name: 'Joko', description: `${DESCRIPTION} Nomor benar.` })).expect(200);
    const goodRow = await t.database.db.selectFrom('reports').select(['reporter_phone', 'reporter_phone_unverified'])
      .where('tracking_code', '=', String(good.body[0].service_request_id).replace('-', '')).executeTakeFirstOrThrow();
    expect(goodRow).to.deep.equal({ reporter_phone: '+6281234567891', reporter_phone_unverified: null });

    // Staff read it beside the reporter, after the recorded reveal, marked unverified.
    const coordinator = await loginAs(t, 'coordinator');
    const page = await coordinator.agent.get(`/staf/laporan/${code}`).expect(200);
    expect(page.text).to.not.contain('111111111');
    const shown = await coordinator.agent.post(`/staf/laporan/${code}/identitas`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(200);
    expect(shown.text).to.match(/data-testid="phone-unverified"[^>]*>111111111 \(tidak terverifikasi\)</);

    // Like any phone of the reporter's, it is taken out of a publication's text.
    const full = await t.database.db.selectFrom('reports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
    const published = redact(`Lampu mati, hubungi 111111111 atau 111 111 111. ${DESCRIPTION}`, await knownFor(t.database.db, full));
    expect(published.text).to.not.contain('111111111').and.not.contain('111 111 111');

    // Erasing the reporter's personal data clears it with the rest.
    await t.database.db.transaction().execute((trx) =>
      eraseReporterData(trx, { reportIds: [report.id], emails: [email], mailsOf: 'reports' }, { cause: 'retention', erasedBy: null }));
    const erased = await t.database.db.selectFrom('reports').select(['reporter_phone_unverified']).where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(erased.reporter_phone_unverified).to.equal(null);
  });

  it('the web form and the JSON API keep refusing a phone that is no usable number', () => {
    const base = { kind: 'pengaduan', title: 'Lampu jalan mati', body: DESCRIPTION, consent: true, anonymous: false };
    const byApi = apiReportSchema.validate({ ...base, reporter: { name: 'Dewi', phone: '111111111' } });
    expect(byApi.error?.details.map((d) => d.path.join('.'))).to.deep.equal(['reporter.phone']);
    const web = webReportSchema.validate({ ...base, name: 'Dewi', phone: '111111111' });
    expect(web.error?.details.map((d) => d.path.join('.'))).to.deep.equal(['phone']);
  });

  it('the catch-all service makes a report without a category, for the coordinator to choose', async () => {
    const res = await post(form({ service_code: 'lainnya', first_name: 'Rina' })).expect(200);
    const report = await t.database.db.selectFrom('reports').select(['category_id', 'status', 'reporter_name'])
      .where('tracking_code', '=', String(res.body[0].service_request_id).replace('-', '')).executeTakeFirstOrThrow();
    expect(report).to.deep.equal({ category_id: null, status: 'submitted', reporter_name: 'Rina' });
  });

  it('takes form-encoded bodies only, as the spec says', async () => {
    const res = await api.post(`${V2}/requests.json`).send(form({})).expect(400);
    expectJson(res.body[0], ERROR);
  });

  it('media_url is kept as text for staff and never fetched; address_id takes a desa code', async () => {
    const desa = await t.database.db.selectFrom('regions').select('code').where('parent_code', '=', kecamatan.code).executeTakeFirstOrThrow();
    const res = await post(form({ media_url: 'http://127.0.0.1:9/foto.jpg', address_id: desa.code })).expect(200);
    const report = await t.database.db
      .selectFrom('reports').select(['body', 'region_code'])
      .where('tracking_code', '=', String(res.body[0].service_request_id).replace('-', '')).executeTakeFirstOrThrow();
    expect(report.body).to.contain('http://127.0.0.1:9/foto.jpg').and.contain('Aplikasi Uji');
    expect(report.region_code).to.equal(desa.code);
    await post(form({ media_url: 'file:///etc/passwd' })).expect(400);
  });

  it('a rahasia request stays rahasia', async () => {
    const res = await post(form({ 'attribute[confidential]': 'true', first_name: 'Ani' })).expect(200);
    const report = await t.database.db.selectFrom('reports').select('is_confidential')
      .where('tracking_code', '=', String(res.body[0].service_request_id).replace('-', '')).executeTakeFirstOrThrow();
    expect(report.is_confidential).to.equal(true);
  });
});
