import { ImapFlow } from 'imapflow';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { type Lease, tryLease } from '../db/leadership.js';
import type { Logger } from '../logger.js';
import { processMail, recordTooLarge } from './intake.js';

/**
 * The intake mailbox reader. It takes every mail in the folder of IMAP_URL, oldest first,
 * and moves it to IMAP_PROCESSED_FOLDER only after processMail committed what the mail
 * made. A crash before the move leaves the mail where it was; the next pass finds its
 * row in inbound_mails and only moves it. Between passes it waits for the server to say
 * that mail arrived (IDLE), or polls where the server has no IDLE.
 */
export interface MailIntake {
  /** One pass over the mailbox now; resolves with the number of mails handled. */
  runOnce(): Promise<number>;
  /** True while this process is the one reading the mailbox (always, on the embedded database). */
  reading(): boolean;
  /** Finishes the mail in hand and disconnects. */
  stop(): Promise<void>;
}

export interface MailIntakeDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** false: no connection kept open, runs only when runOnce is called (tests, commands). */
  watch?: boolean;
  /**
   * A PostgreSQL server shared by several app processes: only the one holding the mail
   * reader's lease reads; the others wait and take over when it stops or dies. Without it
   * (the embedded database: one process) this process always reads.
   */
  databaseUrl?: string;
}

/** Advisory lock key of the mail reader (any constant unique in this app). */
const READER_LOCK = 7_340_118;

const MAX_BACKOFF_MS = 60_000;
/** Bigger than every attachment the form allows, encoded, plus the text: anything larger is refused unread. */
const maxMailBytes = (config: Config) => Math.ceil(config.uploads.maxFiles * config.uploads.maxFileBytes * 1.4) + 2 * 1024 * 1024;

export function mailboxSettings(imapUrl: string) {
  const url = new URL(imapUrl);
  const secure = url.protocol === 'imaps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    pass: decodeURIComponent(url.password),
    folder: decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

export function startMailIntake({ db, config, logger, watch = true, databaseUrl }: MailIntakeDeps): MailIntake {
  const settings = mailboxSettings(config.mailIntake.imapUrl!);
  const processed = config.mailIntake.processedFolder;
  const log = logger.child({ component: 'mailin', mailbox: `${settings.host}:${settings.port}/${settings.folder}` });
  let stopping = false;
  let client: ImapFlow | undefined;
  let wake: (() => void) | undefined;
  // Passes never overlap: each waits for the one before.
  let current: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | undefined;
  let lease: Lease | null = null;

  function connect(): ImapFlow {
    const c = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: { user: settings.user, pass: settings.pass },
      logger: false,
      // IDLE soon after each pass, so new mail is seen within a second or so.
      autoIdleDelay: 200,
      maxIdleTime: config.mailIntake.pollMs,
      missingIdleCommand: 'NOOP',
      connectionTimeout: 30_000,
      socketTimeout: 5 * 60_000,
    });
    // Without a listener, a dropped connection would crash the process.
    c.on('error', (err: Error) => log.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'mailbox connection error'));
    c.on('exists', () => wake?.());
    c.on('close', () => wake?.());
    return c;
  }

  async function open(c: ImapFlow): Promise<void> {
    await c.connect();
    const list = await c.list();
    if (!list.some((m) => m.path === processed)) await c.mailboxCreate(processed);
    await c.mailboxOpen(settings.folder);
  }

  /** Every mail in the folder, oldest first; each processed, then moved. */
  async function drain(c: ImapFlow): Promise<number> {
    const found: { uid: number; size: number }[] = [];
    for await (const m of c.fetch('1:*', { uid: true, size: true })) found.push({ uid: m.uid, size: m.size ?? 0 });
    let handled = 0;
    for (const { uid, size } of found.sort((a, b) => a.uid - b.uid)) {
      if (stopping) break;
      const limit = maxMailBytes(config);
      const msg = await c.fetchOne(String(uid), size > limit ? { envelope: true } : { source: true }, { uid: true });
      if (!msg) continue; // gone meanwhile (another reader moved it)
      const result =
        size > limit
          ? await recordTooLarge(db, { messageId: msg.envelope?.messageId ?? null, from: msg.envelope?.from?.[0]?.address ?? null, subject: msg.envelope?.subject ?? '', size, key: `uid:${c.mailbox ? c.mailbox.uidValidity : 0}:${uid}` })
          : await processMail(db, config, msg.source!);
      // Only after the commit: a crash before this line leaves the mail for the next pass.
      const moved = await c.messageMove(String(uid), processed, { uid: true });
      if (!moved) throw new Error(`could not move mail ${uid} to ${processed}`);
      log.info({ uid, outcome: result.outcome, reportId: result.reportId }, 'mail processed');
      handled += 1;
    }
    return handled;
  }

  async function session(): Promise<void> {
    const c = connect();
    client = c;
    try {
      await open(c);
      log.info({ idle: c.capabilities.has('IDLE') }, 'reading the intake mailbox');
      while (!stopping && c.usable && !lease?.lost) {
        await drain(c);
        if (stopping || !c.usable) break;
        // Until the server says mail arrived, the connection dropped, or a poll is due.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, config.mailIntake.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      client = undefined;
      await c.logout().catch(() => c.close());
    }
  }

  async function watchLoop(): Promise<void> {
    let backoff = 1_000;
    while (!stopping) {
      const started = Date.now();
      let following = false;
      try {
        if (databaseUrl && (!lease || lease.lost)) {
          await lease?.release();
          lease = await tryLease(databaseUrl, READER_LOCK);
        }
        following = Boolean(databaseUrl && !lease);
        if (!following) await session();
      } catch (err) {
        log.warn({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'mailbox pass failed; will reconnect');
      }
      if (stopping) break;
      // Another process reads: look again soon, to take over when it stops or dies. Else a
      // session that lasted was healthy: start again quickly; a failing one backs off.
      const healthy = Date.now() - started > MAX_BACKOFF_MS;
      backoff = following ? Math.min(config.mailIntake.pollMs, 5_000) : healthy ? 1_000 : Math.min(backoff * 2, MAX_BACKOFF_MS);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  async function once(): Promise<number> {
    const c = connect();
    try {
      await open(c);
      return await drain(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  }

  if (watch) loop = watchLoop();

  return {
    runOnce() {
      const next = current.then(once);
      current = next.catch(() => undefined);
      return next;
    },
    reading() {
      return !databaseUrl || Boolean(lease && !lease.lost);
    },
    async stop() {
      stopping = true;
      wake?.();
      await current;
      await client?.logout().catch(() => client?.close());
      await loop;
      await lease?.release();
      lease = null;
    },
  };
}
