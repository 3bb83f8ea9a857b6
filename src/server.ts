import cluster from 'node:cluster';
import fs from 'node:fs';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { createApp } from './app.js';
import { runCluster } from './cluster.js';
import { attachLive } from './notify/live/socket.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type Database, databaseOptions, DatabaseUnreachableError, openDatabase, redactUrl } from './db/database.js';
import { startVacuumWorker, type VacuumWorker } from './db/vacuum.js';
import { DataDirLockedError } from './db/lock.js';
import { createHttpServer } from './http/server.js';
import { sessionSecret } from './http/session.js';
import { prepareDatabase } from './prepare.js';
import { seedDemo } from './demo/index.js';
import { createLogger, type Logger } from './logger.js';
import { type OutboxWorker, startOutboxWorker } from './notify/worker.js';
import type { MailIntake } from './mailin/mailbox.js';
import { type InboxWorker, startInboxWorker } from './whatsapp/inbound/worker.js';
import { scheduleOrphanSweep } from './attachments/orphans.js';
import { attachmentPath } from './attachments/store.js';
import { scheduleRetention } from './privacy/retention.js';
import { type SlaSweeper, startSlaSweeper } from './sla/sweeper.js';
import { type RollupWorker, startRollupWorker } from './dashboard/rollup.js';
import './messages.js';

/**
 * Boot: configuration, database (migrations, reference data, first admin), HTTP.
 * Every failure that an operator can fix ends with one clear line and a non-zero exit.
 */
async function main(): Promise<void> {
  const started = performance.now();
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 78);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const target = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PostgreSQL in ${config.dataDir}`;

  // Several processes (WEB_CONCURRENCY, cluster.ts): the primary prepares the database once
  // and serves nothing; its workers come here again and go straight to serving.
  if (cluster.isPrimary && config.processes > 1) return startCluster(config, logger, target, started);

  const database = await open(config, logger);
  const prepared: Prepared = cluster.isPrimary ? await prepare(config, database, logger) : { firstAdmin: null, demoUsers: [] };
  const app = createApp({ config, database, logger });
  let stopping = false;
  // Every request the server has taken, until its response is done or its connection gone:
  // a stop lets them finish (their connections close after the answer) before the database closes.
  const inFlight = new Map<http.ServerResponse, string>();
  let drained: (() => void) | undefined;
  const server = createHttpServer((req, res) => {
    inFlight.set(res, `${req.method} ${String(req.url).split('?')[0]}`);
    res.once('close', () => {
      inFlight.delete(res);
      if (!inFlight.size) drained?.();
    });
    // Node keeps serving a keep-alive connection after server.close(): while stopping, each
    // answer closes its connection, so the client's next request goes to another process.
    if (stopping) res.setHeader('Connection', 'close');
    app(req, res);
  }, config);
  const live = attachLive(server, { db: database.db, session: app.locals.session, databaseUrl: config.databaseUrl, logger });
  // Started once the port is ours, so a failed listen leaves no worker behind.
  let outbox: OutboxWorker | undefined;
  let sla: SlaSweeper | undefined;
  let rollup: RollupWorker | undefined;
  let mailin: MailIntake | undefined;
  let whatsapp: InboxWorker | undefined;
  let vacuum: VacuumWorker | undefined;
  let stopOrphanSweep: (() => void) | undefined;
  let stopRetention: (() => void) | undefined;
  server.on('error', (err: NodeJS.ErrnoException) => {
    const reason = err.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${err.code ?? err.message})`;
    void database.close().finally(() => fail(`Port ${config.port} on ${config.host} ${reason}. Set PORT or HOST.`, 1));
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const ms = Math.round(performance.now() - started);
    logger.info({ host: config.host, port, database: target, ms, ...(cluster.worker ? { process: cluster.worker.id } : {}) }, 'e-Pengaduan is ready');
    // For the person who typed `npm start`: in words, once, on every start (the line above is for log readers).
    // With several processes the primary says it, once for all (startCluster).
    if (cluster.isPrimary) welcome(config, port, target, prepared);
    // A mail that attaches an uploaded file reads it from UPLOAD_DIR as it leaves.
    const readUpload = (key: string) => fs.promises.readFile(attachmentPath(config.uploadDir, key));
    if (config.mail.worker) outbox = startOutboxWorker({ db: database.db, config, logger, readUpload });
    if (config.sla.sweepMs > 0) sla = startSlaSweeper({ db: database.db, config, logger });
    if (config.dashboard.rollupMs > 0) rollup = startRollupWorker({ db: database.db, everyMs: config.dashboard.rollupMs, logger });
    // The IMAP client and the MIME parser (about 50 MiB once loaded) only where mail intake runs.
    if (config.mailIntake.imapUrl && config.mailIntake.worker) {
      void import('./mailin/mailbox.js').then(({ startMailIntake }) => {
        if (!stopping) mailin = startMailIntake({ db: database.db, config, logger, databaseUrl: config.databaseUrl });
      });
    }
    // WhatsApp deliveries stored by the webhook become reports here (src/whatsapp/inbound/worker.ts).
    if (config.whatsapp) whatsapp = startInboxWorker({ db: database.db, config, logger });
    // The embedded database runs no autovacuum of its own (db/vacuum.ts).
    if (database.kind === 'pglite') vacuum = startVacuumWorker(database.db, logger);
    stopOrphanSweep = scheduleOrphanSweep(database.db, config.uploadDir, logger);
    stopRetention = scheduleRetention(database.db, logger);
  });

  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl+C in a terminal means "now", as it does for most servers.
      if (signal === 'SIGINT') {
        logger.warn({ requests: inFlight.size }, 'stopped again while stopping: exiting now');
        process.exit(130);
      }
      return;
    }
    stopping = true;
    logger.info({ signal, requests: inFlight.size }, 'shutting down');
    // What has not finished yet, named for the log line of a stop that overran its deadline.
    const pending = new Set<string>();
    const step = <T>(name: string, work: Promise<T> | undefined): Promise<T | undefined> => {
      pending.add(name);
      return Promise.resolve(work).finally(() => pending.delete(name));
    };
    // Never hang: past the deadline, say what still held the process and exit non-zero.
    setTimeout(() => {
      logger.error({
        pending: [...pending],
        requests: [...inFlight.values()],
        databasePool: { total: database.pool.totalCount, idle: database.pool.idleCount, waiting: database.pool.waitingCount },
        resources: process.getActiveResourcesInfo(),
      }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    // No new connections; idle keep-alive ones close now, busy ones after their answer.
    server.close();
    for (const res of inFlight.keys()) if (!res.headersSent) res.setHeader('Connection', 'close');
    stopOrphanSweep?.();
    stopRetention?.();
    // Requests in flight keep the database until they are answered, within the grace period;
    // only then are the connections still open cut (a pool ended under a request fails it,
    // and a cut connection leaves its client without the answer to what was done).
    const requests = step('requests', new Promise<void>((resolve) => {
      if (!inFlight.size) return resolve();
      drained = resolve;
      setTimeout(resolve, STOP_GRACE_MS).unref();
    })).then(() => {
      if (inFlight.size) logger.warn({ requests: [...inFlight.values()] }, 'requests still running after the grace period: their connections are cut');
      server.closeAllConnections();
    });
    // The mail being sent (or read) finishes and is recorded before the database closes.
    Promise.all([
      requests,
      step('live updates', live.close()),
      step('outbox', outbox?.stop()),
      step('sla sweeper', sla?.stop()),
      step('mail intake', mailin?.stop()),
      step('dashboard rollup', rollup?.stop()),
      step('whatsapp inbox', whatsapp?.stop()),
      step('vacuum', vacuum?.stop()),
    ])
      .then(() => step('database', database.close()))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function open(config: Config, logger: Logger): Promise<Database> {
  try {
    const database = await openDatabase(databaseOptions(config));
    // A replica that does not answer yet is no reason not to start: reads go to the primary meanwhile.
    const replica = database.replica?.status();
    if (replica?.state === 'down') logger.warn({ error: replica.error }, 'replica (DATABASE_REPLICA_URL) not usable; reading the primary until it is');
    else if (replica) logger.info({ state: replica.state, lagMs: replica.lagMs }, 'replica (DATABASE_REPLICA_URL) opened');
    return database;
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof DatabaseUnreachableError) fail(err.message, 1);
    throw err;
  }
}

interface Prepared {
  firstAdmin: { email: string; password: string } | null;
  demoUsers: Awaited<ReturnType<typeof seedDemo>>['users'];
}

/** Migrations, reference data, the first admin and the demo data: once per start, before serving. */
async function prepare(config: Config, database: Database, logger: Logger): Promise<Prepared> {
  const prepared = await prepareDatabase(database.db, (msg) => logger.info(msg));
  if (prepared.migrations.length) logger.info({ migrations: prepared.migrations }, 'database migrated');
  let demoUsers: Prepared['demoUsers'] = [];
  if (prepared.referenceLoaded && config.demoData) {
    const demo = await seedDemo(database.db, { log: (msg) => logger.info(msg) });
    demoUsers = demo.users;
  }
  return { firstAdmin: prepared.firstAdmin ?? null, demoUsers };
}

/**
 * The primary of WEB_CONCURRENCY processes: it prepares the database alone (no two
 * processes migrate at once), settles the session secret for all (one made up per process
 * would sign cookies the others refuse), then starts the workers (cluster.ts).
 */
async function startCluster(config: Config, logger: Logger, target: string, started: number): Promise<void> {
  const database = await open(config, logger);
  const prepared = await prepare(config, database, logger).finally(() => database.close());
  runCluster({
    count: config.processes,
    exec: fileURLToPath(import.meta.url),
    env: { SESSION_SECRET: sessionSecret(config) },
    logger,
    onListening: (port) => {
      logger.info({ host: config.host, port, database: target, processes: config.processes, ms: Math.round(performance.now() - started) }, 'e-Pengaduan is ready');
      welcome(config, port, target, prepared);
    },
  });
}

function welcome(config: Config, port: number, target: string, prepared: Prepared): void {
  const base = siteAddress(config, port);
  printAddresses(config, port, base, target);
  if (prepared.firstAdmin) printFirstAdmin(prepared.firstAdmin, prepared.demoUsers, base);
}

/** How long requests in flight at a stop may take to be answered before their connections are cut. */
const STOP_GRACE_MS = 10_000;
/** A stop that has not finished by then (a request or worker that never ends) exits non-zero instead of hanging. */
const STOP_DEADLINE_MS = 15_000;

function fail(message: string, code: number): never {
  process.stderr.write(`\ne-Pengaduan cannot start: ${message}\n\n`);
  process.exit(code);
}

/**
 * The address people open: PUBLIC_URL when it was set, else this machine's listening
 * address (localhost for a loopback or every-interface HOST), with the real port (PORT=0
 * picks one).
 */
function siteAddress(config: Config, port: number): string {
  if (config.publicUrl !== `http://localhost:${config.port}`) return config.publicUrl;
  const local = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(config.host);
  return `http://${local ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}

/** Where the app listens and the three addresses people open, in plain words. */
function printAddresses(config: Config, port: number, base: string, database: string): void {
  const listen = config.host.includes(':') ? `[${config.host}]:${port}` : `${config.host}:${port}`;
  const lines = [
    '',
    `  e-Pengaduan is running on http://${listen} (database: ${database}).`,
    '',
    `    Citizens report at      ${base}/lapor`,
    `    Staff sign in at        ${base}/masuk`,
    `    Administrators manage   ${base}/admin/kesehatan`,
    '',
    '  Stop it with Ctrl+C.',
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Printed once, at the first start of an empty database; never logged as data. */
function printFirstAdmin(
  admin: { email: string; password: string },
  demoUsers: { email: string; role: string; password: string }[],
  url: string,
): void {
  const lines = [
    '',
    '  First start: an administrator account was created.',
    `  Sign in at ${url}/masuk`,
    `    e-mail:    ${admin.email}`,
    `    password:  ${admin.password}`,
    '  This password is shown only now. To set a new one later:',
    `    npm run user -- reset-password --email ${admin.email}`,
  ];
  if (demoUsers.length) {
    lines.push('', '  Demo accounts (demo data loaded):');
    for (const u of demoUsers) lines.push(`    ${u.role.padEnd(13)} ${u.email.padEnd(42)} ${u.password}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err) => {
  process.stderr.write(`\ne-Pengaduan failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
