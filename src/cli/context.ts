import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { type Database, databaseOptions, DatabaseUnreachableError, openDatabase } from '../db/database.js';
import { DataDirLockedError } from '../db/lock.js';
import { prepareDatabase } from '../prepare.js';
import '../messages.js';

/**
 * Opens the configured database for an operator command, prepared like the app does it
 * (migrations, reference data), runs `task`, and closes it. Errors an operator can fix
 * print one line and exit non-zero; on the embedded database the app must be stopped
 * first, as the data-folder lock says.
 */
export async function withDatabase(task: (database: Database, config: Config) => Promise<number | void>): Promise<void> {
  dotenv.config({ quiet: true });
  let database: Database | undefined;
  let code: number;
  try {
    const config = loadConfig();
    database = await openDatabase(databaseOptions(config));
    const prepared = await prepareDatabase(database.db);
    if (prepared.firstAdmin) {
      console.log(`First admin created: ${prepared.firstAdmin.email} / ${prepared.firstAdmin.password} (shown once)`);
    }
    code = (await task(database, config)) ?? 0;
  } catch (err) {
    if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      err instanceof DatabaseUnreachableError ||
      err instanceof UsageError
    ) {
      console.error(err.message);
      code = err instanceof UsageError ? 64 : 1;
    } else {
      console.error(err);
      code = 1;
    }
  } finally {
    await database?.close();
  }
  process.exit(code);
}

export class UsageError extends Error {}
