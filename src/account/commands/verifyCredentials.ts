import { sql } from 'kysely';
import { audited, recordAudit } from '../../audit/commands/recordAudit.js';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords.js';
import { toSessionUser } from '../../auth/queries.js';
import type { SessionUser } from '../../auth/user.js';
import type { Db } from '../../db/database.js';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export type LoginResult =
  | { ok: true; user: SessionUser }
  /** `why` is for logs only: the user is told the same thing in every case. */
  | { ok: false; why: 'unknown' | 'inactive' | 'locked' | 'password' };

/**
 * Checks an e-mail and password. Repeated failures lock the account for a while; a
 * locked account refuses even the right password until the lock expires. Unknown
 * addresses cost the same argon2 work as known ones, so timing tells nothing.
 */
export async function verifyCredentials(
  db: Db,
  email: string,
  password: string,
  policy: LockoutPolicy,
): Promise<LoginResult> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
  // Every failure is recorded, with the account it aimed at when there is one; the address
  // typed is kept (bounded) to see guessing across accounts.
  const failed = (why: 'unknown' | 'inactive' | 'locked' | 'password') => ({
    action: 'login_failed',
    actor: 'anonymous' as const,
    target: row ? { type: 'user', id: row.id } : null,
    details: { why, email: email.trim().slice(0, 254) },
  });
  if (!row || !row.active) {
    await burnPasswordCheck(password);
    const why = row ? 'inactive' : 'unknown';
    await recordAudit(db, failed(why));
    return { ok: false, why };
  }
  if (row.locked_until && row.locked_until > new Date()) {
    await burnPasswordCheck(password);
    await recordAudit(db, failed('locked'));
    return { ok: false, why: 'locked' };
  }
  if (!(await verifyPassword(row.password_hash, password))) {
    // One statement, so concurrent failures cannot undercount.
    await audited(db, (trx) => trx
      .updateTable('users')
      .set({
        failed_logins: sql`failed_logins + 1`,
        locked_until: sql`case when failed_logins + 1 >= ${policy.maxFailures}
          then now() + make_interval(mins => ${policy.lockMinutes}) else null end`,
      })
      .where('id', '=', row.id)
      .execute(),
      () => failed('password'));
    return { ok: false, why: 'password' };
  }
  await audited(db, (trx) => trx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: sql`now()` })
    .where('id', '=', row.id)
    .execute(),
    () => ({ action: 'login', actor: { userId: row.id, role: row.role, name: row.name } }));
  return { ok: true, user: toSessionUser(row) };
}
