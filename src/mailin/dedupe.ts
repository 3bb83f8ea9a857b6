import crypto from 'node:crypto';

/**
 * When is a mail one already received? A mail is taken once by its Message-ID (or, with
 * none, by a hash of its bytes). But two different mails can carry one Message-ID (a
 * broken script, a program that re-uses it for every message, a forged one), and the
 * second must not vanish: it is recorded as a duplicate, visible to the admin, and not
 * processed. To tell "a different mail" from "the same mail again", each mail's row
 * keeps a hash of what it says: its bytes without the trace fields every hop and every
 * delivery adds (RFC 5321 section 4.4: Received, Return-Path; the delivery agent's
 * Delivered-To, X-Original-To; the receiving side's verdicts). The same mail delivered
 * twice (to two of our addresses, or re-sent by a server that timed out) hashes the same
 * and is taken once, silently, as before; a mail that says something else is listed.
 */

/** Fields a receiving system adds or rewrites per delivery, not part of what the sender sent. */
const TRACE =
  /^(?:received|return-path|delivered-to|x-original-to|x-envelope-to|envelope-to|x-delivered-to|authentication-results|arc-[a-z-]+|received-spf|x-spam-[a-z-]+|x-virus-[a-z-]+|x-rspamd-[a-z-]+|x-ms-exchange-organization-[a-z-]+|x-uid|status|x-status|x-keywords|content-length|lines)$/i;

export function contentHash(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const kept = head
    .split(/\r?\n(?![ \t])/)
    .filter((field) => !TRACE.test(field.slice(0, Math.max(0, field.indexOf(':'))).trim()))
    .map((field) => field.replace(/\r?\n[ \t]+/g, ' ').trimEnd());
  const body = end ? raw.subarray(end.index + end[0].length) : Buffer.alloc(0);
  return crypto.createHash('sha256').update(kept.join('\n')).update('\n\n').update(body).digest('hex');
}
