import type { Db } from '../db/database.js';

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
