import { expect } from 'chai';
import { sql } from 'kysely';
import { createLogger } from '../../src/logger.js';
import { INTERRUPTED_ERROR } from '../../src/notify/commands/delivery.js';
import { enqueueMail } from '../../src/notify/commands/enqueueMail.js';
import { renderEmail } from '../../src/notify/email.js';
import { retryDelayMinutes, startOutboxWorker } from '../../src/notify/worker.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startSmtp, type TestSmtp } from './smtp.js';

describe('outbox worker', () => {
  // A database of its own: a worker sends every due mail it finds.
  let database: TestDatabase;
  let smtp: TestSmtp;
  before(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtp()]);
  });
  after(async () => {
    await smtp.close();
    await database.drop();
  });
  beforeEach(async () => {
    smtp.reset();
    await database.db.deleteFrom('outbox').execute();
  });

  function worker(env: Record<string, string> = { SMTP_URL: smtp.url }) {
    return startOutboxWorker({ db: database.db, config: testConfig(env), logger: createLogger('silent'), poll: false });
  }
  const row = (id: number | undefined) => database.db.selectFrom('outbox').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
  const queue = (to: string, extra: { subject?: string } = {}) =>
    enqueueMail(database.db, { to, subject: extra.subject ?? `Mail to ${to}`, text: 'Isi', html: '<p>Isi</p>' });
  const makeDue = (id: number | undefined) =>
    database.db.updateTable('outbox').set({ available_at: sql<Date>`now()` }).where('id', '=', id!).execute();

  it('delivers a queued mail once, with its subject, recipient, text and HTML', async () => {
    const mail = await renderEmail(
      'test-message',
      { name: 'Siti & Budi', message: 'Jalan <rusak> di Desa Sukoharjo', subjectKey: 'notify:emails.testMessage.subject' },
      'id',
    );
    const id = await enqueueMail(database.db, {
      to: 'siti@warga.test',
      ...mail,
      headers: { 'In-Reply-To': '<laporan-1@warga.test>' },
    });
    const w = worker();
    expect(await w.runOnce()).to.equal(1);
    expect(await w.runOnce()).to.equal(0);
    await w.stop();

    const got = smtp.mailsTo('siti@warga.test');
    expect(got).to.have.length(1);
    expect(got[0]!.subject).to.equal('Uji coba e-mail e-Pengaduan');
    expect(got[0]!.headers.to).to.equal('siti@warga.test');
    expect(got[0]!.headers.from).to.contain('pengaduan@pengaduan.local');
    expect(got[0]!.headers['content-type']).to.match(/^multipart\/alternative/);
    expect(got[0]!.text).to.contain('Halo Siti & Budi,').and.contain('Jalan <rusak> di Desa Sukoharjo');
    expect(got[0]!.html).to.contain('Halo Siti &amp; Budi,').and.contain('Jalan &lt;rusak&gt;');
    expect(got[0]!.headers['in-reply-to']).to.equal('<laporan-1@warga.test>');
    expect(got[0]!.headers['auto-submitted']).to.equal('auto-generated');

    const sent = await row(id);
    expect(sent).to.include({ status: 'sent', transport: 'smtp', attempts: 1, last_error: null, locked_until: null });
    expect(sent.sent_at).to.be.instanceOf(Date);
    expect(sent.message_id).to.equal(got[0]!.headers['message-id']).and.match(/^<outbox\.\d+\.[a-z0-9]+@pengaduan\.local>$/);
  });

  it('retries after a temporary (4xx) refusal, later, keeping the error, and then delivers', async () => {
    const id = await queue('busy@warga.test');
    smtp.reject('busy@warga.test', 451);
    const w = worker();
    const before = Date.now();
    expect(await w.runOnce()).to.equal(1);
    let r = await row(id);
    expect(r).to.include({ status: 'pending', attempts: 1, locked_until: null });
    expect(r.last_error).to.contain('451');
    expect(r.available_at.getTime()).to.be.within(before + 50_000, Date.now() + 70_000);
    expect(smtp.mailsTo('busy@warga.test')).to.have.length(0);

    // Not due yet: nothing happens.
    expect(await w.runOnce()).to.equal(0);
    // Time passes.
    await makeDue(id);
    expect(await w.runOnce()).to.equal(1);
    await w.stop();
    r = await row(id);
    expect(r).to.include({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.mailsTo('busy@warga.test')).to.have.length(1);
  });

  it('waits 1, 2, 4 ... minutes between tries, never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMinutes)).to.deep.equal([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('fails at once on a permanent (5xx) refusal, and does not try again', async () => {
    const id = await queue('nobody@warga.test');
    smtp.reject('nobody@warga.test', 550, 5);
    const w = worker();
    expect(await w.runOnce()).to.equal(1);
    await makeDue(id);
    expect(await w.runOnce()).to.equal(0);
    await w.stop();
    const r = await row(id);
    expect(r).to.include({ status: 'failed', attempts: 1, sent_at: null });
    expect(r.last_error).to.contain('550');
  });

  it('gives up after OUTBOX_MAX_ATTEMPTS temporary failures', async () => {
    const id = await queue('flaky@warga.test');
    smtp.reject('flaky@warga.test', 421, 10);
    const w = worker({ SMTP_URL: smtp.url, OUTBOX_MAX_ATTEMPTS: '2' });
    await w.runOnce();
    expect((await row(id)).status).to.equal('pending');
    await makeDue(id);
    await w.runOnce();
    await w.stop();
    expect(await row(id)).to.include({ status: 'failed', attempts: 2 });
  });

  it('treats a server that cannot be reached as temporary', async () => {
    const id = await queue('later@warga.test');
    const w = worker({ SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(await w.runOnce()).to.equal(1);
    await w.stop();
    const r = await row(id);
    expect(r).to.include({ status: 'pending', attempts: 1 });
    expect(r.last_error).to.match(/ECONNREFUSED|ECONNECTION/);
  });

  it('fails a mail left in `sending` past its lock instead of sending it again; leaves a live claim alone', async () => {
    const stale = await queue('stale@warga.test');
    const live = await queue('live@warga.test');
    await database.db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: 1, locked_until: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', stale!)
      .execute();
    await database.db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: 1, locked_until: sql<Date>`now() + interval '5 minutes'` })
      .where('id', '=', live!)
      .execute();
    const w = worker();
    expect(await w.runOnce()).to.equal(0);
    await w.stop();
    expect(await row(stale)).to.include({ status: 'failed', attempts: 1, last_error: INTERRUPTED_ERROR, locked_until: null });
    expect(await row(live)).to.include({ status: 'sending', attempts: 1 });
    expect(smtp.mails).to.have.length(0);
  });

  it('never delivers a mail twice when two workers run at once', async () => {
    const addresses = Array.from({ length: 13 }, (_, i) => `crowd${i}@warga.test`);
    for (const a of addresses) await queue(a);
    // Slow the server a little so both workers' batches overlap in time.
    for (const a of addresses) smtp.delay(a, 10);
    const a = worker();
    const b = worker();
    let total = 0;
    for (;;) {
      const [x, y] = await Promise.all([a.runOnce(), b.runOnce()]);
      total += x + y;
      if (x + y === 0) break;
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(total).to.equal(addresses.length);
    for (const address of addresses) expect(smtp.mailsTo(address), address).to.have.length(1);
    const statuses = await database.db.selectFrom('outbox').select(['status', 'attempts']).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).to.equal(true);
  });

  it('stop() lets the mail being sent finish and puts the rest of the batch back untouched', async () => {
    const first = await queue('first@warga.test');
    const rest = [await queue('second@warga.test'), await queue('third@warga.test')];
    smtp.delay('first@warga.test', 300);
    const arriving = smtp.arriving('first@warga.test');
    const w = worker();
    const run = w.runOnce();
    await arriving;
    await w.stop();
    expect(await run).to.equal(1);
    expect(await row(first)).to.include({ status: 'sent', attempts: 1 });
    for (const id of rest) expect(await row(id)).to.include({ status: 'pending', attempts: 0, locked_until: null });
    expect(smtp.mails).to.have.length(1);
    expect(await w.runOnce()).to.equal(0);
  });

  it('with no SMTP_URL, marks mail as kept in the development outbox and delivers it nowhere', async () => {
    const id = await queue('dev@warga.test');
    const w = worker({});
    expect(await w.runOnce()).to.equal(1);
    await w.stop();
    expect(await row(id)).to.include({ status: 'sent', transport: 'dev-outbox', message_id: null, attempts: 1 });
    expect(smtp.mails).to.have.length(0);
  });
});
