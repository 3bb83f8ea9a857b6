import { type Actor, can } from '../auth/policy.js';
import { STAFF_SOURCES, type StaffSource } from '../db/schema.js';

/**
 * Which sources a staff member may record (permission 'reports:take'). Diskominfo's
 * coordinators take every kind: they run the complaint line, the regency's social media
 * inbox and the SP4N-LAPOR! agency account. An OPD's staff and head record what reaches
 * their own office: a walk-in at their counter, a call to their office, a letter addressed
 * to them; comments on the regency's accounts and LAPOR! reports are Diskominfo's.
 */
const OPD_SOURCES: readonly StaffSource[] = ['walk_in', 'telephone', 'letter'];

export function takeableSources(actor: Actor): readonly StaffSource[] {
  if (!can(actor, 'reports:take')) return [];
  return can(actor, 'reports:verify') ? STAFF_SOURCES : OPD_SOURCES;
}
