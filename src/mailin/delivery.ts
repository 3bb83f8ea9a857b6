import { firstHeader, headersOfText, messageIds } from './headers.js';

/**
 * What a bounce says about the mail it returns: which of our mails failed (its
 * Message-ID, which threading maps to a report) and for whom. Read from a delivery
 * status notification (RFC 3464: multipart/report with a message/delivery-status part
 * and the returned message or its headers), with fallbacks for the older plain-text
 * bounces that only paste the original.
 */
export interface DeliveryReport {
  /** Message-ID of the returned mail (ours), without angle brackets; null when not found. */
  originalMessageId: string | null;
  /** Recipients whose delivery failed, lower-cased. */
  failedRecipients: string[];
  /** 'failed' or 'delayed' (a warning: the server still tries); null when the report gives none. */
  action: 'failed' | 'delayed' | null;
  /** Enhanced status code, e.g. "5.1.1"; null when none. */
  status: string | null;
  /** The receiving server's words, e.g. "smtp; 550 5.1.1 User unknown"; null when none. */
  diagnostic: string | null;
}

/** The parts of a multipart/report that matter here, as text (parse.ts reads only their head). */
export interface ReportParts {
  deliveryStatus: string | null;
  /**
   * The machine-readable part of any other report (RFC 6522): an ARF feedback report
   * (message/feedback-report, RFC 5965), a read receipt (message/disposition-notification,
   * RFC 8098), or another report type's second part.
   */
  machine: string | null;
  /** The returned message, or only its headers (text/rfc822-headers). */
  returned: string | null;
}

/**
 * The delivery report of a bounce. `fallback` covers bounces without a DSN part:
 * Exim's X-Failed-Recipients header, and a "Message-ID:" line in the pasted original
 * (`text` is the bounce's body).
 */
export function readDeliveryReport(parts: ReportParts, fallback: { xFailedRecipients: string | null; text: string }): DeliveryReport {
  const groups = parts.deliveryStatus ? recipientGroups(parts.deliveryStatus) : [];
  const failed = groups.filter((g) => g.action === 'failed');
  const first = failed[0] ?? groups.find((g) => g.action === 'delayed') ?? null;
  // The DSN is the authority when there is one; Exim's header only without it.
  const recipients = groups.length ? failed.map((g) => g.recipient) : splitAddresses(fallback.xFailedRecipients);
  return {
    originalMessageId: returnedMessageId(parts.returned) ?? pastedMessageId(fallback.text),
    failedRecipients: [...new Set(recipients.filter((a): a is string => !!a))],
    action: first?.action === 'delayed' ? 'delayed' : first || recipients.length ? 'failed' : null,
    status: first?.status ?? null,
    diagnostic: first?.diagnostic ?? null,
  };
}

interface RecipientGroup {
  recipient: string | null;
  action: 'failed' | 'delayed' | 'other';
  status: string | null;
  diagnostic: string | null;
}

/**
 * A delivery-status part is header-like groups separated by blank lines: the first is
 * about the message, each further one about one recipient.
 */
function recipientGroups(deliveryStatus: string): RecipientGroup[] {
  const groups = deliveryStatus.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  return groups
    .map((group) => headersOfText(group))
    .filter((h) => h.has('final-recipient') || h.has('original-recipient'))
    .map((h) => {
      const action = (firstHeader(h, 'action') ?? '').toLowerCase();
      return {
        recipient: typedAddress(firstHeader(h, 'final-recipient') ?? firstHeader(h, 'original-recipient')),
        // A group without an Action is a failure report in practice (old Sendmail).
        action: action === 'failed' || action === '' ? 'failed' : action === 'delayed' ? 'delayed' : 'other',
        status: /\d\.\d{1,3}\.\d{1,3}/.exec(firstHeader(h, 'status') ?? '')?.[0] ?? null,
        diagnostic: firstHeader(h, 'diagnostic-code'),
      } satisfies RecipientGroup;
    });
}

/** "rfc822; Siti@Example.com" -> "siti@example.com". */
function typedAddress(value: string | null): string | null {
  const address = value?.split(';').pop()?.trim().replace(/^<|>$/g, '').toLowerCase();
  return address && address.includes('@') ? address : null;
}

function splitAddresses(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())
    .filter((a) => a.includes('@'));
}

function returnedMessageId(returned: string | null): string | null {
  return returned ? (messageIds(firstHeader(headersOfText(returned), 'message-id'))[0] ?? null) : null;
}

function pastedMessageId(text: string): string | null {
  const line = /^[ \t>]*Message-ID:[ \t]*(.+)$/im.exec(text);
  return line ? (messageIds(line[1])[0] ?? null) : null;
}
