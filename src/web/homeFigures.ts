import { trend } from '../dashboard/metrics.js';
import type { Db } from '../db/database.js';
import { jakartaDate } from '../shared/calendar.js';

/** The live figures on the citizens' front page: this month's reports, answered, on time. */
export interface HomeFigures {
  /** First day of the month counted, Asia/Jakarta, 'YYYY-MM-DD'. */
  month: string;
  received: number;
  answered: number;
  /** Share answered within their deadline, 0..1; null when none was answered yet. */
  inTimeShare: number | null;
  /** When they were computed. */
  asOf: Date;
}

/** How long the front page shares one computation: its visitors are many, the month moves slowly. */
const TTL_MS = 5 * 60_000;

/** Midnight of the first day of `at`'s month in Asia/Jakarta (UTC+07:00, no daylight saving). */
function monthStart(at: Date): Date {
  return new Date(`${jakartaDate(at).slice(0, 7)}-01T00:00:00+07:00`);
}

/**
 * The front page's figures, from the dashboard's own metrics (the same definitions the
 * leadership reads: reports received this month, how many of them are answered, and the
 * share answered within the deadline), computed at most once per TTL_MS per process
 * (one computation shared by concurrent visitors). A failure is not kept: the next
 * visitor asks again.
 */
export function homeFigures(db: Db, ttlMs = TTL_MS) {
  let cached: { at: number; value: Promise<HomeFigures> } | undefined;

  async function compute(now: Date): Promise<HomeFigures> {
    const from = monthStart(now);
    const [point] = await trend(db, { from, to: new Date(now.getTime() + 1), now }, 'month');
    return {
      month: jakartaDate(from),
      received: point?.received ?? 0,
      answered: point?.answered ?? 0,
      inTimeShare: point?.answeredInTimeShare ?? null,
      asOf: now,
    };
  }

  return function figures(now = new Date()): Promise<HomeFigures> {
    const stale = !cached || now.getTime() - cached.at >= ttlMs || jakartaDate(new Date(cached.at)).slice(0, 7) !== jakartaDate(now).slice(0, 7);
    if (stale) {
      const value = compute(now);
      const entry = { at: now.getTime(), value };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached!.value;
  };
}
