import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { jpeg, reportBody, seeded } from '../api/helpers.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { tempDir } from './fixtures.js';

/**
 * Other websites cannot file reports from their visitors' browsers (issue 20, item 4): a
 * browser's cross-site POST to the intake API is refused with 403 before its files are
 * written or its address counted, in words; an allowed OPD site and API clients (which
 * send no browser headers) go on.
 */
describe('security: reports filed from another website’s page', function () {
  this.timeout(60_000);
  let t: TestApp;
  let uploadDir: string;
  let ref: Awaited<ReturnType<typeof seeded>>;
  let photo: Buffer;

  before(async () => {
    uploadDir = tempDir('epengaduan-crosssite');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000', INTAKE_ALLOWED_ORIGINS: 'https://dpupr.patikab.go.id' });
    ref = await seeded(t);
    photo = await jpeg();
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const reports = async () => Number((await t.database.db.selectFrom('reports').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const files = () => (fs.existsSync(uploadDir) ? (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(uploadDir, p)).isFile()).length : 0);

  /** A multipart report with a photo, as a form on any page would send it. */
  function post(headers: Record<string, string>, title: string) {
    const req = supertest(t.app).post('/api/v1/reports');
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    for (const [k, v] of Object.entries(reportBody(ref, { title }))) req.field(k, k === 'reporter' ? JSON.stringify(v) : String(v));
    return req.attach('files', photo, { filename: 'foto.jpg', contentType: 'image/jpeg' });
  }

  it('refuses a browser sending from another site, by Sec-Fetch-Site or by Origin, leaving no report and no file', async () => {
    const before = { reports: await reports(), files: files() };
    const attempts: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.patikab.go.id' },
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
    ];
    for (const [i, headers] of attempts.entries()) {
      const res = await post(headers, `Jalan berlubang kiriman situs lain ${i}`).expect(403);
      expect(res.body.error.code, JSON.stringify(headers)).to.equal('cross_site');
      expect(res.body.error.message).to.equal('Laporan hanya dapat dikirim dari situs ini. Buka formulir laporan di situs ini lalu kirim lagi.');
    }
    const english = await post({ Origin: 'https://evil.example', 'Accept-Language': 'en' }, 'Jalan berlubang kiriman situs lain en').expect(403);
    expect(english.body.error.message).to.equal('Reports can only be sent from this website. Open the report form here and send it again.');
    expect(await reports()).to.equal(before.reports);
    expect(files()).to.equal(before.files);
  });

  it('takes a report from our own pages, an allowed OPD site, and API clients that send no browser headers', async () => {
    const host = '127.0.0.1';
    await post({ 'Sec-Fetch-Site': 'same-origin', Origin: `http://${host}` }, 'Jalan berlubang dari halaman sendiri').expect(201);
    await post({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://dpupr.patikab.go.id' }, 'Jalan berlubang dari situs DPUPR').expect(201);
    await post({}, 'Jalan berlubang dari aplikasi').expect(201);
  });

  it('refuses an INTAKE_ALLOWED_ORIGINS that is not a list of origins, naming the variable', async () => {
    let error: unknown;
    try {
      await buildTestApp({ INTAKE_ALLOWED_ORIGINS: 'dpupr.patikab.go.id/lapor' });
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('INTAKE_ALLOWED_ORIGINS');
  });
});
