import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { open311Client, publishedCase, V2 } from './helpers.js';
import { open311 } from './schemas.js';
import { parseXml } from './spec.js';

/**
 * The examples of the GeoReport v2 specification (http://wiki.open311.org/GeoReport_v2), sent
 * to our server as the spec writes them. Only what cannot be the same here is changed, and
 * said: the api_key (the spec's "xyz" is no key of ours) and, for a 200, the service_code
 * (the spec's "001" is no service here: that one answers the spec's 404).
 */
const SPEC_POST =
  'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street' +
  '&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111' +
  '&description=A+large+sinkhole+is+destroying+the+street' +
  '&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg' +
  '&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001';

describe('Open311: the specification’s own examples', () => {
  let t: TestApp;
  let api: ReturnType<typeof open311>;
  let key: string;

  before(async () => {
    t = await buildTestApp();
    api = open311(t.app);
    key = (await open311Client(t)).key;
  });

  const specPost = (changes: Record<string, string>) => {
    const body = new URLSearchParams(SPEC_POST);
    for (const [k, v] of Object.entries(changes)) body.set(k, v);
    return body.toString();
  };

  it('POST requests: the example as written, with our key, is the spec’s 404 for its service_code 001', async () => {
    await api.post(`${V2}/requests.json`).type('form').send(SPEC_POST).expect(403);
    const res = await api.post(`${V2}/requests.json`).type('form').send(specPost({ api_key: key })).expect(404);
    expect(res.body).to.deep.equal([{ code: 404, description: 'service_code 001 tidak dikenal.' }]);
  });

  it('POST requests: the example to the catch-all service makes a report, its unusable phone kept unverified', async () => {
    const res = await api.post(`${V2}/requests.json`).type('form').send(specPost({ api_key: key, service_code: 'lainnya' })).expect(200);
    const code = String(res.body[0].service_request_id).replace('-', '');
    const report = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(report).to.include({
      channel: 'open311', category_id: null, reporter_name: 'john smith', reporter_email: 'smit333@sfgov.edu',
      reporter_phone: null, reporter_phone_unverified: '111111111', address: '1234 5th street', is_anonymous: false,
      title: 'A large sinkhole is destroying the street',
    });
    expect(report.latitude).to.be.closeTo(37.76524078, 1e-6);
    expect(report.longitude).to.be.closeTo(-122.4212043, 1e-6);
    expect(report.body).to.contain('A large sinkhole is destroying the street').and.contain('http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg');
    // device_id, account_id and attributes this server does not define are ignored.
    expect(JSON.stringify(report)).to.not.contain('tt222111').and.not.contain('WHISPAWN').and.not.contain('COISL001');

    // The same in XML, the spec's own format (a second report: another description, the same person).
    const xml = await api.post(`${V2}/requests.xml`).type('form')
      .send(specPost({ api_key: key, service_code: 'lainnya', description: 'A large sinkhole is destroying the street, and it grows' })).expect(200);
    const doc = parseXml(xml.text);
    expect(Object.keys(doc.service_requests.request[0])).to.have.members(['service_request_id', 'service_notice', 'account_id']);
  });

  it('GET requests with the spec’s sample query: start_date, end_date, status, jurisdiction_id', async () => {
    const old = await publishedCase(t, { submittedAt: new Date('2010-06-01T10:00:00Z') });
    try {
      const query = 'start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open&jurisdiction_id=city.gov';
      const open = await api.get(`${V2}/requests.json?${query}`).expect(200);
      // Every published case is closed.
      expect(open.body).to.deep.equal([]);
      const closed = await api.get(`${V2}/requests.json?${query.replace('status=open', 'status=closed')}`).expect(200);
      expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).to.deep.equal([old.display]);
      expect(closed.body[0].requested_datetime).to.equal('2010-06-01T17:00:00+07:00');
      const xml = parseXml((await api.get(`${V2}/requests.xml?${query}`).expect(200)).text);
      expect(xml).to.deep.equal({ service_requests: '' });
    } finally {
      await t.database.db.deleteFrom('publications').where('report_id', '=', old.report.id).execute();
    }
  });

  it('the other sample URLs: services, a service definition, a request, a token (unknown ids are 404 in the spec format)', async () => {
    const services = parseXml((await api.get(`${V2}/services.xml?jurisdiction_id=city.gov`).expect(200)).text);
    expect(services.services.service.length).to.be.above(0);
    await api.get(`${V2}/services.json?jurisdiction_id=city.gov`).expect(200);
    await api.get(`${V2}/services/033.json?jurisdiction_id=city.gov`).expect(404);
    await api.get(`${V2}/requests/638344.json?jurisdiction_id=city.gov`).expect(404);
    await api.get(`${V2}/tokens/123456.json?jurisdiction_id=city.gov`).expect(404);
    const xml = parseXml((await api.get(`${V2}/tokens/123456.xml?jurisdiction_id=city.gov`).expect(404)).text);
    expect(xml.errors.error[0].code).to.equal('404');
  });
});
