import { type Kysely, sql } from 'kysely';

/**
 * The dashboard's summary of each report (issue 9): its durations in working days and its
 * SLA verdicts, frozen when each stage completes, so figures over a million reports are
 * aggregates of stored facts instead of calendar arithmetic per request. Written by the
 * application (src/dashboard/durations.ts, called from the lifecycle's transition()), never
 * by triggers: the working-day calendar lives in TypeScript.
 *
 * submitted_at is a copy of the report's (it never changes) so that a year of reports and a
 * year of durations are both read in (submitted_at, id) order from two covering indexes and
 * joined by a merge join, without hashing a million rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table report_durations (
      report_id            bigint primary key references reports(id) on delete cascade,
      submitted_at         timestamptz not null,
      -- Working days (2 decimals) from submission to the first answer sent; waits for the
      -- reporter (needs_info) left out.
      first_response_days  numeric(8, 2),
      -- Working days from submission to the answer that stands (the last one), waits for the
      -- reporter (needs_info, and an answer's time with the reporter before a reply or an
      -- appeal re-opened it) left out. Null while the report is not answered.
      answer_days          numeric(8, 2),
      -- The response deadline in force when the first answer / the standing answer was sent.
      first_response_due_at timestamptz,
      answer_due_at        timestamptz,
      responded_in_time    boolean,
      answered_in_time     boolean,
      reopened_count       integer not null default 0,
      appeal_count         integer not null default 0,
      computed_at          timestamptz not null default now()
    )`.execute(db);
  await sql`
    create index report_durations_submitted_idx on report_durations (submitted_at, report_id)
      include (first_response_days, answer_days, responded_in_time, answered_in_time, reopened_count, appeal_count)`.execute(db);
  // The dashboard's scan of a period: every column its filters and counts read.
  await sql`
    create index reports_dashboard_idx on reports (submitted_at, id)
      include (assigned_agency_id, category_id, region_code, channel, status, closed_at, rating,
               verify_due_at, response_due_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reports_dashboard_idx`.execute(db);
  await sql`drop table if exists report_durations`.execute(db);
}
