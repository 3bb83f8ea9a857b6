import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { dueAfter, jakartaDate, type OfficeHours, officeHours } from '../shared/calendar.js';

export type Stage = 'verify' | 'respond' | 'resolve' | 'auto_close' | 'info_wait';

const COLUMN = {
  verify: 'verify_days',
  respond: 'respond_days',
  resolve: 'resolve_days',
  auto_close: 'auto_close_days',
  info_wait: 'info_wait_days',
} as const;

/** Days off from `from`'s Jakarta date on, as 'YYYY-MM-DD' strings (read now, uncached). */
export async function loadHolidays(db: Db, from: Date): Promise<Set<string>> {
  const rows = await db.selectFrom('holidays').select('date').where('date', '>=', jakartaDate(from)).execute();
  return new Set(rows.map((r) => r.date));
}

/**
 * Every day off, cached per database for a minute: intake computes a deadline per
 * report, and the table changes a few times a year. The admin pages call
 * invalidateHolidays() after each edit; other processes see the edit within a minute.
 */
const HOLIDAY_TTL_MS = 60_000;
const holidayCache = new WeakMap<object, { at: number; generation: number; set: Promise<ReadonlySet<string>> }>();
let generation = 0;

export function cachedHolidays(db: Db): Promise<ReadonlySet<string>> {
  const hit = holidayCache.get(db);
  if (hit && hit.generation === generation && Date.now() - hit.at < HOLIDAY_TTL_MS) return hit.set;
  const set = db
    .selectFrom('holidays')
    .select('date')
    .execute()
    .then((rows): ReadonlySet<string> => new Set(rows.map((r) => r.date)));
  holidayCache.set(db, { at: Date.now(), generation, set });
  set.catch(() => holidayCache.delete(db));
  return set;
}

/** Forget every cached holiday set of this process (after an admin edit). */
export function invalidateHolidays(): void {
  generation += 1;
}

let hoursFromEnvironment: OfficeHours | undefined;

/** OFFICE_START/OFFICE_END of this process (read once), for callers that hold no Config. */
export function configuredOfficeHours(): OfficeHours {
  if (!hoursFromEnvironment) {
    const { sla } = loadConfig(process.env);
    hoursFromEnvironment = officeHours(sla.officeStart, sla.officeEnd);
  }
  return hoursFromEnvironment;
}

/**
 * The SLA policy of a category, or the default policy for reports whose reporter did not
 * know the category ("tidak tahu"), as one query: it also goes inside other statements
 * (intake reads it with its reference checks in one round trip).
 */
export function policyQuery(db: Db, categoryId: number | null) {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('id', '=', (eb) =>
      eb.fn.coalesce(
        eb.selectFrom('categories').select('sla_policy_id').where('id', '=', categoryId ?? -1),
        eb.selectFrom('sla_policies as d').select('d.id').orderBy(sql`d.code = 'default'`, 'desc').orderBy('d.id').limit(1),
      ),
    );
}

export async function policyFor(db: Db, categoryId: number | null) {
  return policyQuery(db, categoryId).executeTakeFirstOrThrow();
}

type PolicyDays = Record<(typeof COLUMN)[Stage], number>;

/** When a stage that starts at `start` is due under `policy`, counting working days. */
export function dueUnder(policy: PolicyDays, stage: Stage, start: Date, holidays: ReadonlySet<string>): Date {
  return dueAfter(start, policy[COLUMN[stage]], holidays, configuredOfficeHours());
}

/** When a stage that starts at `start` is due, in working days of the category's policy. */
export async function stageDueAt(db: Db, categoryId: number | null, stage: Stage, start: Date): Promise<Date> {
  const [policy, holidays] = await Promise.all([policyFor(db, categoryId), cachedHolidays(db)]);
  return dueUnder(policy, stage, start, holidays);
}
