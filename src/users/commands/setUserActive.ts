import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { User } from '../../db/schema.js';
import { InputError } from '../../shared/errors.js';

/**
 * Deactivates or reactivates an account. A deactivated user's sessions stop at their next
 * request (the session loader checks `active`); their name stays on past events.
 */
export async function setUserActive(db: Db, actorId: number, id: number, active: boolean): Promise<User | undefined> {
  if (!active) refuseOwnDeactivation(actorId, id);
  return audited(db, (trx) => trx
    .updateTable('users')
    .set({ active, updated_at: sql`now()`, ...(active ? { failed_logins: 0, locked_until: null } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst(),
    (u) => (u ? { action: active ? 'user_activate' : 'user_deactivate', actor: { userId: actorId }, target: { type: 'user', id: u.id } } : null));
}

/** An admin cannot lock themselves out: asked before the confirmation page and again by the command. */
export function refuseOwnDeactivation(actorId: number, id: number): void {
  if (actorId === id) throw new InputError({ active: 'users:actions.notSelf' });
}
