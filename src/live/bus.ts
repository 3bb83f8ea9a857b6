import { EventEmitter } from 'node:events';
import type { ReportStatus } from '../db/schema.js';

/**
 * What changed, published after the change committed. An EventEmitter carries it to this
 * process's socket server; on a PostgreSQL server the socket.io adapter (live/socket.ts)
 * carries the emit on to the sockets of every other process.
 */
export interface ReportChanged {
  type: 'report.changed';
  code: string;
  status: ReportStatus;
  /** The OPD whose queue it is in (or was in), for their rooms. */
  agencyIds: number[];
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
  report: { tracking_code: string; status: ReportStatus; assigned_agency_id: number | null },
  previousAgencyId?: number | null,
  byUserId?: number | null,
): void {
  const agencyIds = [report.assigned_agency_id, previousAgencyId].filter((id): id is number => typeof id === 'number');
  publish({ type: 'report.changed', code: report.tracking_code, status: report.status, agencyIds: [...new Set(agencyIds)], by: byUserId ?? null });
}
