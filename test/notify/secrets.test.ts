import { expect } from 'chai';
import { sql } from 'kysely';
import * as m0020 from '../../src/db/migrations/0020_outbox_secret.js';
import { createLogger } from '../../src/logger.js';
import { retryMail } from '../../src/notify/commands/retryMail.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { formatSecret } from '../../src/reports/tracking.js';
import { buildTestApp, loginAs, type TestApp, testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buildReport } from '../helpers/reports.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/**
 * A citizen's tracking secret is read by the citizen alone (issue 20, item 1): the
 * acknowledgement in the outbox holds slots, not the secret; the secret is put in as the
 * mail leaves and erased from the row once it has left or was given up; /admin/outbox shows
 * it masked; a mail whose secret is gone cannot be sent again; mails queued before this
 * lose the secrets they kept.
 */
describe('outbox: tracking secrets leave no readable trace', () => {
  // A database of its own: a worker sends every due mail it finds.
  let database: TestDatabase;
  let smtp: TestSmtp;
  let t: TestApp;
  before(async () => {
    [database, smtp] = await Promise.all([createTestDatabase({ migrate: false }), startSmtp()]);
    await prepareDatabase(database.db);
    t = await buildTestApp({}, database);
  });
  after(async () => {
    await smtp.close();
    await database.drop();
  });
  beforeEach(() => smtp.reset());

  const worker = () => startOutboxWorker({ db: database.db, config: testConfig({ SMTP_URL: smtp.url }), logger: createLogger('silent'), poll: false });
  const ackOf = (reportId: number) => database.db.selectFrom('outbox').selectAll().where('report_id', '=', reportId).executeTakeFirstOrThrow();
  const withEmail = (email: string) => ({ reporter: { name: 'Siti Aminah', email, phone: null, nik: null } });
  const readable = (text: string | null, secret: string) => Boolean(text && (text.includes(secret) || text.includes(formatSecret(secret))));

  it('the citizen receives the link and key; the outbox never holds them readable, before or after', async () => {
    const r = await buildReport(t, withEmail('siti.aminah@warga.test'));
    const queued = await ackOf(r.report.id);
    expect(readable(queued.text_body, r.secret) || readable(queued.html_body, r.secret), 'secret in the queued text').to.equal(false);
    expect(queued.secret).to.equal(r.secret);

    const w = worker();
    await w.runOnce();
    await w.stop();
    const [got] = smtp.mailsTo('siti.aminah@warga.test');
    expect(got!.text).to.contain(`/lacak/${r.report.tracking_code}?k=${r.secret}`).and.contain(formatSecret(r.secret));
    expect(got!.html).to.contain(formatSecret(r.secret)).and.match(new RegExp(`/lacak/${r.report.tracking_code}\\?k(=|&#x3D;)${r.secret}`));

    const sent = await ackOf(r.report.id);
    expect(sent).to.include({ status: 'sent', secret: null });
    expect(readable(sent.text_body, r.secret) || readable(sent.html_body, r.secret)).to.equal(false);

    const admin = await loginAs(t, 'admin');
    const page = await admin.agent.get(`/admin/outbox/${sent.id}`).expect(200);
    expect(readable(page.text, r.secret)).to.equal(false);
    expect(page.text).to.contain('••••-••••-••••-••••');
    const html = await admin.agent.get(`/admin/outbox/${sent.id}/html`).expect(200);
    expect(readable(html.text, r.secret)).to.equal(false);
  });

  it('a mail given up erases its secret too, and cannot be sent again', async () => {
    const r = await buildReport(t, withEmail('tidak.ada@warga.test'));
    smtp.reject('tidak.ada@warga.test', 550);
    const w = worker();
    await w.runOnce();
    await w.stop();
    const failed = await ackOf(r.report.id);
    expect(failed).to.include({ status: 'failed', secret: null });
    expect(await retryMail(database.db, failed.id)).to.equal('secret_gone');
    expect((await ackOf(r.report.id)).status).to.equal('failed');
    const admin = await loginAs(t, 'admin');
    const page = await admin.agent.get(`/admin/outbox/${failed.id}`).expect(200);
    expect(page.text).to.contain('E-mail ini membawa kunci rahasia pelacakan').and.not.contain('/kirim-ulang"');
  });

  it('mails queued before this change lose their secrets: sent ones at once, unsent ones when they leave', async () => {
    const secret = 'ABCD2345EFGH6789';
    const link = `https://pengaduan.patikab.go.id/lacak/WXYZ2345?k=${secret}`;
    const old = (status: 'sent' | 'pending') => ({
      to_address: `lama.${status}@warga.test`,
      subject: 'Laporan WXYZ-2345 sudah diterima',
      text_body: `Buka: ${link}\nKunci rahasia: ${formatSecret(secret)}`,
      html_body: `<a href="https://pengaduan.patikab.go.id/lacak/WXYZ2345?k&#x3D;${secret}">Buka</a> <strong>${formatSecret(secret)}</strong>`,
      headers: '{}',
      status,
      available_at: new Date(),
    });
    await m0020.down(database.db);
    const rows = await sql<{ id: number }>`insert into outbox (to_address, subject, text_body, html_body, headers, status, available_at) values
      (${old('sent').to_address}, ${old('sent').subject}, ${old('sent').text_body}, ${old('sent').html_body}, '{}', 'sent', now()),
      (${old('pending').to_address}, ${old('pending').subject}, ${old('pending').text_body}, ${old('pending').html_body}, '{}', 'pending', now())
      returning id`.execute(database.db);
    await m0020.up(database.db);
    const [sent, pending] = await Promise.all(rows.rows.map((row) => database.db.selectFrom('outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()));
    for (const row of [sent!, pending!]) expect(readable(row.text_body, secret) || readable(row.html_body, secret), row.to_address).to.equal(false);
    expect(sent!.secret).to.equal(null);
    expect(pending!.secret).to.equal(secret);
    const w = worker();
    await w.runOnce();
    await w.stop();
    expect(smtp.mailsTo('lama.pending@warga.test')[0]!.text).to.contain(link).and.contain(formatSecret(secret));
  });
});
