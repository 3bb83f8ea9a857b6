import { expect } from 'chai';
import supertest from 'supertest';
import { formatSecret } from '../../src/reports/tracking.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { advanceTo } from '../helpers/reports.js';
import { pdfQrCodes, pdfText } from './helpers.js';

/** Supertest collects a binary body only when told to. */
const binary = (res: supertest.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('letters: the bukti laporan (receipt)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', PUBLIC_URL: 'http://lapor.patikab.go.id' });
  });

  /** A citizen sends the web form; the browser stays on the thank-you page. */
  async function send(title: string) {
    const agent = supertest.agent(t.app);
    const form = await agent.get('/lapor').expect(200);
    let req = agent.post('/lapor').field('_csrf', csrfFrom(form.text));
    const fields = { kind: 'pengaduan', title, body: 'Lampu penerangan jalan di depan pasar mati sejak sepekan, jalan gelap dan rawan kecelakaan.', name: 'Ahmad Fauzi', email: 'ahmad.receipt@example.com', consent: 'on' };
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    await req.expect(303);
    const done = await agent.get('/lapor/terkirim').expect(200);
    const code = /data-testid="tracking-code">([A-Z0-9-]+)</.exec(done.text)![1]!.replace('-', '');
    const secret = /data-testid="tracking-secret">([A-Z0-9-]+)</.exec(done.text)![1]!.replace(/-/g, '');
    return { agent, done: done.text, code, secret };
  }

  async function download(agent: supertest.Agent, url: string) {
    const res = await agent.get(url).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['cache-control']).to.contain('no-store');
    return { text: await pdfText(res.body as Buffer), qr: await pdfQrCodes(res.body as Buffer), disposition: res.headers['content-disposition'] };
  }

  it('is offered on the thank-you page: code, date, title, deadline and how to follow it, without the secret unless ticked', async () => {
    const c = await send('Lampu jalan mati di depan Pasar Puri');
    expect(c.done).to.contain('action="/lapor/terkirim/bukti"').and.contain('name="kunci"');
    const plain = await download(c.agent, '/lapor/terkirim/bukti');
    const shown = `${c.code.slice(0, 4)}-${c.code.slice(4)}`;
    expect(plain.disposition).to.equal(`attachment; filename="bukti-laporan-${shown}.pdf"`);
    expect(plain.text).to.contain('BUKTI LAPORAN').and.contain(shown).and.contain('Lampu jalan mati di depan Pasar Puri');
    expect(plain.text).to.contain('Batas waktu').and.contain('http://lapor.patikab.go.id/lacak');
    expect(plain.text).to.not.contain(formatSecret(c.secret)).and.not.contain(c.secret);
    // The QR code opens the lookup page for the code: never the secret.
    expect(plain.qr).to.deep.equal([`http://lapor.patikab.go.id/lacak/${c.code}`]);

    const asked = await download(c.agent, '/lapor/terkirim/bukti?kunci=1');
    expect(asked.text).to.contain(formatSecret(c.secret)).and.contain('Siapa pun yang memegang kode dan kunci ini');
    expect(asked.qr.join()).to.not.contain(c.secret);
  });

  it('is offered on the tracking page with the OPD once known, and never carries the secret there', async () => {
    const c = await send('Saluran tersumbat di Jalan Kol. Sunandar');
    const report = await t.database.db.selectFrom('reports').select('id').where('tracking_code', '=', c.code).executeTakeFirstOrThrow();
    await advanceTo(t.database.db, report.id, 'assigned');
    const page = await c.agent.get(`/lacak/${c.code}`).expect(200);
    expect(page.text).to.contain(`href="/lacak/${c.code}/bukti"`);
    const receipt = await download(c.agent, `/lacak/${c.code}/bukti?kunci=1`);
    expect(receipt.text).to.contain('Dinas Pekerjaan Umum dan Penataan Ruang').and.contain('Saluran tersumbat di Jalan Kol. Sunandar');
    expect(receipt.text).to.not.contain(formatSecret(c.secret));

    // Another browser, with the code but not the report's access: 404; the thank-you receipt needs its session.
    await supertest(t.app).get(`/lacak/${c.code}/bukti`).expect(404);
    await supertest(t.app).get('/lapor/terkirim/bukti?kunci=1').expect(303).expect('Location', '/lapor');
  });
});
