import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { ROOT_DIR } from '../../src/paths.js';
import { prepareDatabase } from '../../src/prepare.js';
import { startSlaSweeper } from '../../src/sla/sweeper.js';
import { gitHead } from '../gitHead.js';
import { BENCH_PASSWORD, generate, type GenerateResult } from '../generate.js';
import { withScratchDatabase } from '../scratch.js';
import { cannon, type Measured, percentile } from './measure.js';
import { type Child, cpuMsBetween, cpuMsByPid, postgresPids, PROCESSES, startApp, startFloor } from './processes.js';
import { type Budget, scenarios } from './scenarios.js';

/**
 * `npm run bench -- load [--reports N] [--database-url URL] [--seconds S] [--connections C] [--only TEXT]`
 * (BENCH_WEB_CONCURRENCY=N: app and floor each as N processes, src/cluster.ts)
 *
 * The load scenarios of issue 10 against the app as its own process (compiled, as
 * `npm start` runs it) on PostgreSQL: throughput, p50/p95/p99 and the app's peak RSS per
 * scenario, and throughput and p95 as ratios to the floor (floor-server.ts) measured in the
 * same run, checked against issue 25's budgets (scenarios.ts, Budget); under each, the CPU
 * per request of each side and of PostgreSQL meanwhile (Cpu, below). --database-url: a
 * database already made by bench/generate.ts (kept); otherwise a
 * scratch database on DATABASE_URL is filled with N reports (default 1,000,000) and
 * dropped. --only runs the scenarios whose name contains TEXT (or one of A,B).
 * BENCH_APP_NODE_OPTIONS is passed to the app as NODE_OPTIONS (e.g. a heap limit).
 * Results go to bench/results/<timestamp>.json. The machine's load average is recorded
 * with each scenario: on a shared machine the numbers are only as good as it.
 * Why a scenario is slow: bench/load/explain.ts (EXPLAIN ANALYZE of its queries).
 */
/**
 * CPU per request of a run: of the side's own processes, and of the PostgreSQL server
 * meanwhile (its backends serve both sides, but one side runs at a time). Read from /proc:
 * where the two sides' time goes, not only how much they do.
 */
interface Cpu {
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
}

async function withCpu<T extends Measured>(side: Child, measure: () => Promise<T>): Promise<T & Cpu> {
  const [own, server] = [side.cpuMs(), cpuMsByPid(postgresPids())];
  const result = await measure();
  const n = Math.max(1, result.requests);
  return {
    ...result,
    cpuMsPerRequest: cpuMsBetween(own, side.cpuMs()) / n,
    dbCpuMsPerRequest: cpuMsBetween(server, cpuMsByPid(postgresPids())) / n,
  };
}

interface Row {
  name: string;
  budget: Budget;
  app: Measured & Cpu & { peakRssMiB: number };
  floor: Measured & Cpu;
  ratio: number;
  loadAvg: [number, number];
  verdict: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

export async function benchLoad(): Promise<void> {
  console.log('\nLoad scenarios');
  const given = arg('--database-url') ?? process.env.BENCH_DATABASE_URL;
  const server = process.env.DATABASE_URL;
  if (!given && !server) return void console.log('  (needs DATABASE_URL: a PostgreSQL server for a scratch database, or --database-url of a generated one)');
  const reports = Number(arg('--reports') ?? 1_000_000);
  if (given) return run(given, reports);
  await withScratchDatabase(server!, 'epengaduan_bench_load', (url) => run(url, reports));
}

async function run(url: string, reports: number): Promise<void> {
  const seconds = Number(arg('--seconds') ?? 15);
  const connections = Number(arg('--connections') ?? 10);
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 4 });
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-load-'));
  const children: Child[] = [];
  try {
    await prepareDatabase(database.db);
    const generated = await ensureData(database, reports);
    await vacuumAsLiveServer(database);
    try {
      execSync('npm run build --silent', { cwd: ROOT_DIR, stdio: 'inherit' });
    } catch {
      console.log('  (the build reported errors; the compiled output it wrote is used if there is one)');
    }
    const app = await startApp(url, uploadDir);
    children.push(app);
    const floor = await startFloor(url);
    children.push(floor);
    console.log(`  app pid ${app.pid} (${app.command}), floor pid ${floor.pid}; ${PROCESSES} process(es) each (BENCH_WEB_CONCURRENCY); ${connections} connections, ${seconds} s per run`);
    const only = arg('--only');
    const list = (await scenarios({ appUrl: app.url, db: database.db, connections, generated })).filter((s) => !only || only.split(',').some((o) => s.name.includes(o)));
    const rows: Row[] = [];
    for (const s of list) {
      const before = os.loadavg()[0]!;
      // One at a time, a slow request needs a longer run and timeout to be measured a few times.
      const c = s.alone ? 1 : connections;
      const run = s.alone ? { seconds: Math.max(seconds, 30), timeoutSeconds: 60 } : { seconds };
      // A short warm-up of each side (caches, JIT, pool), not measured.
      await s.app.before?.();
      await cannon({ url: app.url, connections: c, seconds: 2, timeoutSeconds: 60, ...s.app });
      app.resetPeak();
      await s.app.before?.();
      const appResult = await withCpu(app, () => cannon({ url: app.url, connections: c, ...run, ...s.app }));
      const peakRssMiB = app.peakRssMiB();
      await cannon({ url: floor.url, connections: c, seconds: 2, timeoutSeconds: 60, ...s.floor });
      const floorResult = await withCpu(floor, () => cannon({ url: floor.url, connections: c, ...run, ...s.floor }));
      const ratio = appResult.okPerSec / Math.max(1e-9, floorResult.okPerSec);
      const row: Row = {
        name: s.name, budget: s.budget, app: { ...appResult, peakRssMiB }, floor: floorResult, ratio,
        loadAvg: [before, os.loadavg()[0]!], verdict: '',
      };
      row.verdict = verdict(row);
      rows.push(row);
      printRow(row, rows.length === 1);
      await outboxDrained(database);
    }
    const sweep = await measureSweep(database, url);
    console.log(`  SLA sweep (runOnce, ${sweep.runs} runs): p50 ${sweep.p50.toFixed(0)} ms, p95 ${sweep.p95.toFixed(0)} ms, p99 ${sweep.p99.toFixed(0)} ms; ${sweep.alerts} alerts written`);
    const file = path.join(ROOT_DIR, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({
      at: new Date().toISOString(),
      commit: gitHead(),
      machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      database: { kind: 'postgresql', reports: Number((await database.db.selectFrom('reports').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n) },
      settings: { seconds, connections, app: app.command, processes: PROCESSES, logLevel: 'warn', nodeOptions: process.env.BENCH_APP_NODE_OPTIONS ?? null, only: only ?? null },
      note: 'Shared 2-core machine: other engineers run tests at the same time; loadAvg is the 1-minute load average before and after each scenario.',
      scenarios: rows,
      slaSweep: sweep,
    }, null, 2)}\n`);
    console.log(`  written to ${path.relative(ROOT_DIR, file)}`);
  } finally {
    for (const c of children) await c.stop();
    await database.close();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  }
}

/** The generated data: reused when this database already has it, otherwise made now. */
async function ensureData(database: Database, reports: number): Promise<Pick<GenerateResult, 'salt' | 'reports' | 'password' | 'accounts'>> {
  const marker = await database.db.selectFrom('settings').select('value').where('key', '=', 'bench.generated').executeTakeFirst();
  if (marker) {
    const m = marker.value as unknown as { salt: number; reports: number };
    const agency = await database.db.selectFrom('categories as c').innerJoin('agencies as a', 'a.id', 'c.default_agency_id')
      .select(['a.id', 'a.code']).where('c.code', '=', 'jalan-jembatan').executeTakeFirstOrThrow();
    console.log(`  using the ${m.reports.toLocaleString('en')} generated reports of this database (salt ${m.salt})`);
    return {
      salt: m.salt, reports: m.reports, password: BENCH_PASSWORD,
      accounts: {
        coordinator: 'bench-koordinator-1@bench.example', leader: 'bench-pimpinan@bench.example',
        staff: `bench-staf-1-${agency.code}@bench.example`, head: `bench-kepala-${agency.code}@bench.example`, agencyId: agency.id,
      },
    };
  }
  console.log(`  generating ${reports.toLocaleString('en')} reports...`);
  const result = await generate(database.db, { reports, log: (l) => console.log(l) });
  console.log(`  generated in ${(result.ms / 1000).toFixed(0)} s`);
  return result;
}

/**
 * What autovacuum does on a live server, done before measuring: visibility maps (without
 * them an index-only scan reads the table too) and planner statistics for the tables the
 * scenarios read. A freshly generated database has neither, and a test machine's server may
 * run with autovacuum off (this one does), which made the dashboard read 60,000 table pages
 * per query. Quick when nothing changed since the last run.
 */
async function vacuumAsLiveServer(database: Database): Promise<void> {
  const started = Date.now();
  for (const table of ['reports', 'report_events', 'messages', 'attachments', 'report_durations', 'publications', 'outbox', 'session', 'rate_limits']) {
    await sql.raw(`vacuum (analyze) ${table}`).execute(database.db);
  }
  console.log(`  vacuum (analyze) as autovacuum would: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Waits until the app's sender has sent every mail both sides' submissions queued: left
 * pending, they would be sent during the next scenarios, whose CPU per request (both sides
 * share the server) would then carry them. Bounded: the figures say when it did not empty.
 */
async function outboxDrained(database: Database): Promise<void> {
  const started = Date.now();
  const pending = async () => Number((await database.db.selectFrom('outbox').select((e) => e.fn.countAll<string>().as('n')).where('status', '=', 'pending').where('available_at', '<=', new Date()).executeTakeFirstOrThrow()).n);
  let left = await pending();
  while (left > 0 && Date.now() - started < 300_000) {
    await new Promise((r) => setTimeout(r, 1000));
    left = await pending();
  }
  if (Date.now() - started > 1500 || left > 0) console.log(`  ${''.padEnd(56)} outbox ${left ? `still holds ${left} mails` : 'emptied'} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The SLA sweeper's runOnce on this data (a function, not HTTP): what a process pays each minute. */
async function measureSweep(database: Database, url: string) {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', DATABASE_URL: url });
  const sweeper = startSlaSweeper({ db: database.db, config, logger: createLogger('silent'), poll: false });
  const ms: number[] = [];
  let alerts = 0;
  try {
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await sweeper.runOnce();
      ms.push(performance.now() - t0);
      alerts += r.reminder + r.breach + r.escalation;
    }
  } finally {
    await sweeper.stop();
  }
  ms.sort((a, b) => a - b);
  return { runs: ms.length, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), p99: percentile(ms, 0.99), alerts };
}

function verdict(r: Row): string {
  const misses: string[] = [];
  const { minRatio, maxP95Ratio, coldP95Factor } = r.budget;
  if (minRatio !== undefined && r.ratio < minRatio) misses.push(`ratio ${r.ratio.toFixed(2)} < ${minRatio}`);
  if (maxP95Ratio !== undefined && r.app.p95 / r.floor.p95 > maxP95Ratio) misses.push(`p95 ${(r.app.p95 / r.floor.p95).toFixed(2)}× the floor's > ${maxP95Ratio}×`);
  // The floor alone, one request at a time: its median is the time of its single query.
  if (coldP95Factor !== undefined && !(r.app.p95 < coldP95Factor * r.floor.p50)) {
    misses.push(`p95 ${r.app.p95.toFixed(0)} ms >= ${coldP95Factor}× the floor's single query (${r.floor.p50.toFixed(0)} ms)`);
  }
  if (r.app.peakRssMiB >= 250) misses.push(`RSS ${r.app.peakRssMiB.toFixed(0)} MiB >= 250`);
  if (r.app.failed > 0 || r.app.errors > 0) misses.push(`unexpected statuses ${JSON.stringify(r.app.statusCodes)}, ${r.app.errors} errors`);
  return misses.length ? `MISSED: ${misses.join('; ')}` : 'ok';
}

function printRow(r: Row, header: boolean): void {
  if (header) {
    console.log(`  ${'scenario'.padEnd(56)} ${'req/s'.padStart(7)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'p99'.padStart(6)} ${'RSS MiB'.padStart(8)} | ${'floor r/s'.padStart(9)} ${'f.p95'.padStart(6)} ${'ratio'.padStart(6)} ${'p95 ×'.padStart(6)}  load  verdict`);
  }
  const n = (x: number, w: number) => x.toFixed(0).padStart(w);
  console.log(`  ${r.name.padEnd(56)} ${n(r.app.okPerSec, 7)} ${n(r.app.p50, 6)} ${n(r.app.p95, 6)} ${n(r.app.p99, 6)} ${n(r.app.peakRssMiB, 8)} | ` +
    `${n(r.floor.okPerSec, 9)} ${n(r.floor.p95, 6)} ${r.ratio.toFixed(2).padStart(6)} ${(r.app.p95 / r.floor.p95).toFixed(2).padStart(6)}  ${r.loadAvg[0].toFixed(1)}  ${r.verdict}`);
  const ms = (x: number) => x.toFixed(2);
  console.log(`  ${''.padEnd(56)} CPU ms per request: app ${ms(r.app.cpuMsPerRequest)} + PostgreSQL ${ms(r.app.dbCpuMsPerRequest)}; floor ${ms(r.floor.cpuMsPerRequest)} + PostgreSQL ${ms(r.floor.dbCpuMsPerRequest)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLoad();
