import { sql, type Kysely, type UpdateObject } from 'kysely';
import type { DB, Report, Visibility } from '../../db/schema.js';
import { DURATION_ACTIONS } from '../durations.js';
import type { Actor } from '../events.js';
import { type Action, nextStatus } from '../transitions.js';
import { recordDurations } from './recordDurations.js';
import { recordEvent } from './recordEvent.js';

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

/**
 * The only code that changes a report's status (DESIGN.md section 4): locks the row,
 * checks the move against the state machine (reports/transitions.ts; a TransitionError,
 * 409, when the status does not allow it), and writes the event, and the report's
 * durations when the move ends a stage, in the caller's transaction.
 */
export async function transition(trx: Kysely<DB>, props: TransitionProps): Promise<Report> {
  const current = await trx
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', props.reportId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const to = nextStatus(props.action, current.status, current.status_before_pause);
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
