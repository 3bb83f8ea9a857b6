/**
 * The working-day calendar (DESIGN.md section 5): Monday to Friday, minus the holidays
 * table. Pure functions; the caller loads the holidays (see deadlines.ts).
 *
 * Time is Asia/Jakarta (UTC+07:00 all year: Indonesia has no daylight saving time), so
 * the Jakarta calendar date of an instant is the UTC date of the instant plus 7 hours.
 */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Asia/Jakarta calendar date of an instant, as 'YYYY-MM-DD'. */
export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Monday to Friday and not in the holiday set ('YYYY-MM-DD' strings). */
export function isWorkingDay(ymd: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(ymd);
}

/**
 * The same Jakarta wall-clock time on the `days`-th working day after `start`'s date.
 * Friday 10:00 + 1 is Monday 10:00; Saturday 10:00 + 1 is also Monday 10:00. Zero days
 * returns `start` unchanged.
 */
export function addWorkingDays(start: Date, days: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0, got ${days}`);
  let t = start.getTime();
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    if (isWorkingDay(jakartaDate(new Date(t)), holidays)) left--;
  }
  return new Date(t);
}
