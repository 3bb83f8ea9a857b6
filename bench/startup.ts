import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../src/paths.js';

/**
 * Time from process start to "ready" and resident memory after start, for the compiled
 * server (what `npm start` runs) on the embedded database: the first start (initdb,
 * migrations, reference and demo data) and a later start on the same folder.
 */
interface StartResult {
  readyMs: number;
  rssMiB: number;
}

function startOnce(dataDir: string, demo: boolean, databaseUrl?: string): Promise<StartResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT_DIR, 'dist/server.js')], {
      cwd: ROOT_DIR,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'info',
        DEMO_DATA: String(demo),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready in 120 s:\n${out}`));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready || !out.includes('e-Pengaduan is ready')) return;
      ready = true;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      // Let the first burst of work settle before reading memory.
      setTimeout(() => {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        child.once('close', () => resolve({ readyMs, rssMiB: rssKiB / 1024 }));
        child.kill('SIGTERM');
      }, 1000);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
  });
}

export async function benchStartup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-'));
  try {
    const first = await startOnce(dir, true);
    const later: StartResult[] = [];
    for (let i = 0; i < 3; i++) later.push(await startOnce(dir, true));
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log('startup (compiled server, embedded PGlite)');
    console.log(`  first start (initdb, migrations, reference + demo data): ${first.readyMs.toFixed(0)} ms, RSS ${first.rssMiB.toFixed(0)} MiB`);
    console.log(
      `  later start, median of 3: ${median(later.map((r) => r.readyMs)).toFixed(0)} ms, RSS ${median(later.map((r) => r.rssMiB)).toFixed(0)} MiB`,
    );
    // For comparison, the same server on a PostgreSQL server (memory is then the app's alone).
    const url = process.env.DATABASE_URL;
    if (url) {
      const server = await startOnce(dir, false, url);
      console.log(`  on DATABASE_URL (already migrated or not): ${server.readyMs.toFixed(0)} ms, RSS ${server.rssMiB.toFixed(0)} MiB`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
