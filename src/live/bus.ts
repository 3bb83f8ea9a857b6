import { EventEmitter } from 'node:events';
import type { ReportStatus } from '../db/schema.js';

/**
 * What changed, published after the change committed. In one process an EventEmitter
 * carries it to the socket server; several processes need a shared channel (a
 * PostgreSQL or Redis adapter for socket.io), which issue 10 brings.
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
