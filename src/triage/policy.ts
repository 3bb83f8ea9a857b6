import { type Actor, can } from '../auth/policy.js';
import type { Report } from '../db/schema.js';
import { isOwnAgency } from '../reports/access.js';

/**
 * Who may act on a report in triage (DESIGN.md section 2), given that they may see it
 * (reports/access.ts). Pages and the staff API ask here.
 */
export const STAFF_ACTIONS = [
  'forward', 'request_info', 'reject', 'merge', 'update', 'return', 'extend', 'acknowledge', 'take', 'assign', 'note',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The role and scope side of an action; whether the report's state allows it is the lifecycle's call. */
export function canAct(actor: Actor, action: StaffAction, report: Report): boolean {
  const ownAgency = isOwnAgency(actor, report);
  switch (action) {
    case 'forward':
    case 'request_info':
    case 'reject':
    case 'merge':
    case 'update':
      return can(actor, 'reports:verify');
    case 'return':
      return can(actor, 'reports:work') && ownAgency;
    case 'extend':
      return can(actor, 'reports:verify') || (can(actor, 'answers:approve') && ownAgency);
    case 'acknowledge':
    case 'take':
      return can(actor, 'reports:work') && ownAgency;
    case 'assign':
      return can(actor, 'answers:approve') && ownAgency;
    case 'note':
      return can(actor, 'reports:verify') || (can(actor, 'reports:work') && ownAgency);
  }
}

/** { forward: true, ... } for views. */
export function actionMap(actor: Actor, report: Report): Partial<Record<StaffAction, boolean>> {
  return Object.fromEntries(STAFF_ACTIONS.map((a) => [a, canAct(actor, a, report)]));
}
