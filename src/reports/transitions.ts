import type { ReportStatus } from '../db/schema.js';
import { ConflictError } from '../shared/errors.js';

/**
 * The report's state machine (DESIGN.md section 4): which action leads from which
 * statuses to which. The table is the rule; reports/commands/transition.ts is the only
 * code that applies it, and pages ask canTransition() before they offer an action.
 * 'previous' goes back to the status the report had before it was paused (needs_info).
 */
export const TRANSITIONS = {
  verify: { from: ['submitted'], to: 'assigned' },
  request_info: { from: ['submitted', 'assigned', 'in_progress'], to: 'needs_info' },
  provide_info: { from: ['needs_info'], to: 'previous' },
  reject: { from: ['submitted', 'needs_info'], to: 'rejected' },
  merge: { from: ['submitted', 'needs_info'], to: 'merged' },
  return: { from: ['assigned', 'in_progress'], to: 'submitted' },
  transfer: { from: ['assigned', 'in_progress'], to: 'assigned' },
  acknowledge: { from: ['assigned'], to: 'in_progress' },
  submit_draft: { from: ['in_progress'], to: 'awaiting_approval' },
  return_draft: { from: ['awaiting_approval'], to: 'in_progress' },
  approve: { from: ['awaiting_approval'], to: 'answered' },
  // The coordinator refuses an answer the head approved (when answers are validated).
  refuse_answer: { from: ['awaiting_approval'], to: 'in_progress' },
  reopen: { from: ['answered'], to: 'in_progress' },
  appeal: { from: ['answered'], to: 'in_progress' },
  resolve: { from: ['answered'], to: 'resolved' },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus | 'previous' }>;

export type Action = keyof typeof TRANSITIONS;

export function canTransition(status: ReportStatus, action: Action): boolean {
  return (TRANSITIONS[action].from as readonly ReportStatus[]).includes(status);
}

/** Where `action` leads from `status`; a pause's end goes back to `beforePause`. */
export function nextStatus(action: Action, status: ReportStatus, beforePause: ReportStatus | null): ReportStatus {
  if (!canTransition(status, action)) throw new TransitionError(action, status);
  const to = TRANSITIONS[action].to;
  return to === 'previous' ? (beforePause ?? 'submitted') : to;
}

/** The report's status does not allow the action (someone else acted first): 409. */
export class TransitionError extends ConflictError {
  constructor(
    readonly action: Action,
    readonly reportStatus: ReportStatus,
  ) {
    super('not_allowed', 'reports:errors.notAllowed');
    this.message = `cannot ${action} a report that is ${reportStatus}`;
  }
}
