import crypto from 'node:crypto';
import { normalizeCode } from '../reports/tracking.js';

/**
 * Our outgoing mails about a report carry Message-IDs that name the report and who the
 * mail went to, signed with a key only we hold (commands/threadKey.ts):
 *
 *   <epg.64GX3L6Q.c1234.9f86d081884c7d659a2f@patikab.go.id>
 *        code     audience+outbox id  HMAC
 *
 * The outbox signs them as it sends; mail intake reads them back from replies.
 */

/** c: the mail went to the reporter; s: to staff (a notification, an alert). */
export type Audience = 'c' | 's';

const SIG_HEX = 20; // 80 bits
const ID = /^epg\.([0-9A-Za-z]{8})\.([cs])(\d{1,15})\.([0-9a-fA-F]{20})@/;

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

