import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from '../src/prepare.js';

/**
 * Report submissions through POST /api/v1/reports: throughput and latency, on the
 * embedded database (on disk, as `npm start` runs it) and, when DATABASE_URL is set,
 * on that server (use a scratch database: this writes thousands of reports).
 */
async function run(label: string, databaseUrl: string | undefined, seconds: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-db-'));
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-up-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    UPLOAD_DIR: uploadDir,
    REPORT_IP_LIMIT_PER_HOUR: '100000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir, poolMax: 10 });
  await prepareDatabase(database.db);
  const app = createApp({ config, database, logger: createLogger('silent') });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/v1/reports`,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Every body differs, so the duplicate guard lets each one through.
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({
              kind: 'pengaduan',
              title: `Jalan rusak nomor ${n}`,
              body: `Jalan di depan rumah nomor ${n} berlubang dan membahayakan pengendara sejak pekan lalu.`,
              reporter: { name: 'Warga Bench', email: `warga${n}@example.com` },
              consent: true,
            }),
          };
        },
      },
    ],
  });
  const count = await database.db.selectFrom('reports').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`intake ${label}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
    `${result.non2xx} non-2xx, ${result.errors} errors, ${count.n} reports stored`);
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(uploadDir, { recursive: true, force: true });
}

export async function benchIntake(seconds = 10): Promise<void> {
  await run('on PGlite (disk)', undefined, seconds);
  if (process.env.DATABASE_URL) await run('on PostgreSQL', process.env.DATABASE_URL, seconds);
}
