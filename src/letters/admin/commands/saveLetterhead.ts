import { sql } from 'kysely';
import { audited } from '../../../audit/commands/recordAudit.js';
import type { Db } from '../../../db/database.js';
import type { LetterheadInput } from '../schema.js';

/**
 * Saves an OPD's letterhead and numbering pattern. `logo`: new PNG bytes, or undefined to
 * keep the current one (unless `removeLogo`). Letters already issued keep what they printed:
 * only letters issued from now on use it.
 */
export async function saveLetterhead(db: Db, agencyId: number, input: LetterheadInput, logo?: Buffer): Promise<void> {
  const logoColumns = logo ? { logo, logo_mime: 'image/png' as const } : input.removeLogo ? { logo: null, logo_mime: null } : {};
  const values = {
    full_name: input.fullName,
    address: input.address,
    phone: input.phone,
    email: input.email,
    website: input.website,
    number_pattern: input.numberPattern,
    updated_at: sql<Date>`now()`,
  };
  await audited(
    db,
    (trx) =>
      trx
        .insertInto('agency_letterheads')
        .values({ agency_id: agencyId, ...values, ...logoColumns })
        .onConflict((oc) => oc.column('agency_id').doUpdateSet({ ...values, ...logoColumns }))
        .execute(),
    () => ({ action: 'letterhead_update', target: { type: 'agency', id: agencyId }, details: { numberPattern: input.numberPattern, logo: logo ? 'new' : input.removeLogo ? 'removed' : 'kept' } }),
  );
}
