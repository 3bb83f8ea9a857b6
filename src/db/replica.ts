import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

/**
 * Reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL), and the way back to the
 * primary whenever the replica cannot be trusted.
 *
 * The rule of which reads may go there has two halves, kept apart on purpose:
 * - which capabilities read through `readDb` at all: app.ts hands it to the public portal
 *   (search, case pages, statistics, feeds, open data, the public API) and the leadership
 *   dashboard, and `db` to everything else (the citizen's tracking page /lacak stays on the
 *   primary: it is personal and must show what was just done);
 * - which requests of those may read the replica: http/replicaReads.ts (GETs of a browser
 *   that wrote nothing in the last seconds), marked with `readingFrom()` below.
 * Outside a request so marked (workers, commands, tests) `readDb` reads the primary.
 *
 * And the replica is used only while it is caught up: every PROBE_MS the primary's WAL
 * position is sampled, and the replica's replayed position tells which sample it has passed.
 * Everything committed before that sample's time is on the replica, so its lag is "now minus
 * that time" (an idle primary does not look lagging, and a replica that lost its primary
 * does). Above MAX_LAG_MS, reads go to the primary. A statement that fails on the replica is
 * run again on the primary (inside a transaction, the transaction's statements so far are
 * replayed there first: readDb only reads), and a replica that failed as a server (refused
 * connection, shut down, connection lost) is left alone for RETRY_AFTER_MS before the probe
 * may bring it back. No request fails because of the replica.
 */

/** Replay lag above which the replica is not read. http/replicaReads.ts's window is longer. */
export const MAX_LAG_MS = 3_000;
const PROBE_MS = 1_000;
const RETRY_AFTER_MS = 10_000;
/** Primary WAL samples kept: enough to measure a lag well past MAX_LAG_MS. */
const SAMPLES = 60;

export type ReplicaStatus =
  | { state: 'ok' | 'lagging'; lagMs: number }
  | { state: 'down'; error: string; since: Date };

export interface Replica {
  /** Reads the replica where allowed and usable, the primary otherwise (see above). */
  db: Kysely<DB>;
  status(): ReplicaStatus;
  /** Reads sent to the replica and to the primary through `db` (the tests and the bench look). */
  readonly counts: { replica: number; primary: number; fallbacks: number };
  close(): Promise<void>;
}

export interface ReplicaOptions {
  maxLagMs?: number;
  probeMs?: number;
  retryAfterMs?: number;
  poolMax?: number;
  /** pg's client class for the pool: the primary's (db/prepared.ts). */
  client?: typeof pg.Client;
}

const source = new AsyncLocalStorage<'replica' | 'primary'>();

/** Runs `work` with readDb's reads allowed on the replica, or held to the primary. */
export function readingFrom<T>(from: 'replica' | 'primary', work: () => T): T {
  return source.run(from, work);
}

/** 'X/Y' (pg_lsn as text) as a number to compare. */
function lsn(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/**
 * A failure of the replica as a server, not of the statement: no SQLSTATE (socket errors,
 * "Connection terminated"), or connection exception (08), insufficient resources (53),
 * operator intervention such as shutdown (57), system error (58).
 */
function serverFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || /^(08|53|57|58)/.test(code);
}

/** `primary` stays the caller's: closing the replica never ends it. */
export async function openReplica(url: string, primary: pg.Pool, opts: ReplicaOptions = {}): Promise<Replica> {
  const maxLagMs = opts.maxLagMs ?? MAX_LAG_MS;
  const probeMs = opts.probeMs ?? PROBE_MS;
  const retryAfterMs = opts.retryAfterMs ?? RETRY_AFTER_MS;
  const pool = new pg.Pool({
    ...(opts.client ? { Client: opts.client } : {}),
    connectionString: url,
    max: opts.poolMax ?? 10,
    // Short: while a vanished replica makes us wait, the page waits too.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    application_name: 'e-pengaduan',
  });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));

  const samples: { at: number; lsn: bigint }[] = [];
  let caughtUpAt: number | undefined;
  // Until the first probe (which open awaits): not known, so not used.
  let down: { error: string; since: Date } | undefined = { error: 'not checked yet', since: new Date(0) };
  const counts = { replica: 0, primary: 0, fallbacks: 0 };
  let closed = false;

  function failed(err: unknown) {
    down = { error: (err as Error)?.message ?? String(err), since: new Date() };
    caughtUpAt = undefined;
  }
  const usable = () => !down && caughtUpAt !== undefined && Date.now() - caughtUpAt <= maxLagMs;

  let probing: Promise<void> | undefined;
  async function probe(): Promise<void> {
    const at = Date.now();
    try {
      const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      samples.push({ at, lsn: lsn(rows[0]!.lsn) });
      if (samples.length > SAMPLES) samples.shift();
    } catch {
      // The primary's own trouble: the replica's state stays as it was.
      return;
    }
    if (down && Date.now() - down.since.getTime() < retryAfterMs) return;
    try {
      const { rows } = await pool.query<{ replayed: string | null }>('select pg_last_wal_replay_lsn()::text as replayed');
      // Not in recovery (a promoted or wrong server): it no longer follows the primary.
      if (!rows[0]?.replayed) throw new Error('not a standby (pg_last_wal_replay_lsn() is null)');
      const replayed = lsn(rows[0].replayed);
      const passed = samples.findLast((s) => s.lsn <= replayed);
      down = undefined;
      if (passed) caughtUpAt = Math.max(caughtUpAt ?? 0, passed.at);
    } catch (err) {
      failed(err);
    }
  }
  const tick = () => {
    probing ??= probe().finally(() => (probing = undefined));
  };
  tick();
  await probing;
  const timer = setInterval(tick, probeMs);
  timer.unref();

  /**
   * A replica client that moves to a primary client when a statement fails: the statement
   * (after the open transaction's statements so far) runs again there.
   */
  function withFallback(replica: pg.PoolClient): PostgresPoolClient {
    // Undefined between giving the replica's client back and getting the primary's.
    let client: pg.PoolClient | undefined = replica;
    let onReplica = true;
    let transaction: [string, unknown[]][] | undefined;
    const remember = (text: string, values: unknown[]) => {
      if (/^\s*(begin|start transaction)\b/i.test(text)) transaction = [[text, values]];
      else if (/^\s*(commit|rollback)\s*$/i.test(text)) transaction = undefined;
      else transaction?.push([text, values]);
    };
    return {
      async query(text: string, values: unknown[]) {
        if (!client) throw new Error('no connection: the primary could not be reached after the replica failed');
        if (!onReplica) return client.query(text, values);
        try {
          const result = await client.query(text, values);
          remember(text, values);
          return result;
        } catch (err) {
          if (serverFailure(err)) failed(err);
          counts.fallbacks++;
          onReplica = false;
          client.release(true);
          client = undefined;
          const fallback = await primary.connect();
          client = fallback;
          for (const [t, v] of transaction ?? []) await fallback.query(t, v);
          return fallback.query(text, values);
        }
      },
      release(destroy?: boolean) {
        client?.release(destroy);
        client = undefined;
      },
      // kysely's PostgresPoolClient types query() loosely; pg's result fits it.
    } as unknown as PostgresPoolClient;
  }

  const routing: PostgresPool = {
    async connect() {
      if (source.getStore() === 'replica' && usable()) {
        try {
          const client = await pool.connect();
          counts.replica++;
          return withFallback(client);
        } catch (err) {
          failed(err);
          counts.fallbacks++;
        }
      }
      counts.primary++;
      return primary.connect();
    },
    // Neither pool is the dialect's to end: close() ends the replica's, the owner the primary's.
    async end() {},
  };

  return {
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: routing }) }),
    counts,
    status() {
      if (down) return { state: 'down', ...down };
      const lagMs = caughtUpAt === undefined ? Infinity : Date.now() - caughtUpAt;
      return { state: usable() ? 'ok' : 'lagging', lagMs };
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await probing;
      await pool.end();
    },
  };
}
