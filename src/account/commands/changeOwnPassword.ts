import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { refusePassword } from '../../auth/passwordStrength.js';
import type { Db } from '../../db/database.js';
import { InputError } from '../../shared/errors.js';

/**
 * A staff member replaces their password (typically the generated one an admin handed
 * over). The current password is asked again, so an unattended open session cannot be
 * used to take the account over. A password in a breach list or easy to guess is refused,
 * saying why (auth/passwordStrength.ts). Other sessions of the user end.
 */
export async function changeOwnPassword(db: Db, userId: number, current: string, next: string): Promise<void> {
  const row = await db.selectFrom('users').select(['password_hash', 'email', 'name']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    throw new InputError({ currentPassword: 'account:password.wrongCurrent' });
  }
  if (next.toLowerCase() === row.email.toLowerCase() || next === current) {
    throw new InputError({ newPassword: 'account:password.weak' });
  }
  const refused = refusePassword(next, row);
  if (refused) throw new InputError({ newPassword: refused.key }, { newPassword: refused.values });
  const hash = await hashPassword(next);
  await audited(db, (trx) => trx
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: sql`clock_timestamp()`, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute(),
    () => ({ action: 'password_change', actor: { userId }, target: { type: 'user', id: userId } }));
}
