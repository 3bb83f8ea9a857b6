import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { keptAnswer } from '../queries.js';
import { KeyReusedError, type KeyedRequest } from '../request.js';
import { openAnswer } from '../seal.js';
import { recordAnswer } from './recordAnswer.js';

/** Keeps the answer in the transaction that made its report (the intake's `record` hook). */
export type RecordAnswer<A> = (trx: Kysely<DB>, reportId: number, answer: A) => Promise<void>;

export interface Outcome<A> {
  answer: A;
  /** The first answer, given again: the API says so with `Idempotent-Replayed: true`. */
  replayed: boolean;
}

/**
 * A keyed request answered once (draft-ietf-httpapi-idempotency-key-header): the first
 * one runs `run`, which makes its report and keeps its answer through `record` in the same
 * transaction; a repeat of the same key and request gets that answer again, and nothing is
 * made; the same key with another request is refused (KeyReusedError, 422).
 *
 * Twins sent at once (a double tap, a queued send replayed while the first was still on
 * the wire) both pass the first look-up. The one that comes second fails: inside its
 * transaction on the first one's row (recordAnswer's TwinAnsweredError), on the
 * duplicate guard that sees the first one's report (same contact, title and text), or on
 * the held files of a form the first one took. Everything it wrote rolls back, and it
 * looks again: the twin's kept answer is its answer. Whatever the failure, a kept answer
 * of the same request is the right one to give, so no list of "twin" errors is needed.
 */
export async function answerOnce<A>(db: Kysely<DB>, request: KeyedRequest, run: (record: RecordAnswer<A>) => Promise<A>): Promise<Outcome<A>> {
  const first = await firstAnswer<A>(db, request);
  if (first !== undefined) return { answer: first, replayed: true };
  try {
    const answer = await run((trx, reportId, a) => recordAnswer(trx, request, reportId, a));
    return { answer, replayed: false };
  } catch (err) {
    let kept: A | undefined;
    try {
      kept = await firstAnswer<A>(db, request);
    } catch (lookupErr) {
      // A twin's answer to another request says more than this one's failure; a failed
      // look-up (the database away) says less.
      if (lookupErr instanceof KeyReusedError) throw lookupErr;
      throw err;
    }
    if (kept !== undefined) return { answer: kept, replayed: true };
    throw err;
  }
}

/** The kept answer of this key if it is this request's; KeyReusedError if it is another's. */
async function firstAnswer<A>(db: Kysely<DB>, request: KeyedRequest): Promise<A | undefined> {
  const row = await keptAnswer(db, request.keys.lookup);
  if (!row) return undefined;
  const fingerprint = Buffer.from(row.fingerprint);
  const same = row.scope === request.scope && fingerprint.length === request.fingerprint.length && crypto.timingSafeEqual(fingerprint, request.fingerprint);
  if (!same) throw new KeyReusedError(request);
  return openAnswer<A>(request.keys, request.scope, row.sealed_answer);
}
