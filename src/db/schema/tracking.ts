import type { Generated } from 'kysely';
import type { Timestamp } from './columns.js';

/** New tracking secrets sent by "Kirim ulang tautan", waiting for their first use (migration 0021). */
export interface TrackingResendsTable {
  id: Generated<number>;
  report_id: number;
  secret_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}
