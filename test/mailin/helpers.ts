import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { createLogger } from '../../src/logger.js';
import { startMailIntake } from '../../src/mailin/mailbox.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { startDovecot, type TestImap } from '../helpers/dovecot.js';
import { startSmtp, type TestSmtp } from '../notify/smtp.js';

/** A raw RFC 822 mail, built the way a mail program builds one. */
export function composeMail(options: Mail.Options & { messageId?: string }): Promise<Buffer> {
  const id = options.messageId ?? `<${crypto.randomUUID()}@mail.example.id>`;
  return new MailComposer({ date: new Date(), ...options, messageId: id }).compile().build();
}

/** A fresh sender address, so per-sender limits of one test never touch another. */
export function citizenAddress(prefix = 'warga'): string {
  return `${prefix}.${crypto.randomBytes(4).toString('hex')}@mail.example.id`;
}

export const INTAKE = 'pengaduan@patikab.go.id';

export interface MailWorld {
  imap: TestImap;
  smtp: TestSmtp;
  t: TestApp;
  /** One pass of the mailbox reader, then the outbox sender until it is empty, as the running app does. */
  pass(): Promise<number>;
  close(): Promise<void>;
}

/** A real Dovecot and a real SMTP server on loopback, and the app configured for both. */
export async function startMailWorld(env: Record<string, string> = {}): Promise<MailWorld> {
  // A database of its own: a pass sends every pending mail, as the app does, and the run's
  // shared database holds the unsent mail of every test before this one (a pass took 43 s).
  const [imap, smtp, database] = await Promise.all([startDovecot(), startSmtp(), createTestDatabase()]);
  await prepareDatabase(database.db);
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-mailin-'));
  const t = await buildTestApp({
    IMAP_URL: imap.url,
    SMTP_URL: smtp.url,
    MAIL_FROM: `e-Pengaduan Kabupaten Pati <${INTAKE}>`,
    MAIL_INTAKE_ADDRESS: INTAKE,
    UPLOAD_DIR: uploadDir,
    REPORT_IP_LIMIT_PER_HOUR: '1000',
    ...env,
  }, database);
  const logger = createLogger('silent');
  return {
    imap,
    smtp,
    t,
    async pass() {
      const handled = await startMailIntake({ db: t.database.db, config: t.config, logger, watch: false }).runOnce();
      const outbox = startOutboxWorker({ db: t.database.db, config: t.config, logger, poll: false });
      while ((await outbox.runOnce()) > 0);
      await outbox.stop();
      return handled;
    },
    async close() {
      await Promise.all([imap.stop(), smtp.close(), database.drop()]);
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
