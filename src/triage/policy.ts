import { type Actor, can } from '../auth/policy.js';
import type { Report, ReportStatus } from '../db/schema.js';
import { isOwnAgency } from '../reports/access.js';
import { isClosed, WAITING_ON_GOVERNMENT } from '../reports/statuses.js';
import { type Action, canTransition } from '../reports/transitions.js';

/**
 * Who may act on a report in triage (DESIGN.md section 2), given that they may see it
 * (reports/access.ts), and whether the report's state allows it now. The staff report
 * page offers exactly what `allowedActions` says; performAction (actions.ts), for the
 * pages, the bulk actions and the staff API, refuses what it refuses. Nothing else decides.
 */
export const STAFF_ACTIONS = [
  'forward', 'request_info', 'reject', 'merge', 'update', 'return', 'extend', 'acknowledge', 'take', 'assign', 'note',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The role and scope side of an action. */
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

/**
 * The actions that close a report for good and tell its reporter so: they ask for
 * confirmation first (src/http/confirm.ts), on the page, never through the API.
 */
export const ASK_FIRST: readonly StaffAction[] = ['reject', 'merge'];

/** The actions that are transitions of the state machine, and the transition each one is. */
const TRANSITION_OF: Partial<Record<StaffAction, Action>> = {
  forward: 'verify',
  request_info: 'request_info',
  reject: 'reject',
  merge: 'merge',
  return: 'return',
  acknowledge: 'acknowledge',
};

/**
 * Whether the report's state allows the action now: undefined when it does, else the
 * message key saying why not (the 409 the server answers). Transitions ask the state
 * machine's table; the other actions have their own conditions, here and nowhere else.
 */
export function stateRefusal(actor: Actor, action: StaffAction, report: Report): string | undefined {
  const transition = TRANSITION_OF[action];
  if (transition) return canTransition(report.status, transition) ? undefined : 'reports:errors.notAllowed';
  switch (action) {
    // A correction of what the citizen wrote, while the report is still being handled.
    case 'update':
      return isClosed(report.status) ? 'reports:errors.notAllowed' : undefined;
    // Once, while the OPD's response deadline runs (after forwarding, before the answer).
    case 'extend':
      if (report.extended_at) return 'sla:extend.already';
      return WAITING_ON_GOVERNMENT[report.status as keyof typeof WAITING_ON_GOVERNMENT] === 'response_due_at' ? undefined : 'reports:errors.notAllowed';
    // Whose work it is matters while the OPD works it (also while it waits for the reporter).
    case 'take':
      if (!isAssignable(report)) return 'reports:errors.notAllowed';
      return report.assigned_user_id === actor.id ? 'triage:errors.alreadyYours' : undefined;
    case 'assign':
      return isAssignable(report) ? undefined : 'reports:errors.notAllowed';
    // A note is the staff's own record: at any time, closed reports included.
    default:
      return undefined;
  }
}

/** The OPD holds the report and works it, or waits for the reporter's details: whose work it is can change. */
const ASSIGNABLE: readonly ReportStatus[] = ['assigned', 'in_progress', 'needs_info'];

function isAssignable(report: Report): boolean {
  return ASSIGNABLE.includes(report.status);
}

/** Allowed for this actor on this report now: the role may, and the state allows. */
export function mayAct(actor: Actor, action: StaffAction, report: Report): boolean {
  return canAct(actor, action, report) && stateRefusal(actor, action, report) === undefined;
}

/** { forward: true, ... } for views: exactly the actions the server would accept now. */
export function allowedActions(actor: Actor, report: Report): Partial<Record<StaffAction, boolean>> {
  return Object.fromEntries(STAFF_ACTIONS.filter((a) => mayAct(actor, a, report)).map((a) => [a, true]));
}

/** Where a staff member's own list of reports is: the report page's way back. */
export function ownQueue(actor: Actor): { href: string; labelKey: string } | undefined {
  if (can(actor, 'reports:verify')) return { href: '/staf/verifikasi', labelKey: 'triage:queue.title' };
  if (can(actor, 'reports:work') && actor.agencyId !== null) return { href: '/staf', labelKey: 'triage:opd.title' };
  if (can(actor, 'dashboard:view')) return { href: '/dasbor/laporan', labelKey: 'triage:page.backToDashboard' };
  return undefined;
}
