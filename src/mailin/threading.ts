import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { threadKey } from '../notify/commands/threadKey.js';
import { type Audience, readMessageId } from '../notify/messageIds.js';
import { normalizeCode } from '../reports/tracking.js';
import type { InboundMail } from './parse.js';

/**
 * Which report a mail answers: a reply quotes one of our signed Message-IDs
 * (notify/messageIds.ts) in In-Reply-To or References, so a valid signature proves the
 * sender had one of our mails; nobody can make one up for someone else's report. Failing
 * that, a tracking code in the subject counts only when the sender is the reporter's own
 * address.
 */

export interface Thread {
  report: Report;
  /** header: a signed Message-ID; subject: a code in the subject from the reporter's address. */
  via: 'header' | 'subject';
  audience: Audience;
}

const SUBJECT_CODE = /\b([2-9A-HJ-NP-Za-hj-np-z]{4})-?([2-9A-HJ-NP-Za-hj-np-z]{4})\b/g;

/** The report this mail continues, or null for a new one. */
export async function findThread(db: Db, mail: Pick<InboundMail, 'inReplyTo' | 'references' | 'subject' | 'from'>): Promise<Thread | null> {
  const key = await threadKey(db);
  // The mail it answers first, then the rest of the conversation, newest first.
  const ids = [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => Boolean(id));
  for (const id of ids) {
    const ours = readMessageId(key, id);
    if (!ours) continue;
    const report = await db.selectFrom('reports').selectAll().where('tracking_code', '=', ours.code).executeTakeFirst();
    if (report) return { report, via: 'header', audience: ours.audience };
  }
  const sender = mail.from?.address;
  if (!sender) return null;
  for (const m of mail.subject.matchAll(SUBJECT_CODE)) {
    const code = normalizeCode(`${m[1]}${m[2]}`);
    if (!code) continue;
    const report = await db
      .selectFrom('reports')
      .selectAll()
      .where('tracking_code', '=', code)
      .where(sql<boolean>`lower(reporter_email) = ${sender}`)
      .executeTakeFirst();
    if (report) return { report, via: 'subject', audience: 'c' };
  }
  return null;
}
