import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from '../src/prepare.js';
import { createUser } from '../src/users/commands/createUser.js';
import { withScratchDatabase } from './scratch.js';

/**
 * The coordinator's queue with a large backlog: 100,000 open reports made with one
 * INSERT ... SELECT, then the first page and a deep keyset page under load. Needs
 * DATABASE_URL (a server); it creates and drops a scratch database of its own.
 */
export async function benchQueue(open = 100_000): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return void console.log('queue: skipped (set DATABASE_URL to a PostgreSQL server)');
  await withScratchDatabase(url, 'epengaduan_bench_queue', (scratch) => measure(scratch, open));
}

async function measure(scratch: string, open: number): Promise<void> {
  const database = await openDatabase({ databaseUrl: scratch, dataDir: '' });
  try {
    await prepareDatabase(database.db);
    await sql`
      insert into reports (tracking_code, tracking_secret_hash, kind, channel, title, body, status, verify_due_at, submitted_at, region_code)
      select 'B' || lpad(to_hex(g), 7, '0'), 'x', 'pengaduan', 'web',
             'Jalan rusak nomor ' || g, 'Laporan uji beban nomor ' || g || ' tentang jalan berlubang di desa.',
             'submitted', now() + (g % 5000) * interval '1 minute', now() - interval '1 day',
             (select code from regions where level = 'desa' order by code offset (g % 400) limit 1)
      from generate_series(1, ${open}) g`.execute(database.db);
    await sql`analyze reports`.execute(database.db);
    const { password } = await createUser(database.db, { email: 'bench@patikab.go.id', name: 'Bench', role: 'coordinator', agencyId: null });
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', DATABASE_URL: scratch });
    const server = http.createServer(createApp({ config, database, logger: createLogger('silent') }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@patikab.go.id', password }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const deep = await sql<{ after: string }>`
      select (extract(epoch from verify_due_at) * 1000)::bigint || '_' || id as after
      from reports where status = 'submitted' order by verify_due_at, id offset 80000 limit 1`.execute(database.db);
    for (const [label, path] of [['first page', '/staf/verifikasi'], ['page after 80,000 rows', `/staf/verifikasi?after=${deep.rows[0]!.after}`], ['full-text search', '/staf/verifikasi?q=berlubang']] as const) {
      const result = await autocannon({ url: base + path, connections: 8, duration: 8, headers: { cookie } });
      console.log(`queue ${label} (${open.toLocaleString('en')} open): ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
    }
    server.closeAllConnections();
    server.close();
  } finally {
    await database.close();
  }
}
