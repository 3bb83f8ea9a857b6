import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { UserFilter } from './schema.js';

export const PAGE_SIZE = 25;

export async function listUsers(db: Db, filter: UserFilter) {
  let query = db
    .selectFrom('users')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id', 'users.name', 'users.email', 'users.role', 'users.active', 'users.locked_until',
      'users.last_login_at', 'users.agency_id', 'agencies.name as agency_name',
    ]);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('users.name', 'ilike', like), eb('users.email', 'ilike', like)]));
  }
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.agencyId) query = query.where('users.agency_id', '=', filter.agencyId);
  if (filter.status === 'active') query = query.where('users.active', '=', true);
  if (filter.status === 'inactive') query = query.where('users.active', '=', false);
  if (filter.status === 'locked') query = query.where('users.locked_until', '>', sql<Date>`now()`);
  const rows = await query
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('users.active', 'desc')
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: rows[0]?.total ?? 0 };
}

export type UserListRow = Awaited<ReturnType<typeof listUsers>>['rows'][number];

export function findUser(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Active agencies for pick lists, grouped by kind in the view. */
export function listAgencyOptions(db: Db) {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind'])
    .where('active', '=', true)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

/** A user's API tokens, revoked ones included, newest first (never the token: only its hash is stored). */
/** A live (not revoked) token of that user. */
export function findLiveApiToken(db: Db, userId: number, tokenId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name'])
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listApiTokens(db: Db, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}
