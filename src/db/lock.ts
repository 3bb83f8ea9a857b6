import fs from 'node:fs';
import lockfile from 'proper-lockfile';

/**
 * PGlite has no locking of its own: two processes on one data folder silently lose
 * writes. The embedded database therefore takes this lock before opening, and a second
 * process refuses to start. The lock is refreshed while we run and goes stale if the
 * process dies, so a crash never leaves the folder locked for good.
 */
export class DataDirLockedError extends Error {
  constructor(readonly dir: string) {
    super(
      `The embedded database in ${dir} is already in use by another e-Pengaduan process. ` +
        'Stop that process first, or set DATABASE_URL to use a PostgreSQL server for several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, {
      lockfilePath: `${dir}/.lock`,
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised: (err) => {
        // Someone removed or took our lock: keep running would risk the data.
        console.error(`Lost the lock on ${dir}: ${err.message}. Stopping.`);
        process.exit(70);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
    throw err;
  }
}
