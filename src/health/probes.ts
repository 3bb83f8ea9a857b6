import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { ROOT_DIR } from '../paths.js';

/** What the health page asks of the machine rather than of the tables. */

/** The app's version, read once from package.json. */
export const APP_VERSION: string = (() => {
  try {
    return String((JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version?: string }).version ?? '?');
  } catch {
    return '?';
  }
})();

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/**
 * Space left for uploads on the file system of the upload folder (what the app may still
 * write). The folder is made at the first upload, so before that the nearest folder above
 * it that exists is measured: that is where it will be made, and a fresh install is not
 * "cannot be checked".
 */
export async function uploadDiskSpace(uploadDir: string): Promise<DiskSpace> {
  let dir = path.resolve(uploadDir);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const s = await fs.promises.statfs(dir);
  // bavail: the blocks an unprivileged process may still use (bfree counts root's reserve too).
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

/** Whether the database answers, and how fast (ms); the error's message when it does not. */
export async function databaseReach(database: Database): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    await database.ping(2_000);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
