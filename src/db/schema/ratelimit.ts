import type { Timestamp } from './columns.js';

/** Shared rate-limit counters (migration 0017, src/http/rateLimitStore.ts). */

export interface RateLimitsTable {
  /** The limit's name and the client, e.g. `login:203.0.113.9`. */
  key: string;
  hits: number;
  /** End of the client's current window. */
  reset_at: Timestamp;
}
