import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../src/paths.js';

/**
 * `npm start` as a newcomer and an operator meet it (issue 25): time from the command to
 * "ready", and the server's resident memory once it has sat idle.
 * - first start: no build yet (as after `npm install` in a fresh clone), an empty data
 *   folder: the build, initdb, migrations, reference and demo data;
 * - restart: the same folder and build, nothing changed (median of 3);
 * - idle RSS: the restarted server's memory after IDLE_MS with no request.
 * With DATABASE_URL, one start on that server for comparison.
 */
interface StartResult {
  readyMs: number;
  rssMiB: number;
}

const IDLE_MS = 10_000;

function npmStart(dataDir: string, opts: { demo: boolean; databaseUrl?: string; idleMs?: number }): Promise<StartResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group: npm, its shell and the server are stopped together.
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT_DIR,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        UPLOAD_DIR: path.join(dataDir, 'uploads'),
        PORT: '0',
        LOG_LEVEL: 'info',
        DEMO_DATA: String(opts.demo),
        ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let ready = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`not ready in 180 s:\n${out}`));
    }, 180_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes('e-Pengaduan is ready'));
      if (ready || !line) return;
      ready = true;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      setTimeout(() => {
        // The server's own memory, not npm's: the node process in the group running scripts/start.mjs.
        const pid = execFileSync('pgrep', ['-g', String(child.pid), '-f', '^node .*scripts/start.mjs'], { encoding: 'utf8' }).trim().split('\n')[0];
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        child.once('close', () => resolve({ readyMs, rssMiB: rssKiB / 1024 }));
        stop();
      }, opts.idleMs ?? 1000);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
  });
}

export async function benchStartup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-'));
  try {
    // As a fresh clone has it: no build yet.
    fs.rmSync(path.join(ROOT_DIR, 'dist'), { recursive: true, force: true });
    const first = await npmStart(dir, { demo: true });
    const later: StartResult[] = [];
    for (let i = 0; i < 3; i++) later.push(await npmStart(dir, { demo: true, idleMs: i === 2 ? IDLE_MS : 1000 }));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log('startup (`npm start`, embedded PGlite)');
    console.log(`  first start (build, initdb, migrations, reference + demo data): ${first.readyMs.toFixed(0)} ms, RSS ${first.rssMiB.toFixed(0)} MiB`);
    console.log(`  restart, median of 3: ${median(later.map((r) => r.readyMs)).toFixed(0)} ms (${later.map((r) => r.readyMs.toFixed(0)).join(', ')})`);
    console.log(`  idle RSS, ${IDLE_MS / 1000} s after a restart: ${later[2]!.rssMiB.toFixed(0)} MiB`);
    // For comparison, the same server on a PostgreSQL server (memory is then the app's alone).
    const url = process.env.DATABASE_URL;
    if (url) {
      const server = await npmStart(dir, { demo: false, databaseUrl: url });
      console.log(`  on DATABASE_URL (already migrated or not): ${server.readyMs.toFixed(0)} ms, RSS ${server.rssMiB.toFixed(0)} MiB`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
