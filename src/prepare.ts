import { sql } from 'kysely';
import type { Db } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedReference } from './db/seed/reference.js';
import { backfillDurations } from './reports/commands/recordDurations.js';
import { ensureFirstAdmin } from './users/commands/ensureFirstAdmin.js';

export interface PrepareResult {
  migrations: string[];
  referenceLoaded: boolean;
  /** Set on the first start of an empty database only: print once, never store. */
  firstAdmin?: { email: string; password: string };
}

// Any constant works; it only has to be the same in every process of this app.
const PREPARE_LOCK = 7_340_117;

/**
 * Everything a database needs before the app serves: migrations, reference data in an
 * empty database, and the first admin. Several processes may start at once against one
 * server; an advisory lock lets one of them do it while the others wait.
 */
export async function prepareDatabase(db: Db, log: (msg: string) => void = () => {}): Promise<PrepareResult> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${PREPARE_LOCK})`.execute(conn);
    try {
      const migrations = await migrateToLatest(conn);
      // Reports older than the dashboard's summary table get their rows once, when it arrives.
      if (migrations.includes('0012_report_durations')) {
        const filled = await backfillDurations(conn);
        if (filled) log(`dashboard durations computed for ${filled} reports`);
      }
      const { loaded } = await seedReference(conn, log);
      const firstAdmin = await ensureFirstAdmin(conn);
      return { migrations, referenceLoaded: loaded, firstAdmin };
    } finally {
      await sql`select pg_advisory_unlock(${PREPARE_LOCK})`.execute(conn);
    }
  });
}
