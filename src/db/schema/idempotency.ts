import type { Timestamp } from './columns.js';

export type IdempotencyScope = 'api_report' | 'web_report';

/** First answers kept for repeats of an idempotency key, sealed under it (migration 0034, src/idempotency/). */
export interface IdempotentAnswersTable {
  lookup_hash: Buffer;
  scope: IdempotencyScope;
  fingerprint: Buffer;
  sealed_answer: Buffer;
  report_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}
