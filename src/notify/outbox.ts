import type { Insertable } from 'kysely';
import type { OutboxTable } from '../db/schema.js';

/** One outgoing mail, as the module that causes it describes it. */
export interface MailToSend {
  /** One address, or several separated by commas. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The report this mail is about: the admin pages link them, replies find it. */
  reportId?: number | null;
  /** Extra headers (e.g. In-Reply-To). From, To, Subject and the like are ours to set. */
  headers?: Record<string, string>;
  /** A mail that must go out once whatever happens (e.g. `sla:breach:123:response`). */
  dedupeKey?: string;
  /** The tracking secret for the text's slots (notify/secrets.ts), erased once the mail has left. */
  secret?: string;
  /** Files the mail carries, read by the sender when it leaves (outbox_attachments). */
  attachments?: MailAttachment[];
}

/**
 * A file referenced, never copied, by a queued mail: an issued letter (stored in the
 * database) or an uploaded file (under UPLOAD_DIR). The row holds its id and the name the
 * reader sees.
 */
export type MailAttachment = { filename: string } & ({ letterId: number; attachmentId?: never } | { attachmentId: number; letterId?: never });

// Headers the sender writes itself; a caller setting them would produce a broken or
// misleading mail, so that is a programming error, refused at once.
const RESERVED_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'date', 'sender',
  'mime-version', 'content-type', 'content-transfer-encoding', 'return-path',
]);
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,75}$/;
// CR or LF in a header value or address would let text inject headers of its own.
const LINE_BREAK = /[\r\n]/;

export class InvalidMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMailError';
  }
}

function checkMail(mail: MailToSend): void {
  if (!mail.to.trim() || LINE_BREAK.test(mail.to)) throw new InvalidMailError('mail needs a recipient on one line');
  if (!mail.subject.trim()) throw new InvalidMailError('mail needs a subject');
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new InvalidMailError(`header ${JSON.stringify(name)} cannot be set by the caller`);
    }
    if (typeof value !== 'string' || LINE_BREAK.test(value)) {
      throw new InvalidMailError(`header ${name} must be a single line`);
    }
  }
}

/**
 * The checked outbox row of a mail, for enqueueMail and for intake, which queues the
 * acknowledgement in the same statement as the report it is about.
 */
export function outboxRow(mail: MailToSend): Insertable<OutboxTable> {
  checkMail(mail);
  return {
    to_address: mail.to.trim(),
    // Line breaks in a subject would fold into a second header; a subject is one line.
    subject: mail.subject.replace(/\s*[\r\n]+\s*/g, ' ').trim(),
    text_body: mail.text,
    html_body: mail.html ?? null,
    report_id: mail.reportId ?? null,
    headers: JSON.stringify(mail.headers ?? {}),
    dedupe_key: mail.dedupeKey ?? null,
    secret: mail.secret ?? null,
  };
}
