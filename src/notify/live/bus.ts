import { EventEmitter } from 'node:events';
import type { Report, ReportStatus } from '../../db/schema.js';

/**
 * What changed, published after the change committed. An EventEmitter carries it to this
 * process's listeners: the socket server (notify/live/socket.ts), which tells the rooms
 * that may see the report (reports/access.ts), through the socket.io adapter on every
 * process; and the dashboard's figure cache.
 */
export interface ReportChanged {
  type: 'report.changed';
  reportId: number;
  code: string;
  status: ReportStatus;
  /** The OPD it is assigned to now, and the one it was taken from (its queue changed too). */
  agencyId: number | null;
  previousAgencyId: number | null;
  /** Who changed it, so their own page does not tell them about their own change. */
  by: number | null;
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function publish(event: ReportChanged): void {
  emitter.emit('event', event);
}

export function subscribe(listener: (event: ReportChanged) => void): () => void {
  emitter.on('event', listener);
  return () => emitter.off('event', listener);
}

export function reportChanged(
  report: Pick<Report, 'id' | 'tracking_code' | 'status' | 'assigned_agency_id'>,
  previousAgencyId?: number | null,
  byUserId?: number | null,
): void {
  publish({
    type: 'report.changed',
    reportId: report.id,
    code: report.tracking_code,
    status: report.status,
    agencyId: report.assigned_agency_id,
    previousAgencyId: previousAgencyId ?? null,
    by: byUserId ?? null,
  });
}
