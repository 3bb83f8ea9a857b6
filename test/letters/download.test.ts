import crypto from 'node:crypto';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import supertest from 'supertest';
import { createLogger } from '../../src/logger.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, loginAs, type TestApp, testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buildReport } from '../helpers/reports.js';
import { startSmtp, type TestSmtp } from '../notify/smtp.js';
import { answeredReport, letterOf, pdfText } from './helpers.js';

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Supertest collects a binary body only when told to. */
const binary = (res: supertest.Response, done: (err: Error | null, body: Buffer) => void) => {
  // The parser is handed the response stream itself (typed as the finished Response).
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('letters: where the citizen gets the letter', () => {
  let database: TestDatabase;
  let t: TestApp;
  let smtp: TestSmtp;
  before(async () => {
    // Its own database and SMTP server: the worker below sends this file's mails only.
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtp()]);
    await prepareDatabase(database.db);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' }, database);
  });
  after(async () => {
    await smtp.close();
    await database.drop();
  });

  /** A browser that opened the report with its secret, as the tracking link does. */
  async function citizen(code: string, secret: string) {
    const agent = supertest.agent(t.app);
    await agent.get(`/lacak/${code}?k=${secret}`).expect(303);
    return agent;
  }

  it('is listed on the tracking page and downloads as issued, only in the browser holding the report’s access', async () => {
    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    const agent = await citizen(r.report.tracking_code, r.secret);
    const page = await agent.get(`/lacak/${r.report.tracking_code}`).expect(200);
    const link = `/lacak/${r.report.tracking_code}/surat/${letter.id}`;
    expect(page.text).to.contain(`href="${link}"`).and.contain(letter.number);

    const res = await agent.get(link).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="surat-jawaban-[0-9A-Z]{4}-[0-9A-Z]{4}\.pdf"$/);
    expect(res.headers['cache-control']).to.contain('no-store');
    expect(sha256(res.body as Buffer)).to.equal(letter.sha256);

    // Another browser, with the code but not the secret: the same 404 as no letter at all.
    await supertest(t.app).get(link).expect(404);
    // The citizen's access to their own report opens no other report's letter through it.
    const other = await answeredReport(t);
    await agent.get(`/lacak/${r.report.tracking_code}/surat/${(await letterOf(t, other.report.id)).id}`).expect(404);
  });

  it('downloads from GET /api/v1/reports/{code}/letter with the tracking token; 404 without it, 409 before an answer', async () => {
    const r = await answeredReport(t);
    const letter = await letterOf(t, r.report.id);
    const url = `/api/v1/reports/${r.report.tracking_code}/letter`;
    const res = await supertest(t.app).get(url).set('X-Tracking-Token', r.secret).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers.etag).to.equal(`"${letter.sha256}"`);
    expect(sha256(res.body as Buffer)).to.equal(letter.sha256);
    await supertest(t.app).get(url).set('X-Tracking-Token', 'ABCDEFGHJKLMNPQR').expect(404);
    await supertest(t.app).get(url).expect(404);

    const open = await buildReport(t);
    const early = await supertest(t.app).get(`/api/v1/reports/${open.report.tracking_code}/letter`).set('X-Tracking-Token', open.secret).expect(409);
    expect(early.body.error.code).to.equal('not_answered');
  });

  it('goes with the answer mail as a PDF attachment, read from the stored letter when the mail leaves', async () => {
    const r = await answeredReport(t, { reporter: { name: 'Dewi Lestari', email: 'dewi.surat@example.com', phone: null, nik: null } });
    const letter = await letterOf(t, r.report.id);
    const worker = startOutboxWorker({ db: database.db, config: testConfig({ SMTP_URL: smtp.url }), logger: createLogger('silent'), poll: false });
    try {
      while ((await worker.runOnce()) > 0);
    } finally {
      await worker.stop();
    }
    const answers = smtp.mailsTo('dewi.surat@example.com').filter((m) => m.subject.startsWith('Jawaban'));
    expect(answers).to.have.length(1);
    const parsed = await simpleParser(answers[0]!.raw);
    expect(parsed.text).to.contain('Tim UPT sudah meninjau lokasi');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).to.deep.equal([[`surat-jawaban-${r.report.tracking_code.slice(0, 4)}-${r.report.tracking_code.slice(4)}.pdf`, 'application/pdf']]);
    expect(sha256(parsed.attachments[0]!.content)).to.equal(letter.sha256);
    expect(await pdfText(parsed.attachments[0]!.content)).to.contain('Dewi Lestari').and.contain(letter.number);
    // The admin's outbox page names the file the mail carried.
    const row = await database.db.selectFrom('outbox').select('id').where('to_address', '=', 'dewi.surat@example.com').where('subject', 'like', 'Jawaban%').executeTakeFirstOrThrow();
    const admin = await loginAs(t, 'admin');
    expect((await admin.agent.get(`/admin/outbox/${row.id}`).expect(200)).text).to.contain('Lampiran').and.contain(parsed.attachments[0]!.filename!);
  });
});
