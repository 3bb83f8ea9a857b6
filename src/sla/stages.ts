import type { ReportStatus } from '../db/schema.js';
import { WAITING_ON_GOVERNMENT } from '../reports/statuses.js';

/** Rows handled per stage and kind in one sweep: a sweep's work stays bounded. */
export const SWEEP_BATCH = 200;

/** The statuses that wait on the government with this deadline running (reports/statuses.ts). */
const waitingWith = (column: 'verify_due_at' | 'response_due_at'): ReportStatus[] =>
  (Object.keys(WAITING_ON_GOVERNMENT) as (keyof typeof WAITING_ON_GOVERNMENT)[]).filter((s) => WAITING_ON_GOVERNMENT[s] === column);

/**
 * Each stage's deadline column, the statuses its partial index holds (the same as the
 * government's waiting statuses for that stage), and its frozen verdict.
 */
export const STAGES = [
  { stage: 'verify', column: 'verify_due_at', statuses: waitingWith('verify_due_at'), breached: 'verify_breached_at' },
  { stage: 'respond', column: 'response_due_at', statuses: waitingWith('response_due_at'), breached: 'response_breached_at' },
  // The resolution deadline runs while the response deadline does.
  { stage: 'resolve', column: 'resolve_due_at', statuses: waitingWith('response_due_at'), breached: 'resolve_breached_at' },
] as const;

export type StageDef = (typeof STAGES)[number];
