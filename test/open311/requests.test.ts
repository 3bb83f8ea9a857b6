import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildReport } from '../helpers/reports.js';
import { publishedCase, V2 } from './helpers.js';
import { ERROR, expectJson, expectXml, parseXml, SERVICE_REQUEST } from './spec.js';
import { open311 } from './schemas.js';

type Item = Record<string, unknown> & { service_request_id: string };
const ids = (body: Item[]) => body.map((r) => r.service_request_id);

describe('Open311: GET requests, published cases only (contract)', () => {
  let t: TestApp;
  let api: ReturnType<typeof open311>;
  // Cases of this file sit in a window of their own, a thousand days back, away from other files' rows.
  const base = Date.now() - (1000 + Math.floor(Math.random() * 500)) * 86_400_000;
  const at = (day: number) => new Date(base + day * 86_400_000);
  const window = (from: number, to: number) => `start_date=${at(from).toISOString()}&end_date=${at(to).toISOString()}`;
  let published: Awaited<ReturnType<typeof publishedCase>>;
  let other: Awaited<ReturnType<typeof publishedCase>>;
  let draft: Awaited<ReturnType<typeof publishedCase>>;
  let declined: Awaited<ReturnType<typeof publishedCase>>;
  let secret: { display: string };

  before(async () => {
    t = await buildTestApp();
    api = open311(t.app);
    published = await publishedCase(t, { submittedAt: at(1), photoIds: [987654] });
    other = await publishedCase(t, { submittedAt: at(3), category: 'sampah' });
    draft = await publishedCase(t, { submittedAt: at(2), status: 'draft' });
    declined = await publishedCase(t, { submittedAt: at(2), status: 'declined' });
    // A rahasia report: resolved, but it never gets a publication.
    const { report } = await buildReport(t, { confidential: true });
    await t.database.db.updateTable('reports').set({ submitted_at: at(2) }).where('id', '=', report.id).execute();
    secret = { display: `${report.tracking_code.slice(0, 4)}-${report.tracking_code.slice(4)}` };
  });

  it('lists the published cases of a window, newest first, each in the spec shape with the public texts only', async () => {
    const res = await api.get(`${V2}/requests.json?${window(0, 5)}`).expect(200);
    expect(res.headers['access-control-allow-origin']).to.equal('*');
    expect(ids(res.body)).to.deep.equal([other.display, published.display]);
    for (const r of res.body) expectJson(r, SERVICE_REQUEST);
    const item = res.body[1] as Item;
    expect(item).to.include({
      status: 'closed',
      service_code: 'jalan-jembatan',
      service_name: 'Jalan dan Jembatan',
      description: `Isi publik tersamarkan ${published.serial}: jalan berlubang di depan balai desa.`,
      status_notes: `Jawaban pemerintah ${published.serial}: jalan sudah ditambal.`,
      agency_responsible: published.agency.name,
      address: published.kecamatan.name,
      lat: null,
      long: null,
      address_id: null,
      zipcode: null,
      expected_datetime: null,
      media_url: `${t.config.publicUrl}/publik/foto/987654`,
    });
    expect(new Date(item.requested_datetime as string).getTime()).to.equal(at(1).getTime() - (at(1).getTime() % 1000));
    // The report's own text and reporter never come along.
    expect(JSON.stringify(res.body)).to.not.contain('Sri Wahyuni').and.not.contain('sejak dua minggu');
  });

  it('the same list in XML: <service_requests><request> with the spec elements', async () => {
    const res = await api.get(`${V2}/requests.xml?${window(0, 5)}`).expect(200);
    expect(res.headers['content-type']).to.equal('text/xml; charset=utf-8');
    const doc = parseXml(res.text);
    expect(Object.keys(doc)).to.deep.equal(['service_requests']);
    expect(doc.service_requests.request.map((r: Item) => r.service_request_id)).to.deep.equal([other.display, published.display]);
    for (const r of doc.service_requests.request) expectXml(r, SERVICE_REQUEST, 'service_requests/request');
  });

  it('draft, declined and rahasia never appear: not in a list, not by service_request_id, not by id', async () => {
    const hidden = [draft.display, declined.display, secret.display];
    const list = await api.get(`${V2}/requests.json?${window(0, 5)}&page_size=100`).expect(200);
    expect(ids(list.body)).to.not.include.members(hidden);
    const byIds = await api.get(`${V2}/requests.json?service_request_id=${[...hidden, published.display].join(',')}`).expect(200);
    expect(ids(byIds.body)).to.deep.equal([published.display]);
    const unknown = await api.get(`${V2}/requests/ZZZZ-ZZZZ.json`).expect(404);
    for (const code of hidden) {
      const res = await api.get(`${V2}/requests/${code}.json`).expect(404);
      expect(res.body[0].description.replace(code, 'X')).to.equal(unknown.body[0].description.replace('ZZZZ-ZZZZ', 'X'));
    }
  });

  it('one request by id, in JSON and XML, with or without the dash, in any case', async () => {
    const res = await api.get(`${V2}/requests/${published.display}.json`).expect(200);
    expect(res.body).to.be.an('array').with.length(1);
    expectJson(res.body[0], SERVICE_REQUEST);
    await api.get(`${V2}/requests/${published.code.toLowerCase()}.json`).expect(200);
    const xml = parseXml((await api.get(`${V2}/requests/${published.display}.xml`).expect(200)).text);
    expectXml(xml.service_requests.request[0], SERVICE_REQUEST);
  });

  it('filters by service_code, status and dates; service_request_id ignores the other filters', async () => {
    const bySampah = await api.get(`${V2}/requests.json?${window(0, 5)}&service_code=sampah`).expect(200);
    expect(ids(bySampah.body)).to.deep.equal([other.display]);
    const both = await api.get(`${V2}/requests.json?${window(0, 5)}&service_code=sampah,jalan-jembatan`).expect(200);
    expect(ids(both.body)).to.have.length(2);
    const open = await api.get(`${V2}/requests.json?${window(0, 5)}&status=open`).expect(200);
    expect(open.body).to.deep.equal([]);
    const closed = await api.get(`${V2}/requests.json?${window(0, 5)}&status=closed`).expect(200);
    expect(ids(closed.body)).to.have.length(2);
    const early = await api.get(`${V2}/requests.json?${window(0, 2)}`).expect(200);
    expect(ids(early.body)).to.deep.equal([published.display]);
    const idWins = await api.get(`${V2}/requests.json?service_request_id=${other.display}&service_code=jalan-jembatan&status=open`).expect(200);
    expect(ids(idWins.body)).to.deep.equal([other.display]);
  });

  it('without start_date, only the last 90 days (the spec default)', async () => {
    const recent = await publishedCase(t, { submittedDaysAgo: 10 });
    const all: string[] = [];
    for (let page = 1; page < 50; page++) {
      const r = await api.get(`${V2}/requests.json?page_size=100&page=${page}`).expect(200);
      all.push(...ids(r.body));
      if (r.body.length < 100) break;
    }
    expect(all).to.include(recent.display).and.not.include(published.display);
  });

  it('empty optional parameters are taken as not sent, as the spec says', async () => {
    const plain = await api.get(`${V2}/requests.json?${window(0, 5)}`).expect(200);
    const empty = await api.get(`${V2}/requests.json?${window(0, 5)}&service_code=&status=&service_request_id=&jurisdiction_id=&page=&page_size=`).expect(200);
    expect(empty.body).to.deep.equal(plain.body);
    expect(ids(empty.body)).to.deep.equal([other.display, published.display]);
    // No window at all, every parameter empty: the default 90 days, as with no parameter.
    const none = await api.get(`${V2}/requests.json?page_size=100`).expect(200);
    const allEmpty = await api.get(`${V2}/requests.json?page_size=100&service_code=&status=&start_date=&end_date=&service_request_id=`).expect(200);
    expect(ids(allEmpty.body)).to.deep.equal(ids(none.body));
    expect(ids(allEmpty.body)).to.not.include(published.display);
    // A list of nothing but commas is empty too.
    await api.get(`${V2}/requests.json?${window(0, 5)}&status=,&service_code=%20`).expect(200);
  });

  it('a case published without a category is under the catch-all service, and found by it', async () => {
    const loose = await publishedCase(t, { submittedAt: at(4), category: null });
    try {
      const res = await api.get(`${V2}/requests/${loose.display}.json`).expect(200);
      expect(res.body[0]).to.include({ service_code: 'lainnya', service_name: 'Lainnya' });
      const en = await api.get(`${V2}/requests/${loose.display}.json`).set('Accept-Language', 'en').expect(200);
      expect(en.body[0].service_name).to.equal('Other');
      const byService = await api.get(`${V2}/requests.json?${window(0, 5)}&service_code=lainnya`).expect(200);
      expect(ids(byService.body)).to.deep.equal([loose.display]);
      const xml = parseXml((await api.get(`${V2}/requests/${loose.display}.xml`).expect(200)).text);
      expect(xml.service_requests.request[0].service_code).to.equal('lainnya');
    } finally {
      // The other tests of this file count the cases of their window.
      await t.database.db.deleteFrom('publications').where('report_id', '=', loose.report.id).execute();
    }
  });

  it('page_size is capped at 100; pages do not overlap', async () => {
    const res = await api.get(`${V2}/requests.json?${window(0, 5)}&page_size=500`).expect(200);
    expect(res.body.length).to.be.at.most(100);
    const p1 = await api.get(`${V2}/requests.json?${window(0, 5)}&page_size=1&page=1`).expect(200);
    const p2 = await api.get(`${V2}/requests.json?${window(0, 5)}&page_size=1&page=2`).expect(200);
    expect([...ids(p1.body), ...ids(p2.body)]).to.deep.equal([other.display, published.display]);
  });

  it('bad filters are 400 in the spec format', async () => {
    for (const q of ['start_date=kemarin', 'status=pending', 'page=0', `start_date=${at(5).toISOString()}&end_date=${at(1).toISOString()}`]) {
      const res = await api.get(`${V2}/requests.json?${q}`).expect(400);
      expect(res.body, q).to.be.an('array').with.length.above(0);
      for (const e of res.body) expectJson(e, ERROR);
      expect(res.body[0].code).to.equal(400);
    }
    const xml = await api.get(`${V2}/requests.xml?status=pending`).expect(400);
    expectXml(parseXml(xml.text).errors.error[0], ERROR);
  });
});
