import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { startDovecot, type TestImap } from '../helpers/dovecot.js';
import { citizenAddress, composeMail, INTAKE } from '../mailin/helpers.js';
import { type RunningApp, sleep, startApp, until } from './helpers.js';

/**
 * Issue 11, faults: the IMAP server is down. A real app process (src/server.ts) starts
 * while Dovecot is down: it serves and stays ready, and its mail reader keeps trying;
 * once Dovecot is up the mail waiting there becomes reports. Dovecot then restarts under
 * the running app, and mail that arrives afterwards is taken too. Each mail makes one
 * report, and is moved out of the inbox only after that.
 *
 * The reader's own reconnect after a restart (in-process, with IDLE) is in
 * test/mailin/reader.test.ts, and a reader process killed mid-batch there too.
 */
describe('IMAP down', function () {
  this.timeout(120_000);
  let imap: TestImap;
  let uploadDir: string;
  let dataDir: string;
  let server: TestDatabase | undefined;
  let app: RunningApp | undefined;

  before(async () => {
    imap = await startDovecot();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-imapdown-up-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-imapdown-db-'));
    if (onServer()) server = await createTestDatabase({ migrate: false });
  });
  after(async () => {
    await app?.proc.stop();
    await imap?.stop();
    await server?.drop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const mail = (from: string, n: number) =>
    composeMail({ from, to: INTAKE, subject: `Jalan rusak nomor ${n}`, text: `Jalan desa nomor ${n} rusak berat dan berlubang, mohon segera diperbaiki.` });
  const inboxEmpty = async () => (await imap.list('INBOX')).length === 0;

  it('starts and serves while IMAP is down, takes the mail once it is up, and again after a restart under it', async () => {
    const senders = [citizenAddress('down'), citizenAddress('down'), citizenAddress('down'), citizenAddress('down')];
    const env = {
      ...(server ? { DATABASE_URL: server.url! } : { DATA_DIR: dataDir }),
      UPLOAD_DIR: uploadDir,
      IMAP_URL: imap.url,
      MAIL_INTAKE_ADDRESS: INTAKE,
      MAIL_WORKER: 'false',
      // A poll every 60 s: mail seen within seconds comes from IDLE or a reconnect.
      IMAP_POLL_MS: '60000',
    };

    await imap.restart(async () => {
      app = await startApp(env);
      // The reader fails to connect, and keeps trying; the app serves all along.
      await app.proc.waitFor(/mailbox pass failed; will reconnect[\s\S]*mailbox pass failed; will reconnect/, 20_000);
      expect(app.proc.child.exitCode).to.equal(null);
      expect((await fetch(`${app.base}/readyz`)).status).to.equal(200);
      expect((await fetch(`${app.base}/lapor`)).status).to.equal(200);
    });
    // Up: mail delivered now is read without a restart of the app.
    await imap.append(await mail(senders[0]!, 1));
    await imap.append(await mail(senders[1]!, 2));
    await until('the first mails taken', inboxEmpty, 45_000, 250);

    // Dovecot restarts under the running app; mail that comes after is taken too.
    await imap.restart(() => sleep(1_500));
    await imap.append(await mail(senders[2]!, 3));
    await imap.append(await mail(senders[3]!, 4));
    await until('the mails after the restart taken', inboxEmpty, 45_000, 250);
    expect(app!.proc.child.exitCode).to.equal(null);
    await app!.proc.stop();
    app = undefined;

    // Every mail is one report, and moved once.
    const moved = await imap.list('Diproses');
    expect(moved).to.have.length(4);
    const database: Database = server ?? (await openDatabase({ dataDir }));
    try {
      const rows = await database.db
        .selectFrom('reports')
        .select(['reporter_email', 'channel', sql<number>`count(*)`.as('n')])
        .where('reporter_email', 'in', senders)
        .groupBy(['reporter_email', 'channel'])
        .execute();
      expect(rows.map((r) => ({ email: r.reporter_email, channel: r.channel, n: Number(r.n) })).sort((a, b) => a.email!.localeCompare(b.email!))).to.deep.equal(
        [...senders].sort().map((email) => ({ email, channel: 'email', n: 1 })),
      );
    } finally {
      if (!server) await database.close();
    }
  });
});
