import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { cachedHolidays } from '../reports/deadlines.js';
import { officeHours } from '../shared/calendar.js';
import { type Policy, sweepAlerts } from './alerts.js';
import { sweepAutoClose } from './autoClose.js';
import { recordSweep, type SweepRun as SweepRecord } from './commands/recordSweep.js';

/**
 * The SLA sweeper (DESIGN.md section 5), imitating the outbox worker: every
 * config.sla.sweepMs it finds what has come due with indexed range scans, records each
 * alert once (sla_alerts primary key, in the transaction that queues its mails), freezes
 * breaches on the report, and closes reports whose waiting time ran out. Safe with any
 * number of processes sweeping the same database.
 */
export interface SlaSweeper {
  stop(): Promise<void>;
  runOnce(now?: Date): Promise<SweepResult>;
}

export interface SweepResult {
  reminder: number;
  breach: number;
  escalation: number;
  rejected: number;
  resolved: number;
  /** A batch was full: more is due, and the poller sweeps again at once. */
  more: boolean;
}

export interface SlaSweeperDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** false: no timer, runs only when runOnce is called (tests, benchmarks). */
  poll?: boolean;
}

async function loadPolicies(db: Db) {
  const [policies, categories] = await Promise.all([
    db.selectFrom('sla_policies').select(['id', 'code', 'remind_days_before', 'escalate_after_days']).orderBy('id').execute(),
    db.selectFrom('categories').select(['id', 'sla_policy_id']).execute(),
  ]);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const fallback: Policy = policies.find((p) => p.code === 'default') ?? policies[0] ?? { remind_days_before: 1, escalate_after_days: 3 };
  const byCategory = new Map(categories.map((c) => [c.id, byId.get(c.sla_policy_id) ?? fallback]));
  return {
    policies: policies.length ? policies : [fallback],
    policyOf: (categoryId: number | null): Policy => (categoryId ? byCategory.get(categoryId) : undefined) ?? fallback,
  };
}

export function startSlaSweeper({ db, config, logger, poll = true }: SlaSweeperDeps): SlaSweeper {
  const log = logger.child({ component: 'sla' });
  const hours = officeHours(config.sla.officeStart, config.sla.officeEnd);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  async function run(now: Date = new Date()): Promise<SweepResult> {
    const empty = { reminder: 0, breach: 0, escalation: 0, rejected: 0, resolved: 0, more: false };
    if (stopping) return empty;
    const [holidays, policies] = await Promise.all([cachedHolidays(db), loadPolicies(db)]);
    const ctx = { db, config, hours, holidays, now, ...policies, more: false };
    const alerts = await sweepAlerts(ctx);
    const closed = await sweepAutoClose(db, now, config);
    const done = alerts.reminder + alerts.breach + alerts.escalation + closed.rejected + closed.resolved;
    // Only when this sweep did something: a full batch of rows filtered out must not spin.
    const result = { ...alerts, ...closed, more: (ctx.more || closed.more) && done > 0 };
    if (Object.entries(result).some(([k, n]) => k !== 'more' && Number(n) > 0)) log.info(result, 'sla sweep');
    return result;
  }

  /** A pass, recorded (worker_runs) for the admin's health page, failed or not. */
  async function recorded(now?: Date): Promise<SweepResult> {
    if (stopping) return run(now);
    const startedAt = new Date();
    // The pass's own outcome is what matters: a failure to record it is only logged.
    const record = (run: Omit<SweepRecord, 'startedAt' | 'finishedAt'>) =>
      recordSweep(db, { startedAt, finishedAt: new Date(), ...run }).catch((err: unknown) => log.warn({ err }, 'sla sweep: could not record the pass'));
    let result: SweepResult;
    try {
      result = await run(now);
    } catch (err) {
      await record({ error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    await record({ result: { ...result } });
    return result;
  }

  function runOnce(now?: Date): Promise<SweepResult> {
    const next = current.then(() => recorded(now));
    current = next.catch(() => undefined);
    return next;
  }

  function schedule(ms: number): void {
    if (stopping || !poll || config.sla.sweepMs <= 0) return;
    // tick() catches and logs every failure of its own: nothing to handle here.
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  }

  async function tick(): Promise<void> {
    let more = false;
    try {
      more = (await runOnce()).more;
    } catch (err) {
      log.error({ err }, 'sla sweep failed');
    }
    // A full batch means more is due: go on at once.
    schedule(more ? 0 : config.sla.sweepMs);
  }

  schedule(0);
  return {
    runOnce,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current;
    },
  };
}
