import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { seedDemo } from '../src/demo/index.js';
import { ROOT_DIR } from '../src/paths.js';
import { prepareDatabase } from '../src/prepare.js';
import '../src/messages.js';
import { gitHead } from './gitHead.js';
import { cannon, type CannonRequest, type Measured } from './load/measure.js';
import { freePort, startApp } from './load/processes.js';
import { staffLogin, trackingSession } from './load/sessions.js';
import { withScratchDatabase } from './scratch.js';
import { connectInspector, type Inspector } from './soak/inspector.js';
import { liveSites, type LiveSite, startSampling } from './soak/profile.js';

/**
 * `npm run bench -- soak [--minutes 60] [--idle-minutes 5] [--connections 4] [--load-seconds 40]
 *   [--database-url URL] [--heap-snapshots MIN,MIN,...] [--mix wide]`
 *
 * One app process kept under moderate load for a long time (issue 25, "Memory over hours"):
 * the app as `npm start` runs it (compiled dist/, the node flags of the start script) on the
 * embedded PGlite in a temporary data folder with the demo data, or, with --database-url (a
 * PostgreSQL server), in a scratch database there with the same demo data. Each minute has
 * `--load-seconds` of load, half writes (API submissions) and
 * half reads (tracking page, public portal and its search, a signed-in OPD queue), then
 * rest. At the end of each minute: RSS (VmRSS), heap after a full GC (through the
 * inspector, see soak/inspector.ts) and CPU per request (utime+stime of /proc/<pid>/stat
 * over the minute, divided by the requests served in it). After the load, `--idle-minutes`
 * of rest are sampled the same way. The live allocation sites (sampling heap profiler) from
 * the end of the first minute to the end of the load are printed and kept: what stayed.
 * --heap-snapshots writes full snapshots at those minutes (0 = before the load) to
 * bench/results/soak-snapshots/, for Chrome DevTools' comparison view. --mix wide adds to
 * the reads the pages a soak of the issue also passed through: the dashboard page and API
 * (a signed-in leader), the home page, and the report form opened without a session (each
 * such visit makes a session for its CSRF token).
 *
 * Verdict (issue 25): after minute 10 (for shorter runs, the middle minute) RSS stays
 * within 10 % of its level then, and CPU per request of the last 5 load minutes (median)
 * within 10 % of minutes 8-12's (median: one minute on a shared machine is noisy); RSS
 * never reaches 250 MiB; and at the end of the idle time RSS is within 15 % of the idle RSS
 * before the load. The curve goes to bench/results/soak-<timestamp>.json.
 */
interface Sample {
  minute: number;
  phase: 'idle-before' | 'load' | 'idle-after';
  rssMiB: number;
  rssAfterGcMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  requests: number;
  cpuMs: number;
  cpuMsPerRequest: number | null;
  /** The same split by phase: CPU while writes ran ÷ writes, while reads ran ÷ reads, and in the rest (background work: the outbox, sweeps). */
  cpuMsPerWrite: number | null;
  cpuMsPerRead: number | null;
  cpuRestMs: number | null;
  writesOk: number;
  readsOk: number;
  failed: number;
  errors: number;
  p95Ms: number | null;
  statusCodes: Record<string, number>;
  loadAvg: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

const MiB = 2 ** 20;
const TICK_MS = 1000 / Number(execSync('getconf CLK_TCK').toString().trim() || 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** User + system CPU of a process so far, in ms (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

export async function benchSoak(): Promise<void> {
  console.log('\nSoak');
  const server = arg('--database-url');
  if (server) return withScratchDatabase(server, 'epengaduan_bench_soak', (url) => run(url));
  return run(undefined);
}

async function run(databaseUrl: string | undefined): Promise<void> {
  const minutes = Number(arg('--minutes') ?? 60);
  const idleMinutes = Number(arg('--idle-minutes') ?? 5);
  const connections = Number(arg('--connections') ?? 4);
  const loadSeconds = Number(arg('--load-seconds') ?? 40);
  const snapshotsAt = new Set((arg('--heap-snapshots') ?? '').split(',').filter(Boolean).map(Number));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-soak-'));
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  let stopApp: (() => Promise<void>) | undefined;
  let inspector: Inspector | undefined;
  try {
    // The data as a first `npm start` with DEMO_DATA leaves it, made here so that the demo
    // accounts' passwords (random, returned once) are known to the bench.
    const database = await openDatabase({ databaseUrl, dataDir: dir, poolMax: 2 });
    let staff: { email: string; password: string };
    let leader: { email: string; password: string } | undefined;
    let category: number;
    let desa: { code: string; parent_code: string | null };
    try {
      await prepareDatabase(database.db);
      const demo = await seedDemo(database.db);
      const s = demo.users.find((u) => u.role === 'agency_staff' && u.agency === 'dpupr') ?? demo.users.find((u) => u.role === 'agency_staff');
      if (!s) throw new Error('no OPD staff account in the demo data');
      staff = s;
      leader = demo.users.find((u) => u.role === 'leader');
      category = (await database.db.selectFrom('categories').select('id').where('code', '=', 'jalan-jembatan').executeTakeFirstOrThrow()).id;
      desa = await database.db.selectFrom('regions').select(['code', 'parent_code']).where('level', '=', 'desa').orderBy('code').executeTakeFirstOrThrow();
    } finally {
      await database.close();
    }

    // The app as `npm start` runs it (startApp: dist/server.js with the start script's node
    // flags), plus the inspector on a port of ours for the heap figures.
    const inspectPort = await freePort();
    const before = process.env.BENCH_APP_NODE_OPTIONS;
    process.env.BENCH_APP_NODE_OPTIONS = [before, `--inspect=127.0.0.1:${inspectPort}`].filter(Boolean).join(' ');
    const app = await startApp(databaseUrl ?? '', dir);
    if (before === undefined) delete process.env.BENCH_APP_NODE_OPTIONS;
    else process.env.BENCH_APP_NODE_OPTIONS = before;
    stopApp = app.stop;
    inspector = await connectInspector(inspectPort);
    const pid = app.pid;
    console.log(`  app pid ${pid} (${app.command} --inspect), ${databaseUrl ? 'PostgreSQL scratch database' : 'embedded PGlite'}, demo data; ` +
      `${minutes} min: ${loadSeconds} s load (${connections} connections, writes then reads) per minute, then ${idleMinutes} min idle`);

    // Sessions, as browsers have them: a tracking session
    // per connection for five reports it sent, and one signed-in OPD staff member.
    const json = { 'content-type': 'application/json' };
    const RUN = Date.now().toString(36);
    const report = (conn: number, n: number, channel: string) => ({
      kind: 'pengaduan',
      title: `Jalan berlubang di depan rumah ${RUN}-${n}`,
      body: `Jalan di depan rumah nomor ${RUN}-${n} berlubang dan membahayakan pengendara sejak pekan lalu (${channel}).`,
      categoryId: category,
      regionCode: desa.code,
      reporter: { name: `Warga ${conn}`, email: `warga.${RUN}.${n}@example.com` },
      consent: true,
    });
    const range = Array.from({ length: connections }, (_, i) => i);
    const tracked: { code: string; secret: string }[][] = [];
    for (const c of range) {
      const mine: { code: string; secret: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${app.url}/api/v1/reports`, { method: 'POST', headers: json, body: JSON.stringify(report(c, -1 - c * 5 - i, 'setup')) });
        if (res.status !== 201) throw new Error(`setup submission: HTTP ${res.status} ${await res.text()}`);
        mine.push((await res.json()) as { code: string; secret: string });
      }
      tracked.push(mine);
    }
    const trackCookies = await Promise.all(tracked.map((t) => trackingSession(app.url, t)));
    const staffCookie = await staffLogin(app.url, staff.email, staff.password);
    const wide = arg('--mix') === 'wide';
    const leaderCookie = wide && leader ? await staffLogin(app.url, leader.email, leader.password) : '';
    const SEARCHES = ['jalan', 'lampu', 'sampah', 'banjir', 'air', 'sekolah'];

    // Writes are API submissions only: the web form's CSRF token is single-use after a
    // submission (a 403 for the next POST from the same page), and a GET-then-POST pair per
    // report does not fit the load generator's one request at a time.
    const write = (conn: number, n: number): CannonRequest =>
      ({ method: 'POST', path: '/api/v1/reports', headers: json, body: JSON.stringify(report(conn, n, 'api')) });
    const read = (conn: number, n: number): CannonRequest => {
      if (wide && n % 8 >= 4) {
        switch (n % 8) {
          case 4: return { path: '/dasbor', headers: { cookie: leaderCookie } };
          case 5: return { path: '/api/v1/dashboard/agencies', headers: { cookie: leaderCookie } };
          case 6: return { path: '/' };
          default: return { path: '/lapor' };
        }
      }
      switch (n % 4) {
        case 0: return { path: `/lacak/${tracked[conn]![n % 5]!.code}`, headers: { cookie: trackCookies[conn]! } };
        case 1: return { path: `/publik?q=${encodeURIComponent(SEARCHES[n % SEARCHES.length]!)}` };
        case 2: return { path: '/publik' };
        default: return { path: '/staf', headers: { cookie: staffCookie } };
      }
    };

    const samples: Sample[] = [];
    const snapshotDir = path.join(ROOT_DIR, 'bench/results/soak-snapshots');
    const snapshot = async (minute: number) => {
      if (!snapshotsAt.has(minute)) return;
      fs.mkdirSync(snapshotDir, { recursive: true });
      const file = path.join(snapshotDir, `soak-${stamp}-min${minute}.heapsnapshot`);
      await inspector!.heapSnapshot(file);
      console.log(`  heap snapshot: ${path.relative(ROOT_DIR, file)}`);
    };
    let cpuMark = cpuMs(pid);
    const sample = async (minute: number, phase: Sample['phase'], runs: Measured[], split?: [number, number, number]): Promise<Sample> => {
      const cpu = cpuMs(pid) - cpuMark;
      const per = (ms: number, n: number | undefined) => (n ? ms / n : null);
      const rss = rssMiB(pid);
      const mem = await inspector!.memoryAfterGc();
      const requests = runs.reduce((n, r) => n + r.requests, 0);
      const s: Sample = {
        minute, phase,
        rssMiB: rss,
        rssAfterGcMiB: rssMiB(pid),
        heapUsedMiB: mem.heapUsed / MiB,
        heapTotalMiB: mem.heapTotal / MiB,
        externalMiB: mem.external / MiB,
        arrayBuffersMiB: mem.arrayBuffers / MiB,
        requests,
        cpuMs: cpu,
        cpuMsPerRequest: requests ? cpu / requests : null,
        cpuMsPerWrite: split ? per(split[1] - split[0], runs[0]?.requests) : null,
        cpuMsPerRead: split ? per(split[2] - split[1], runs[1]?.requests) : null,
        cpuRestMs: split ? cpuMs(pid) - split[2] : null,
        writesOk: runs[0]?.ok ?? 0,
        readsOk: runs[1]?.ok ?? 0,
        failed: runs.reduce((n, r) => n + r.failed, 0),
        errors: runs.reduce((n, r) => n + r.errors, 0),
        p95Ms: runs.length ? Math.max(...runs.map((r) => r.p95)) : null,
        statusCodes: Object.fromEntries(runs.flatMap((r, i) => Object.entries(r.statusCodes).map(([c, k]) => [`${i ? 'read' : 'write'} ${c}`, k]))),
        loadAvg: os.loadavg()[0]!,
      };
      samples.push(s);
      printSample(s, samples.length === 1);
      await snapshot(minute);
      // The GC and snapshot above are the bench's work, not the next minute's.
      cpuMark = cpuMs(pid);
      return s;
    };

    // Idle before: what a started server holds once its setup requests are done.
    await sleep(30_000);
    await sample(0, 'idle-before', []);
    await startSampling(inspector);
    let sitesAfterFirst: LiveSite[] = [];
    for (let m = 1; m <= minutes; m++) {
      const t0 = Date.now();
      const half = loadSeconds / 2;
      const c0 = cpuMs(pid);
      const writes = await cannon({ url: app.url, connections, seconds: half, expect: [201], request: write });
      const c1 = cpuMs(pid);
      const reads = await cannon({ url: app.url, connections, seconds: half, expect: [200], request: read });
      const c2 = cpuMs(pid);
      await sleep(t0 + 60_000 - Date.now());
      await sample(m, 'load', [writes, reads], [c0, c1, c2]);
      if (m === 1) sitesAfterFirst = await liveSites(inspector, 15);
    }
    const sites = await liveSites(inspector, 25);
    for (let m = 1; m <= idleMinutes; m++) {
      await sleep(60_000);
      await sample(minutes + m, 'idle-after', []);
    }

    // The tables after the soak, read with the app stopped (PGlite allows one process): what
    // the load left in the database. Live and dead row counts come from PostgreSQL's
    // statistics, which PGlite does not keep across a restart (zeros there).
    inspector.close();
    inspector = undefined;
    await app.stop();
    stopApp = undefined;
    const tables = await tableStats(databaseUrl, dir);
    console.log('  largest tables after the soak:');
    for (const t of tables.slice(0, 8)) {
      const rows = databaseUrl ? `  ${String(t.live).padStart(8)} live  ${String(t.dead).padStart(8)} dead  last vacuum ${t.lastVacuum ?? 'never'}` : '';
      console.log(`    ${t.table.padEnd(28)} ${(t.bytes / MiB).toFixed(1).padStart(7)} MiB${rows}`);
    }
    const result = verdict(samples, minutes);
    console.log(`  verdict: ${result.verdict}`);
    for (const line of result.details) console.log(`    ${line}`);
    console.log('  live allocation sites at the end of the load (sampled since minute 0, after a full GC):');
    for (const s of sites.slice(0, 15)) console.log(`    ${(s.bytes / MiB).toFixed(1).padStart(7)} MiB  ${s.site}${s.appFrame && s.appFrame !== s.site ? `  <- ${s.appFrame}` : ''}`);
    const file = path.join(ROOT_DIR, 'bench/results', `soak-${stamp}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({
      at: started.toISOString(),
      commit: gitHead(),
      machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      database: databaseUrl ? 'postgresql (scratch database, demo data)' : 'embedded PGlite (temporary data folder, demo data)',
      settings: { minutes, idleMinutes, connections, loadSeconds, mix: wide ? 'wide' : 'default', app: app.command, inspector: true },
      note: 'Shared 2-core machine: other engineers run tests at the same time; loadAvg is the 1-minute load average at each sample. ' +
        'Heap figures are after a full GC forced through the inspector; rssMiB is read just before it.',
      verdict: result,
      samples,
      liveSitesAfterMinute1: sitesAfterFirst,
      liveSitesAtEndOfLoad: sites,
      tablesAfter: tables,
    }, null, 2)}\n`);
    console.log(`  written to ${path.relative(ROOT_DIR, file)}`);
  } finally {
    inspector?.close();
    await stopApp?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface TableStat {
  table: string;
  bytes: number;
  live: number;
  dead: number;
  lastVacuum: string | null;
}

async function tableStats(databaseUrl: string | undefined, dir: string): Promise<TableStat[]> {
  const database = await openDatabase({ databaseUrl, dataDir: dir, poolMax: 1 });
  try {
    const { rows } = await sql<{ table: string; bytes: string; live: string; dead: string; last: Date | null }>`
      select relname as table, pg_total_relation_size(relid) as bytes, n_live_tup as live, n_dead_tup as dead,
             greatest(last_vacuum, last_autovacuum) as last
      from pg_stat_user_tables order by pg_total_relation_size(relid) desc limit 15`.execute(database.db);
    return rows.map((r) => ({ table: r.table, bytes: Number(r.bytes), live: Number(r.live), dead: Number(r.dead), lastVacuum: r.last ? new Date(r.last).toISOString() : null }));
  } finally {
    await database.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

function verdict(samples: Sample[], minutes: number): { verdict: string; details: string[] } {
  const load = samples.filter((s) => s.phase === 'load');
  const ref = Math.min(10, Math.max(1, Math.ceil(minutes / 2)));
  const at = load.find((s) => s.minute === ref);
  const idleBefore = samples.find((s) => s.phase === 'idle-before');
  const idleEnd = samples.filter((s) => s.phase === 'idle-after').at(-1);
  if (!at || !idleBefore) return { verdict: 'not enough samples', details: [] };
  const later = load.filter((s) => s.minute > ref);
  const misses: string[] = [];
  const details: string[] = [];
  const maxRss = Math.max(...samples.map((s) => s.rssMiB));
  const rssLate = later.length ? Math.max(...later.map((s) => s.rssMiB)) : at.rssMiB;
  details.push(`RSS at minute ${ref}: ${at.rssMiB.toFixed(0)} MiB, highest after it: ${rssLate.toFixed(0)} MiB (${pct(rssLate, at.rssMiB)})`);
  if (rssLate > at.rssMiB * 1.1) misses.push(`RSS grew ${pct(rssLate, at.rssMiB)} after minute ${ref}`);
  if (maxRss >= 250) misses.push(`RSS reached ${maxRss.toFixed(0)} MiB (budget 250)`);
  const cpu = (xs: Sample[]) => median(xs.map((s) => s.cpuMsPerRequest ?? NaN).filter((x) => !Number.isNaN(x)));
  const cpuRef = cpu(load.filter((s) => Math.abs(s.minute - ref) <= 2));
  const cpuLate = cpu(load.slice(-5));
  details.push(`CPU per request around minute ${ref} (median of ±2 min): ${cpuRef.toFixed(2)} ms, last 5 load minutes: ${cpuLate.toFixed(2)} ms (${pct(cpuLate, cpuRef)})`);
  if (later.length && cpuLate > cpuRef * 1.1) misses.push(`CPU per request rose ${pct(cpuLate, cpuRef)}`);
  const heapLate = load.at(-1)!.heapUsedMiB;
  details.push(`heap after GC: idle ${idleBefore.heapUsedMiB.toFixed(0)} MiB, minute ${ref} ${at.heapUsedMiB.toFixed(0)} MiB, end of load ${heapLate.toFixed(0)} MiB`);
  if (idleEnd) {
    details.push(`RSS idle before load ${idleBefore.rssMiB.toFixed(0)} MiB, at the end of the idle time after it ${idleEnd.rssMiB.toFixed(0)} MiB (${pct(idleEnd.rssMiB, idleBefore.rssMiB)})`);
    if (idleEnd.rssMiB > idleBefore.rssMiB * 1.15) misses.push(`idle RSS after the load ${pct(idleEnd.rssMiB, idleBefore.rssMiB)} above the idle RSS before it`);
  }
  const bad = load.reduce((n, s) => n + s.failed + s.errors, 0);
  if (bad) misses.push(`${bad} unexpected responses or errors`);
  return { verdict: misses.length ? `MISSED: ${misses.join('; ')}` : 'ok', details };
}

const pct = (x: number, base: number) => `${x >= base ? '+' : ''}${(((x - base) / base) * 100).toFixed(1)} %`;

function printSample(s: Sample, header: boolean): void {
  if (header) console.log(`  ${'min'.padStart(4)} ${'phase'.padEnd(11)} ${'RSS MiB'.padStart(8)} ${'heap MiB'.padStart(9)} ${'ext MiB'.padStart(8)} ${'requests'.padStart(9)} ${'CPU ms/req'.padStart(11)} ${'/write'.padStart(7)} ${'/read'.padStart(6)} ${'rest ms'.padStart(8)} ${'p95 ms'.padStart(7)} ${'bad'.padStart(4)}  load`);
  console.log(`  ${String(s.minute).padStart(4)} ${s.phase.padEnd(11)} ${s.rssMiB.toFixed(0).padStart(8)} ${s.heapUsedMiB.toFixed(1).padStart(9)} ${s.externalMiB.toFixed(0).padStart(8)} ` +
    `${String(s.requests).padStart(9)} ${(s.cpuMsPerRequest?.toFixed(2) ?? '-').padStart(11)} ${(s.cpuMsPerWrite?.toFixed(2) ?? '-').padStart(7)} ${(s.cpuMsPerRead?.toFixed(2) ?? '-').padStart(6)} ${(s.cpuRestMs?.toFixed(0) ?? '-').padStart(8)} ${(s.p95Ms?.toFixed(0) ?? '-').padStart(7)} ${String(s.failed + s.errors).padStart(4)}  ${s.loadAvg.toFixed(1)}` +
    (s.failed + s.errors ? `  ${JSON.stringify(s.statusCodes)}` : ''));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSoak();
