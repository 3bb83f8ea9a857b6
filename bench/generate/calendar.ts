import { sql, type Kysely } from 'kysely';
import type { OfficeHours } from '../../src/shared/calendar.js';

/**
 * The working-day calendar (src/shared/calendar.ts) as two temporary tables, so that
 * deadlines and durations of a million reports are joins instead of loops:
 *   gen_cal (d, working, ord, cum): every date; ord = working days up to and including d;
 *           cum = office minutes of the working days before d.
 *   gen_wd  (ord, d): the working days by their number.
 * The UPDATEs below are the same rules as dueAfter, workingMinutesBetween (cum(b) - cum(a))
 * and addWorkingMinutes (whole days), Asia/Jakarta, with the holidays table, as joins.
 */
export async function createCalendar(conn: Kysely<any>, from: Date, to: Date, hours: OfficeHours): Promise<void> {
  const day = hours.end - hours.start;
  await sql`drop table if exists gen_cal, gen_wd`.execute(conn);
  await sql`
    create temp table gen_cal as
    select d::date as d, w.working,
      (count(*) filter (where w.working) over (order by d))::int as ord,
      (coalesce(count(*) filter (where w.working) over (order by d rows between unbounded preceding and 1 preceding), 0) * ${day})::float8 as cum
    from generate_series(${isoDate(from)}::date, ${isoDate(to)}::date, interval '1 day') d
    cross join lateral (select extract(isodow from d) < 6 and not exists (select 1 from holidays h where h.date = d::date) as working) w`.execute(conn);
  await sql`alter table gen_cal add primary key (d)`.execute(conn);
  await sql`create temp table gen_wd as select ord, d from gen_cal where working`.execute(conn);
  await sql`alter table gen_wd add primary key (ord)`.execute(conn);
  await sql`analyze gen_cal`.execute(conn);
  await sql`analyze gen_wd`.execute(conn);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export class CalendarSql {
  constructor(private readonly hours: OfficeHours) {}

  private local(ts: string): string {
    return `((${ts}) at time zone 'Asia/Jakarta')`;
  }

  private minuteOfDay(ts: string): string {
    return `(extract(epoch from ${this.local(ts)} - date_trunc('day', ${this.local(ts)})) / 60)`;
  }

  /** UPDATE gen_plan: column = dueAfter(ts, days) where ts is set (a join, not a subquery per row). */
  setDueAfter(column: string, ts: string, days: string): string {
    return `update gen_plan p set ${column} = (w.d + interval '1 minute' * ${this.hours.end}) at time zone 'Asia/Jakarta'
      from gen_cal c, gen_wd w
      where c.d = ${this.local(`p.${ts}`)}::date
        and w.ord = c.ord + (case when c.working and ${this.minuteOfDay(`p.${ts}`)} <= ${this.hours.start} then 0 else 1 end) + p.${days} - 1`;
  }

  /** UPDATE gen_plan: column = office close `days` working days after ts's day, where `when` is set. */
  setCloseAfterDays(column: string, ts: string, days: string, when: string): string {
    return `update gen_plan p set ${column} = (w.d + interval '1 minute' * ${this.hours.end}) at time zone 'Asia/Jakarta'
      from gen_cal c, gen_wd w
      where p.${when} is not null and c.d = ${this.local(`p.${ts}`)}::date and w.ord = c.ord + p.${days}`;
  }

  /** UPDATE gen_plan: column = cum(ts) where ts is set and `where` holds. */
  setCum(column: string, ts: string, where: string): string {
    const day = this.hours.end - this.hours.start;
    return `update gen_plan p set ${column} = c.cum + case when c.working then least(greatest(${this.minuteOfDay(`p.${ts}`)} - ${this.hours.start}, 0), ${day}) else 0 end
      from gen_cal c where c.d = ${this.local(`p.${ts}`)}::date and p.${ts} is not null and ${where.replace(/\bstatus\b/g, 'p.status')}`;
  }
}
