import fs from 'node:fs';
import { expect } from 'chai';
import supertest from 'supertest';
import { createLogger } from '../../src/logger.js';
import { type OutboxWorker, startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { reportBody, seeded } from '../api/helpers.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startSmtp, type TestSmtp } from '../notify/smtp.js';
import { tempDir } from './fixtures.js';

/**
 * Header injection in mail: CR/LF in what a citizen controls (their name, the report's
 * title, which the mails quote) must never add a header or a recipient. The mails go
 * through the outbox to a real SMTP server on loopback, and what arrives is read back.
 * A database of its own: sending "every pending mail" on the run's shared database would
 * send the unsent mail of every earlier test too.
 */
describe('security: no header injection through citizen text in mail', function () {
  this.timeout(60_000);
  let t: TestApp;
  let smtp: TestSmtp;
  let worker: OutboxWorker;
  let uploadDir: string;
  let database: TestDatabase;

  before(async () => {
    [smtp, database] = await Promise.all([startSmtp(), createTestDatabase({ migrate: false })]);
    await prepareDatabase(database.db);
    uploadDir = tempDir('epengaduan-mailhdr');
    t = await buildTestApp({ SMTP_URL: smtp.url, UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' }, database);
    worker = startOutboxWorker({ db: t.database.db, config: t.config, logger: createLogger('silent'), poll: false });
  });
  after(async () => {
    await worker.stop();
    await smtp.close();
    await database.drop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  it('a name and a title with CR/LF and header lines reach the reporter as one mail, no extra header or recipient', async () => {
    const ref = await seeded(t);
    const email = 'budi.header@example.com';
    const res = await supertest(t.app).post('/api/v1/reports').send(reportBody(ref, {
      title: 'Jalan rusak\r\nBcc: korban1@evil.example\r\nX-Injected: ya',
      reporter: { name: 'Budi\r\nBcc: korban2@evil.example\r\nX-Injected: ya', email },
    }));
    // Refusing such input is as good as neutralising it; accepting it must be harmless.
    expect(res.status).to.be.oneOf([201, 422]);
    if (res.status === 422) return void expect(JSON.stringify(res.body)).to.match(/title|reporter/);
    while ((await worker.runOnce()) > 0);
    const mails = smtp.mailsTo(email);
    expect(mails.length, 'the confirmation mail').to.be.greaterThan(0);
    for (const mail of smtp.mails) {
      expect(mail.envelopeTo.join(','), 'recipients').to.not.include('evil.example');
      expect(mail.headers, 'headers').to.not.have.property('bcc');
      expect(mail.headers, 'headers').to.not.have.property('x-injected');
      const head = mail.raw.split(/\r?\n\r?\n/)[0]!;
      expect(head, 'raw header block').to.not.match(/^(Bcc|X-Injected):/im);
    }
  });

  it('an e-mail address carrying a header line is refused with a clear message, nothing stored', async () => {
    const ref = await seeded(t);
    const before = await t.database.db.selectFrom('outbox').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await supertest(t.app).post('/api/v1/reports')
      .send(reportBody(ref, { reporter: { name: 'Budi', email: 'budi@example.com\r\nBcc: korban@evil.example' } }))
      .expect(422);
    expect(JSON.stringify(res.body)).to.include('reporter.email');
    const after = await t.database.db.selectFrom('outbox').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).to.equal(Number(before.n));
  });

  it('a reply to staff through the follow-up API with CR/LF in the text adds no header to the staff mail', async () => {
    const ref = await seeded(t);
    const made = await supertest(t.app).post('/api/v1/reports').send(reportBody(ref)).expect(201);
    await supertest(t.app).post(`/api/v1/reports/${made.body.code}/messages`).set('X-Tracking-Token', made.body.secret)
      .send({ body: 'Tambahan\r\nBcc: korban3@evil.example\r\n\r\n<b>tebal</b>' }).expect(201);
    while ((await worker.runOnce()) > 0);
    for (const mail of smtp.mails) expect(mail.envelopeTo.join(','), 'recipients').to.not.include('evil.example');
  });
});
