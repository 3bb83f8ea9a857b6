import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../db/schema.js';
import { wantsJson } from '../http/json.js';
import { forbidden, unauthorized } from '../shared/errors.js';

/**
 * Who may do what: one table of role -> permissions (DESIGN.md section 2). Pages, API
 * calls, socket rooms and views (through `canMap`) all ask here; which reports a role
 * sees (its OPD's or every OPD's) is reports/access.ts, built on these permissions.
 */
export type Permission =
  | 'staff:area' // any signed-in staff page
  | 'users:manage' // admin pages for accounts
  | 'outbox:manage' // read every outgoing mail (/admin/outbox), send a failed one again
  | 'reference:manage' // agencies, categories, SLA, holidays, templates
  | 'reports:verify' // coordinator's queue: verify, reject, merge, forward
  | 'reports:work' // an OPD's queue: acknowledge, notes, drafts
  | 'reports:take' // record a report received by telephone, in person, by letter, social media or SP4N-LAPOR! (/staf/laporan/baru)
  | 'answers:approve' // Kepala OPD approves or returns drafts
  | 'answers:validate' // coordinator validates approved answers (when enabled)
  | 'publication:manage'
  | 'dashboard:view'
  | 'reports:read_all' // see every OPD's reports, read-only
  | 'personal_data:manage' // export and erase a reporter's personal data, retention (/admin/data-pribadi)
  | 'health:read' // the system's health page (/admin/kesehatan): mail, sweeper, disk, database
  | 'audit:read'; // the audit log (/admin/audit)

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'staff:area', 'users:manage', 'outbox:manage', 'reference:manage', 'dashboard:view', 'reports:read_all', 'audit:read', 'personal_data:manage',
    'health:read',
  ],
  coordinator: [
    'staff:area', 'reports:verify', 'reports:take', 'answers:validate', 'publication:manage', 'dashboard:view', 'reports:read_all',
  ],
  agency_head: ['staff:area', 'reports:work', 'reports:take', 'answers:approve', 'dashboard:view'],
  agency_staff: ['staff:area', 'reports:work', 'reports:take'],
  leader: ['staff:area', 'dashboard:view', 'reports:read_all'],
};

/**
 * The roles that belong to one OPD and work its reports (reports:work): an account of
 * these needs an OPD, and they are the people an OPD's mails, assignments and queue go to.
 */
export const AGENCY_ROLES = (Object.keys(GRANTS) as Role[]).filter((role) => GRANTS[role].includes('reports:work'));

export interface Actor {
  id: number;
  role: Role;
  agencyId: number | null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role]?.includes(permission) ?? false;
}

/** { 'users:manage': true, ... } for views, so templates never repeat role logic. */
export function canMap(actor: Actor | undefined): Partial<Record<Permission, boolean>> {
  if (!actor) return {};
  return Object.fromEntries((GRANTS[actor.role] ?? []).map((p) => [p, true]));
}

/**
 * Route guard. Not signed in: pages redirect to /masuk?next=..., the API answers 401.
 * Signed in without the permission: 403.
 */
export function requirePermission(permission: Permission) {
  return (req: Request, res: Response, next: NextFunction) => {
    const actor = req.user;
    if (!actor) {
      if (wantsJson(req) || req.method !== 'GET') return next(unauthorized());
      return res.redirect(303, `/masuk?next=${encodeURIComponent(req.originalUrl)}`);
    }
    if (!can(actor, permission)) return next(forbidden());
    next();
  };
}
