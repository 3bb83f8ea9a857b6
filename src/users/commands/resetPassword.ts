import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import { generatePassword, hashPassword } from '../../auth/passwords.js';
import type { Db } from '../../db/database.js';
import type { User } from '../../db/schema.js';

/**
 * Gives an account a new generated password and lifts any lockout. Changing
 * password_changed_at ends every session the user had open.
 */
export async function resetPassword(
  db: Db,
  where: { id: number } | { email: string },
): Promise<{ user: User; password: string } | undefined> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await audited(db, (trx) => {
    let query = trx.updateTable('users').set({
    password_hash: passwordHash,
    password_changed_at: sql`clock_timestamp()`,
    failed_logins: 0,
    locked_until: null,
    updated_at: sql`now()`,
  });
    query = 'id' in where ? query.where('id', '=', where.id) : query.where(sql<string>`lower(email)`, '=', where.email.trim().toLowerCase());
    return query.returningAll().executeTakeFirst();
  }, (u) => (u ? { action: 'user_password_reset', target: { type: 'user', id: u.id } } : null));
  return user ? { user, password } : undefined;
}
