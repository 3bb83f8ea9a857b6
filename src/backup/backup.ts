import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../db/database.js';
import { lockDataDir } from '../db/lock.js';

/**
 * A backup is one folder holding everything needed to bring the app back:
 *
 *   manifest.json      what is inside, with counts and checksums (verify.ts compares)
 *   pgdata.tar.gz      embedded database: PGlite's own dump of its data folder, or
 *   database.dump      PostgreSQL server: pg_dump's custom format, for pg_restore
 *   uploads/           every uploaded file, under the same keys as in UPLOAD_DIR
 *   secrets/session-secret   the generated cookie key, when there is one in DATA_DIR
 *
 * The mail-threading key, API token and Open311 key hashes live in the database and come
 * with it. .env (SMTP and IMAP passwords, DATABASE_URL, SESSION_SECRET when set there) is
 * not copied: it is configuration, kept by whoever deploys (docs/backup.md).
 *
 * Order matters on a running server: the database is dumped first (one consistent
 * snapshot) and the files copied after. A row only commits after its file is on disk
 * (attachments/store.ts), so every file a dumped row names exists when the copy starts;
 * files uploaded meanwhile come along as harmless extras, removed by the orphan sweep after
 * a restore.
 */
export const BACKUP_FORMAT = 'e-pengaduan-backup/1';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: { kind: Database['kind']; file: string; bytes: number; sha256: string; serverVersion: string };
  /** The last migration applied: the app migrates a restored database forward at start. */
  migration: string | null;
  counts: { reports: number; attachments: number; users: number };
  uploads: { files: number; bytes: number };
  sessionSecret: boolean;
}

export interface BackupOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  uploadDir: string;
  /** A folder that does not exist yet (or is empty). */
  out: string;
  now?: Date;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function createBackup(opts: BackupOptions): Promise<Manifest> {
  if (fs.existsSync(opts.out) && fs.readdirSync(opts.out).length) throw new BackupError(`${opts.out} is not empty; give a new folder.`);
  // Personal data inside: readable by the owner only.
  fs.mkdirSync(opts.out, { recursive: true, mode: 0o700 });
  let file: string;
  let facts: Facts;
  if (opts.databaseUrl) {
    const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, poolMax: 1 });
    try {
      facts = await describe((q) => sql.raw(q).execute(database.db).then((r) => r.rows as Record<string, unknown>[]));
    } finally {
      await database.close();
    }
    file = 'database.dump';
    await pgDump(opts.databaseUrl, path.join(opts.out, file));
  } else {
    file = 'pgdata.tar.gz';
    facts = await withEmbedded(opts.dataDir, undefined, async (pglite) => {
      const found = await describe((q) => pglite.query<Record<string, unknown>>(q).then((r) => r.rows));
      // PGlite's own dump of its data folder, taken by the database itself: nothing is mid-write.
      const blob = await pglite.dumpDataDir('gzip');
      fs.writeFileSync(path.join(opts.out, file), Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
      return found;
    });
  }
  const { counts, migration, serverVersion } = facts;
  const uploads = await copyTree(opts.uploadDir, path.join(opts.out, 'uploads'));
  const secretFile = path.join(opts.dataDir, 'session-secret');
  const sessionSecret = fs.existsSync(secretFile);
  if (sessionSecret) {
    fs.mkdirSync(path.join(opts.out, 'secrets'), { mode: 0o700 });
    fs.copyFileSync(secretFile, path.join(opts.out, 'secrets', 'session-secret'));
    fs.chmodSync(path.join(opts.out, 'secrets', 'session-secret'), 0o600);
  }
  const dbFile = path.join(opts.out, file);
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: (opts.now ?? new Date()).toISOString(),
    database: { kind: opts.databaseUrl ? 'postgres' : 'pglite', file, bytes: fs.statSync(dbFile).size, sha256: await sha256File(dbFile), serverVersion },
    migration,
    counts,
    uploads,
    sessionSecret,
  };
  fs.writeFileSync(path.join(opts.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

interface Facts {
  counts: Manifest['counts'];
  migration: string | null;
  serverVersion: string;
}

/** What a restore must find again: counts, the migration reached, the server's version. */
export async function describe(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<Facts> {
  const [counts] = await query(`
    select (select count(*) from reports)::int as reports,
           (select count(*) from attachments)::int as attachments,
           (select count(*) from users)::int as users`);
  const [migration] = await query('select name from kysely_migration order by name desc limit 1');
  const [version] = await query('show server_version');
  return {
    counts: { reports: Number(counts!.reports), attachments: Number(counts!.attachments), users: Number(counts!.users) },
    migration: migration ? String(migration.name) : null,
    serverVersion: String(version!.server_version),
  };
}

/**
 * Opens the embedded database's folder directly (PGlite, not the app's pool), holding the
 * data folder's lock: a running app refuses it (DataDirLockedError), and that is the point,
 * as the app must be stopped for a consistent copy. `load` fills a new folder from a dump.
 */
export async function withEmbedded<T>(dataDir: string, load: Blob | undefined, work: (pglite: PGlite) => Promise<T>): Promise<T> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const unlock = await lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), { extensions: { pg_trgm }, ...(load ? { loadDataDir: load } : {}) });
    try {
      return await work(pglite);
    } finally {
      await pglite.close();
    }
  } finally {
    await unlock();
  }
}

/** Debian's pg_dump, custom format; the password travels in the environment, not in ps. */
function pgDump(databaseUrl: string, target: string): Promise<void> {
  const { url, env } = passwordToEnv(databaseUrl);
  return run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${url}`], env);
}

export function passwordToEnv(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new BackupError(e.code === 'ENOENT' ? `${command} is not installed (Debian: apt-get install postgresql-client).` : e.message)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${err.trim()}`))));
  });
}

/** Copies a folder's files (keeping the tree); a missing source is an empty copy. */
export async function copyTree(from: string, to: string): Promise<{ files: number; bytes: number }> {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(from)) return { files, bytes };
  for (const entry of await fs.promises.readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(from, path.join(entry.parentPath, entry.name));
    // Unfinished uploads are never part of a backup.
    if (rel.split(path.sep)[0] === '.tmp') continue;
    const target = path.join(to, rel);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.copyFile(path.join(from, rel), target);
    files++;
    bytes += (await fs.promises.stat(target)).size;
  }
  return { files, bytes };
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
