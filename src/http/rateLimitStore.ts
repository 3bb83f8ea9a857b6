import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';

/** How often expired counters are deleted, at most, per database handle. */
export const CLEANUP_EVERY_MS = 10 * 60_000;
const lastCleanup = new WeakMap<Db, number>();

// Every limited request runs it: compiled once (db/precompiled.ts).
// All SET expressions read the row as it was: an ended window starts again at 1.
const counted = precompiled((db, p: { key: string; window: string }) => {
  const ended = sql<boolean>`rate_limits.reset_at <= now()`;
  return db
    .insertInto('rate_limits')
    .values({ key: p.key, hits: 1, reset_at: sql<Date>`now() + ${p.window}::interval` })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${ended} then 1 else rate_limits.hits + 1 end`,
        reset_at: sql<Date>`case when ${ended} then excluded.reset_at else rate_limits.reset_at end`,
      }),
    )
    .returning(['hits', 'reset_at']);
});

/**
 * An express-rate-limit Store over our own database (table rate_limits, migration 0017),
 * so every app process on one PostgreSQL server counts against one limit. Each client
 * has a fixed window that starts with its first request, like express-rate-limit's
 * MemoryStore. One statement per request: an upsert that either starts a new window or
 * adds one to the running one; PostgreSQL's row lock on the conflicting key makes
 * concurrent requests from any number of processes count one by one. The database's
 * clock decides when windows end, so processes with drifting clocks agree.
 *
 * Why not @acpr/rate-limit-postgresql (the one PostgreSQL store listed by
 * express-rate-limit): it takes `LOCK TABLE` on every hit (all limited requests of all
 * processes in single file), runs its own migrations into a schema of its own from its
 * constructor without awaiting them, opens a pool per limiter, and pins an older pg.
 */
export class DatabaseRateLimitStore implements Store {
  /** Counts are shared between instances (and processes): express-rate-limit's double-count check reads this. */
  readonly localKeys = false;
  private windowMs = 60_000;

  /** `prefix` names the limit (`login:`), so limits on the same address keep apart. */
  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db
      .selectFrom('rate_limits')
      .select(['hits', 'reset_at'])
      .where('key', '=', this.prefix + key)
      .where('reset_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row && { totalHits: row.hits, resetTime: row.reset_at };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const [row] = await counted.execute(this.db, { key: this.prefix + key, window: `${this.windowMs} milliseconds` });
    if (!row) throw new Error('rate limit: no row');
    this.cleanup();
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await this.db
      .updateTable('rate_limits')
      .set({ hits: sql<number>`greatest(hits - 1, 0)` })
      .where('key', '=', this.prefix + key)
      .where('reset_at', '>', sql<Date>`now()`)
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', this.prefix + key).execute();
  }

  async resetAll(): Promise<void> {
    await this.db.deleteFrom('rate_limits').where(sql<boolean>`starts_with(key, ${this.prefix})`).execute();
  }

  /**
   * Deletes counters whose window ended, at most every CLEANUP_EVERY_MS per database
   * handle, after a request rather than on a timer (nothing to stop at shutdown; no
   * requests, no new rows). Not awaited: the request that triggers it does not wait, and
   * a failure is retried at the next cleanup (the increment just before would have
   * reported a database that is down).
   */
  private cleanup(): void {
    const now = Date.now();
    if (now < (lastCleanup.get(this.db) ?? 0) + CLEANUP_EVERY_MS) return;
    lastCleanup.set(this.db, now);
    this.db
      .deleteFrom('rate_limits')
      .where('reset_at', '<=', sql<Date>`now()`)
      .execute()
      .catch(() => undefined);
  }
}
