import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.js';

/**
 * The processes under load, each a child of the benchmark so that its memory is its own:
 * the app (compiled, as `npm start` runs it, or through tsx when the build is not there)
 * and the floor server. Peak memory is VmHWM of /proc/<pid>/status; it is reset between
 * scenarios (clear_refs 5) so each scenario reports its own peak.
 */
export interface Child {
  url: string;
  pid: number;
  /** CPU time of the process and each of its workers so far, ms (cpuMsBetween). */
  cpuMs(): Map<number, number>;
  peakRssMiB(): number;
  resetPeak(): void;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Children still running when the benchmark ends in any way (an exception in a callback
// skips every finally) are killed with it, so no app is left serving a scratch database.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/**
 * Processes of the app and of the floor alike (WEB_CONCURRENCY, src/cluster.ts): with more
 * than one, each side shares its port among that many, so neither has more cores to itself.
 */
export const PROCESSES = process.env.BENCH_WEB_CONCURRENCY ?? '1';

/** A process and its children (cluster workers), by pid. */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // Gone, or no such file on this kernel: the process alone.
  }
  return [pid, ...children.flatMap(processTree)];
}

/** CPU time (user and system) of each of these processes so far, in ms; one gone is left out. */
export function cpuMsByPid(pids: number[]): Map<number, number> {
  const ms = new Map<number, number>();
  for (const pid of pids) {
    try {
      // After the command in parentheses (which may hold spaces): utime and stime are the 12th and 13th fields.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // USER_HZ, 100 on Linux.
      ms.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Gone since it was listed.
    }
  }
  return ms;
}

/**
 * CPU time the processes spent between two readings: a process that started since counts
 * whole, one that ended since is left out (its last moments are lost, not subtracted).
 */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * The PostgreSQL server's backends serving clients on this machine (app and floor alike),
 * by their titles ("postgres: 15/main: user db 127.0.0.1(port) idle"): not autovacuum,
 * the checkpointer or the WAL writer, which work for whatever wrote before and would
 * land in whichever run is on when they wake.
 */
export function postgresPids(): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres' && /\d\)|\[local\]/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
}

function peakOf(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function startChild(args: string[], env: Record<string, string>, ready: RegExp | string, label: string): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} not ready in 180 s:\n${out.slice(-3000)}`));
    }, 180_000);
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${env.PORT}`,
        pid: child.pid!,
        // With WEB_CONCURRENCY the child is a primary and its workers: the largest of them.
        peakRssMiB: () => Math.max(...processTree(child.pid!).map(peakOf)),
        cpuMs: () => cpuMsByPid(processTree(child.pid!)),
        resetPeak: () => {
          for (const pid of processTree(child.pid!)) {
            try {
              fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
            } catch {
              // Not allowed here: the peak then runs from the start of the process.
            }
          }
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      });
    };
    // Both pipes are drained all along, so a chatty child never blocks on a full pipe.
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 100_000) out = out.slice(-50_000);
      if (ready instanceof RegExp && ready.test(out)) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    // A path: ready when it answers 200 (the app logs "ready" at info, below the bench's level).
    if (typeof ready === 'string') {
      const poll = async () => {
        while (!settled && child.exitCode === null) {
          const ok = await fetch(`http://127.0.0.1:${env.PORT}${ready}`).then((r) => r.ok, () => false);
          if (ok) return done();
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      void poll();
    }
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`${label} exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
}

/** The app on `databaseUrl` with limits raised for the load (see load/index.ts). */
export async function startApp(databaseUrl: string, uploadDir: string): Promise<Child & { compiled: boolean; command: string }> {
  const port = String(await freePort());
  const compiled = fs.existsSync(path.join(ROOT_DIR, 'dist/server.js'));
  // Node's options of `npm start` (its heap limit), so the app is measured as it runs.
  const start = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const nodeFlags = start.split(/\s+/).filter((a) => a.startsWith('--'));
  const args = [...nodeFlags, ...(compiled ? [path.join(ROOT_DIR, 'dist/server.js')] : ['--import', 'tsx', path.join(ROOT_DIR, 'src/server.ts')])];
  const child = await startChild(args, {
    NODE_ENV: 'production',
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'bench-session-secret-'.padEnd(48, 'x'),
    // Per-request logs at warn: the load measures the app, not a terminal taking logs.
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    UPLOAD_DIR: uploadDir,
    DATA_DIR: uploadDir,
    // One client address sends everything: the per-address limits would stop the load.
    // The limiters still run (a counter per request), only their ceilings are raised.
    REPORT_IP_LIMIT_PER_HOUR: '1000000000',
    TRACKING_IP_LIMIT: '1000000000',
    LOGIN_IP_LIMIT: '1000000',
    // The SLA sweep is measured on its own, not left to fire during other scenarios.
    SLA_SWEEP_MS: '0',
    WEB_CONCURRENCY: PROCESSES,
    ...(process.env.BENCH_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS } : {}),
  }, '/readyz', 'app');
  return { ...child, compiled, command: ['node', ...args.map((a) => (path.isAbsolute(a) ? path.relative(ROOT_DIR, a) : a))].join(' ') };
}

export async function startFloor(databaseUrl: string): Promise<Child> {
  const port = String(await freePort());
  return startChild(['--import', 'tsx', path.join(ROOT_DIR, 'bench/load/floor-server.ts')], { DATABASE_URL: databaseUrl, PORT: port, WEB_CONCURRENCY: PROCESSES }, /floor ready/, 'floor');
}
