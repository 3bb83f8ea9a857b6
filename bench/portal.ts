import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from '../src/prepare.js';
import { draftPublication } from '../src/publication/commands/draft.js';
import { approvePublication } from '../src/publication/commands/review.js';
import { withScratchDatabase } from './scratch.js';

/**
 * The public portal at scale: 1,000,000 reports of which 300,000 published (made with
 * INSERT ... SELECT on the server of DATABASE_URL, in a scratch database), then search and
 * list pages under load (8 connections), and the time to draft and publish one case.
 */
const TOTAL = 1_000_000;
const PUBLISHED = 300_000;
const WORDS = ['jalan', 'rusak', 'lampu', 'mati', 'sampah', 'menumpuk', 'banjir', 'saluran', 'tersumbat', 'jembatan', 'retak', 'air', 'keruh', 'pohon', 'tumbang', 'puskesmas', 'antre', 'sekolah', 'bocor', 'pasar', 'becek', 'trotoar', 'parkir', 'liar'];

export async function benchPortal(): Promise<void> {
  const server = process.env.DATABASE_URL;
  console.log('\nPublic portal');
  if (!server) return void console.log('portal: skipped (set DATABASE_URL to a PostgreSQL server)');
  await withScratchDatabase(server, 'epengaduan_bench_portal', measure);
}

async function measure(url: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 10 });
  try {
    await prepareDatabase(database.db);
    const started = performance.now();
    const words = sql.raw(`(array[${WORDS.map((w) => `'${w}'`).join(',')}]::text[])`);
    await sql`
      insert into reports (tracking_code, tracking_secret_hash, kind, channel, title, body, status, assigned_agency_id, category_id,
        region_code, submitted_at, answered_at, resolved_at, closed_at)
      -- Codes in the tracking alphabet (no 0 or 1), so pages find them.
      select 'P' || upper(translate(lpad(to_hex(g), 7, '0'), '01', 'gh')), 'x', 'pengaduan', 'web',
        initcap(${words}[1 + g % 24]) || ' ' || ${words}[1 + (g / 24) % 24] || ' di desa nomor ' || (g % 400),
        'Warga melaporkan ' || ${words}[1 + g % 24] || ' ' || ${words}[1 + (g / 7) % 24] || ' sejak minggu lalu, mohon segera ditangani.',
        'resolved', (select id from agencies order by id offset (g % 60) limit 1), (select id from categories order by id offset (g % 29) limit 1),
        null, now() - ((g % 700) || ' days')::interval, now() - ((g % 700) - 3 || ' days')::interval,
        now() - ((g % 700) - 5 || ' days')::interval, now() - ((g % 700) - 5 || ' days')::interval
      from generate_series(1, ${TOTAL}) g`.execute(database.db);
    await sql`
      insert into publications (report_id, code, status, title, body, answer, agency_id, category_id, kind, channel, submitted_at, answered_at,
        resolved_at, answer_days, published_at)
      select r.id, r.tracking_code, 'published', r.title, r.body,
        'Dinas sudah menindaklanjuti laporan ini dan pekerjaan selesai dalam minggu yang sama.',
        r.assigned_agency_id, r.category_id, r.kind, r.channel, r.submitted_at, r.answered_at, r.resolved_at, 3, r.resolved_at + interval '1 day'
      from reports r where r.id % ${Math.round(TOTAL / PUBLISHED * 10)} < 10 and r.tracking_code like 'P%'`.execute(database.db);
    await sql`analyze`.execute(database.db);
    const count = await database.db.selectFrom('publications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    console.log(`  data: ${TOTAL.toLocaleString('en')} reports, ${Number(count.n).toLocaleString('en')} published, made in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', DATABASE_URL: url });
    const app = http.createServer(createApp({ config, database, logger: createLogger('silent') }));
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const sample = await database.db.selectFrom('publications').select('code').orderBy('report_id').offset(1000).limit(1).executeTakeFirstOrThrow();
    const scenarios: [string, string][] = [
      ['list, first page', '/publik'],
      ['list, page 50', '/publik?page=50'],
      ['search, two words', `/publik?q=${encodeURIComponent('sampah menumpuk')}`],
      ['search with a typo', `/publik?q=${encodeURIComponent('jembtan retak')}`],
      ['search + OPD filter', `/publik?q=banjir&agency=dpupr`],
      ['JSON search API', `/api/v1/public/reports?q=${encodeURIComponent('lampu mati')}`],
      ['case page', `/publik/${sample.code}`],
    ];
    for (const [label, path] of scenarios) {
      const result = await autocannon({ url: base + path, connections: 8, duration: 8 });
      console.log(`  ${label}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
    }
    app.closeAllConnections();
    app.close();

    // Time to publish: a resolved report with an answer, drafted (redaction, working days) and approved.
    const report = await database.db.selectFrom('reports').selectAll().where('tracking_code', '=', 'PGGGGGG7').executeTakeFirstOrThrow();
    await database.db.deleteFrom('publications').where('report_id', '=', report.id).execute();
    await database.db.insertInto('messages').values({ report_id: report.id, kind: 'answer', author_kind: 'staff', body: 'Sudah diperbaiki oleh petugas pada hari Senin.', visibility: 'public', answer_status: 'sent', sent_at: new Date() }).execute();
    const t0 = performance.now();
    await draftPublication(database.db, report.id);
    const t1 = performance.now();
    await approvePublication(database.db, { report, userId: (await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id });
    const t2 = performance.now();
    console.log(`  time to publish one case: draft ${(t1 - t0).toFixed(1)} ms, approve ${(t2 - t1).toFixed(1)} ms`);
  } finally {
    await database.close();
  }
}
