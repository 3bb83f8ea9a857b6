import type { Request } from 'express';
import type { Db } from '../db/database.js';
import { subscribe } from '../notify/live/bus.js';
import { FiguresCache, filterKey, requestMaxAgeMs } from './cache.js';
import { agencyFigures, breakdown, channelBreakdown, type DashboardFilter, overdueList, qualityFigures, totalFigures, trend } from './metrics.js';

/** Keys of cached figures (cache.ts): a few kinds of figures per filter; a few KB each. */
const CACHE_ENTRIES = 500;
/** Built page view-models (handlers.ts, model()): up to a few hundred KB each. */
const PAGE_ENTRIES = 20;

export interface DashboardOptions {
  /** How long computed figures are shared between requests (cache.ts); 0: not at all. */
  cacheMs: number;
}

export type SharedFigures = ReturnType<typeof sharedFigures>;

/**
 * The figures the page, the API and the downloads show, shared between requests through
 * the cache (cache.ts), and the pages built from them. One per router.
 */
export function sharedFigures(db: Db, opts: DashboardOptions) {
  const cache = new FiguresCache({ ttlMs: opts.cacheMs, maxEntries: CACHE_ENTRIES });
  // Built pages are larger (a few hundred KB of links each): fewer of them.
  const pages = new FiguresCache({ ttlMs: opts.cacheMs, maxEntries: PAGE_ENTRIES });
  // A change made through this process: its figures are computed again (cache.ts says why
  // all of them, and how other processes' changes reach the page). Held weakly, so an app
  // that is dropped (tests build many) is not kept alive by the bus.
  const ref = new WeakRef(cache);
  const pagesRef = new WeakRef(pages);
  const unsubscribe = subscribe(() => {
    const live = ref.deref();
    if (live) live.invalidate();
    else unsubscribe();
    pagesRef.deref()?.invalidate();
  });

  return {
    /**
     * The figures of one request's filter. Call only after resolveFilter: it checked the
     * viewer's permission and holds a Kepala OPD's filter to their OPD, and the key is the
     * filter.
     */
    of(req: Request, filter: DashboardFilter) {
      const maxAge = requestMaxAgeMs(req.get('cache-control'));
      const key = filterKey(filter);
      return {
        agencies: () => cache.get(`agencies ${key}`, () => agencyFigures(db, filter), maxAge),
        total: () => cache.get(`total ${key}`, () => totalFigures(db, filter), maxAge),
        trend: (unit: 'week' | 'month') => cache.get(`trend:${unit} ${key}`, () => trend(db, filter, unit), maxAge),
        breakdown: (by: 'category' | 'kecamatan') => cache.get(`${by} ${key}`, () => breakdown(db, filter, by), maxAge),
        overdue: () => cache.get(`overdue ${key}`, () => overdueList(db, filter, 20), maxAge),
        /** Reports received per channel, staff-taken ones per source. */
        channels: () => cache.get(`channels ${key}`, () => channelBreakdown(db, filter), maxAge),
        /** Answer quality per OPD: the answers sent in the period (metrics/quality.ts). */
        quality: () => cache.get(`quality ${key}`, () => qualityFigures(db, filter), maxAge),
      };
    },
    /** Built page view-models, keyed by everything they are built from. */
    pages,
  };
}
