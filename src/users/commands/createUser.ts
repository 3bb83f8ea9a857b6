import { audited } from '../../audit/commands/recordAudit.js';
import { generatePassword, hashPassword } from '../../auth/passwords.js';
import { refusePassword } from '../../auth/passwordStrength.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { User } from '../../db/schema.js';
import { InputError } from '../../shared/errors.js';
import type { UserInput } from '../schema.js';
import { checkAgencyForRole } from './agencyRule.js';

export interface CreatedUser {
  user: User;
  /** The password to hand over: the one given, or a generated one. Never stored. */
  password: string;
}

/** Creates a staff account. Used by the admin page, the operator CLI and the first start. */
export async function createUser(db: Db, input: UserInput & { password?: string }): Promise<CreatedUser> {
  const agencyId = await checkAgencyForRole(db, input.role, input.agencyId);
  const password = input.password ?? generatePassword();
  // A password someone chose (the command line's --password) meets the same bar as a changed one.
  const refused = input.password === undefined ? undefined : refusePassword(password, input);
  if (refused) throw new InputError({ password: refused.key }, { password: refused.values });
  const passwordHash = await hashPassword(password);
  try {
    // Actor: the admin of the current request, or the system (first start, command line).
    const user = await audited(db, (trx) => trx
      .insertInto('users')
      .values({
        name: input.name.trim(),
        email: input.email.trim().toLowerCase(),
        role: input.role,
        agency_id: agencyId,
        job_title: input.jobTitle ?? null,
        nip: input.nip ?? null,
        password_hash: passwordHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
      (u) => ({ action: 'user_create', target: { type: 'user', id: u.id }, details: { role: u.role, agencyId: u.agency_id } }));
    return { user, password };
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_key')) throw new InputError({ email: 'users:errors.emailTaken' });
    throw err;
  }
}
