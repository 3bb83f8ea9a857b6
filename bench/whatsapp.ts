import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from '../src/prepare.js';
import { startInboxWorker } from '../src/whatsapp/inbound/worker.js';
import { inbound, signedDelivery, startFakeGraph, webhookBody } from '../test/helpers/fakeGraph.js';
import { withScratchDatabase } from './scratch.js';

/**
 * WhatsApp in, against the app listening on loopback with its inbox worker (woken by each
 * stored delivery, as in production): a burst of signed deliveries, each a report in one
 * delivery (a text and KIRIM) from its own number, sent 20 at a time; then the same
 * deliveries again (Meta's retries). Prints the time from a delivery's POST to its report
 * committed (p50/p95/max) and checks each number has exactly one report.
 */
const DELIVERIES = 200;
const CONCURRENCY = 20;
const APP_SECRET = 'bench-app-secret';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function post(port: number, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/webhooks/whatsapp', method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(label: string, databaseUrl: string | undefined): Promise<void> {
  const graph = await startFakeGraph();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-bench-wa-'));
  const database = await openDatabase({ databaseUrl, dataDir: '', inMemory: !databaseUrl, poolMax: 10 });
  const logger = createLogger('silent');
  try {
    await prepareDatabase(database.db, () => undefined);
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', UPLOAD_DIR: uploadDir, WHATSAPP_PHONE_NUMBER_ID: graph.phoneNumberId, WHATSAPP_ACCESS_TOKEN: graph.token,
      WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'bench-verify-token', WHATSAPP_GRAPH_URL: graph.url,
    });
    const server = http.createServer(createApp({ config, database, logger }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const worker = startInboxWorker({ db: database.db, config, logger });

    const deliveries = Array.from({ length: DELIVERIES }, (_, i) => {
      const phone = `6281377${String(i).padStart(6, '0')}`;
      const body = webhookBody({
        phoneNumberId: graph.phoneNumberId,
        messages: [
          inbound.text({ from: phone, body: `Lampu penerangan jalan nomor ${i} di Jl. Pemuda mati sejak tiga malam.` }),
          inbound.text({ from: phone, body: 'KIRIM' }),
        ],
        names: { [phone]: `Warga ${i}` },
      });
      return { phone, ...signedDelivery(APP_SECRET, body), sentAt: 0 };
    });

    const t0 = performance.now();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < deliveries.length) {
          const d = deliveries[next++]!;
          d.sentAt = Date.now();
          const status = await post(port, d.body, d.signature);
          if (status !== 200) throw new Error(`webhook answered ${status}`);
        }
      }),
    );
    const postSeconds = (performance.now() - t0) / 1000;
    const count = async () => Number((await database.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).where('channel', '=', 'whatsapp').executeTakeFirstOrThrow()).n);
    const deadline = Date.now() + 120_000;
    while ((await count()) < DELIVERIES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const allSeconds = (Date.now() - started) / 1000;

    // Meta's retries: every delivery again; nothing may change.
    for (const d of deliveries.slice(0, 50)) await post(port, d.body, d.signature);
    const drainDeadline = Date.now() + 60_000;
    for (;;) {
      const pending = await database.db.selectFrom('whatsapp_inbox').select('id').where('processed_at', 'is', null).limit(1).execute();
      if (!pending.length || Date.now() > drainDeadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const rows = await database.db.selectFrom('reports').select(['reporter_phone', 'submitted_at']).where('channel', '=', 'whatsapp').execute();
    const byPhone = new Map<string, Date[]>();
    for (const r of rows) byPhone.set(r.reporter_phone!, [...(byPhone.get(r.reporter_phone!) ?? []), r.submitted_at]);
    const once = deliveries.filter((d) => byPhone.get(`+${d.phone}`)?.length === 1).length;
    const latencies = deliveries
      .map((d) => byPhone.get(`+${d.phone}`)?.[0])
      .map((at, i) => (at ? at.getTime() - deliveries[i]!.sentAt : NaN))
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    console.log(
      `${label}: ${DELIVERIES} deliveries posted in ${postSeconds.toFixed(1)} s (${CONCURRENCY} at a time), all reports in ${allSeconds.toFixed(1)} s; ` +
        `webhook to report committed: p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms, max ${Math.round(latencies.at(-1) ?? NaN)} ms`,
    );
    console.log(`${label}: exactly one report for ${once}/${DELIVERIES} numbers (${rows.length} reports in all, after 50 deliveries sent twice)`);
    await worker.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  } finally {
    await database.close();
    await graph.close();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  }
}

export async function benchWhatsApp(): Promise<void> {
  console.log('\nWhatsApp in');
  await run('embedded', undefined);
  const server = process.env.DATABASE_URL;
  if (server) await withScratchDatabase(server, 'epengaduan_bench_whatsapp', (url) => run('server', url));
}
