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
  const code = await exitCode(async () => {
    const config = loadConfig();
    database = await openDatabase(databaseOptions(config));
    const prepared = await prepareDatabase(database.db);
    if (prepared.firstAdmin) {
      console.log(`First admin created: ${prepared.firstAdmin.email} / ${prepared.firstAdmin.password} (shown once)`);
    }
    return task(database, config);
  });
  await database?.close();
  process.exit(code);
}

/**
 * Runs a command and gives its exit code: 0 (or its own), 64 for a usage error, 1 for
 * anything else. An error the operator can fix prints as one line, anything else whole.
 */
export async function exitCode(run: () => Promise<number | void>, printError: (message: unknown) => void = console.error): Promise<number> {
  try {
    return (await run()) ?? 0;
  } catch (err) {
    if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      err instanceof DatabaseUnreachableError ||
      err instanceof UsageError
    ) {
      printError(err.message);
      return err instanceof UsageError ? 64 : 1;
    }
    printError(err);
    return 1;
  }
}

export class UsageError extends Error {}
