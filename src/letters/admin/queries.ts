import type { Db } from '../../db/database.js';

/** Every active OPD with its letterhead, if set, and the numbers its letters reached this year. */
export function listAgencyLetterheads(db: Db, year: number) {
  return db
    .selectFrom('agencies')
    .leftJoin('agency_letterheads as h', 'h.agency_id', 'agencies.id')
    .leftJoin('letter_counters as c', (j) => j.onRef('c.agency_id', '=', 'agencies.id').on('c.year', '=', year))
    .select(['agencies.id', 'agencies.code', 'agencies.name', 'h.full_name', 'h.number_pattern', 'c.last_number'])
    .select((eb) => eb('h.logo', 'is not', null).as('has_logo'))
    .where('agencies.active', '=', true)
    .orderBy('agencies.name')
    .execute();
}

/** One OPD and its letterhead (the logo's bytes too, for the preview). */
export function findAgencyLetterhead(db: Db, agencyId: number) {
  return db
    .selectFrom('agencies')
    .leftJoin('agency_letterheads as h', 'h.agency_id', 'agencies.id')
    .select(['agencies.id', 'agencies.code', 'agencies.name', 'agencies.phone as agency_phone', 'agencies.email as agency_email'])
    .select(['h.full_name', 'h.address', 'h.phone', 'h.email', 'h.website', 'h.number_pattern', 'h.logo', 'h.logo_mime'])
    .where('agencies.id', '=', agencyId)
    .executeTakeFirst();
}
