import { expect } from 'chai';
import { enqueueMail } from '../../src/notify/commands/enqueueMail.js';
import { InvalidMailError, type MailToSend } from '../../src/notify/outbox.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('enqueueMail', () => {
  // A database of its own: rows queued here must not meet another suite's sender.
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.drop();
  });

  const rows = (to: string) => database.db.selectFrom('outbox').selectAll().where('to_address', '=', to).execute();

  it('queues a pending mail, due now, with its headers', async () => {
    const id = await enqueueMail(database.db, {
      to: 'warga1@test.invalid',
      subject: 'Laporan diterima',
      text: 'Teks',
      html: '<p>Teks</p>',
      headers: { 'In-Reply-To': '<abc@mail.test>' },
    });
    expect(id).to.be.a('number');
    const [row] = await rows('warga1@test.invalid');
    expect(row).to.include({ id, status: 'pending', attempts: 0, subject: 'Laporan diterima', html_body: '<p>Teks</p>', transport: null });
    expect(row!.headers).to.deep.equal({ 'In-Reply-To': '<abc@mail.test>' });
    expect(row!.available_at.getTime()).to.be.at.most(Date.now() + 1000);
  });

  it('queues a mail with a dedupe key once, and says so the second time', async () => {
    const mail = { to: 'warga2@test.invalid', subject: 'Batas waktu terlewati', text: 'x', dedupeKey: 'sla:breach:42:response' };
    expect(await enqueueMail(database.db, mail)).to.be.a('number');
    expect(await enqueueMail(database.db, { ...mail, subject: 'again' })).to.equal(undefined);
    expect(await rows('warga2@test.invalid')).to.have.length(1);
  });

  it('belongs to the transaction that queues it: gone when it rolls back, there when it commits', async () => {
    let error: unknown;
    try {
      await database.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, { to: 'warga3@test.invalid', subject: 'x', text: 'x' });
        throw new Error('the change failed');
      });
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('the change failed');
    expect(await rows('warga3@test.invalid')).to.have.length(0);
    await database.db.transaction().execute((trx) => enqueueMail(trx, { to: 'warga3@test.invalid', subject: 'x', text: 'x' }));
    expect(await rows('warga3@test.invalid')).to.have.length(1);
  });

  it('refuses headers that are the sender’s to write, and line breaks that would inject headers', async () => {
    const bad: MailToSend[] = [
      { to: 'a@test.invalid\r\nBcc: b@test.invalid', subject: 'x', text: 'x' },
      { to: 'a@test.invalid', subject: '  ', text: 'x' },
      { to: 'a@test.invalid', subject: 'x', text: 'x', headers: { Bcc: 'b@test.invalid' } },
      { to: 'a@test.invalid', subject: 'x', text: 'x', headers: { 'X-Note': 'a\r\nBcc: b@test.invalid' } },
      { to: 'a@test.invalid', subject: 'x', text: 'x', headers: { 'Bad Name': 'v' } },
    ];
    for (const mail of bad) {
      let error: unknown;
      try {
        await enqueueMail(database.db, mail);
      } catch (err) {
        error = err;
      }
      expect(error, JSON.stringify(mail)).to.be.instanceOf(InvalidMailError);
    }
    const id = await enqueueMail(database.db, { to: 'warga4@test.invalid', subject: 'Dua\nbaris', text: 'x' });
    const [row] = await rows('warga4@test.invalid');
    expect(row).to.include({ id, subject: 'Dua baris' });
  });
});
