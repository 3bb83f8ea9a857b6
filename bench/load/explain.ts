import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import '../../src/db/database.js';
import { agencyFigures } from '../../src/dashboard/metrics.js';
import type { DB } from '../../src/db/schema.js';
import { findRecentDuplicate } from '../../src/intake/duplicates.js';
import { searchPublished } from '../../src/portal/queries.js';
import { citizenView } from '../../src/tracking/queries.js';
import { opdQueue } from '../../src/triage/queries.js';
import { generatedReport } from '../generate.js';

/**
 * `npx tsx bench/load/explain.ts --database-url URL`: EXPLAIN ANALYZE of every query the
 * load scenarios' handlers send, on a generated database, to find why a budget is missed.
 * The app's own query functions run through a Kysely whose log hook explains each
 * statement with its parameters (on a second connection, after the statement ran once).
 */
const url = process.argv[process.argv.indexOf('--database-url') + 1]!;
const pool = new pg.Pool({ connectionString: url, max: 2 });
const explained: { sql: string; params: readonly unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === 'query') explained.push({ sql: event.query.sql, params: event.query.parameters });
  },
});

async function explain(label: string, run: () => Promise<unknown>): Promise<void> {
  explained.length = 0;
  await run();
  const statements = [...explained];
  console.log(`\n=== ${label}`);
  for (const s of statements) {
    if (/^(begin|commit|rollback)|set_config/i.test(s.sql)) continue;
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.sql}`, s.params as unknown[]);
    const plan = rows.map((r) => r['QUERY PLAN']);
    console.log(`--- ${s.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    console.log(plan.filter((l) => !/^\s*Buffers|Planning:/.test(l)).slice(0, 30).join('\n'));
  }
}

const marker = (await pool.query<{ value: { salt: number; reports: number } }>(`select value from settings where key = 'bench.generated'`)).rows[0]!.value;
const staff = (await pool.query<{ id: number; agency_id: number }>(
  `select u.id, u.agency_id from users u join categories c on c.default_agency_id = u.agency_id where c.code = 'jalan-jembatan' and u.email like 'bench-staf-1-%'`)).rows[0]!;
const { code } = generatedReport(Math.floor(marker.reports / 3), marker.salt);
const to = new Date();
const from = new Date(to.getTime() - 30 * 86400_000);

await explain('duplicate guard (every submission)', () => findRecentDuplicate(db, {
  kind: 'pengaduan', title: 'Jalan berlubang', body: 'Jalan di depan rumah berlubang', categoryId: null, regionCode: null, address: null,
  lat: null, lng: null, reporter: { name: 'Warga', email: 'warga@example.com', phone: null, nik: null }, anonymous: false, confidential: false,
}, 10));
await explain('tracking page', async () => {
  const tracked = await db.selectFrom('reports').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
  await citizenView(db, tracked);
});
for (const q of ['jalan rusak', 'lampu', 'pungli', 'pupuk']) await explain(`public search "${q}"`, () => searchPublished(db, { q, page: 1 }));
await explain('staff queue', () => opdQueue(db, staff.agency_id, staff.id, {}));
await explain('dashboard, 30 days', () => agencyFigures(db, { from, to }));
await pool.end();
