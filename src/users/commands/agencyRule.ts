import { AGENCY_ROLES } from '../../auth/policy.js';
import type { Db } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { InputError } from '../../shared/errors.js';

/**
 * OPD roles need an existing, active OPD; other roles may carry one (a coordinator
 * belongs to Diskominfo) but are not limited by it. Returns the agency id to store.
 */
export async function checkAgencyForRole(db: Db, role: Role, agencyId: number | null): Promise<number | null> {
  if (agencyId === null) {
    if (AGENCY_ROLES.includes(role)) throw new InputError({ agencyId: 'users:errors.agencyRequired' });
    return null;
  }
  const agency = await db
    .selectFrom('agencies')
    .select('id')
    .where('id', '=', agencyId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!agency) throw new InputError({ agencyId: 'users:errors.agencyUnknown' });
  return agency.id;
}
