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

// ---------------------------------------------------------------------------------------
// Office hours (DESIGN.md section 5). A stage that starts outside office hours or on a
// day off counts from the next working day's opening; a stage that starts during office
// hours counts from the next working day (the day of receipt is not counted). A deadline
// of N working days falls at office close of the Nth working day counted. Pauses and
// extensions move deadlines by working time (office minutes), never by wall-clock time.

/** Office hours as minutes after midnight, Asia/Jakarta. */
export interface OfficeHours {
  start: number;
  end: number;
}

/** 'HH:MM' -> minutes after midnight; throws on anything else. */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  if (!m) throw new RangeError(`expected HH:MM, got ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function officeHours(start = '08:00', end = '16:00'): OfficeHours {
  const hours = { start: parseClock(start), end: parseClock(end) };
  if (hours.end <= hours.start) throw new RangeError(`office hours must end after they start (${start}-${end})`);
  return hours;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: 8 * 60, end: 16 * 60 };

const MINUTE_MS = 60_000;

/** Length of one working day, in minutes. */
export function dayMinutes(hours: OfficeHours): number {
  return hours.end - hours.start;
}

/** The instant at `minute` after Jakarta midnight of `ymd`. */
export function jakartaInstant(ymd: string, minute: number): Date {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) - JAKARTA_OFFSET_MS + minute * MINUTE_MS);
}

/** Minutes after Jakarta midnight of an instant (fractional for seconds). */
function minuteOfDay(at: Date): number {
  const ms = (at.getTime() + JAKARTA_OFFSET_MS) % DAY_MS;
  return ms / MINUTE_MS;
}

function nextDate(ymd: string): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function previousDate(ymd: string): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The first working day after `ymd` (never `ymd` itself). Gives up after ten years. */
export function nextWorkingDay(ymd: string, holidays: ReadonlySet<string>): string {
  let d = nextDate(ymd);
  for (let i = 0; i < 3660; i++, d = nextDate(d)) if (isWorkingDay(d, holidays)) return d;
  throw new RangeError(`no working day within ten years after ${ymd}`);
}

function previousWorkingDay(ymd: string, holidays: ReadonlySet<string>): string {
  let d = previousDate(ymd);
  for (let i = 0; i < 3660; i++, d = previousDate(d)) if (isWorkingDay(d, holidays)) return d;
  throw new RangeError(`no working day within ten years before ${ymd}`);
}

/**
 * The first working day that counts for a stage starting at `start`: the same day when
 * it starts on a working day before opening, else the next working day.
 */
export function firstCountedDay(start: Date, holidays: ReadonlySet<string>, hours: OfficeHours = DEFAULT_OFFICE_HOURS): string {
  const ymd = jakartaDate(start);
  if (isWorkingDay(ymd, holidays) && minuteOfDay(start) <= hours.start) return ymd;
  return nextWorkingDay(ymd, holidays);
}

/** Office close of the `days`-th working day counted from `start` (see above). */
export function dueAfter(start: Date, days: number, holidays: ReadonlySet<string>, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number >= 1, got ${days}`);
  let d = firstCountedDay(start, holidays, hours);
  for (let i = 1; i < days; i++) d = nextWorkingDay(d, holidays);
  return jakartaInstant(d, hours.end);
}

/** Office minutes (on working days) between two instants; 0 when `to` is not after `from`. */
export function workingMinutesBetween(from: Date, to: Date, holidays: ReadonlySet<string>, hours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  if (to <= from) return 0;
  let total = 0;
  const last = jakartaDate(to);
  for (let d = jakartaDate(from); d <= last; d = nextDate(d)) {
    if (!isWorkingDay(d, holidays)) continue;
    const open = jakartaInstant(d, hours.start).getTime();
    const close = jakartaInstant(d, hours.end).getTime();
    const overlap = Math.min(close, to.getTime()) - Math.max(open, from.getTime());
    if (overlap > 0) total += overlap;
  }
  return total / MINUTE_MS;
}

/**
 * `at` moved by `minutes` of office time (negative: backwards). Time outside office
 * hours does not count: a deadline at Friday's close plus one working day is Monday's
 * close; plus 60 minutes is Monday 09:00.
 */
export function addWorkingMinutes(at: Date, minutes: number, holidays: ReadonlySet<string>, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (minutes === 0) return at;
  if (minutes < 0) return subtractWorkingMinutes(at, -minutes, holidays, hours);
  let left = minutes * MINUTE_MS;
  let d = jakartaDate(at);
  let t = at.getTime();
  for (;;) {
    if (isWorkingDay(d, holidays)) {
      const open = jakartaInstant(d, hours.start).getTime();
      const close = jakartaInstant(d, hours.end).getTime();
      const from = Math.max(t, open);
      if (from < close) {
        if (from + left <= close) return new Date(from + left);
        left -= close - from;
      }
    }
    d = nextWorkingDay(d, holidays);
    t = jakartaInstant(d, hours.start).getTime();
  }
}

function subtractWorkingMinutes(at: Date, minutes: number, holidays: ReadonlySet<string>, hours: OfficeHours): Date {
  let left = minutes * MINUTE_MS;
  let d = jakartaDate(at);
  let t = at.getTime();
  for (;;) {
    if (isWorkingDay(d, holidays)) {
      const open = jakartaInstant(d, hours.start).getTime();
      const close = jakartaInstant(d, hours.end).getTime();
      const from = Math.min(t, close);
      if (from > open) {
        if (from - left >= open) return new Date(from - left);
        left -= from - open;
      }
    }
    d = previousWorkingDay(d, holidays);
    t = jakartaInstant(d, hours.end).getTime();
  }
}
