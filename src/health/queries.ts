import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { SWEEPER } from '../sla/commands/recordSweep.js';

/**
 * What the admin's health page reads from the database: each a few indexed rows, so the
 * page stays cheap however large the tables grow.
 */

/** Mails that gave up (every attempt failed), the latest of them, and what still waits to go. */
export async function outboxHealth(db: Db) {
  const [failed, latest, pending] = await Promise.all([
    // outbox_status_id_idx (status, id desc).
    db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'failed').executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select(['id', 'subject', 'last_error', 'attempts', 'created_at'])
      .where('status', '=', 'failed')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    // outbox_pending_idx (available_at) where status in ('pending', 'sending').
    db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('available_at').as('oldest')])
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    failed: Number(failed.n),
    latestFailed: latest ?? null,
    pending: Number(pending.n),
    oldestPendingAt: (pending.oldest as Date | null) ?? null,
  };
}

/** Mails of the intake mailbox that could not be read, since `since`, and the latest of them. */
export async function mailIntakeHealth(db: Db, since: Date) {
  const [errors, latest, last] = await Promise.all([
    // inbound_mails_unreadable_idx (received_at) where outcome = 'unreadable'.
    db
      .selectFrom('inbound_mails')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('outcome', '=', 'unreadable')
      .where(sql<boolean>`received_at >= ${since}`)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('inbound_mails')
      .select(['id', 'subject', 'detail', 'received_at'])
      .where('outcome', '=', 'unreadable')
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    // The newest row by its primary key: when the mailbox last gave us anything.
    db.selectFrom('inbound_mails').select('received_at').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  ]);
  // received_at is Generated<Timestamp> in its table type, which Kysely does not unwrap: a Date here.
  return {
    errors: Number(errors.n),
    latestError: latest ? { ...latest, received_at: latest.received_at as unknown as Date } : null,
    lastReceivedAt: (last?.received_at as unknown as Date | undefined) ?? null,
  };
}

/** The deadline sweeper's last pass, as it recorded it (sla/commands/recordSweep.ts). */
export function sweeperRun(db: Db) {
  return db
    .selectFrom('worker_runs')
    .select(['finished_at', 'ok', 'error', 'failed_at', 'ok_at'])
    .where('worker', '=', SWEEPER)
    .executeTakeFirst();
}

/** When the dashboard's summaries were last built, and how many months wait for a rebuild. */
export async function summariesHealth(db: Db) {
  const [built, waiting] = await Promise.all([
    db.selectFrom('dashboard_months').select((eb) => eb.fn.max('built_at').as('at')).executeTakeFirstOrThrow(),
    // dashboard_changes_month_idx: one entry per month, however many changes it holds.
    sql<{ n: string }>`select count(*) as n from (select distinct month from dashboard_changes) m`.execute(db),
  ]);
  return { builtAt: (built.at as Date | null) ?? null, monthsWaiting: Number(waiting.rows[0]?.n ?? 0) };
}
