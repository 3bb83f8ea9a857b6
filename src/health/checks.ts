import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { ReplicaStatus } from '../db/replica.js';
import { databaseReach, type DiskSpace, uploadDiskSpace } from './probes.js';
import { mailIntakeHealth, outboxHealth, summariesHealth, sweeperRun } from './queries.js';

/** Unreadable intake mails counted over this many days. */
export const MAIL_ERROR_DAYS = 7;

/** A check's facts, or why they could not be read (one failing check never hides the others). */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export interface HealthFacts {
  now: Date;
  database: Awaited<ReturnType<typeof databaseReach>>;
  /** The streaming replica's state as this process last measured it (DATABASE_REPLICA_URL); none without one. */
  replica?: ReplicaStatus;
  outbox: Checked<Awaited<ReturnType<typeof outboxHealth>>>;
  mailIntake: Checked<Awaited<ReturnType<typeof mailIntakeHealth>>>;
  sweeper: Checked<Awaited<ReturnType<typeof sweeperRun>> | null>;
  summaries: Checked<Awaited<ReturnType<typeof summariesHealth>>>;
  disk: Checked<DiskSpace>;
  uptimeSeconds: number;
}

async function checked<T>(work: () => Promise<T>): Promise<Checked<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Everything the health page shows, read now. The database is asked once first: when it
 * does not answer, the checks that need it say so instead of each waiting for a timeout.
 */
export async function checkHealth(database: Database, config: Config, now = new Date()): Promise<HealthFacts> {
  const db = database.db;
  const [reach, disk] = await Promise.all([databaseReach(database), checked(() => uploadDiskSpace(config.uploadDir))]);
  const unreachable = { ok: false as const, error: reach.ok ? '' : reach.error };
  const since = new Date(now.getTime() - MAIL_ERROR_DAYS * 86_400_000);
  const [outbox, mailIntake, sweeper, summaries] = reach.ok
    ? await Promise.all([
        checked(() => outboxHealth(db)),
        checked(() => mailIntakeHealth(db, since)),
        checked(async () => (await sweeperRun(db)) ?? null),
        checked(() => summariesHealth(db)),
      ])
    : [unreachable, unreachable, unreachable, unreachable];
  const replica = database.replica?.status();
  return { now, database: reach, ...(replica ? { replica } : {}), outbox, mailIntake, sweeper, summaries, disk, uptimeSeconds: process.uptime() };
}
