import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { User } from '../../db/schema.js';
import { InputError } from '../../shared/errors.js';
import type { UserInput } from '../schema.js';
import { checkAgencyForRole } from './agencyRule.js';

/**
 * Changes name, e-mail, role, agency, and the title and NIP a Kepala OPD signs with. An admin cannot take the admin role from
 * themselves: the last way into these pages must not be lost by a slip.
 */
export async function updateUser(db: Db, actorId: number, id: number, input: UserInput): Promise<User | undefined> {
  if (actorId === id && input.role !== 'admin') throw new InputError({ role: 'users:actions.notSelf' });
  const agencyId = await checkAgencyForRole(db, input.role, input.agencyId);
  try {
    return await audited(db, (trx) => trx
      .updateTable('users')
      .set({
        name: input.name.trim(),
        email: input.email.trim().toLowerCase(),
        role: input.role,
        agency_id: agencyId,
        // Left out by callers that do not manage them (only the admin form does).
        ...(input.jobTitle !== undefined ? { job_title: input.jobTitle } : {}),
        ...(input.nip !== undefined ? { nip: input.nip } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst(),
      (u) => (u ? { action: 'user_update', actor: { userId: actorId }, target: { type: 'user', id: u.id }, details: { role: u.role, agencyId: u.agency_id } } : null));
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_key')) throw new InputError({ email: 'users:errors.emailTaken' });
    throw err;
  }
}
