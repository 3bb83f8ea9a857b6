import type { Insertable } from 'kysely';
import type { ActorKind, ReportEventsTable, ReportStatus, Visibility } from '../db/schema.js';

/** Who acted on a report, as its events record it. */
export interface Actor {
  kind: ActorKind;
  userId?: number | null;
  agencyId?: number | null;
}

/** One entry of a report's history: a status change, a message, a rating, a correction. */
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
