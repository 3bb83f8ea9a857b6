import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'kysely';
import { createLogger } from '../../src/logger.js';
import { processMail } from '../../src/mailin/intake.js';
import { startMailIntake } from '../../src/mailin/mailbox.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { startDovecot, type TestImap } from '../helpers/dovecot.js';
import { runTs, type Spawned } from '../helpers/process.js';
import { citizenAddress, composeMail, INTAKE } from './helpers.js';

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the mailbox reader: IDLE, a server that goes away, and a crash', function () {
  this.timeout(120_000);
  let imap: TestImap;
  let t: TestApp;
  let uploadDir: string;
  before(async () => {
    imap = await startDovecot();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-reader-'));
    // A poll once a minute: a report within seconds can only come from IDLE.
    t = await buildTestApp({ IMAP_URL: imap.url, IMAP_POLL_MS: '60000', MAIL_INTAKE_ADDRESS: INTAKE, UPLOAD_DIR: uploadDir, MAIL_SENDER_LIMIT_PER_HOUR: '1000' });
  });
  after(async () => {
    await imap?.stop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });
  const reportOf = (address: string) => t.database.db.selectFrom('reports').select(['id', 'channel']).where('reporter_email', '=', address).executeTakeFirst();

  it('sees new mail as it arrives (IDLE), and carries on after the IMAP server was down', async () => {
    const reader = startMailIntake({ db: t.database.db, config: t.config, logger: createLogger('silent') });
    try {
      const first = citizenAddress();
      await new Promise((r) => setTimeout(r, 500)); // connected and idling
      await imap.append(await composeMail({ from: first, to: INTAKE, subject: 'Pohon tumbang', text: 'Pohon tumbang menutup jalan desa sejak subuh tadi.' }));
      expect((await until('the first report', () => reportOf(first), 10_000)).channel).to.equal('email');

      const second = citizenAddress();
      await imap.restart(async () => {
        // Mail that arrives while the reader cannot connect waits in the mailbox.
        await new Promise((r) => setTimeout(r, 1500));
      });
      await imap.append(await composeMail({ from: second, to: INTAKE, subject: 'Saluran tersumbat', text: 'Saluran air di depan balai desa tersumbat lumpur.' }));
      await until('the report after the restart', () => reportOf(second), 30_000);
      expect(await imap.list('INBOX')).to.have.length(0);
    } finally {
      await reader.stop();
    }
  });

  it('moves a mail whose report committed before a crash, without a second report', async () => {
    const citizen = citizenAddress();
    const raw = await composeMail({ from: citizen, to: INTAKE, subject: 'Jalan berlubang', text: 'Jalan di depan pasar berlubang besar dan membahayakan.' });
    await imap.append(raw);
    // The process handled the mail and died before moving it: the row is there, the mail too.
    expect((await processMail(t.database.db, t.config, raw)).outcome).to.equal('report');
    expect(await imap.list('INBOX')).to.have.length(1);
    await startMailIntake({ db: t.database.db, config: t.config, logger: createLogger('silent'), watch: false }).runOnce();
    const reports = await t.database.db.selectFrom('reports').select('id').where('reporter_email', '=', citizen).execute();
    expect(reports).to.have.length(1);
    expect(await imap.list('INBOX')).to.have.length(0);
  });

  // A real process killed with SIGKILL. On the embedded database the data folder's lock
  // outlives a killed process by its stale time, so this runs against the server.
  if (onServer()) {
    describe('a reader process killed mid-batch', () => {
      let database: TestDatabase;
      const running: Spawned[] = [];
      before(async () => {
        database = await createTestDatabase({ migrate: false });
      });
      after(async () => {
        await Promise.all(running.map((p) => p.stop()));
        await database.drop();
      });

      it('reads the mailbox from one process at a time, and another takes over when it stops', async () => {
        const reportOf2 = (address: string) => t.database.db.selectFrom('reports').select('id').where('reporter_email', '=', address).execute();
        const start = () => startMailIntake({ db: t.database.db, config: t.config, logger: createLogger('silent'), databaseUrl: database.url });
        const readers = [start(), start()];
        try {
          await until('one reader', async () => readers.filter((r) => r.reading()).length === 1, 10_000);
          await new Promise((r) => setTimeout(r, 500));
          expect(readers.filter((r) => r.reading())).to.have.length(1);
          const first = citizenAddress('sewa');
          await imap.append(await composeMail({ from: first, to: INTAKE, subject: 'Pohon tumbang di jalan', text: 'Pohon besar tumbang menutup jalan kabupaten sejak pagi.' }));
          await until('its report', async () => (await reportOf2(first)).length === 1);
          // The reader stops (a deploy, a crash): the other one takes over.
          const leader = readers.find((r) => r.reading())!;
          await leader.stop();
          const other = readers.find((r) => r !== leader)!;
          await until('the other reader', async () => other.reading(), 15_000);
          const second = citizenAddress('sewa');
          await imap.append(await composeMail({ from: second, to: INTAKE, subject: 'Saluran meluap', text: 'Saluran air meluap ke jalan setiap kali hujan deras.' }));
          await until('the second report', async () => (await reportOf2(second)).length === 1);
          expect(await reportOf2(first)).to.have.length(1);
        } finally {
          await Promise.all(readers.map((r) => r.stop()));
        }
      });

      it('loses and doubles nothing: every mail is one report, and every mail is moved once', async () => {
        const senders = Array.from({ length: 30 }, () => citizenAddress('kill'));
        for (const [i, from] of senders.entries()) {
          await imap.append(await composeMail({ from, to: INTAKE, subject: `Keluhan nomor ${i + 1}`, text: `Keluhan warga nomor ${i + 1} tentang jalan rusak di desa.` }));
        }
        const env = {
          DATABASE_URL: database.url,
          PORT: '0',
          IMAP_URL: imap.url,
          MAIL_INTAKE_ADDRESS: INTAKE,
          MAIL_WORKER: 'false',
          SLA_SWEEP_MS: '0',
          UPLOAD_DIR: uploadDir,
        };
        const first = runTs('src/server.ts', env);
        running.push(first);
        await first.waitFor(/("msg":"mail processed"[\s\S]*){8}/, 60_000);
        first.child.kill('SIGKILL');
        await first.exited;
        const early = await database.db.selectFrom('inbound_mails').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        expect(Number(early.n)).to.be.within(8, 29);

        const second = runTs('src/server.ts', env);
        running.push(second);
        await until('an empty inbox', async () => (await imap.list('INBOX')).length === 0, 60_000);
        await second.stop();

        const rows = await database.db
          .selectFrom('reports')
          .select(['reporter_email', sql<number>`count(*)`.as('n')])
          .where('reporter_email', 'in', senders)
          .groupBy('reporter_email')
          .execute();
        expect(rows).to.have.length(30);
        expect(rows.every((r) => Number(r.n) === 1)).to.equal(true);
        const moved = await imap.list('Diproses');
        const ids = moved.map((m) => m.messageId);
        expect(new Set(ids).size).to.equal(ids.length);
      });
    });
  }
});
