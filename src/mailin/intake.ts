import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { type InspectedFile, inspectUpload } from '../attachments/inspect.js';
import { withStoredAttachments } from '../attachments/store.js';
import { tempDir } from '../attachments/upload.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB, InboundOutcome, Report } from '../db/schema.js';
import { submitReport } from '../intake/commands/submitReport.js';
import { DuplicateReportError } from '../intake/duplicates.js';
import { type IntakeInput } from '../intake/schema.js';
import { threadKey } from '../notify/commands/threadKey.js';
import { reportChanged } from '../notify/live/bus.js';
import { readMessageId } from '../notify/messageIds.js';
import { LIMITS } from '../reports/limits.js';
import { findReportByCode } from '../reports/queries.js';
import { isClosed } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { addInformation } from '../tracking/commands/addInformation.js';
import { respondToAnswer } from '../tracking/commands/respondToAnswer.js';
import { reportById } from '../tracking/queries.js';
import { addNote } from '../triage/commands/work.js';
import { removeAttachmentFiles, type SkippedAttachment } from './attachments.js';
import { classifyMail, type MailClass } from './classify.js';
import { contentHash } from './dedupe.js';
import { addLateMessage } from './commands/addLateMessage.js';
import { recordBounce } from './commands/recordBounce.js';
import { type InboundRecord, insertInbound, type MailKey, recordMailOnly, recordTooLargeMail } from './commands/recordInbound.js';
import { type InboundMail, MailParseError, parseMail } from './parse.js';
import { activeUserByEmail, mailsInLastHour, processedMail } from './queries.js';
import { findThread, type Thread } from './threading.js';

/**
 * One mail from the intake mailbox, start to end: parsed, classified, and turned into a
 * report, a message on its report, or a record of why not. Everything it writes, and the
 * row in inbound_mails that says this mail was done, commits in one transaction; a mail
 * whose row exists is done, whatever happened to the process afterwards.
 */
export interface Processed {
  outcome: InboundOutcome | 'already';
  reportId: number | null;
}

export async function processMail(db: Db, config: Config, raw: Buffer): Promise<Processed> {
  const hashKey = `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;
  const hash = contentHash(raw);
  let mail: InboundMail;
  try {
    mail = await parseMail(raw, { uploads: config.uploads, tmpDir: tempDir(config.uploadDir) });
  } catch (err) {
    // A mail that cannot be read is recorded as such (and moved), not retried forever.
    if (!(err instanceof MailParseError)) throw err;
    return recordOnly(db, { dedupeKey: hashKey, outcome: 'unreadable', detail: err.message });
  }
  try {
    return await route(db, config, { mail, dedupeKey: mail.messageId ? `mid:${mail.messageId}` : hashKey, contentHash: hash });
  } finally {
    await removeAttachmentFiles(mail.attachments);
  }
}

/**
 * A mail too big to take (its size is over every limit the form has) is recorded by its
 * envelope alone, unread, and moved like the rest: staff find it in the processed folder.
 */
export async function recordTooLarge(
  db: Db,
  m: { messageId: string | null; from: string | null; subject: string; size: number; key: string },
): Promise<Processed> {
  await recordTooLargeMail(db, m);
  return { outcome: 'unreadable', reportId: null };
}

async function route(db: Db, config: Config, base: MailKey): Promise<Processed> {
  const { mail } = base;
  const seen = await processedMail(db, base.dedupeKey);
  if (seen) {
    // The same mail again (rows from before 0027 have no hash: taken as the same, as then).
    if (!mail.messageId || !seen.content_hash || seen.content_hash === base.contentHash) return { outcome: 'already', reportId: seen.report_id };
    return reusedMessageId(db, base, seen.report_id);
  }
  const kind = classifyMail(mail, { ownAddresses: ownAddresses(config) });
  switch (kind.kind) {
    case 'own':
      return recordOnly(db, { ...base, outcome: 'own' });
    case 'auto_reply':
      return recordOnly(db, { ...base, outcome: 'auto_reply', detail: kind.reason });
    case 'machine':
      return machineReport(db, { ...base, machine: kind });
    case 'bounce':
      return bounced(db, { ...base, bounce: kind });
    case 'report':
      break;
  }
  const sender = mail.from?.address;
  if (!sender) return recordOnly(db, { ...base, outcome: 'unreadable', detail: 'no sender address' });
  if ((await mailsInLastHour(db, sender)) >= config.mailIntake.senderLimitPerHour) {
    return recordOnly(db, { ...base, outcome: 'limited', detail: `more than ${config.mailIntake.senderLimitPerHour} mails in an hour` });
  }
  const thread = await findThread(db, mail);
  const { files, skipped } = await inspectAll(mail, config);
  try {
    if (thread) return await addToThread(db, config, { ...base, thread, files, skipped });
    return await newReport(db, config, { ...base, files, skipped });
  } catch (err) {
    // Another reader recorded this mail first, and this transaction rolled back: it is done.
    if (isUniqueViolation(err)) return { outcome: 'already', reportId: null };
    throw err;
  } finally {
    await removeAttachmentFiles(files.map((f) => ({ path: f.path })));
  }
}

function ownAddresses(config: Config): string[] {
  const from = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(config.mail.from)?.[1] ?? config.mail.from.trim();
  return [from, config.mailIntake.address].filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase());
}

/** Each attachment through the web form's checks; a refused one is skipped, not the mail. */
async function inspectAll(mail: InboundMail, config: Config): Promise<{ files: InspectedFile[]; skipped: SkippedAttachment[] }> {
  const files: InspectedFile[] = [];
  const skipped = [...mail.skipped];
  for (const a of mail.attachments) {
    try {
      files.push(await inspectUpload({ path: a.path, originalname: a.originalname }, config));
    } catch {
      // A file the form would refuse is left out and named in the record; the mail still counts.
      skipped.push({ name: a.originalname, contentType: a.contentType, size: a.size, reason: 'type' });
    }
  }
  return { files, skipped };
}

/** The mail's row alone, and what processMail answers for it. */
async function recordOnly(db: Db, b: { dedupeKey: string; mail?: InboundMail; contentHash?: string | null } & InboundRecord): Promise<Processed> {
  await recordMailOnly(db, b);
  return { outcome: b.outcome, reportId: b.reportId ?? null };
}

/**
 * A different mail with the Message-ID of one already taken: not processed (the dedupe
 * stays: a re-used ID must not make a second report), but recorded under its own key,
 * with its sender and subject, for the admin to see; the same one again is taken once.
 */
async function reusedMessageId(db: Db, b: MailKey, firstReportId: number | null): Promise<Processed> {
  const dedupeKey = `dupid:${b.contentHash}`;
  const seen = await processedMail(db, dedupeKey);
  if (seen) return { outcome: 'already', reportId: seen.report_id };
  return recordOnly(db, { ...b, dedupeKey, outcome: 'duplicate_id', reportId: firstReportId, detail: `Message-ID: <${b.mail.messageId}>`.slice(0, 1000) });
}

/**
 * A machine's report (ARF, a read receipt, ...) or an abuse desk's mail: recorded with
 * what it reports, and with the report of our mail it is about when the mail was ours.
 */
async function machineReport(db: Db, b: MailKey & { machine: Extract<MailClass, { kind: 'machine' }> }): Promise<Processed> {
  const { reason, summary, originalMessageId } = b.machine;
  const ours = originalMessageId ? readMessageId(await threadKey(db), originalMessageId) : null;
  const report = ours ? await findReportByCode(db, ours.code) : undefined;
  const detail = [reason, summary, originalMessageId ? `Original Message-ID: <${originalMessageId}>` : ''].filter(Boolean).join(' · ').slice(0, 1000);
  return recordOnly(db, { ...b, outcome: 'machine', reportId: report?.id ?? null, detail });
}

/** A bounce of one of our mails joins its report, for staff to see who did not get it. */
async function bounced(db: Db, b: MailKey & { bounce: Extract<MailClass, { kind: 'bounce' }> }): Promise<Processed> {
  const ours = b.bounce.originalMessageId ? readMessageId(await threadKey(db), b.bounce.originalMessageId) : null;
  const report = ours ? await findReportByCode(db, ours.code) : undefined;
  const detail = [b.bounce.action, b.bounce.status, b.bounce.diagnostic].filter(Boolean).join(' ').slice(0, 1000) || b.bounce.reason;
  if (!report || !ours || b.bounce.action === 'delayed') return recordOnly(db, { ...b, outcome: 'bounce', reportId: report?.id ?? null, detail });
  await recordBounce(db, { ...b, reportId: report.id, outboxId: ours.outboxId, failedRecipients: b.bounce.failedRecipients, detail });
  return { outcome: 'bounce', reportId: report.id };
}

const PREFIX = /^\s*((re|aw|fw|fwd|tr|balas|bls|trs|teruskan)\s*(\[\d+\])?\s*:\s*)+/i;

/** A mail as the intake service's input: the subject for a title, the text for a body. */
function intakeInput(mail: InboundMail, attachments: number): IntakeInput {
  const subject = mail.subject.replace(PREFIX, '').trim();
  const firstLine = mail.text.split('\n').find((l) => l.trim())?.trim() ?? '';
  const title = (subject || firstLine || 'Laporan melalui surel').slice(0, LIMITS.titleMax);
  const body = mail.text || (attachments ? '(Surel tanpa isi teks; lihat lampiran.)' : '(Surel tanpa isi teks.)');
  return {
    kind: 'pengaduan',
    title,
    body: body.slice(0, LIMITS.bodyMax),
    categoryId: null,
    regionCode: null,
    address: null,
    lat: null,
    lng: null,
    reporter: { name: mail.from?.name?.slice(0, LIMITS.nameMax) || null, email: mail.from!.address, phone: null, nik: null },
    anonymous: false,
    confidential: false,
  };
}

/** For the admin's list; the staff report page reads the parts themselves (skipped_parts). */
function skippedNote(skipped: SkippedAttachment[]): string | null {
  return skipped.length ? `skipped parts: ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`.slice(0, 1000) : null;
}

async function newReport(db: Db, config: Config, b: MailKey & { files: InspectedFile[]; skipped: SkippedAttachment[] }): Promise<Processed> {
  const input = intakeInput(b.mail, b.files.length);
  const quoted = b.mail.messageId ? `<${b.mail.messageId}>` : null;
  try {
    const result = await withStoredAttachments(
      b.files,
      config.uploadDir,
      (stored) =>
        submitReport(db, config, {
          input,
          channel: 'email',
          locale: 'id',
          attachments: stored,
          sourceRef: b.mail.messageId,
          // The acknowledgement answers the citizen's mail, in the same conversation.
          // Mail programs group a conversation by its subject too.
          acknowledgementSubject: (code) => `Re: ${b.mail.subject.replace(PREFIX, '').trim() || input.title} [${code}]`.slice(0, 250),
          acknowledgementHeaders: quoted
            ? { 'In-Reply-To': quoted, References: [...b.mail.references.map((r) => `<${r}>`), quoted].join(' ').slice(-900) }
            : undefined,
          record: (trx, report) => insertInbound(trx, { ...b, outcome: 'report', reportId: report.id, detail: skippedNote(b.skipped), skipped: b.skipped }),
        }),
      { db },
    );
    return { outcome: 'report', reportId: result.report.id };
  } catch (err) {
    // The same report sent twice makes no second one: the mail is recorded as its duplicate.
    if (!(err instanceof DuplicateReportError)) throw err;
    return recordOnly(db, { ...b, outcome: 'duplicate', reportId: err.existing.id, detail: `same as ${formatCode(err.existing.tracking_code)}` });
  }
}

/**
 * A reply joins its report: the citizen's as information (or, after an answer, as a reply
 * that re-opens it); one to a staff notification as an internal note. A closed report
 * keeps the mail for staff without re-opening.
 */
async function addToThread(
  db: Db,
  config: Config,
  b: MailKey & { thread: Thread; files: InspectedFile[]; skipped: SkippedAttachment[] },
): Promise<Processed> {
  const { report } = b.thread;
  const body = (b.mail.text || '(Surel tanpa isi teks.)').slice(0, LIMITS.messageMax);
  const detail = skippedNote(b.skipped);
  if (b.thread.audience === 's') {
    await staffNote(db, { ...b, report, body });
    return { outcome: 'note', reportId: report.id };
  }
  const record = (trx: Kysely<DB>) => insertInbound(trx, { ...b, outcome: 'reply', reportId: report.id, detail, skipped: b.skipped });
  if (isClosed(report.status)) {
    await addLateMessage(db, { ...b, report, body });
  } else if (report.status === 'answered') {
    await respondToAnswer(db, { report, body, appeal: false, record });
  } else {
    await withStoredAttachments(b.files, config.uploadDir, (stored) => addInformation(db, { report, body, attachments: stored, record }), { db });
  }
  reportChanged(await reportById(db, report.id));
  return { outcome: 'reply', reportId: report.id };
}

async function staffNote(db: Db, b: MailKey & { report: Report; body: string }): Promise<void> {
  const author = await activeUserByEmail(db, b.mail.from!.address);
  await addNote(db, {
    report: b.report,
    // Who wrote it, when the address is nobody's account.
    body: author ? b.body : `[${b.mail.from!.address}] ${b.body}`.slice(0, LIMITS.messageMax),
    actor: { kind: 'staff', userId: author?.id ?? null, agencyId: author?.agency_id ?? b.report.assigned_agency_id },
    record: (trx) => insertInbound(trx, { ...b, outcome: 'note', reportId: b.report.id }),
  });
}
