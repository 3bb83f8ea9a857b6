import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import { hashApiToken, newApiToken } from '../../auth/apiTokens.js';
import type { Db } from '../../db/database.js';

/** Issues an API token for a user; the token is returned once and never stored. */
export async function issueApiToken(db: Db, props: { userId: number; name: string; createdBy: number }): Promise<string> {
  const token = newApiToken();
  await audited(db, (trx) => trx
    .insertInto('api_tokens')
    .values({ user_id: props.userId, name: props.name, token_hash: hashApiToken(token), created_by: props.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow(),
    (row) => ({ action: 'api_token_issue', actor: { userId: props.createdBy }, target: { type: 'api_token', id: row.id }, details: { userId: props.userId, name: props.name } }));
  return token;
}

/** Revokes a token of that user; answers false when there is no such live token. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const res = await audited(db, (trx) => trx
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst(),
    (r) => (Number(r.numUpdatedRows) > 0 ? { action: 'api_token_revoke', target: { type: 'api_token', id: tokenId }, details: { userId } } : null));
  return Number(res.numUpdatedRows) > 0;
}
