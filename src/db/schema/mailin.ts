import type { Generated } from 'kysely';
import type { Timestamp } from './columns.js';

/** Mail read from the intake mailbox (migration 0010). */

export type InboundOutcome = 'report' | 'reply' | 'note' | 'bounce' | 'auto_reply' | 'own' | 'limited' | 'duplicate' | 'unreadable';

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
  received_at: Generated<Timestamp>;
}
