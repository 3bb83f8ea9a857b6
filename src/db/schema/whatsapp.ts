import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';

/** WhatsApp in (migration 0030, src/whatsapp/). */

export interface WhatsAppInboxTable {
  id: Generated<number>;
  received_at: Generated<Date>;
  /** The delivery's JSON as Meta sent it (its signature was checked before it was stored). */
  payload: ColumnType<unknown, string, string>;
  processed_at: NullableTimestamp;
  locked_until: NullableTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface WhatsAppContactsTable {
  /** E.164 digits without '+', e.g. 6281234567890. */
  phone: string;
  profile_name: string | null;
  last_inbound_at: NullableTimestamp;
  opted_out_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export type WhatsAppOutcome = 'draft' | 'report' | 'info' | 'command' | 'ask' | 'refused' | 'ignored' | 'duplicate';

export interface WhatsAppMessagesSeenTable {
  wamid: string;
  phone: string;
  outcome: WhatsAppOutcome;
  report_id: number | null;
  seen_at: Generated<Date>;
}

export interface DraftText {
  id: string;
  /** Unix seconds the citizen sent it. */
  at: number;
  text: string;
}

export interface DraftMedia {
  id: string;
  at: number;
  mediaId: string;
  kind: 'image' | 'document' | 'audio' | 'video';
  mime: string;
  filename: string | null;
}

export interface WhatsAppDraftsTable {
  id: Generated<number>;
  phone: string;
  profile_name: string | null;
  texts: ColumnType<DraftText[], string | undefined, string>;
  media: ColumnType<DraftMedia[], string | undefined, string>;
  latitude: number | null;
  longitude: number | null;
  place: string | null;
  started_by_command: Generated<boolean>;
  submit_now: Generated<boolean>;
  held_at: NullableTimestamp;
  started_at: Timestamp;
  last_message_at: Timestamp;
}
