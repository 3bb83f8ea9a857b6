import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.js';

/**
 * WEB_CONCURRENCY > 1: this process (the primary) serves nothing itself; it runs that many
 * copies of the server (server.ts, as cluster workers) that share its listening port, the
 * kernel handing each new connection to one of them, so a busy app uses every core
 * instead of one. Each worker is the whole app, exactly as several processes behind a
 * load balancer are (README, "Several processes"): sessions, rate limits, live updates and
 * background work already go through the database server.
 *
 * The primary keeps them running: a worker that dies after it was serving is started
 * again (a crash must not leave the site with fewer processes until someone notices); one
 * that dies before it ever listened failed to start (a port in use, a wrong setting), and
 * starting it again would only fail again, so the primary stops the rest and exits with its
 * code. A stop (SIGTERM, SIGINT) reaches every worker, each stops as a lone process does
 * (server.ts), and the primary exits 0 when all of them did.
 */
export interface ClusterOptions {
  count: number;
  /** The server module the workers run (not the script that started the primary, which may build first). */
  exec: string;
  /** Given to every worker: what the primary decided once for all (a generated session secret). */
  env: Record<string, string>;
  logger: Logger;
  /** Called once, when every worker first listens: the port they share. */
  onListening: (port: number) => void;
}

/** Restarts of crashed workers allowed within RESTART_WINDOW_MS before the primary gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** A crashed worker is replaced after this long, so a worker that dies at once cannot spin. */
const RESTART_DELAY_MS = 1_000;
/** Workers stop within their own deadline (server.ts, 15 s); past this they are killed. */
const STOP_DEADLINE_MS = 20_000;

export function runCluster(options: ClusterOptions): void {
  const { count, logger } = options;
  cluster.setupPrimary({ exec: options.exec });
  const listened = new WeakSet<Worker>();
  const restarts: number[] = [];
  let stopping = false;
  let exitCode = 0;
  let announced = false;

  const fork = (): void => {
    const worker = cluster.fork(options.env);
    worker.once('listening', (address) => {
      listened.add(worker);
      if (!announced && Object.values(cluster.workers ?? {}).filter((w) => w && listened.has(w)).length === count) {
        announced = true;
        options.onListening(address.port);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(exitCode);
      return;
    }
    if (!listened.has(worker)) {
      logger.error({ worker: worker.id, code, signal }, 'an app process failed to start; stopping the others');
      stopAll(code || 1);
      return;
    }
    const now = Date.now();
    while (restarts.length && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      logger.error({ worker: worker.id, code, signal, restarts: restarts.length }, 'app processes keep dying; stopping');
      stopAll(1);
      return;
    }
    restarts.push(now);
    logger.error({ worker: worker.id, code, signal }, 'an app process died; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });

  const stopAll = (code: number): void => {
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    if (!workers.length) process.exit(exitCode);
    // SIGTERM for SIGINT too: a worker in the same terminal already got Ctrl+C's SIGINT,
    // and a second SIGINT would mean "exit now" to it (server.ts).
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ workers: Object.keys(cluster.workers ?? {}).length }, 'app processes did not stop in time; killing them');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C: the workers got it too and exit at once; so does the primary.
      if (signal === 'SIGINT') process.exit(130);
      return;
    }
    logger.info({ signal, processes: count }, 'shutting down');
    stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (let i = 0; i < count; i++) fork();
}
