import { sql, type Kysely } from 'kysely';
import type { ActorKind, DB, Report, ReportEventsTable, ReportStatus, Visibility } from '../db/schema.js';
import type { Insertable, UpdateObject } from 'kysely';
import { DURATION_ACTIONS, recordDurations } from '../dashboard/durations.js';
import { recordAudit } from '../audit/record.js';

/**
 * The report's state machine (DESIGN.md section 4): the only place that changes a
 * report's status. Every transition locks the row, checks that it is allowed from the
 * current status, and writes its event in the caller's transaction.
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

export class TransitionError extends Error {
  constructor(
    readonly action: Action,
    readonly status: ReportStatus,
  ) {
    super(`cannot ${action} a report that is ${status}`);
    this.name = 'TransitionError';
  }
}

export interface Actor {
  kind: ActorKind;
  userId?: number | null;
  agencyId?: number | null;
}

export interface TransitionProps {
  reportId: number;
  action: Action;
  actor: Actor;
  reason?: string | null;
  visibility: Visibility;
  data?: Record<string, unknown>;
  /** Other columns that change with the status (deadlines, stage timestamps...). */
  set?: UpdateObject<DB, 'reports'>;
}

export function canTransition(status: ReportStatus, action: Action): boolean {
  return (TRANSITIONS[action].from as readonly ReportStatus[]).includes(status);
}

export async function transition(trx: Kysely<DB>, props: TransitionProps): Promise<Report> {
  const current = await trx
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', props.reportId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!canTransition(current.status, props.action)) throw new TransitionError(props.action, current.status);
  const rule = TRANSITIONS[props.action];
  const to: ReportStatus = rule.to === 'previous' ? (current.status_before_pause ?? 'submitted') : rule.to;
  const updated = await trx
    .updateTable('reports')
    .set({
      ...props.set,
      status: to,
      status_before_pause: to === 'needs_info' ? current.status : null,
      updated_at: sql`now()`,
    })
    .where('id', '=', props.reportId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    reportId: props.reportId,
    type: props.action,
    actor: props.actor,
    fromStatus: current.status,
    toStatus: to,
    reason: props.reason ?? null,
    visibility: props.visibility,
    data: props.data,
  });
  if (DURATION_ACTIONS.has(props.action)) await recordDurations(trx, props.reportId);
  return updated;
}

export interface EventProps {
  reportId: number;
  type: string;
  actor: Actor;
  fromStatus?: ReportStatus | null;
  toStatus?: ReportStatus | null;
  reason?: string | null;
  visibility: Visibility;
  data?: Record<string, unknown>;
}

/**
 * The row of an event, for recordEvent and for intake, which writes a new report's first
 * event in the same statement as the report (its id is not known before).
 */
export function eventRow(e: Omit<EventProps, 'reportId'>): Omit<Insertable<ReportEventsTable>, 'report_id'> {
  return {
    type: e.type,
    actor_kind: e.actor.kind,
    actor_user_id: e.actor.userId ?? null,
    agency_id: e.actor.agencyId ?? null,
    from_status: e.fromStatus ?? null,
    to_status: e.toStatus ?? null,
    reason: e.reason ?? null,
    visibility: e.visibility,
    data: JSON.stringify(e.data ?? {}),
  };
}

/** An event that is not a status change (a message, a rating), or the first one. */
export async function recordEvent(trx: Kysely<DB>, e: EventProps): Promise<void> {
  await trx
    .insertInto('report_events')
    .values({ report_id: e.reportId, ...eventRow(e) })
    .execute();
  // Every staff action on a report passes here (transition() included): its audit entry
  // commits or rolls back with the event.
  if (e.actor.kind === 'staff') {
    await recordAudit(trx, {
      action: e.type,
      actor: { userId: e.actor.userId ?? null },
      report: { id: e.reportId },
      details: { from: e.fromStatus ?? undefined, to: e.toStatus ?? undefined, reason: e.reason ?? undefined, ...e.data },
    });
  }
}
