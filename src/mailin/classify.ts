import { type DeliveryReport, readDeliveryReport } from './delivery.js';
import { type MachineReport, readMachineReport } from './feedback.js';
import { firstHeader } from './headers.js';
import type { InboundMail } from './parse.js';

/**
 * What kind of mail arrived, so that only people's mail makes reports and nothing the
 * mailbox receives is ever answered by a machine loop. The first match wins:
 *
 *   own > machine report > bounce > machine sender > auto_reply > report
 *
 * - own first: our own mail coming back (a copy, a forward loop) is ignored whatever it
 *   looks like.
 * - machine report: every multipart/report (RFC 6522) whose report-type is not
 *   delivery-status: an abuse desk's ARF feedback report (RFC 5965), a read receipt
 *   (RFC 8098), and any other type. A machine wrote it about a mail; it is no complaint
 *   and must never be answered (an acknowledgement to an abuse desk is itself abuse).
 *   Before bounce: a postmaster also sends feedback reports.
 * - bounce before auto_reply: bounces carry auto-reply markers too (Postfix and Exchange
 *   add Auto-Submitted), and a bounce must reach its report as a delivery failure
 *   instead of being dropped.
 * - machine sender: abuse desks, feedback loops and no-reply senders, whatever the form
 *   of their mail: nobody reads an answer there.
 * - auto_reply: out-of-office notices, vacation replies, mailing lists and newsletters:
 *   dropped, never answered.
 * - report: a person's mail; threading decides whether it is new or joins a report.
 */
export type MailClass =
  | { kind: 'own' }
  | ({ kind: 'bounce'; reason: string } & DeliveryReport)
  | { kind: 'auto_reply'; reason: string }
  | ({ kind: 'machine'; reason: string } & MachineReport)
  | { kind: 'report' };

export interface ClassifyOptions {
  /** The addresses our mail is sent from (intake mailbox, SMTP_FROM), any case. */
  ownAddresses: readonly string[];
}

export function classifyMail(mail: InboundMail, opts: ClassifyOptions): MailClass {
  const from = mail.from?.address ?? null;
  if (from && opts.ownAddresses.some((a) => a.trim().toLowerCase() === from)) return { kind: 'own' };

  const report = machineReportReason(mail);
  if (report) return { kind: 'machine', reason: report, ...readMachineReport(mail) };

  const auto = autoReplyReason(mail);
  const bounce = strongBounceReason(mail) ?? (auto ? null : weakBounceReason(mail));
  if (bounce) {
    const report = readDeliveryReport(mail.deliveryParts, { xFailedRecipients: firstHeader(mail.headers, 'x-failed-recipients'), text: mail.fullText });
    return { kind: 'bounce', reason: bounce, ...report };
  }
  const machine = machineSenderReason(mail);
  if (machine) return { kind: 'machine', reason: machine, ...readMachineReport(mail) };
  if (auto) return { kind: 'auto_reply', reason: auto };
  return { kind: 'report' };
}

/** What each report-type (RFC 6522) is, for the record staff read. */
const REPORT_TYPES: Record<string, string> = {
  'feedback-report': 'ARF abuse feedback report (RFC 5965)',
  'disposition-notification': 'read receipt (RFC 8098)',
  'tlsrpt': 'TLS report (RFC 8460)',
};

/** Every multipart/report but a delivery status notification (a bounce, handled as one). */
function machineReportReason(mail: InboundMail): string | null {
  if (mail.contentType.value !== 'multipart/report') return null;
  const reportType = (mail.contentType.params['report-type'] ?? '').trim().toLowerCase();
  if (reportType === 'delivery-status' || reportType === 'global-delivery-status') return null;
  return `multipart/report; report-type=${reportType || '(none)'}: ${REPORT_TYPES[reportType] ?? 'machine-generated report'}`;
}

/**
 * Local parts of machine senders that are not bounces: abuse desks and their feedback
 * loops (RFC 2142 names abuse@; FBL senders use fbl@, arf@, feedbackloop@, scomp@), and
 * no-reply senders. A person writing from one of these cannot be answered anyway.
 */
const MACHINE_SENDER =
  /^(?:abuse|abuse[-_.]?(?:desk|report|reports|team)|fbl|arf|feedback[-_.]?loop|feedbackloop|scomp|no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply[-_.][^@]*|bounces?)(?:[+][^@]*)?@/;

function machineSenderReason(mail: InboundMail): string | null {
  return mail.from && MACHINE_SENDER.test(mail.from.address) ? `From: ${mail.from.address} (abuse desk or no-reply sender)` : null;
}

/** Senders that only ever send delivery reports. */
const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|mail\.daemon)@/;

function strongBounceReason(mail: InboundMail): string | null {
  const reportType = (mail.contentType.params['report-type'] ?? '').toLowerCase();
  if (mail.contentType.value === 'multipart/report' && reportType === 'delivery-status') return 'multipart/report; report-type=delivery-status';
  if (mail.from && BOUNCE_SENDER.test(mail.from.address)) return `From: ${mail.from.address}`;
  if (mail.headers.has('x-failed-recipients')) return 'X-Failed-Recipients';
  return null;
}

/**
 * A null return path ("Return-Path: <>", set by the delivering server from MAIL FROM:<>)
 * marks mail that must never be answered: bounces, but also read receipts and RFC 3834
 * auto-replies. Alone, it counts as a bounce; with an auto-reply marker, as an auto-reply.
 */
function weakBounceReason(mail: InboundMail): string | null {
  return mail.headers.get('return-path')?.some((v) => /^<\s*>$/.test(v.trim())) ? 'Return-Path: <>' : null;
}

/**
 * Subjects of out-of-office and automatic replies as mail programs write them, English
 * and Indonesian (Outlook "Balasan Otomatis:", Gmail's vacation responder, Yahoo), at
 * the start or after "Re:"/"Fw:" prefixes.
 */
const AUTO_SUBJECT =
  /^(?:\s*(?:re|aw|fwd?|tr|balas)\s*:)*\s*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[ -]?(?:reply|response)|auto:|balasan otomatis|di luar kantor|sedang di luar kantor|tidak di kantor|sedang cuti)/i;

/**
 * Auto-Submitted (RFC 3834) other than "no"; Precedence bulk/junk/list (RFC 2076) and
 * auto_reply; the X-Autoreply / X-Autorespond headers of vacation programs; mailing
 * list headers (RFC 2369, RFC 2919); read receipts; the subjects above.
 *
 * X-Auto-Response-Suppress is deliberately not used: it asks others not to auto-reply
 * to this mail, and Exchange sets it on ordinary mail (distribution lists, meeting
 * requests), so counting it drops real complaints (Discourse and GLPI both had to
 * remove that rule). Exchange's real out-of-office replies also carry Auto-Submitted
 * and an "Automatic reply:" subject, which are checked.
 */
function autoReplyReason(mail: InboundMail): string | null {
  const header = (name: string) => firstHeader(mail.headers, name);
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted.trim())) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header('precedence');
  if (precedence && /^(?:bulk|junk|list|auto_reply)\b/i.test(precedence.trim())) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoreply-from', 'x-mail-autoreply']) {
    if (mail.headers.has(name)) return name;
  }
  for (const name of ['list-id', 'list-unsubscribe']) {
    if (mail.headers.has(name)) return `${name} (mailing list)`;
  }
  if (AUTO_SUBJECT.test(mail.subject)) return `Subject: ${mail.subject}`;
  return null;
}
