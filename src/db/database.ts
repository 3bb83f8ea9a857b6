import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { lockDataDir } from './lock.js';
import { PreparingClient } from './prepared.js';
import { openReplica, type Replica } from './replica.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  /**
   * For reads that need not be fresh: the streaming replica (DATABASE_REPLICA_URL) where
   * replica.ts allows it, the primary otherwise; the same as `db` without a replica.
   */
  readDb: Db;
  /** The replica, when one is configured: its state for the health page. */
  replica?: Pick<Replica, 'status' | 'counts'>;
  /** The pg pool under kysely; also used by the session store. */
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  /** The embedded database's files as one tarball (tests start their databases from a migrated copy). */
  dumpDataDir?(): Promise<Blob>;
}

export class DatabaseUnreachableError extends Error {
  constructor(readonly target: string, cause: unknown) {
    super(`Cannot reach the database at ${target}: ${(cause as Error)?.message ?? cause}`);
    this.name = 'DatabaseUnreachableError';
  }
}

// NUMERIC and BIGINT come back as strings by default; our ids and counts fit in a
// JavaScript number long before a regency could file 2^53 reports.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** A streaming replica of databaseUrl for reads that need not be fresh (replica.ts). */
  replicaUrl?: string | undefined;
  dataDir: string;
  poolMax?: number;
  /** Hot reads as named prepared statements (db/prepared.ts); default on. */
  preparedStatements?: boolean;
  /** For tests: an in-memory PGlite with no folder and no lock. */
  inMemory?: boolean;
  /** For tests: an in-memory PGlite starts from this dump (dumpDataDir) instead of an empty cluster. */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (!opts.databaseUrl) return openEmbedded(opts);
  const client = clientFor(opts);
  const database = await openServer(opts.databaseUrl, opts.poolMax ?? 10, client);
  return opts.replicaUrl ? withReplica(database, await openReplica(opts.replicaUrl, database.pool, { poolMax: opts.poolMax, client })) : database;
}

/** pg's client, or the one that runs hot reads as prepared statements (db/prepared.ts). */
function clientFor(opts: Pick<OpenOptions, 'preparedStatements'>): typeof pg.Client {
  return opts.preparedStatements === false ? pg.Client : PreparingClient;
}

/** The database with its replica for readDb; closing one closes both. */
export function withReplica(database: Database, replica: Replica): Database {
  return {
    ...database,
    readDb: replica.db,
    replica,
    async close() {
      await replica.close();
      await database.close();
    },
  };
}

export function databaseOptions(config: Config): OpenOptions {
  return {
    databaseUrl: config.databaseUrl,
    replicaUrl: config.databaseReplicaUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
    preparedStatements: config.databasePreparedStatements,
  };
}

async function openServer(url: string, max: number, client: typeof pg.Client): Promise<Database> {
  const pool = new pg.Pool({
    Client: client,
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'e-pengaduan',
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor one dropped while checked out between two statements (a transaction): the pool
  // listens only to idle clients, and the next statement on it fails on its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  const target = redactUrl(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(target, err);
  }
  return wrap(pool, 'postgres', async () => {
    await pool.end();
  });
}

/**
 * PostgreSQL's own default of 128 MB of shared buffers, inside PGlite, is WebAssembly memory
 * of the app process, and WebAssembly memory never shrinks: once PostgreSQL has touched
 * those pages they stay in the app's RSS for good (issue 25: a PGlite on its own held
 * 291 MiB RSS with 128 MB, 186 MiB with 32 MB; the app under `npm run bench -- soak`,
 * 20 minutes, 357 MiB idle and 423 MiB under load with 128 MB, 285 and 335 MiB with 32 MB).
 * Smaller still costs CPU as the data grows: after 20,000 submissions each one cost ~40 %
 * more CPU with 16 MB (271/320 MiB) than with 128 MB, and the same with 32 MB. Pages
 * past the buffers are read from files the operating system caches, outside the process.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';
const EMBEDDED_SETTINGS = ['-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`];

async function openEmbedded(opts: OpenOptions): Promise<Database> {
  // Loaded lazily: deployments on a PostgreSQL server never pay for the WASM build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const unlock = opts.inMemory ? async () => {} : await lockDataDir(opts.dataDir);
  let pglite;
  try {
    pglite = await PGlite.create(opts.inMemory ? 'memory://' : path.join(opts.dataDir, 'pgdata'), {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
      // Starting from a dump skips initdb, most of the seconds an embedded cluster costs.
      ...(opts.inMemory && opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
  } catch (err) {
    await unlock();
    throw err;
  }
  // PGlite is a single connection: one client, never closed while idle. Queries and
  // transactions queue for it, so nothing may hold it open (no LISTEN, no long work).
  const pool = new pg.Pool({ ...createPgConfig(pglite), Client: clientFor(opts), max: 1, idleTimeoutMillis: 0 });
  pool.on('error', () => {});
  const database = wrap(pool, 'pglite', async () => {
    await pool.end();
    await pglite.close();
    await unlock();
  });
  return { ...database, dumpDataDir: () => pglite.dumpDataDir('none') };
}

function wrap(pool: pg.Pool, kind: Database['kind'], end: () => Promise<void>): Database {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    readDb: db,
    pool,
    kind,
    async ping(timeoutMs = 2_000) {
      if (closed) throw new Error('database closed');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs);
      });
      try {
        await Promise.race([sql`select 1`.execute(db), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy ends the pool; the embedded database needs its own shutdown.
      await end();
    },
  };
}

/** postgres://user:secret@host/db -> postgres://user:***@host/db, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

// DATE columns stay 'YYYY-MM-DD' strings: a holiday is a calendar day in Asia/Jakarta,
// and turning it into a JavaScript Date at local midnight would shift it by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
