import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.js';
import { BACKUP_FORMAT, BackupError, copyTree, describe, type Manifest, passwordToEnv, run, sha256File, withEmbedded } from './backup.js';

/**
 * Brings a backup (backup.ts) back into an EMPTY place: a data folder with no database,
 * or a PostgreSQL database with no tables, and an upload folder with no files. A restore
 * never mixes with live data; to replace a damaged installation, move its folders aside
 * (or create a new database) first, as docs/backup.md shows. Then it checks what it
 * restored (verifyRestore) and says what does not match.
 */
export interface RestoreOptions {
  from: string;
  databaseUrl?: string | undefined;
  dataDir: string;
  uploadDir: string;
}

export interface Verification {
  counts: Manifest['counts'];
  /** Attachment rows whose file (or thumbnail) is missing or has other bytes than recorded. */
  missing: string[];
  damaged: string[];
  ok: boolean;
}

export function readManifest(from: string): Manifest {
  const file = path.join(from, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupError(`${from} is not a backup: manifest.json is missing.`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`${from}: unknown backup format ${JSON.stringify(manifest.format)}.`);
  return manifest;
}

export async function restoreBackup(opts: RestoreOptions): Promise<{ manifest: Manifest; verification: Verification }> {
  const manifest = readManifest(opts.from);
  const target = opts.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database.kind !== target) {
    throw new BackupError(
      `This backup is of ${manifest.database.kind === 'pglite' ? 'the embedded database' : 'a PostgreSQL server'}; ` +
        `restore it ${manifest.database.kind === 'pglite' ? 'without DATABASE_URL' : 'with DATABASE_URL set'}.`,
    );
  }
  const dbFile = path.join(opts.from, manifest.database.file);
  if (!fs.existsSync(dbFile) || (await sha256File(dbFile)) !== manifest.database.sha256) {
    throw new BackupError(`${dbFile} is missing or damaged (its checksum differs from the manifest). Nothing was restored.`);
  }
  if (hasFiles(opts.uploadDir)) throw new BackupError(`${opts.uploadDir} already holds files. Restore into an empty upload folder.`);

  if (opts.databaseUrl) {
    const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, poolMax: 1 });
    try {
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(database.db);
      if (tables.rows[0]!.n > 0) throw new BackupError('The database named by DATABASE_URL already has tables. Restore into a new, empty database.');
    } finally {
      await database.close();
    }
    const { url, env } = passwordToEnv(opts.databaseUrl);
    // One transaction: a restore that fails half-way leaves the database empty, not half-filled.
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, dbFile], env);
  } else {
    const pgdata = path.join(opts.dataDir, 'pgdata');
    if (hasFiles(pgdata)) throw new BackupError(`${pgdata} already holds a database. Move it aside first; a restore never overwrites one.`);
    await withEmbedded(opts.dataDir, new Blob([fs.readFileSync(dbFile)]), async () => undefined);
  }

  await copyTree(path.join(opts.from, 'uploads'), opts.uploadDir);
  const secret = path.join(opts.from, 'secrets', 'session-secret');
  const secretTarget = path.join(opts.dataDir, 'session-secret');
  if (fs.existsSync(secret) && !fs.existsSync(secretTarget)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.copyFileSync(secret, secretTarget);
    fs.chmodSync(secretTarget, 0o600);
  }
  return { manifest, verification: await verifyRestore(opts, manifest) };
}

/**
 * The restored database has the backup's counts, and every attachment row finds its
 * file with the very bytes recorded at upload (sha256), and its thumbnail.
 */
export async function verifyRestore(opts: Omit<RestoreOptions, 'from'>, manifest: Manifest): Promise<Verification> {
  const missing: string[] = [];
  const damaged: string[] = [];
  const check = async (rows: { storage_key: string; thumbnail_key: string | null; sha256: string }[]) => {
    for (const row of rows) {
      const file = path.join(opts.uploadDir, ...row.storage_key.split('/'));
      if (!fs.existsSync(file)) missing.push(row.storage_key);
      else if ((await sha256File(file)) !== row.sha256) damaged.push(row.storage_key);
      if (row.thumbnail_key && !fs.existsSync(path.join(opts.uploadDir, ...row.thumbnail_key.split('/')))) missing.push(row.thumbnail_key);
    }
  };
  const attachmentsQuery = 'select storage_key, thumbnail_key, sha256 from attachments order by id';
  let facts;
  if (opts.databaseUrl) {
    const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, poolMax: 1 });
    try {
      facts = await describe((q) => sql.raw(q).execute(database.db).then((r) => r.rows as Record<string, unknown>[]));
      await check((await sql.raw(attachmentsQuery).execute(database.db)).rows as never);
    } finally {
      await database.close();
    }
  } else {
    facts = await withEmbedded(opts.dataDir, undefined, async (pglite) => {
      const found = await describe((q) => pglite.query<Record<string, unknown>>(q).then((r) => r.rows));
      await check((await pglite.query(attachmentsQuery)).rows as never);
      return found;
    });
  }
  const same = JSON.stringify(facts.counts) === JSON.stringify(manifest.counts) && facts.migration === manifest.migration;
  return { counts: facts.counts, missing, damaged, ok: same && !missing.length && !damaged.length };
}

function hasFiles(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
}
