import { type Actor, can } from '../auth/policy.js';
import type { Report } from '../db/schema.js';

/**
 * Draft vs approve is a policy condition (STYLE habit 6): staff of the assigned OPD write
 * and submit drafts; only its Kepala OPD approves or returns them.
 */
export type AnswerAction = 'draft' | 'submit' | 'approve' | 'return';

export function canAnswer(actor: Actor, action: AnswerAction, report: Report): boolean {
  const ownAgency = actor.agencyId !== null && report.assigned_agency_id === actor.agencyId;
  if (!ownAgency) return false;
  return action === 'approve' || action === 'return' ? can(actor, 'answers:approve') : can(actor, 'reports:work');
}
