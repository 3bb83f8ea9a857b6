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

// The hits of many counters at once (a batch, below): one statement, the same rule per row.
const countedMany = precompiled((db, p: { keys: string[]; hits: number[]; window: string }) => {
  const ended = sql<boolean>`rate_limits.reset_at <= now()`;
  return db
    .insertInto('rate_limits')
    .columns(['key', 'hits', 'reset_at'])
    .expression(
      // Two arrays unnested side by side in one select list go pairwise.
      db.selectNoFrom([
        sql<string>`unnest(${p.keys}::text[])`.as('key'),
        sql<number>`unnest(${p.hits}::int[])`.as('hits'),
        sql<Date>`now() + ${p.window}::interval`.as('reset_at'),
      ]),
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${ended} then excluded.hits else rate_limits.hits + excluded.hits end`,
        reset_at: sql<Date>`case when ${ended} then excluded.reset_at else rate_limits.reset_at end`,
      }),
    )
    .returning(['key', 'hits', 'reset_at']);
});

/** How long a process keeps a counter's new hits before adding them to the shared count (batchMs). */
export const BATCH_MS = 1_000;
/**
 * Counters a process keeps at most: those whose window ended go first, then the least
 * recently started (with hits not yet added, if it had any: a limit errs towards the
 * citizen). A forgotten counter's next hit is written at once.
 */
export const LOCAL_COUNTERS_MAX = 10_000;

interface LocalCounter {
  /** The shared count as the last statement returned it, this process's hits included. */
  hits: number;
  resetTime: Date;
  /** This process's hits since, not yet added to the shared count. */
  pending: number;
}

/**
 * An express-rate-limit Store over our own database (table rate_limits, migration 0017),
 * so every app process on one PostgreSQL server counts against one limit. Each client
 * has a fixed window that starts with its first request, like express-rate-limit's
 * MemoryStore. One statement per request: an upsert that either starts a new window or
 * adds one to the running one; PostgreSQL's row lock on the conflicting key makes
 * concurrent requests from any number of processes count one by one. The database's
 * clock decides when windows end, so processes with drifting clocks agree.
 *
 * With `batchMs` (every limit but the login's), a counter's first hit in a window is
 * written at once, and the hits after it are counted here and added to the shared count
 * in one statement for every counter, at most `batchMs` later: the limits that every
 * submission and tracking page pass cost a statement a second instead of one each
 * (issue 25). This process's own hits are always counted; another process's reach it
 * within `batchMs`, so together they may pass a limit by what they take in that moment.
 * Hits not yet added when the process stops are lost: limits err towards the citizen.
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

  private readonly local = new Map<string, LocalCounter>();
  private flushTimer: NodeJS.Timeout | undefined;

  /** `prefix` names the limit (`login:`), so limits on the same address keep apart; `batchMs` 0 counts every hit at once. */
  constructor(
    private readonly db: Db,
    readonly prefix: string,
    private readonly batchMs = 0,
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
    const pending = this.local.get(key)?.pending ?? 0;
    return row ? { totalHits: row.hits + pending, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const known = this.batchMs > 0 ? this.local.get(key) : undefined;
    if (known && known.resetTime.getTime() > Date.now()) {
      known.pending += 1;
      this.flushTimer ??= setTimeout(() => void this.flush(), this.batchMs).unref();
      return { totalHits: known.hits + known.pending, resetTime: known.resetTime };
    }
    const [row] = await counted.execute(this.db, { key: this.prefix + key, window: `${this.windowMs} milliseconds` });
    if (!row) throw new Error('rate limit: no row');
    this.cleanup();
    if (this.batchMs > 0) this.remember(key, { hits: row.hits, resetTime: row.reset_at, pending: 0 });
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  /** Adds every counter's pending hits to the shared counts, in one statement, and learns those counts. */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const sent = [...this.local].filter(([, c]) => c.pending > 0).map(([key, c]) => ({ key, counter: c, hits: c.pending }));
    if (!sent.length) return;
    for (const s of sent) s.counter.pending = 0;
    try {
      const rows = await countedMany.execute(this.db, {
        keys: sent.map((s) => this.prefix + s.key),
        hits: sent.map((s) => s.hits),
        window: `${this.windowMs} milliseconds`,
      });
      const counts = new Map(rows.map((r) => [r.key, r]));
      for (const s of sent) {
        const row = counts.get(this.prefix + s.key);
        if (row) Object.assign(s.counter, { hits: row.hits, resetTime: row.reset_at });
      }
    } catch {
      // The database is away: the hits wait for the next batch.
      for (const s of sent) s.counter.pending += s.hits;
      this.flushTimer ??= setTimeout(() => void this.flush(), this.batchMs).unref();
    }
  }

  private remember(key: string, counter: LocalCounter): void {
    this.local.delete(key);
    this.local.set(key, counter);
    if (this.local.size <= LOCAL_COUNTERS_MAX) return;
    // Counters whose window ended and that wait for nothing go first, then the oldest.
    const now = Date.now();
    for (const [k, c] of this.local) if (c.pending === 0 && c.resetTime.getTime() <= now) this.local.delete(k);
    for (const k of this.local.keys()) {
      if (this.local.size <= LOCAL_COUNTERS_MAX) break;
      this.local.delete(k);
    }
  }

  async decrement(key: string): Promise<void> {
    const known = this.local.get(key);
    if (known && known.pending > 0) {
      known.pending -= 1;
      return;
    }
    await this.db
      .updateTable('rate_limits')
      .set({ hits: sql<number>`greatest(hits - 1, 0)` })
      .where('key', '=', this.prefix + key)
      .where('reset_at', '>', sql<Date>`now()`)
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    this.local.delete(key);
    await this.db.deleteFrom('rate_limits').where('key', '=', this.prefix + key).execute();
  }

  async resetAll(): Promise<void> {
    this.local.clear();
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
