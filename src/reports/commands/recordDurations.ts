import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, ReportDurationsTable, ReportEventsTable, ReportsTable } from '../../db/schema.js';
import { dayMinutes, type OfficeHours } from '../../shared/calendar.js';
import { cachedHolidays, configuredOfficeHours } from '../deadlines.js';
import { round1, workingMinutesExcluding } from '../durations.js';
import { WAITING_ON_CITIZEN } from '../statuses.js';

/**
 * report_durations: each report's durations and SLA verdicts, the stored facts the
 * dashboard counts (the rules are in ../durations.ts). Written in the transaction of the
 * transition that ends a stage, and by the backfill.
 */
type ReportFacts = Pick<Selectable<ReportsTable>, 'id' | 'submitted_at' | 'status' | 'first_response_at' | 'answered_at' | 'response_due_at'>;
type EventFacts = Pick<Selectable<ReportEventsTable>, 'type' | 'from_status' | 'to_status' | 'created_at'>;
type DurationsRow = Omit<Insertable<ReportDurationsTable>, 'report_id' | 'computed_at'>;

/** Recomputes the report_durations row of one report (call inside the transition's transaction). */
export async function recordDurations(trx: Kysely<DB>, reportId: number, hours: OfficeHours = configuredOfficeHours()): Promise<void> {
  const [report, events, stored, holidays] = await Promise.all([
    trx.selectFrom('reports').select(REPORT_FACTS).where('id', '=', reportId).executeTakeFirstOrThrow(),
    trx
      .selectFrom('report_events')
      .select(['type', 'from_status', 'to_status', 'created_at'])
      .where('report_id', '=', reportId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    trx.selectFrom('report_durations').selectAll().where('report_id', '=', reportId).executeTakeFirst(),
    cachedHolidays(trx),
  ]);
  const row = durationsOf(report, events, stored, holidays, hours);
  if (row.responded_in_time === undefined) row.responded_in_time = await respondedInTimeFromAlerts(trx, reportId, report.first_response_at!);
  await upsert(trx, [{ report_id: reportId, ...row }]);
}

const REPORT_FACTS = ['id', 'submitted_at', 'status', 'first_response_at', 'answered_at', 'response_due_at'] as const;

/**
 * The row of one report from its facts (the rules are in ../durations.ts). `stored`: the
 * row written before, whose frozen deadlines hold. responded_in_time is left undefined
 * when only the sweeper's alerts can tell (respondedInTimeFromAlerts).
 */
function durationsOf(
  report: ReportFacts,
  events: readonly EventFacts[],
  stored: Selectable<ReportDurationsTable> | undefined,
  holidays: ReadonlySet<string>,
  hours: OfficeHours,
): DurationsRow {
  const day = dayMinutes(hours);
  const reopened = events.filter((e) => e.type === 'reopen').length;
  const appealed = events.filter((e) => e.type === 'appeal').length;
  const reopenings = reopened + appealed;

  let firstDays: number | null = null;
  let firstDue: Date | null = null;
  if (report.first_response_at) {
    const minutes = workingMinutesExcluding(events, report.submitted_at, report.first_response_at, ['needs_info'], holidays, hours);
    firstDays = round1(minutes / day);
    // Frozen at the first answer; a row made later (backfill) of a report never re-opened
    // still holds that deadline on the report.
    firstDue = stored?.first_response_due_at ?? (reopenings === 0 ? report.response_due_at : null);
  }

  const answered = report.answered_at && (report.status === 'answered' || report.status === 'resolved');
  let answerDays: number | null = null;
  let answerDue: Date | null = null;
  if (answered) {
    const minutes = workingMinutesExcluding(events, report.submitted_at, report.answered_at!, WAITING_ON_CITIZEN, holidays, hours);
    answerDays = round1(minutes / day);
    // The deadline frozen for this answer (same number of re-openings), else the one in
    // force now: nothing moves response_due_at between an answer and the next re-open.
    const sameAnswer = stored && stored.reopened_count + stored.appeal_count === reopenings && stored.answer_days !== null;
    answerDue = (sameAnswer ? stored.answer_due_at : null) ?? report.response_due_at;
  }

  let respondedInTime: boolean | null | undefined = null;
  if (report.first_response_at && firstDue) respondedInTime = report.first_response_at <= firstDue;
  else if (report.first_response_at && reopenings > 0) respondedInTime = stored?.responded_in_time ?? undefined;

  return {
    submitted_at: report.submitted_at,
    first_response_days: firstDays,
    answer_days: answerDays,
    first_response_due_at: firstDue,
    answer_due_at: answerDue,
    responded_in_time: respondedInTime,
    answered_in_time: answerDue && answered ? report.answered_at! <= answerDue : null,
    reopened_count: reopened,
    appeal_count: appealed,
  };
}

async function upsert(trx: Kysely<DB>, rows: Insertable<ReportDurationsTable>[]): Promise<void> {
  await trx
    .insertInto('report_durations')
    .values(rows.map((r) => ({ ...r, computed_at: sql<Date>`now()` })))
    .onConflict((oc) =>
      oc.column('report_id').doUpdateSet((eb) => ({
        submitted_at: eb.ref('excluded.submitted_at'),
        first_response_days: eb.ref('excluded.first_response_days'),
        answer_days: eb.ref('excluded.answer_days'),
        first_response_due_at: eb.ref('excluded.first_response_due_at'),
        answer_due_at: eb.ref('excluded.answer_due_at'),
        responded_in_time: eb.ref('excluded.responded_in_time'),
        answered_in_time: eb.ref('excluded.answered_in_time'),
        reopened_count: eb.ref('excluded.reopened_count'),
        appeal_count: eb.ref('excluded.appeal_count'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

/**
 * A report re-opened before its row existed (backfill) no longer holds the deadline of its
 * first answer. The sweeper froze every breach it found (sla_alerts): the first answer was
 * late if a response deadline had been found breached before it, else on time.
 */
async function respondedInTimeFromAlerts(trx: Kysely<DB>, reportId: number, firstResponseAt: Date): Promise<boolean> {
  const breach = await trx
    .selectFrom('sla_alerts')
    .select('due_at')
    .where('report_id', '=', reportId)
    .where('stage', '=', 'respond')
    .where('kind', '=', 'breach')
    .where('due_at', '<', firstResponseAt)
    .executeTakeFirst();
  return !breach;
}

/**
 * Fills report_durations for reports that have none (the reports before migration 0012),
 * `batch` at a time, each batch in its own transaction. Returns how many rows it wrote.
 * Safe to run again and alongside the app (recordDurations is an upsert of the same facts).
 */
export async function backfillDurations(db: Kysely<DB>, batch = 500): Promise<number> {
  let written = 0;
  for (;;) {
    const ids = await db
      .selectFrom('reports as r')
      .leftJoin('report_durations as d', 'd.report_id', 'r.id')
      .select('r.id')
      .where('d.report_id', 'is', null)
      .orderBy('r.id')
      .limit(batch)
      .execute();
    if (ids.length === 0) return written;
    await db.transaction().execute((trx) => recordBatch(trx, ids.map((r) => r.id)));
    written += ids.length;
  }
}

/**
 * The rows of many reports at once: three queries and one insert for the batch instead
 * of five round trips per report (a first start's 300 demo reports, a backfill's
 * thousands). Same rules as recordDurations, through durationsOf.
 */
async function recordBatch(trx: Kysely<DB>, ids: number[], hours: OfficeHours = configuredOfficeHours()): Promise<void> {
  const [reports, events, stored, holidays] = await Promise.all([
    trx.selectFrom('reports').select(REPORT_FACTS).where('id', 'in', ids).execute(),
    trx
      .selectFrom('report_events')
      .select(['report_id', 'type', 'from_status', 'to_status', 'created_at'])
      .where('report_id', 'in', ids)
      .orderBy('report_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    trx.selectFrom('report_durations').selectAll().where('report_id', 'in', ids).execute(),
    cachedHolidays(trx),
  ]);
  const eventsOf = new Map<number, EventFacts[]>();
  for (const e of events) {
    const list = eventsOf.get(e.report_id);
    if (list) list.push(e);
    else eventsOf.set(e.report_id, [e]);
  }
  const storedOf = new Map(stored.map((r) => [r.report_id, r]));
  const rows: Insertable<ReportDurationsTable>[] = [];
  for (const report of reports) {
    const row = durationsOf(report, eventsOf.get(report.id) ?? [], storedOf.get(report.id), holidays, hours);
    if (row.responded_in_time === undefined) row.responded_in_time = await respondedInTimeFromAlerts(trx, report.id, report.first_response_at!);
    rows.push({ report_id: report.id, ...row });
  }
  if (rows.length) await upsert(trx, rows);
}
