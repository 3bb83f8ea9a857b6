import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../src/auth/passwords.js';
import { rebuildDirtyQualityMonths } from '../src/dashboard/commands/rebuildQuality.js';
import { rebuildDirtyMonths } from '../src/dashboard/commands/rebuildSummaries.js';
import { type Db, openDatabase } from '../src/db/database.js';
import { prepareDatabase } from '../src/prepare.js';
import { configuredOfficeHours } from '../src/reports/deadlines.js';
import { CalendarSql, createCalendar } from './generate/calendar.js';
import { benchCode, benchSecret } from './generate/codes.js';
import { buildPlan } from './generate/plan.js';
import { reporterPool, textPool } from './generate/pools.js';
import { insertRows } from './generate/rows.js';

/**
 * A realistic data set for benchmarks (issue 10): N reports over the last two years across
 * the seeded OPD, categories and desa of Kabupaten Pati, in every status, each with its
 * event trail, messages (questions, answer drafts and sent answers, notes), attachments
 * metadata (no files), reporters, SLA deadlines, breaches and alerts, report_durations
 * for the dashboard and publications for the portal. Made with INSERT ... SELECT over
 * generate_series in chunks (plan.ts, rows.ts), the same on PGlite and PostgreSQL.
 *
 *   import { generate } from './generate.js';  await generate(db, { reports: 100_000 });
 *   npx tsx bench/generate.ts --reports N [--database-url URL | --data-dir DIR]
 *
 * Benchmarks log in with the returned staff accounts (one password for all) and open
 * generated reports as their citizens with benchCode/benchSecret(g, salt).
 * BENCH DATA ONLY: secrets follow from the report number. The generator refuses a database
 * that already has reports it did not make.
 */
export interface GenerateOptions {
  reports: number;
  /** "Now" of the data set; reports span the spanDays before it. */
  now?: Date;
  spanDays?: number;
  chunk?: number;
  /** Drop the tables' secondary indexes while loading and build them once after (default: 50,000 reports or more). */
  dropIndexes?: boolean;
  log?: (line: string) => void;
}

export interface GenerateResult {
  /** Every generated report of this run is g = 1..reports with this salt. */
  salt: number;
  reports: number;
  password: string;
  accounts: { coordinator: string; leader: string; staff: string; head: string; agencyId: number };
  counts: Record<string, number>;
  ms: number;
}

export const BENCH_PASSWORD = 'bench-password-2025';
const MARKER = 'bench.generated';

/** Categories in order of how often people complain about them (the first gets the most). */
const POPULARITY = [
  'jalan-jembatan', 'penerangan-jalan', 'sampah', 'drainase-banjir', 'adminduk', 'bantuan-sosial', 'kesehatan',
  'air-bersih', 'pendidikan', 'rumah-sakit', 'ketertiban-umum', 'pungli', 'pajak-daerah', 'perizinan',
];

export async function generate(db: Db, opts: GenerateOptions): Promise<GenerateResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const spanDays = opts.spanDays ?? 730;
  const chunk = opts.chunk ?? 50_000;
  const hours = configuredOfficeHours();

  const marker = await db.selectFrom('settings').select('value').where('key', '=', MARKER).executeTakeFirst();
  const previous = (marker?.value ?? null) as { salt: number; reports: number } | null;
  const existing = Number((await sql<{ n: string }>`select count(*) as n from reports`.execute(db)).rows[0]!.n);
  if (existing > 0 && !previous) throw new Error('generate: this database has reports that were not generated; use an empty or a bench database');
  const salt = (previous?.salt ?? 0) + 1;

  const password = await hashPassword(BENCH_PASSWORD);
  const accounts = await ensureUsers(db, password);

  await db.connection().execute(async (conn) => {
    const t1 = performance.now();
    await createCalendar(conn, new Date(now.getTime() - (spanDays + 10) * 86400_000), new Date(now.getTime() + 900 * 86400_000), hours);
    await loadReference(conn);
    log(`  calendar and reference tables: ${Math.round(performance.now() - t1)} ms`);
    const cal = new CalendarSql(hours);
    const indexes = (opts.dropIndexes ?? opts.reports >= 50_000) ? await dropIndexes(conn) : [];
    const coordinators = (await conn.selectFrom('users').select('id').where('role', '=', 'coordinator').where('email', 'like', 'bench-%').execute()).map((u) => Number(u.id));
    try {
      for (let from = 1; from <= opts.reports; from += chunk) {
        const to = Math.min(opts.reports, from + chunk - 1);
        const c0 = performance.now();
        const idBase = Number((await sql<{ m: string }>`select coalesce(max(id), 0) as m from reports`.execute(conn)).rows[0]!.m) - (from - 1);
        await buildPlan(conn, cal, { from, to, idBase, salt, now, spanDays });
        await insertRows(conn, cal, { now, coordinators, office: hours });
        log(`  reports ${from.toLocaleString('en')}-${to.toLocaleString('en')}: ${Math.round(performance.now() - c0)} ms`);
      }
    } finally {
      // Rebuilt also when a chunk failed: the database keeps its indexes whatever happens.
      const i0 = performance.now();
      for (const ix of indexes) await sql.raw(ix.indexdef).execute(conn);
      if (indexes.length) log(`  ${indexes.length} indexes rebuilt: ${Math.round(performance.now() - i0)} ms`);
    }
    await sql`drop table if exists gen_plan, gen_cal, gen_wd, gen_cat, gen_desa, gen_agency, gen_staff, gen_text, gen_rep`.execute(conn);
  });
  // Identity columns continue after the ids given here.
  await sql`select setval(pg_get_serial_sequence('reports', 'id'), (select max(id) from reports))`.execute(db);
  await db
    .insertInto('settings')
    .values({ key: MARKER, value: JSON.stringify({ salt, reports: opts.reports, at: now.toISOString() }) as never })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ salt, reports: opts.reports, at: now.toISOString() }) as never }))
    .execute();
  const a0 = performance.now();
  for (const table of ['reports', 'report_events', 'messages', 'attachments', 'report_durations', 'publications', 'sla_alerts', 'users']) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  log(`  analyze: ${Math.round(performance.now() - a0)} ms`);
  await rebuildSummaries(db, log);

  const counts: Record<string, number> = {};
  for (const table of ['reports', 'report_events', 'messages', 'attachments', 'report_durations', 'publications', 'sla_alerts']) {
    counts[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  }
  return { salt, reports: opts.reports, password: BENCH_PASSWORD, accounts, counts, ms: performance.now() - t0 };
}

/**
 * The dashboard's monthly summaries (migration 0014, src/dashboard/rollup.ts): the triggers
 * marked every generated month changed; build them now, as the app's rebuild loop would.
 * Summary tables added later that are built from reports belong here too.
 */
async function rebuildSummaries(db: Db, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  let months = 0;
  for (let built = await rebuildDirtyMonths(db); built.length > 0; built = await rebuildDirtyMonths(db)) months += built.length;
  for (let built = await rebuildDirtyQualityMonths(db); built.length > 0; built = await rebuildDirtyQualityMonths(db)) months += built.length;
  log(`  dashboard summaries of ${months} months (reports, then answer quality) rebuilt: ${Math.round(performance.now() - t0)} ms`);
}

const LOADED_TABLES = ['reports', 'report_events', 'messages', 'attachments', 'report_durations', 'publications', 'sla_alerts'];

/**
 * Drops the secondary indexes of the tables the generator fills (not primary keys, not
 * unique ones: those keep the data honest) and returns their definitions to rebuild:
 * building a GIN index once is much faster than growing it row by row.
 */
async function dropIndexes(conn: Kysely<any>): Promise<{ indexname: string; indexdef: string }[]> {
  await sql`set maintenance_work_mem = '256MB'`.execute(conn);
  const rows = (await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = any(${LOADED_TABLES}::text[]) and indexdef not ilike 'create unique index%'
    order by tablename, indexname`.execute(conn)).rows;
  for (const ix of rows) await sql`drop index ${sql.id(ix.indexname)}`.execute(conn);
  return rows;
}

/** A coordinator pool, a leader, and per OPD two staff and a head, all with one password. */
async function ensureUsers(db: Db, passwordHash: string): Promise<GenerateResult['accounts']> {
  const agencies = await db.selectFrom('agencies').select(['id', 'code']).orderBy('id').execute();
  const rows: { email: string; name: string; role: 'coordinator' | 'leader' | 'agency_staff' | 'agency_head'; agency_id: number | null }[] = [];
  for (let i = 1; i <= 4; i++) rows.push({ email: `bench-koordinator-${i}@bench.example`, name: `Koordinator Bench ${i}`, role: 'coordinator', agency_id: null });
  rows.push({ email: 'bench-pimpinan@bench.example', name: 'Pimpinan Bench', role: 'leader', agency_id: null });
  for (const a of agencies) {
    for (let i = 1; i <= 2; i++) rows.push({ email: `bench-staf-${i}-${a.code}@bench.example`, name: `Staf ${i} ${a.code}`, role: 'agency_staff', agency_id: a.id });
    rows.push({ email: `bench-kepala-${a.code}@bench.example`, name: `Kepala ${a.code}`, role: 'agency_head', agency_id: a.id });
  }
  await db.insertInto('users').values(rows.map((r) => ({ ...r, password_hash: passwordHash }))).onConflict((oc) => oc.doNothing()).execute();
  const top = await db.selectFrom('categories').select('default_agency_id').where('code', '=', POPULARITY[0]!).executeTakeFirst();
  const agency = agencies.find((a) => a.id === top?.default_agency_id) ?? agencies[0]!;
  return {
    coordinator: 'bench-koordinator-1@bench.example',
    leader: 'bench-pimpinan@bench.example',
    staff: `bench-staf-1-${agency.code}@bench.example`,
    head: `bench-kepala-${agency.code}@bench.example`,
    agencyId: agency.id,
  };
}

/** Temporary tables the plan joins: categories, desa, OPD, staff, texts and reporters. */
async function loadReference(conn: Kysely<any>): Promise<void> {
  await sql`drop table if exists gen_cat, gen_desa, gen_agency, gen_staff, gen_text, gen_rep`.execute(conn);
  const categories = await conn.selectFrom('categories').select(['code']).where('active', '=', true).orderBy('sort_order').orderBy('id').execute();
  const codes = categories.map((c) => c.code as string).sort((a, b) => rank(a) - rank(b));
  await sql`
    create temp table gen_cat as
    select o.i::int, c.id, c.code, c.default_agency_id as agency_id, p.verify_days, p.respond_days, p.resolve_days,
      p.auto_close_days, p.info_wait_days as info_days, p.escalate_after_days as escalate_days
    from unnest(${codes}::text[]) with ordinality o(code, i)
    join categories c on c.code = o.code join sla_policies p on p.id = c.sla_policy_id`.execute(conn);
  // Desa in a fixed shuffled order (the skew then favours some villages in every kecamatan).
  await sql`
    create temp table gen_desa as
    select (row_number() over (order by md5(r.code)))::int as i, r.code, r.parent_code as kec_code, r.name, k.name as kec_name,
      case when r.level = 'kelurahan' then 'Kelurahan ' else 'Desa ' end || r.name || ', Kecamatan ' || k.name as lokasi,
      case when r.level = 'kelurahan' then 'kantor Kelurahan ' || r.name else 'balai desa ' || r.name end as balai,
      coalesce((select n.name from regions n where n.parent_code = r.parent_code and n.code <> r.code order by n.code limit 1), r.name) as neighbour,
      (select a.id from agencies a where a.kind = 'kecamatan' and a.region_code = r.parent_code order by a.id limit 1) as kec_agency_id
    from regions r join regions k on k.code = r.parent_code
    where r.level <> 'kecamatan'`.execute(conn);
  await sql`create temp table gen_agency as select (row_number() over (order by md5(id::text)))::int as i, id from agencies where active`.execute(conn);
  await sql`
    create temp table gen_staff as
    select a.id as agency_id,
      (select u.id from users u where u.agency_id = a.id and u.role = 'agency_staff' and u.email like 'bench-%' order by u.id limit 1) as staff_id,
      (select u.id from users u where u.agency_id = a.id and u.role = 'agency_head' and u.email like 'bench-%' order by u.id limit 1) as head_id
    from agencies a`.execute(conn);
  const texts = textPool(codes, 2025);
  await sql`
    create temp table gen_text as
    select * from unnest(${texts.map((t) => t.cat)}::int[], ${texts.map((t) => t.v)}::int[], ${texts.map((t) => t.kind)}::text[],
      ${texts.map((t) => t.title)}::text[], ${texts.map((t) => t.body)}::text[], ${texts.map((t) => t.answer)}::text[])
      as t(cat, v, kind, title, body, answer)`.execute(conn);
  const reps = reporterPool(2025);
  await sql`
    create temp table gen_rep as
    select * from unnest(${reps.map((r) => r.i)}::int[], ${reps.map((r) => r.name)}::text[], ${reps.map((r) => r.email)}::text[],
      ${reps.map((r) => r.phone)}::text[], ${reps.map((r) => r.nik)}::text[]) as r(i, name, email, phone, nik)`.execute(conn);
  for (const [table, key] of [['gen_cat', 'i'], ['gen_desa', 'i'], ['gen_agency', 'i'], ['gen_staff', 'agency_id'], ['gen_text', 'cat, v'], ['gen_rep', 'i']] as const) {
    await sql.raw(`alter table ${table} add primary key (${key})`).execute(conn);
    await sql.raw(`analyze ${table}`).execute(conn);
  }
}

function rank(code: string): number {
  const i = POPULARITY.indexOf(code);
  return i === -1 ? POPULARITY.length + (code === 'lainnya' ? 100 : 0) : i;
}

/** The citizen's view of generated report g of a run: what a tracking link carries. */
export function generatedReport(g: number, salt: number): { code: string; secret: string } {
  return { code: benchCode(g, salt), secret: benchSecret(g, salt) };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const reports = Number(argValue('--reports') ?? 1_000_000);
  if (!Number.isInteger(reports) || reports < 1) throw new Error('--reports must be a whole number >= 1');
  const databaseUrl = argValue('--database-url') ?? process.env.DATABASE_URL;
  const dataDir = argValue('--data-dir') ?? (databaseUrl ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-gen-')));
  const database = await openDatabase({ databaseUrl, dataDir, poolMax: 2 });
  try {
    const p0 = performance.now();
    await prepareDatabase(database.db);
    console.log(`${database.kind}${databaseUrl ? '' : ` in ${dataDir}`}: migrated and seeded in ${Math.round(performance.now() - p0)} ms`);
    const result = await generate(database.db, { reports, log: (line) => console.log(line) });
    console.log(`${reports.toLocaleString('en')} reports generated in ${(result.ms / 1000).toFixed(1)} s on ${database.kind} (salt ${result.salt})`);
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(18)} ${n.toLocaleString('en')}`);
    console.log(`  staff accounts: ${Object.values(result.accounts).slice(0, 4).join(', ')} / password ${result.password}`);
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
