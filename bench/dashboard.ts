import { sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { agencyFigures, breakdown, overdueList, trend, type DashboardFilter } from '../src/dashboard/metrics.js';
import { rebuildDirtyMonths } from '../src/dashboard/rollup.js';
import type { Db } from '../src/db/database.js';
import { withScratchDatabase } from './scratch.js';

/**
 * The leadership dashboard (issue 9) at 1,000,000 reports over two years (2024-2025), on the
 * server from DATABASE_URL (a scratch database created and dropped here): p50/p95 of 20
 * runs of each query over the year 2025 (~500,000 reports). Reports are made with
 * INSERT ... SELECT over generate_series across the seeded OPD, categories and desa;
 * report_durations is filled by SQL from them (the application fills it per transition).
 * Measured three ways: every month summarised (rollup.ts), December changed and not yet
 * rebuilt (the usual state: recent months change all day), and nothing summarised (every
 * figure from the reports, as before the summaries). Also the page's five queries at once,
 * as /dasbor runs them.
 */
const TOTAL = 1_000_000;
const RUNS = 20;

async function fill(database: Database): Promise<void> {
  const { db } = database;
  const agencies = (await db.selectFrom('agencies').select('id').orderBy('id').execute()).map((a) => a.id);
  const categories = (await db.selectFrom('categories').select('id').orderBy('id').execute()).map((c) => c.id);
  const desa = (await db.selectFrom('regions').select('code').where('level', '!=', 'kecamatan').orderBy('code').execute()).map((r) => r.code);
  const chunk = 100_000;
  for (let from = 1; from <= TOTAL; from += chunk) {
    const to = Math.min(TOTAL, from + chunk - 1);
    // Status by g % 20: 0-13 resolved, 14-15 answered, 16-17 in progress, 18 needs_info,
    // 19 submitted. Submitted every ~63 s from 2024-01-01 (Jakarta).
    await sql`
      insert into reports (tracking_code, tracking_secret_hash, kind, channel, title, body, status,
        assigned_agency_id, category_id, region_code, submitted_at, verify_due_at, response_due_at,
        first_response_at, answered_at, resolved_at, closed_at, rating)
      select 'DB' || g, 'x', 'pengaduan', (array['web','email','api','open311','staff'])[1 + g % 5],
        'Laporan ' || g, repeat('Jalan di depan balai desa berlubang dan membahayakan. ', 6),
        s.status,
        case when s.status = 'submitted' then null else (${agencies}::int[])[1 + (g * 7) % ${agencies.length}] end,
        (${categories}::int[])[1 + (g * 13) % ${categories.length}],
        (${desa}::text[])[1 + (g * 31) % ${desa.length}],
        t.at, t.at + interval '2 days', t.at + ((3 + g % 9) || ' days')::interval,
        case when s.status in ('resolved', 'answered') then t.at + ((1 + g % 11) || ' days')::interval end,
        case when s.status in ('resolved', 'answered') then t.at + ((1 + g % 11) || ' days')::interval end,
        case when s.status = 'resolved' then t.at + ((12 + g % 11) || ' days')::interval end,
        case when s.status = 'resolved' then t.at + ((12 + g % 11) || ' days')::interval end,
        case when s.status = 'resolved' and g % 3 = 0 then 1 + g % 5 end
      from generate_series(${from}::int, ${to}::int) g
      cross join lateral (select timestamptz '2024-01-01 00:00+07' + (g * 63 || ' seconds')::interval as at) t
      cross join lateral (select case when g % 20 < 14 then 'resolved' when g % 20 < 16 then 'answered'
        when g % 20 < 18 then 'in_progress' when g % 20 = 18 then 'needs_info' else 'submitted' end as status) s
    `.execute(db);
  }
  await sql`
    insert into report_durations (report_id, submitted_at, first_response_days, answer_days, first_response_due_at,
      answer_due_at, responded_in_time, answered_in_time, reopened_count, appeal_count)
    select id, submitted_at, ((id * 37) % 900) / 100.0, ((id * 37) % 900) / 100.0 + (case when id % 17 = 0 then 3 else 0 end),
      response_due_at, response_due_at, first_response_at <= response_due_at, answered_at <= response_due_at,
      case when id % 17 = 0 then 1 else 0 end, case when id % 23 = 0 then 1 else 0 end
    from reports where status in ('resolved', 'answered')`.execute(db);
  await sql`vacuum analyze reports`.execute(db);
  await sql`vacuum analyze report_durations`.execute(db);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

/** Builds every dirty month's summary; returns how many. */
async function rebuildAll(db: Db): Promise<number> {
  let n = 0;
  for (;;) {
    const months = await rebuildDirtyMonths(db);
    if (months.length === 0) return n;
    n += months.length;
  }
}

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  console.log(`  ${label.padEnd(40)} p50 ${percentile(ms, 0.5).toFixed(0).padStart(5)} ms   p95 ${percentile(ms, 0.95).toFixed(0).padStart(5)} ms`);
}

export async function benchDashboard(): Promise<void> {
  console.log('\nLeadership dashboard');
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.log('  (needs DATABASE_URL: 1,000,000 reports on the server)');
    return;
  }
  await withScratchDatabase(server, 'epengaduan_bench_dash', async (url) => {
    const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 10 });
    try {
      await prepareDatabase(database.db);
      const t0 = performance.now();
      await fill(database);
      console.log(`  ${TOTAL.toLocaleString('en')} reports over 2024-2025 with their durations, filled in ${Math.round(performance.now() - t0)} ms`);
      const db = database.db;
      const year: DashboardFilter = { from: new Date('2025-01-01T00:00:00+07:00'), to: new Date('2026-01-01T00:00:00+07:00') };
      const month: DashboardFilter = { ...year, from: new Date('2025-12-02T00:00:00+07:00') }; // the default: 30 days
      const agency = (await db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const category = (await db.selectFrom('categories').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const rows = await agencyFigures(db, year);
      console.log(`  year 2025: ${rows.reduce((n, r) => n + r.received, 0).toLocaleString('en')} reports, ${rows.length} OPD rows`);

      const t1 = performance.now();
      const built = await rebuildAll(db);
      console.log(`  summaries of ${built} months built in ${Math.round(performance.now() - t1)} ms`);
      // As autovacuum would soon after a bulk load: the planner needs the tables' sizes.
      await sql`analyze dashboard_month_counts`.execute(db);
      await sql`analyze dashboard_month_days`.execute(db);
      const summaries = await sql<{ n: string }>`select (select count(*) from dashboard_month_counts) + (select count(*) from dashboard_month_days) as n`.execute(db);
      console.log(`  summary rows: ${Number(summaries.rows[0]!.n).toLocaleString('en')}`);
      const december = async () => sql`insert into dashboard_changes (month) values ('2025-12-01')`.execute(db);
      const t2 = performance.now();
      await december();
      await rebuildDirtyMonths(db);
      console.log(`  one month rebuilt in ${Math.round(performance.now() - t2)} ms`);

      const page = (f: DashboardFilter) => () =>
        Promise.all([agencyFigures(db, f), trend(db, f, 'month'), breakdown(db, f, 'category'), breakdown(db, f, 'kecamatan'), overdueList(db, f, 20)]);
      console.log('  -- every month summarised');
      await time('agencyFigures, a year', () => agencyFigures(db, year));
      await time('trend by month, a year', () => trend(db, year, 'month'));
      await time('breakdown by category, a year', () => breakdown(db, year, 'category'));
      await time('breakdown by kecamatan, a year', () => breakdown(db, year, 'kecamatan'));
      await time('the page\'s 5 queries, a year', page(year));
      console.log('  -- December changed, not yet rebuilt');
      await december();
      await time('agencyFigures, a year', () => agencyFigures(db, year));
      await time('the page\'s 5 queries, a year', page(year));
      await time('the page\'s 5 queries, 30 days', page(month));
      console.log('  -- with a filter (always from the reports)');
      await time('agencyFigures, a year, one category', () => agencyFigures(db, { ...year, categoryId: category }));
      await time('the page\'s 5 queries, a year, one OPD', page({ ...year, agencyId: agency }));
      await time('agencyFigures, a year, channel web', () => agencyFigures(db, { ...year, channel: 'web' }));
      console.log('  -- last 12 months (months, no year)');
      const rolling = { from: new Date('2025-01-15T00:00:00+07:00'), to: new Date('2026-01-15T00:00:00+07:00') };
      await time('agencyFigures, 12 months', () => agencyFigures(db, rolling));
      await time('the page\'s 5 queries, 12 months', page(rolling));
      console.log('  -- nothing summarised (as before the summaries)');
      await sql`delete from dashboard_months`.execute(db);
      await time('agencyFigures, a year', () => agencyFigures(db, year));
      await time('the page\'s 5 queries, a year', page(year));
    } finally {
      await database.close();
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDashboard();
