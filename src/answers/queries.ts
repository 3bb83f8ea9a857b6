import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB, Report } from '../db/schema.js';

/** The answer being written for a report: a draft, one returned, or one under review. */
export function openDraft(db: Db, reportId: number) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('kind', '=', 'answer')
    .where('answer_status', 'in', ['draft', 'returned', 'submitted', 'approved'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Every submitted version of an answer and every review of it, oldest first. */
export async function answerHistory(db: Db, messageId: number) {
  const [versions, reviews] = await Promise.all([
    db
      .selectFrom('answer_versions as v')
      .leftJoin('users as u', 'u.id', 'v.author_user_id')
      .select(['v.version', 'v.body', 'v.planned_at as plannedAt', 'v.created_at as at', 'u.name as author'])
      .where('v.message_id', '=', messageId)
      .orderBy('v.version')
      .execute(),
    db
      .selectFrom('answer_reviews as r')
      .leftJoin('users as u', 'u.id', 'r.reviewer_user_id')
      .select(['r.version', 'r.decision', 'r.comment', 'r.created_at as at', 'u.name as reviewer'])
      .where('r.message_id', '=', messageId)
      .orderBy('r.id')
      .execute(),
  ]);
  return { versions, reviews };
}

/** Answers the Kepala OPD approved that wait for a coordinator's validation, oldest first. */
export function answersAwaitingValidation(db: Db, limit = 20) {
  return db
    .selectFrom('messages as m')
    .innerJoin('reports as r', 'r.id', 'm.report_id')
    .leftJoin('agencies as a', 'a.id', 'r.assigned_agency_id')
    .select(['r.tracking_code as code', 'r.title', 'a.name as agency', 'm.reviewed_at as approvedAt'])
    .where('m.kind', '=', 'answer')
    .where('m.answer_status', '=', 'approved')
    .orderBy('m.reviewed_at')
    .limit(limit)
    .execute();
}

/** How deep a chain of merges is followed (A merged into B, B later into C). */
const MERGE_DEPTH = 5;

/** The reports merged into this one, and those merged into them, oldest first. */
export async function mergedReports(db: Kysely<DB>, reportId: number): Promise<Report[]> {
  const found: Report[] = [];
  let level = [reportId];
  for (let depth = 0; depth < MERGE_DEPTH && level.length; depth++) {
    const rows = await db.selectFrom('reports').selectAll().where('merged_into_id', 'in', level).where('status', '=', 'merged').orderBy('id').execute();
    const fresh = rows.filter((r) => r.id !== reportId && !found.some((f) => f.id === r.id));
    found.push(...fresh);
    level = fresh.map((r) => r.id);
  }
  return found;
}

/**
 * Who is mailed an answer to this report: its reporter, then the reporters of the reports
 * merged into it; each address once (whoever reported twice reads the answer once), and
 * nobody who gave no address.
 */
export async function answerRecipients(db: Kysely<DB>, report: Report): Promise<Report[]> {
  const seen = new Set<string>();
  return [report, ...(await mergedReports(db, report.id))].filter((r) => {
    const address = r.reporter_email?.trim().toLowerCase();
    if (!address || seen.has(address)) return false;
    seen.add(address);
    return true;
  });
}

/** Drafts submitted to this OPD's Kepala OPD, on reports still waiting for that approval. */
function awaitingApprovalQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('messages as m')
    .innerJoin('reports as r', 'r.id', 'm.report_id')
    .where('m.kind', '=', 'answer')
    .where('m.answer_status', '=', 'submitted')
    // m.agency_id is the partial index's column (messages_pending_answers_idx); the report's
    // OPD is checked too, so a report moved elsewhere meanwhile is not approved from here.
    .where('m.agency_id', '=', agencyId)
    .where('r.assigned_agency_id', '=', agencyId)
    .where('r.status', '=', 'awaiting_approval');
}

/** The head's approval inbox: the nearest answer deadline first, then the oldest submission. */
export function awaitingApproval(db: Db, agencyId: number, limit = 50) {
  return awaitingApprovalQuery(db, agencyId)
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .selectAll('r')
    .select(['m.id as draftId', 'm.version as draftVersion', 'm.body as draftBody', 'm.planned_at as draftPlannedAt', 'm.updated_at as submittedAt', 'u.name as author'])
    .orderBy('r.response_due_at', (o) => o.asc().nullsLast())
    .orderBy('m.updated_at')
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

/** How many drafts wait for this OPD's head: the count beside "Persetujuan" in the menu. */
export async function countAwaitingApproval(db: Db, agencyId: number): Promise<number> {
  const row = await awaitingApprovalQuery(db, agencyId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Chosen drafts of the head's own OPD that still wait for approval, with their reports. */
export function chosenForApproval(db: Db, agencyId: number, ids: number[]) {
  return awaitingApprovalQuery(db, agencyId)
    .selectAll('r')
    // The text too: the confirmation shows the draft checker's warnings of each.
    .select(['m.id as draftId', 'm.version as draftVersion', 'm.body as draftBody', 'm.planned_at as draftPlannedAt'])
    .where('m.id', 'in', ids.length ? ids : [-1])
    .orderBy('m.id')
    .execute();
}
