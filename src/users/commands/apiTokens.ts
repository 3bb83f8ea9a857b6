import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { hashApiToken, newApiToken } from '../../auth/apiTokens.js';

/** Issues an API token for a user; the token is returned once and never stored. */
export async function issueApiToken(db: Db, props: { userId: number; name: string; createdBy: number }): Promise<string> {
  const token = newApiToken();
  await db
    .insertInto('api_tokens')
    .values({ user_id: props.userId, name: props.name, token_hash: hashApiToken(token), created_by: props.createdBy })
    .execute();
  return token;
}

/** Revokes a token of that user; answers false when there is no such live token. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const res = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export function listApiTokens(db: Db, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}
