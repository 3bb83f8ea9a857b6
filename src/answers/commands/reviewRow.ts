import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.js';
import type { Actor } from '../../reports/events.js';
import { elementsComplete } from '../check/index.js';

/**
 * One decision on a version of an answer, for its history: approved, returned, validated or
 * refused. An approval records the checker's warnings the head read and approved despite.
 */
export function review(
  trx: Kysely<DB>,
  draft: Message,
  decision: 'approved' | 'returned' | 'validated' | 'refused',
  actor: Actor,
  comment?: string,
  warningsAcknowledged: string[] | null = null,
) {
  return trx
    .insertInto('answer_reviews')
    .values({
      message_id: draft.id,
      version: draft.version,
      decision,
      comment: comment ?? null,
      reviewer_user_id: actor.userId ?? null,
      warnings_acknowledged: warningsAcknowledged,
    })
    .execute();
}

/**
 * A version of an answer as it goes up for review (staff submit it, or the head edits it),
 * with the checker's verdict on its four elements, which the dashboard counts.
 */
export function keepVersion(trx: Kysely<DB>, draft: Message, actor: Actor) {
  return trx.insertInto('answer_versions').values({
    message_id: draft.id,
    version: draft.version,
    body: draft.body,
    planned_at: draft.planned_at,
    author_user_id: actor.userId ?? null,
    elements_complete: elementsComplete(draft.body, draft.planned_at),
  });
}
