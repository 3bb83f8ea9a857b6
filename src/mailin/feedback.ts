import { firstHeader, headersOfText, messageIds } from './headers.js';
import type { InboundMail } from './parse.js';

/**
 * What a machine's report says, for the record staff read at /admin/surel-masuk: the
 * fields of its machine-readable part (an ARF feedback report, RFC 5965 section 3.1; a
 * read receipt, RFC 8098 section 3.2) that tell who reported what, and the Message-ID of
 * the mail it is about, which may be ours (then the record names its report).
 */
export interface MachineReport {
  /** The reported mail's Message-ID, without angle brackets; null when none is given. */
  originalMessageId: string | null;
  /** e.g. "Feedback-Type: abuse; User-Agent: SomeGenerator/1.0; Source-IP: 192.0.2.1"; '' when none. */
  summary: string;
}

/** The fields worth naming, in this order: ARF's, then an MDN's. */
const FIELDS = ['feedback-type', 'user-agent', 'reported-domain', 'source-ip', 'original-mail-from', 'arrival-date', 'reporting-ua', 'disposition', 'final-recipient'];
const FIELD_CHARS = 200;

export function readMachineReport(mail: InboundMail): MachineReport {
  const { machine, returned } = mail.deliveryParts;
  // An ARF report's fields are one header-like block; an MDN's too (RFC 8098 section 3.1).
  const fields = machine ? headersOfText(machine) : new Map<string, readonly string[]>();
  const returnedId = returned ? messageIds(firstHeader(headersOfText(returned), 'message-id'))[0] : undefined;
  const summary = FIELDS.flatMap((name) => {
    const value = firstHeader(fields, name);
    return value ? [`${canonical(name)}: ${value.slice(0, FIELD_CHARS)}`] : [];
  }).join('; ');
  return { originalMessageId: returnedId ?? messageIds(firstHeader(fields, 'original-message-id'))[0] ?? null, summary };
}

/** "feedback-type" -> "Feedback-Type", as the RFCs write the field names. */
function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()).replace(/-Ip$/, '-IP').replace(/-Ua$/, '-UA');
}
