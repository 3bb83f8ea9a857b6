import type { Role } from '../db/schema.js';

/**
 * Where each role starts its day (issue 19): the page of its own work, not a greeting.
 * Asked after signing in (when the login had no `next`) and when a signed-in person
 * opens `/`. Each path is a page the role may open (test/web/landing.test.ts follows them).
 */
const LANDING: Record<Role, string> = {
  // What waits for verification, and answers waiting for validation.
  coordinator: '/staf/verifikasi',
  // Their OPD's queue, what waits on them first: overdue, due today, then by deadline.
  agency_staff: '/staf',
  // Draft answers waiting for their approval.
  agency_head: '/staf/persetujuan',
  // Who is late, and is it getting better.
  leader: '/dasbor',
  // Whether the system is healthy: mail out, mail in, the deadline sweeper, disk space.
  admin: '/admin/kesehatan',
};

export function landingPath(actor: { role: Role }): string {
  return LANDING[actor.role] ?? '/';
}
