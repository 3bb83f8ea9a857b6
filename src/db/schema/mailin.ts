import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.js';

/** Mail read from the intake mailbox (migrations 0010, 0027). */

export type InboundOutcome =
  | 'report'
  | 'reply'
  | 'note'
  | 'bounce'
  | 'auto_reply'
  | 'own'
  | 'limited'
  | 'duplicate'
  | 'unreadable'
  /** A different mail with the Message-ID of one already received: recorded, not processed. */
  | 'duplicate_id'
  /** A machine's report (ARF feedback, read receipt, ...) or an abuse desk's or no-reply sender's mail. */
  | 'machine';

/** A part of a mail not kept as an attachment (src/mailin/attachments.ts SkippedAttachment). */
export interface SkippedPart {
  name: string;
  contentType: string;
  size: number;
  reason: string;
}

export interface InboundMailsTable {
  id: Generated<number>;
  dedupe_key: string;
  message_id: string | null;
  from_address: string | null;
  subject: string | null;
  outcome: InboundOutcome;
  report_id: number | null;
  full_text: string | null;
  detail: string | null;
  /** sha256 of the mail without its trace fields; null for mails recorded before 0027 or unread. */
  content_hash: string | null;
  skipped_parts: ColumnType<SkippedPart[] | null, string | null | undefined, string | null>;
  received_at: Generated<Timestamp>;
}
