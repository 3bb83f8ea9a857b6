import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { normalizeCode } from '../reports/tracking.js';
import type { InboundMail } from './parse.js';

/**
 * Which report a mail answers. Our outgoing mails carry Message-IDs that name the report
 * and who the mail went to, signed with a key only we hold:
 *
 *   <epg.64GX3L6Q.c1234.9f86d081884c7d659a2f@patikab.go.id>
 *        code     audience+outbox id  HMAC
 *
 * A reply quotes it in In-Reply-To or References, so a valid signature proves the sender
 * had one of our mails; nobody can make one up for someone else's report. Failing that,
 * a tracking code in the subject counts only when the sender is the reporter's own address.
 */

/** c: the mail went to the reporter; s: to staff (a notification, an alert). */
export type Audience = 'c' | 's';

const KEY_SETTING = 'mail_thread_key';
const SIG_HEX = 20; // 80 bits
const ID = /^epg\.([0-9A-Za-z]{8})\.([cs])(\d{1,15})\.([0-9a-fA-F]{20})@/;
const keys = new WeakMap<Db, Promise<Buffer>>();

/**
 * The signing key: made once and kept in the database, so every process and every
 * restart signs and checks alike. Two processes racing to make it keep the first.
 */
export function threadKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      const fresh = crypto.randomBytes(32).toString('base64');
      await db.insertInto('settings').values({ key: KEY_SETTING, value: JSON.stringify(fresh) }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const row = await db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirstOrThrow();
      return Buffer.from(String(row.value), 'base64');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

function signature(key: Buffer, code: string, audience: Audience, outboxId: number): string {
  return crypto.createHmac('sha256', key).update(`${code}.${audience}${outboxId}`).digest('hex').slice(0, SIG_HEX);
}

/** The Message-ID (with angle brackets) of an outgoing mail about a report. */
export function signedMessageId(key: Buffer, props: { code: string; audience: Audience; outboxId: number; domain: string }): string {
  return `<epg.${props.code}.${props.audience}${props.outboxId}.${signature(key, props.code, props.audience, props.outboxId)}@${props.domain}>`;
}

/** The report code and audience of one of our Message-IDs (without brackets), or null when it is not ours or forged. */
export function readMessageId(key: Buffer, id: string): { code: string; audience: Audience; outboxId: number } | null {
  const m = ID.exec(id);
  if (!m) return null;
  const code = normalizeCode(m[1]);
  if (!code) return null;
  const audience = m[2] as Audience;
  const outboxId = Number(m[3]);
  const expected = Buffer.from(signature(key, code, audience, outboxId));
  const given = Buffer.from(m[4]!.toLowerCase());
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? { code, audience, outboxId } : null;
}

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
