import { Migrator, sql } from 'kysely';
import type { Db } from './database.js';
import { migrationProvider } from './migrations/index.js';

/** Brings the schema to the latest migration; throws with the failing migration named. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Every restart of an up-to-date database: one read instead of the Migrator's lock
  // table, transaction and DDL checks (a fifth of an embedded restart, ~150 ms).
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Migration failed${name}: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether every migration we ship is recorded as applied (and none we do not know of is). */
async function upToDate(db: Db): Promise<boolean> {
  const { rows: [table] } = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!table?.present) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  const shipped = Object.keys(await migrationProvider.getMigrations());
  return applied.size === shipped.length && shipped.every((name) => applied.has(name));
}
