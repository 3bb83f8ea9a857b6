import { sql } from 'kysely';
import { FiguresCache } from '../src/dashboard/cache.js';
import { rebuildDirtyQualityMonths } from '../src/dashboard/commands/rebuildQuality.js';
import { rebuildDirtyMonths } from '../src/dashboard/commands/rebuildSummaries.js';
import { agencyFigures, breakdown, overdueList, qualityFigures, trend, type DashboardFilter } from '../src/dashboard/metrics.js';
import { type Db, openDatabase } from '../src/db/database.js';
import { prepareDatabase } from '../src/prepare.js';
import { generate } from './generate.js';
import { withScratchDatabase } from './scratch.js';

/**
 * The leadership dashboard (issue 9) at 1,000,000 reports over the last two years (the
 * realistic data set of bench/generate.ts), on the server from DATABASE_URL (a scratch
 * database created and dropped here): p50/p95 of 20 runs of each query.
 *
 * Measured the ways the dashboard meets it: every month summarised (rollup.ts); the current
 * and last month changed and not yet rebuilt (the usual state: recent months change all
 * day); with a filter (always from the reports); and nothing summarised (every figure from
 * the reports, as before the summaries). "The page" is the five queries /dasbor runs at once.
 * DASHBOARD_BENCH_REPORTS overrides the size.
 *
 * DASHBOARD_BENCH_URL measures an existing database instead (e.g. one bench/load made), and
 * leaves it as it was but for its summaries brought up to date by the app's own rebuild: no
 * months marked changed, none unsummarised, no vacuum. It adds ten viewers asking for the
 * default page at once, each computing it and through the cache of routes.ts (cache.ts).
 */
const TOTAL = Number(process.env.DASHBOARD_BENCH_REPORTS ?? 1_000_000);
const RUNS = 20;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  console.log(`  ${label.padEnd(44)} p50 ${percentile(ms, 0.5).toFixed(0).padStart(5)} ms   p95 ${percentile(ms, 0.95).toFixed(0).padStart(5)} ms`);
}

const jakarta = (ymd: string) => new Date(`${ymd}T00:00:00+07:00`);
const ymd = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export async function benchDashboard(): Promise<void> {
  console.log('\nLeadership dashboard');
  const existing = process.env.DASHBOARD_BENCH_URL;
  if (existing) {
    const database = await openDatabase({ databaseUrl: existing, dataDir: '', poolMax: 10 });
    try {
      await measureExisting(database.db);
    } finally {
      await database.close();
    }
    return;
  }
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.log('  (needs DATABASE_URL: 1,000,000 reports on the server)');
    return;
  }
  await withScratchDatabase(server, 'epengaduan_bench_dash', async (url) => {
    const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 10 });
    try {
      await prepareDatabase(database.db);
      const made = await generate(database.db, { reports: TOTAL, log: () => {} });
      console.log(`  ${TOTAL.toLocaleString('en')} reports over two years (bench/generate.ts), made with their summaries in ${(made.ms / 1000).toFixed(0)} s`);
      await measure(database.db);
    } finally {
      await database.close();
    }
  });
}

async function measure(db: Db): Promise<void> {
  // A loaded table has no visibility map until vacuumed, and without it the planner reads
  // the whole table instead of the covering indexes. Autovacuum sets it soon after a load;
  // a database that has been running for a while has it.
  await sql`vacuum (analyze) reports`.execute(db);
  await sql`vacuum (analyze) report_durations`.execute(db);
  for (const table of ['messages', 'answer_versions', 'answer_reviews', 'report_events']) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  const now = new Date();
  const today = ymd(now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const year: DashboardFilter = { from: jakarta(`${lastYear}-01-01`), to: jakarta(`${today.slice(0, 4)}-01-01`) };
  const rolling: DashboardFilter = { from: new Date(jakarta(today).getTime() - 364 * 86_400_000), to: new Date(jakarta(today).getTime() + 86_400_000) };
  const days30: DashboardFilter = { from: new Date(jakarta(today).getTime() - 29 * 86_400_000), to: rolling.to };
  const agency = (await db.selectFrom('reports').select('assigned_agency_id').where('assigned_agency_id', 'is not', null).groupBy('assigned_agency_id').orderBy(sql`count(*)`, 'desc').executeTakeFirstOrThrow()).assigned_agency_id!;
  const category = (await db.selectFrom('reports').select('category_id').where('category_id', 'is not', null).groupBy('category_id').orderBy(sql`count(*)`, 'desc').executeTakeFirstOrThrow()).category_id!;
  const rows = await agencyFigures(db, year);
  const open = await db.selectFrom('reports').select(sql<string>`count(*)`.as('n')).where('status', 'not in', ['resolved', 'rejected', 'merged']).executeTakeFirstOrThrow();
  console.log(`  year ${lastYear}: ${rows.reduce((n, r) => n + r.received, 0).toLocaleString('en')} reports, ${rows.length} OPD rows; ${Number(open.n).toLocaleString('en')} reports open now`);
  const summaries = await sql<{ n: string }>`select (select count(*) from dashboard_month_counts) + (select count(*) from dashboard_month_days) as n`.execute(db);
  console.log(`  summary rows: ${Number(summaries.rows[0]!.n).toLocaleString('en')}`);
  const changed = async () => {
    await sql`insert into dashboard_changes (month) values (${thisMonth}::date), ((${thisMonth}::date - interval '1 month')::date)`.execute(db);
    await sql`insert into dashboard_quality_changes (month) values (${thisMonth}::date), ((${thisMonth}::date - interval '1 month')::date)`.execute(db);
  };
  const t0 = performance.now();
  await changed();
  await rebuildDirtyMonths(db);
  console.log(`  the current and last month and their years rebuilt in ${Math.round(performance.now() - t0)} ms`);
  const t1 = performance.now();
  await rebuildDirtyQualityMonths(db);
  console.log(`  their answer quality summaries rebuilt in ${Math.round(performance.now() - t1)} ms`);

  const page = (f: DashboardFilter) => () =>
    Promise.all([agencyFigures(db, f), trend(db, f, 'month'), breakdown(db, f, 'category'), breakdown(db, f, 'kecamatan'), overdueList(db, f, 20)]);
  const week = (f: DashboardFilter) => () =>
    Promise.all([agencyFigures(db, f), trend(db, f, 'week'), breakdown(db, f, 'category'), breakdown(db, f, 'kecamatan'), overdueList(db, f, 20)]);
  // The page with the answer quality table (issue 21, item 7), computed beside the rest: what /dasbor runs now.
  const withQuality = (f: DashboardFilter, parts: () => Promise<unknown>) => () => Promise.all([parts(), qualityFigures(db, f)]);
  console.log('  -- every month summarised');
  await time(`agencyFigures, year ${lastYear}`, () => agencyFigures(db, year));
  await time(`trend by month, year ${lastYear}`, () => trend(db, year, 'month'));
  await time(`breakdown by category, year ${lastYear}`, () => breakdown(db, year, 'category'));
  await time(`breakdown by kecamatan, year ${lastYear}`, () => breakdown(db, year, 'kecamatan'));
  await time(`overdueList, year ${lastYear}`, () => overdueList(db, year, 20));
  await time(`the page, year ${lastYear}`, page(year));
  await time('the page, last 12 months', page(rolling));
  await time(`qualityFigures, year ${lastYear}`, () => qualityFigures(db, year));
  await time(`the page + answer quality, year ${lastYear}`, withQuality(year, page(year)));
  console.log('  -- this month and last changed, not yet rebuilt');
  await changed();
  await time('the page, last 12 months', page(rolling));
  await time('the page + answer quality, last 12 months', withQuality(rolling, page(rolling)));
  await time('the page, last 30 days (the default; weeks)', week(days30));
  await time('qualityFigures, last 30 days', () => qualityFigures(db, days30));
  await time('the page + answer quality, last 30 days', withQuality(days30, week(days30)));
  console.log('  -- with a filter (always from the reports)');
  await time(`the page, year ${lastYear}, the busiest OPD`, page({ ...year, agencyId: agency }));
  await time(`agencyFigures, year ${lastYear}, busiest category`, () => agencyFigures(db, { ...year, categoryId: category }));
  await time(`agencyFigures, year ${lastYear}, channel web`, () => agencyFigures(db, { ...year, channel: 'web' }));
  console.log('  -- nothing summarised (as before the summaries)');
  await sql`delete from dashboard_months`.execute(db);
  await sql`delete from dashboard_quality_months`.execute(db);
  await time(`agencyFigures, year ${lastYear}`, () => agencyFigures(db, year));
  await time(`the page, year ${lastYear}`, page(year));
  await time(`qualityFigures, year ${lastYear}`, () => qualityFigures(db, year));
}

/** The usual state of a running database: summaries rebuilt by the app, this month changing. */
async function measureExisting(db: Db): Promise<void> {
  const { n } = await db.selectFrom('reports').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const t0 = performance.now();
  const rebuilt = await rebuildDirtyMonths(db, 1000);
  await rebuildDirtyQualityMonths(db, 1000);
  console.log(`  ${Number(n).toLocaleString('en')} reports; ${rebuilt.length} changed months rebuilt in ${Math.round(performance.now() - t0)} ms`);
  const today = ymd(new Date());
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const year: DashboardFilter = { from: jakarta(`${lastYear}-01-01`), to: jakarta(`${today.slice(0, 4)}-01-01`) };
  const to = new Date(jakarta(today).getTime() + 86_400_000);
  const rolling: DashboardFilter = { from: new Date(jakarta(today).getTime() - 364 * 86_400_000), to };
  const days30: DashboardFilter = { from: new Date(jakarta(today).getTime() - 29 * 86_400_000), to };
  const page = (f: DashboardFilter, unit: 'week' | 'month') =>
    Promise.all([agencyFigures(db, f), trend(db, f, unit), breakdown(db, f, 'category'), breakdown(db, f, 'kecamatan'), overdueList(db, f, 20)]);
  await time(`the page, year ${lastYear}`, () => page(year, 'month'));
  await time('the page, last 12 months', () => page(rolling, 'month'));
  await time('the page, last 30 days (the default; weeks)', () => page(days30, 'week'));
  await time('agencyFigures, last 30 days (the live refresh)', () => agencyFigures(db, days30));
  await time('agencyFigures, last 12 months', () => agencyFigures(db, rolling));
  // Ten viewers at once: each computing the page, and sharing it through the cache.
  const viewers = 10;
  const each = async () => {
    const t1 = performance.now();
    const settled = await Promise.allSettled(Array.from({ length: viewers }, () => page(days30, 'week')));
    const failed = settled.filter((r) => r.status === 'rejected').length;
    // The pool (10, as the app's) makes a query wait at most 5 s for a connection.
    return `${(performance.now() - t1).toFixed(0)} ms${failed ? ` (${failed} failed waiting for a connection)` : ''}`;
  };
  const shared = async () => {
    const cache = new FiguresCache({ ttlMs: 20_000, maxEntries: 10 });
    const t1 = performance.now();
    await Promise.all(Array.from({ length: viewers }, () => cache.get('page', () => page(days30, 'week'))));
    return { ms: performance.now() - t1, computed: cache.stats.computed };
  };
  console.log(`  ten viewers at once, last 30 days: each computing ${await each()}; through the cache ${(await shared()).ms.toFixed(0)} ms (one computation)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDashboard();
