import { type Actor, can } from '../auth/policy.js';
import type { Report } from '../db/schema.js';
import { isOwnAgency } from '../reports/access.js';

/**
 * Who does what with an answer, as policy conditions (STYLE habit 6): staff of the
 * assigned OPD write and submit drafts; only its Kepala OPD approves or returns them;
 * a coordinator (any OPD's report) validates or refuses an approved answer.
 */
export type AnswerAction = 'draft' | 'submit' | 'approve' | 'return' | 'validate' | 'refuse';

export function canAnswer(actor: Actor, action: AnswerAction, report: Report): boolean {
  if (action === 'validate' || action === 'refuse') return can(actor, 'answers:validate') && report.assigned_agency_id !== null;
  if (!isOwnAgency(actor, report)) return false;
  return action === 'approve' || action === 'return' ? can(actor, 'answers:approve') : can(actor, 'reports:work');
}
