import type { Db } from '../../db/database.js';

export const SWEEPER = 'sla_sweeper';
const ERROR_MAX = 500;

export interface SweepRun {
  startedAt: Date;
  finishedAt: Date;
  /** Present when the pass failed. */
  error?: string;
  /** What the pass did (counts), when it succeeded. */
  result?: Record<string, unknown>;
}

/**
 * Records the deadline sweeper's last pass (worker_runs), whichever process ran it, so the
 * admin's health page can say when it last ran and whether it is late. A failed pass keeps
 * the time of the last good one; a good one keeps the last failure's message and time.
 */
export async function recordSweep(db: Db, run: SweepRun): Promise<void> {
  const ok = run.error === undefined;
  const error = run.error === undefined ? null : run.error.slice(0, ERROR_MAX);
  const result = JSON.stringify(run.result ?? {});
  await db
    .insertInto('worker_runs')
    .values({
      worker: SWEEPER,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      ok,
      error,
      failed_at: ok ? null : run.finishedAt,
      ok_at: ok ? run.finishedAt : null,
      result,
    })
    .onConflict((oc) =>
      oc.column('worker').doUpdateSet(
        ok
          ? { started_at: run.startedAt, finished_at: run.finishedAt, ok, ok_at: run.finishedAt, result }
          : { started_at: run.startedAt, finished_at: run.finishedAt, ok, error, failed_at: run.finishedAt },
      ),
    )
    .execute();
}
