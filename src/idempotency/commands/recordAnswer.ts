import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { KeyedRequest } from '../request.js';
import { sealAnswer } from '../seal.js';

/**
 * How long a first answer is kept for repeats: a queued send on a phone that lost its
 * signal is normally replayed within hours; a day covers a night without one. The draft
 * asks servers to say how long; the OpenAPI document does.
 */
export const KEEP_HOURS = 24;

/** Another request with the same key wrote its answer first (it committed, or is about to). */
export class TwinAnsweredError extends Error {
  constructor() {
    super('an answer is already kept under this idempotency key');
    this.name = 'TwinAnsweredError';
  }
}

/**
 * Keeps the first answer to a keyed request, sealed, in the transaction that made its
 * report: either both are written or neither. A live row of the same key means a twin got
 * there first (PostgreSQL makes this insert wait for the twin's transaction, then sees its
 * row): TwinAnsweredError, and the caller's transaction rolls back. An expired row not yet
 * purged is taken over, since it is no longer an answer.
 */
export async function recordAnswer(trx: Kysely<DB>, request: KeyedRequest, reportId: number, answer: unknown): Promise<void> {
  const row = {
    lookup_hash: request.keys.lookup,
    scope: request.scope,
    fingerprint: request.fingerprint,
    sealed_answer: sealAnswer(request.keys, request.scope, answer),
    report_id: reportId,
    created_at: sql<Date>`now()`,
    expires_at: sql<Date>`now() + make_interval(hours => ${KEEP_HOURS})`,
  };
  const written = await trx
    .insertInto('idempotent_answers')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('lookup_hash')
        .doUpdateSet((eb) => ({
          scope: eb.ref('excluded.scope'),
          fingerprint: eb.ref('excluded.fingerprint'),
          sealed_answer: eb.ref('excluded.sealed_answer'),
          report_id: eb.ref('excluded.report_id'),
          created_at: eb.ref('excluded.created_at'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('idempotent_answers.expires_at', '<=', sql<Date>`now()`),
    )
    .returning('report_id')
    .executeTakeFirst();
  if (!written) throw new TwinAnsweredError();
}
