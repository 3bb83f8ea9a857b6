import type { Db } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { User } from '../db/schema.js';
import type { SessionUser } from './user.js';

export function toSessionUser(row: User): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    agencyId: row.agency_id,
    locale: row.locale,
  };
}

/**
 * The user behind a session, or undefined when the account was deactivated or its
 * password changed since the session began (a reset signs out every other session).
 */
// Every signed-in request reads it: compiled once (db/precompiled.ts).
const userById = precompiled((db, p: { id: number }) => db.selectFrom('users').selectAll().where('id', '=', p.id), { prepared: true });

export async function findSessionUser(db: Db, id: number, passwordStamp: number): Promise<SessionUser | undefined> {
  const [row] = await userById.execute(db, { id });
  if (!row || !row.active || row.password_changed_at.getTime() !== passwordStamp) return undefined;
  return toSessionUser(row);
}

export async function passwordStamp(db: Db, id: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('password_changed_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.password_changed_at.getTime();
}
