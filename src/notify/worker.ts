import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { type Claimed, claimBatch, failInterruptedSends, markNotSent, markSent, releaseUnstarted } from './commands/delivery.js';
import { threadKey } from './commands/threadKey.js';
import { type Audience, signedMessageId } from './messageIds.js';
import { fillSecret } from './secrets.js';
import { createMailTransport, describeFailure, isPermanentFailure, type OutgoingMail, SEND_BUDGET_MS } from './transport.js';
import { createWhatsAppSender } from './whatsappSend.js';
import { pollingLoop } from '../shared/pollingLoop.js';

/**
 * The outbox sender (DESIGN.md section 8, STYLE habit 9). Each run:
 *   1. rows left in `sending` past their lock (a process died mid-send) become `failed`
 *      (on the first run, then once a minute);
 *   2. a small batch of due `pending` rows is claimed in one statement
 *      (FOR UPDATE SKIP LOCKED, so any number of processes can run side by side) and
 *      marked `sending`, with what the mails' reports say for their headers; that
 *      statement commits before any mail is sent;
 *   3. each mail is sent outside any transaction (PGlite has one connection: holding it
 *      during an SMTP conversation would stop the whole app), then marked.
 * A mail is sent at most once: nothing puts a `sending` row back to `pending` once its
 * send may have started; only an admin does, after reading why.
 */
export const BATCH_SIZE = 5;
/** How long a claim holds; generous, since a live sender releases what it cannot start in time. */
export const LOCK_MS = 10 * 60_000;
const ERROR_MAX_CHARS = 1_000;
/** How often a sender looks for sends a dead process left in `sending` (failInterrupted). */
const INTERRUPTED_CHECK_MS = 60_000;

/** 1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failed try; never more than an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

export interface OutboxWorker {
  /** Finishes the mail being sent, releases the rest of its batch, and stops polling. */
  stop(): Promise<void>;
  /** One run (steps 1-3 above); resolves with the number of mails tried. */
  runOnce(): Promise<number>;
}

interface ReportOfMail {
  code: string;
  reporter: string | null;
  /** The citizen's first mail (with brackets), when the report came by mail. */
  firstMail: string | null;
}

export interface OutboxWorkerDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** false: no timer, runs only when runOnce is called (tests, one-off commands). */
  poll?: boolean;
  /**
   * Reads an uploaded file by its storage key, for mails that attach one (the attachments
   * capability knows where uploads live; this floor does not). Without it such a mail fails.
   */
  readUpload?: (storageKey: string) => Promise<Buffer>;
}

/** The domain of MAIL_FROM, for our Message-IDs. */
function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'e-pengaduan.invalid';
}

function truncate(text: string): string {
  return text.length > ERROR_MAX_CHARS ? `${text.slice(0, ERROR_MAX_CHARS - 1)}…` : text;
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function startOutboxWorker({ db, config, logger, poll = true, readUpload }: OutboxWorkerDeps): OutboxWorker {
  const transport = createMailTransport(config.mail);
  const log = logger.child({ component: 'outbox', transport: transport.name });
  const domain = messageIdDomain(config.mail.from);
  const whatsapp = createWhatsAppSender(db, config);

  // A send is interrupted only when a process dies, and its claim holds for LOCK_MS: looked
  // for on the first run and then once a minute, not in every run (a statement per batch).
  let nextInterruptedCheck = 0;
  async function failInterrupted(): Promise<void> {
    if (Date.now() < nextInterruptedCheck) return;
    const ids = await failInterruptedSends(db);
    nextInterruptedCheck = Date.now() + INTERRUPTED_CHECK_MS;
    if (ids.length) log.warn({ outboxIds: ids }, 'mails interrupted while sending marked failed');
  }


  /** The report of a claimed mail, as its claim brought it: its code signs the Message-ID, its reporter tells the audience. */
  function reportOf(row: Claimed): ReportOfMail | undefined {
    if (row.report_id === null || row.report_code === null) return undefined;
    return {
      code: row.report_code,
      reporter: row.report_reporter_email?.toLowerCase() ?? null,
      firstMail: row.report_channel === 'email' && row.report_source_ref ? `<${row.report_source_ref}>` : null,
    };
  }

  /** The files a mail carries, read now, as it leaves (outbox_attachments). */
  async function attachmentsOf(outboxId: number): Promise<NonNullable<OutgoingMail['attachments']>> {
    const rows = await db
      .selectFrom('outbox_attachments as oa')
      .leftJoin('answer_letters as l', 'l.id', 'oa.letter_id')
      .leftJoin('attachments as a', 'a.id', 'oa.attachment_id')
      .select(['oa.filename', 'oa.letter_id', 'l.pdf', 'a.storage_key', 'a.mime_type'])
      .where('oa.outbox_id', '=', outboxId)
      .orderBy('oa.id')
      .execute();
    // A letter withdrawn since (its reporter's data erased) is no longer sent to anyone.
    const present = rows.filter((r) => r.letter_id === null || r.pdf !== null);
    return Promise.all(
      present.map(async (r) => {
        if (r.pdf) return { filename: r.filename, content: Buffer.from(r.pdf), contentType: 'application/pdf' };
        if (!r.storage_key || !readUpload) throw new Error(`attachment ${r.filename} of outbox ${outboxId} cannot be read`);
        return { filename: r.filename, content: await readUpload(r.storage_key), contentType: r.mime_type ?? 'application/octet-stream' };
      }),
    );
  }

  async function deliver(row: Claimed, report: ReportOfMail | undefined, key: Buffer): Promise<void> {
    const audience: Audience | null = report ? (report.reporter === row.to_address.trim().toLowerCase() ? 'c' : 's') : null;
    // A report that came by mail: every mail to the citizen joins the conversation they started.
    const thread: Record<string, string> = audience === 'c' && report?.firstMail ? { 'In-Reply-To': report.firstMail, References: report.firstMail } : {};
    const mail: OutgoingMail = {
      from: config.mail.from,
      to: row.to_address,
      subject: row.subject,
      // The tracking secret goes into the mail only now, on its way out (notify/secrets.ts).
      text: row.secret ? fillSecret(row.text_body, row.secret) : row.text_body,
      html: row.html_body ? (row.secret ? fillSecret(row.html_body, row.secret) : row.html_body) : undefined,
      headers: {
        // RFC 3834: tells auto-responders (out-of-office) not to answer, so no mail loops.
        'Auto-Submitted': 'auto-generated',
        // A citizen's reply goes to the intake mailbox, where it joins the report.
        ...(audience === 'c' && config.mailIntake.address ? { 'Reply-To': config.mailIntake.address } : {}),
        ...thread,
        ...stringHeaders(row.headers),
      },
      // Stable across retries: a receiver that got a first try drops the copy. A mail
      // about a report names it, signed (messageIds.ts), so a reply finds it.
      messageId:
        report && audience
          ? signedMessageId(key, { code: report.code, audience, outboxId: row.id, domain })
          : `<outbox.${row.id}.${row.created_at.getTime().toString(36)}@${domain}>`,
    };
    const context = { outboxId: row.id, reportId: row.report_id, attempt: row.attempts };
    let result;
    try {
      const files = row.has_attachments ? await attachmentsOf(row.id) : [];
      if (files.length) mail.attachments = files;
      result = await transport.send(mail);
    } catch (err) {
      await recordFailure(row, err, context);
      return;
    }
    // Outside the try above: a database error here must never count as a failed send
    // (that would send again). The row stays `sending` and later fails as interrupted.
    await markSent(db, row.id, {
      transport: transport.name,
      messageId: result.messageId,
      refusedBy: result.rejected.length ? truncate(`Refused by the server for: ${result.rejected.join(', ')}`) : null,
    });
    // A mail kept in the development outbox went nowhere: debug, so the demo's first mails
    // do not push the addresses `npm start` printed off the screen.
    const level = transport.name === 'dev-outbox' ? 'debug' : 'info';
    log[level]({ ...context, rejected: result.rejected.length }, 'mail sent');
  }

  /**
   * A WhatsApp message (whatsappSend.ts decides what goes): the same claim, the same
   * retries with backoff, the same "never twice" as a mail.
   */
  async function deliverWhatsApp(row: Claimed): Promise<void> {
    const context = { outboxId: row.id, reportId: row.report_id, attempt: row.attempts, channel: 'whatsapp' };
    const outcome = await whatsapp.deliver(row);
    if (outcome.ok) {
      // As for mail: a database error here leaves the row `sending`, later failed as interrupted, never sent again.
      await markSent(db, row.id, { transport: outcome.transport, messageId: null, refusedBy: null, providerMessageId: outcome.wamid });
      log[outcome.transport === 'dev-outbox' ? 'debug' : 'info']({ ...context, note: outcome.note }, 'whatsapp message sent');
      return;
    }
    const giveUp = !outcome.retry || row.attempts >= config.mail.maxAttempts;
    const delay = retryDelayMinutes(row.attempts);
    await markNotSent(db, row.id, { error: truncate(outcome.error), retryInMinutes: giveUp ? null : delay });
    log.warn({ ...context, retryInMinutes: giveUp ? null : delay }, giveUp ? 'whatsapp message failed' : 'whatsapp message not sent, will retry');
  }

  async function recordFailure(row: Claimed, err: unknown, context: object): Promise<void> {
    const permanent = isPermanentFailure(err);
    const giveUp = permanent || row.attempts >= config.mail.maxAttempts;
    const delay = retryDelayMinutes(row.attempts);
    const e = err as { code?: string; responseCode?: number };
    await markNotSent(db, row.id, { error: truncate(describeFailure(err)), retryInMinutes: giveUp ? null : delay });
    // Codes only: the server's text may quote the address, and bodies never go to logs.
    log.warn(
      { ...context, code: e.code, responseCode: e.responseCode, permanent, retryInMinutes: giveUp ? null : delay },
      giveUp ? 'mail failed' : 'mail not sent, will retry',
    );
  }

  async function run(): Promise<number> {
    await failInterrupted();
    const claimed = await claimBatch(db, BATCH_SIZE, LOCK_MS);
    // Our own clock decides when to stop starting sends, so clock skew between
    // processes cannot let another one fail a mail we are still sending.
    const lastStart = Date.now() + LOCK_MS - SEND_BUDGET_MS;
    let started = 0;
    try {
      // Read before any send starts: a failure here releases the whole batch.
      const key = await threadKey(db);
      for (const row of claimed) {
        if (loop.stopping || Date.now() > lastStart) break;
        // Counted before the send: a row whose send began is never released below.
        started += 1;
        if (row.channel === 'whatsapp') await deliverWhatsApp(row);
        else await deliver(row, reportOf(row), key);
      }
    } finally {
      await releaseUnstarted(db, claimed.slice(started).map((r) => r.id));
    }
    return started;
  }

  // Runs never overlap; a full batch means more may be waiting: go on at once.
  const loop = pollingLoop({ run, batchSize: BATCH_SIZE, pollMs: config.mail.pollMs, poll, onError: (err) => log.error({ err }, 'outbox run failed') });

  if (transport.name === 'dev-outbox') log.info('no SMTP_URL: mails stay in the development outbox at /admin/outbox');
  loop.schedule(0);

  return {
    runOnce: loop.runOnce,
    async stop() {
      await loop.stop();
      transport.close();
    },
  };
}
