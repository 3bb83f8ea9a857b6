import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.js';

/** The answer letter, its letterhead, numbering and mail attachments (migration 0023). */


export interface AgencyLetterheadsTable {
  agency_id: number;
  full_name: string;
  address: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  number_pattern: string;
  logo: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  logo_mime: 'image/png' | 'image/jpeg' | null;
  updated_at: Timestamp;
}

export interface LetterCountersTable {
  agency_id: number;
  year: number;
  last_number: number;
}

export interface AnswerLettersTable {
  id: Generated<number>;
  message_id: number;
  report_id: number;
  agency_id: number;
  year: number;
  seq: number;
  number: string;
  issued_at: Timestamp;
  agency_name: string;
  signer_user_id: number | null;
  signer_name: string;
  signer_title: string | null;
  signer_nip: string | null;
  /** Null once withdrawn (migration 0025): a reporter's personal data was erased. */
  pdf: ColumnType<Buffer | null, Buffer, null>;
  sha256: string;
  verify_token: string;
  withdrawn_at: ColumnType<Date | null, never, Date | string>;
}

export interface OutboxAttachmentsTable {
  id: Generated<number>;
  outbox_id: number;
  letter_id: number | null;
  attachment_id: number | null;
  filename: string;
}
