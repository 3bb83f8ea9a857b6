import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.js';
import type { Actor } from '../../reports/events.js';

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
