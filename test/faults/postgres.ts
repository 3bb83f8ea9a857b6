import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private PostgreSQL cluster for a test that stops and starts the server under the app
 * (the shared CI server must never be restarted by a test). Debian's binaries from
 * /usr/lib/postgresql/<version>/bin, a data folder in a temp dir, loopback on a free port,
 * trust authentication (nothing but 127.0.0.1 and our own socket folder ever reach it).
 * PostgreSQL refuses to run as root, so as root every command runs as `postgres`.
 */
export interface PrivateCluster {
  url: string;
  port: number;
  dir: string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  running(): boolean;
  /** Stops it for good and removes its folder. */
  destroy(): void;
}

export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const live = new Set<PrivateCluster>();
process.on('exit', () => {
  for (const c of live) c.destroy();
});

export async function startCluster(): Promise<PrivateCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  const asRoot = os.userInfo().uid === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, cmd), asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      cwd: '/',
    });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  // No fsync: the machine does not crash in these tests, only the server, and what the
  // kernel holds survives that. synchronous_commit stays on: with it off, a commit is
  // confirmed before its WAL is written, and an immediate stop loses confirmed reports.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let up = false;
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start() {
      run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
      up = true;
    },
    stop(mode = 'fast') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
      up = false;
    },
    running: () => up,
    destroy() {
      live.delete(cluster);
      if (up) {
        try {
          cluster.stop('immediate');
        } catch {
          // Already gone.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(cluster);
  try {
    cluster.start();
  } catch (err) {
    cluster.destroy();
    const e = err as { stderr?: string };
    throw new Error(`the private PostgreSQL did not start: ${e.stderr ?? (err as Error).message}\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`, { cause: err });
  }
  return cluster;
}
