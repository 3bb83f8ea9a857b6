import { type Kysely, sql } from 'kysely';

/**
 * A cold dashboard over a period that is not whole months (the default: the last 30 days)
 * is read from the reports and answers themselves (dashboard/metrics/summaries.ts). At a
 * million reports, 78,000 in the last 30 days, /dasbor took 7–8 s, most of it in heap reads
 * the indexes could answer (issue 25; measured with `npm run bench -- load`):
 * - reports_dashboard_idx lacked staff_source (added by 0031 for the channel figures), so the
 *   per-channel counts read 59,000 table pages (2.9 s) instead of the index (0.3 s);
 * - messages_sent_answers_idx lacked the message's id, which the answer-quality figures join
 *   on, and their probes of the latest version's verdict and of a review sending it back read
 *   the table rows: with these, 6.5 s became 3 s.
 * Plain CREATE INDEX (a migration runs in a transaction): writes to these tables wait while
 * it builds, a few seconds at a million reports, once, at the upgrade.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index reports_dashboard_idx`.execute(db);
  await sql`
    create index reports_dashboard_idx on reports (submitted_at, id)
      include (assigned_agency_id, category_id, region_code, channel, staff_source, status, closed_at, rating,
               verify_due_at, response_due_at)`.execute(db);
  await sql`drop index messages_sent_answers_idx`.execute(db);
  await sql`
    create index messages_sent_answers_idx on messages (sent_at)
      include (id, report_id, agency_id)
      where kind = 'answer' and sent_at is not null`.execute(db);
  await sql`create index answer_versions_verdict_idx on answer_versions (message_id, version) include (elements_complete)`.execute(db);
  await sql`create index answer_reviews_sent_back_idx on answer_reviews (message_id) where decision in ('returned', 'refused')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists answer_reviews_sent_back_idx`.execute(db);
  await sql`drop index if exists answer_versions_verdict_idx`.execute(db);
  await sql`drop index messages_sent_answers_idx`.execute(db);
  await sql`
    create index messages_sent_answers_idx on messages (sent_at)
      include (report_id, agency_id)
      where kind = 'answer' and sent_at is not null`.execute(db);
  await sql`drop index reports_dashboard_idx`.execute(db);
  await sql`
    create index reports_dashboard_idx on reports (submitted_at, id)
      include (assigned_agency_id, category_id, region_code, channel, status, closed_at, rating,
               verify_due_at, response_due_at)`.execute(db);
}
