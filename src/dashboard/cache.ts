import type { DashboardFilter } from './metrics/scope.js';

/**
 * A short-lived cache of computed dashboard figures, in this process (issue 10: ten leaders
 * looking at the same view cost one computation, not ten).
 *
 * - Keyed by what the figures are computed from: which figures, and the whole filter the
 *   metrics receive (filterKey). Permissions are checked and the filter resolved per request
 *   before the cache is asked (filter.ts): a Kepala OPD's filter carries their agencyId, so
 *   their key differs from a leader's and from another OPD's. Values are locale-independent
 *   (numbers, not the formatted cells), so Indonesian and English viewers share them.
 * - Single flight: a request for a key whose computation is in flight (and fresh enough)
 *   waits for that computation instead of starting its own.
 * - Fresh enough: an entry is served while its computation started no more than `maxAgeMs`
 *   ago (the TTL, or less when the request asks: `Cache-Control: max-age=N`), and after the
 *   last change this process saw (invalidate()). "As of" is when the computation started,
 *   and the page shows it.
 * - Bounded: at most `maxEntries` keys, least recently used dropped first; a failed
 *   computation is not kept.
 *
 * Freshness across processes (the choice, written down): a change made through this
 * process invalidates every entry (sharedFigures.ts subscribes to live/bus). A change event does
 * not say which periods it touches (a status change moves the open count of its report's
 * submission period, whatever that is), so everything goes; the cost under a steady stream
 * of changes stays bounded by single flight. A change made through another process reaches
 * this one only as socket.io traffic to browsers, not as a server-side event, so here its
 * staleness is bounded by the TTL, and the page says how old its figures are. The browser's
 * live refresh, which runs 10 s after it hears of a change, asks for figures at most 5 s old
 * (public/js/dashboard.js): any such computation started after the change committed, on
 * whichever process serves it, so the refresh always shows the change.
 */
export interface CacheOptions {
  /** How long computed figures are served; 0: never cached (every request computes). */
  ttlMs: number;
  /** The most keys kept; the least recently used go first. */
  maxEntries: number;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
}

export interface Cached<T> {
  value: T;
  /** When the computation began: the figures include every change committed before it. */
  asOf: Date;
}

interface Entry {
  startedAt: number;
  promise: Promise<unknown>;
}

export class FiguresCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  /** Computations started and requests served from an entry: what a viewer costs. */
  readonly stats = { computed: 0, shared: 0 };

  constructor(opts: CacheOptions) {
    this.ttlMs = opts.ttlMs;
    this.maxEntries = opts.maxEntries;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The figures of `key`: shared from an entry started within `maxAgeMs` (default and upper
   * bound: the TTL) and since the last invalidate(), or computed now by `compute`.
   */
  async get<T>(key: string, compute: () => Promise<T>, maxAgeMs = this.ttlMs): Promise<Cached<T>> {
    const now = this.now();
    const since = now - Math.min(maxAgeMs, this.ttlMs);
    const found = this.entries.get(key);
    if (found && this.ttlMs > 0 && found.startedAt >= since) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      this.stats.shared++;
      return { value: (await found.promise) as T, asOf: new Date(found.startedAt) };
    }
    this.stats.computed++;
    const entry: Entry = { startedAt: now, promise: compute() };
    if (this.ttlMs > 0) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      entry.promise.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return { value: (await entry.promise) as T, asOf: new Date(entry.startedAt) };
  }

  /**
   * Something changed: nothing computed before now is served again. Computations in flight
   * still answer the requests waiting for them, but later requests start afresh.
   */
  invalidate(): void {
    this.entries.clear();
  }
}

/** The cache key of a filter: every field the metrics read, in a fixed order. */
export function filterKey(filter: DashboardFilter): string {
  return JSON.stringify([
    filter.from.toISOString(),
    filter.to.toISOString(),
    filter.agencyId === undefined ? '-' : filter.agencyId,
    filter.categoryId ?? '-',
    filter.kecamatan ?? '-',
    filter.channel ?? '-',
    filter.now?.toISOString() ?? '-',
  ]);
}

/**
 * The largest age a request accepts, from its Cache-Control header (HTTP's own meaning:
 * max-age=N, no figures older than N seconds; no-cache, none computed before it came);
 * undefined: whatever the cache keeps.
 */
export function requestMaxAgeMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/(^|,)\s*no-cache\s*(,|$)/i.test(header)) return 0;
  const m = /(^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(,|$)/i.exec(header);
  return m ? Number(m[2]) * 1000 : undefined;
}
