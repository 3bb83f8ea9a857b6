import { sql } from 'kysely';
import type { Logger } from '../logger.js';
import type { Db } from './database.js';

/**
 * What autovacuum does on a PostgreSQL server, for the embedded database, which runs none:
 * PGlite is a single backend, with no launcher and no workers. Without it every update and
 * delete leaves its old row version behind for good, so the tables that churn (the outbox,
 * each mail updated as it is claimed and as it is sent; sessions; rate-limit counters; the
 * dashboard's change marks) grow without end, and the planner keeps the statistics of the
 * first analyze. The 60-minute soak (bench/soak.ts) ended with a 269 MiB outbox.
 *
 * A pass reads the cumulative statistics and, with autovacuum's default thresholds,
 * vacuums (and analyzes) each table with more than 50 rows + 20 % of its live rows dead,
 * and analyzes each with more than 50 + 10 % changed since its last analyze. One table at
 * a time: on PGlite each statement holds the one connection, and requests wait in between.
 */
export const VACUUM_BASE_ROWS = 50;
export const VACUUM_SCALE = 0.2;
export const ANALYZE_SCALE = 0.1;
/** Autovacuum wakes every minute by default; a pass here every five is plenty for one process. */
export const VACUUM_EVERY_MS = 5 * 60_000;

export interface VacuumPass {
  vacuumed: string[];
  analyzed: string[];
}

export async function vacuumPass(db: Db): Promise<VacuumPass> {
  const { rows } = await sql<{ table: string; live: number; dead: number; changed: number }>`
    select relname as "table", n_live_tup as live, n_dead_tup as dead, n_mod_since_analyze as changed
    from pg_stat_user_tables where schemaname = 'public' order by relname`.execute(db);
  const done: VacuumPass = { vacuumed: [], analyzed: [] };
  for (const t of rows) {
    const live = Number(t.live);
    if (Number(t.dead) > VACUUM_BASE_ROWS + VACUUM_SCALE * live) {
      await sql`vacuum (analyze) ${sql.table(t.table)}`.execute(db);
      done.vacuumed.push(t.table);
    } else if (Number(t.changed) > VACUUM_BASE_ROWS + ANALYZE_SCALE * live) {
      await sql`analyze ${sql.table(t.table)}`.execute(db);
      done.analyzed.push(t.table);
    }
  }
  return done;
}

export interface VacuumWorker {
  stop(): Promise<void>;
}

/** A pass every `everyMs`; a failed one is logged and the next tries again. */
export function startVacuumWorker(db: Db, logger: Pick<Logger, 'debug' | 'error'>, { everyMs = VACUUM_EVERY_MS }: { everyMs?: number } = {}): VacuumWorker {
  let stopping = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = vacuumPass(db)
      .then((pass) => {
        if (pass.vacuumed.length || pass.analyzed.length) logger.debug(pass, 'embedded database vacuumed');
      })
      .catch((err: unknown) => logger.error({ err }, 'embedded database: vacuum failed'))
      .then(() => {
        if (!stopping) timer = setTimeout(tick, everyMs);
      });
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(tick, everyMs);
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current;
    },
  };
}
