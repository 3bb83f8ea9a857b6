import { expect } from 'chai';
import { sql } from 'kysely';
import { generate, generatedReport } from '../../bench/generate.js';
import { prepareDatabase } from '../../src/prepare.js';
import { recordDurations } from '../../src/reports/commands/recordDurations.js';
import { secretMatches } from '../../src/reports/tracking.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * The benchmark data generator (bench/generate.ts) makes data the application itself could
 * have made: report_durations equal what recordDurations computes from the report and its
 * events, every event trail walks the lifecycle to the report's status, and a generated
 * report opens with the code and secret the benchmarks derive.
 */
describe('bench data generator', function () {
  this.timeout(240_000);
  let database: TestDatabase;
  let salt: number;

  before(async () => {
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    const result = await generate(database.db, { reports: 1500, now: new Date('2026-03-18T10:00:00+07:00') });
    salt = result.salt;
    expect(result.counts.reports).to.equal(1500);
  });
  after(async () => database?.drop());

  it('fills every status, with events, answers, attachments, publications and alerts', async () => {
    const statuses = await sql<{ status: string; n: number }>`select status, count(*)::int as n from reports group by status`.execute(database.db);
    const by = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
    expect(Object.keys(by)).to.include.members(['submitted', 'assigned', 'in_progress', 'answered', 'resolved', 'rejected']);
    expect(by.resolved).to.be.greaterThan(by.in_progress!);
    const answers = await sql<{ s: string }>`select distinct answer_status as s from messages where kind = 'answer'`.execute(database.db);
    expect(answers.rows.map((r) => r.s)).to.include.members(['sent', 'draft', 'returned']);
    for (const table of ['attachments', 'publications', 'sla_alerts'] as const) {
      const n = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
      expect(n.rows[0]!.n, table).to.be.greaterThan(0);
    }
  });

  it('writes each event trail from submission to the report status, in time order', async () => {
    const bad = await sql<{ id: number }>`
      select r.id from reports r
      cross join lateral (select array_agg(e.to_status order by e.created_at, e.id) as trail,
                                 array_agg(e.type order by e.created_at, e.id) as types from report_events e where e.report_id = r.id) e
      where e.types[1] <> 'submitted' or e.trail[array_length(e.trail, 1)] <> r.status`.execute(database.db);
    expect(bad.rows).to.deep.equal([]);
  });

  it('stores the durations recordDurations computes', async () => {
    const ids = (await database.db.selectFrom('report_durations').select('report_id').orderBy('report_id').execute()).map((r) => r.report_id);
    expect(ids.length).to.be.greaterThan(500);
    const before = await database.db.selectFrom('report_durations').selectAll().orderBy('report_id').execute();
    await database.db.transaction().execute(async (trx) => {
      for (const id of ids) await recordDurations(trx, id);
    });
    const after = await database.db.selectFrom('report_durations').selectAll().orderBy('report_id').execute();
    const strip = (r: (typeof before)[number]) => JSON.stringify({ ...r, computed_at: null });
    const differ = after.filter((r, i) => strip(r) !== strip(before[i]!)).map((r) => ({ app: r, generated: before.find((b) => b.report_id === r.report_id) }));
    expect(differ.length, JSON.stringify(differ.slice(0, 3))).to.equal(0);
  });

  it('derives the citizen code and secret of a generated report', async () => {
    for (const g of [1, 777, 1500]) {
      const { code, secret } = generatedReport(g, salt);
      const row = await database.db.selectFrom('reports').select(['tracking_code', 'tracking_secret_hash']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
      expect(secretMatches(secret, row.tracking_secret_hash)).to.equal(true);
    }
  });

  it('refuses a database with reports of its own', async () => {
    const other = await createTestDatabase();
    await prepareDatabase(other.db);
    try {
      await other.db.insertInto('reports').values({ tracking_code: 'ABCDEFGH', tracking_secret_hash: 'x', kind: 'pengaduan', channel: 'web', title: 'T', body: 'B' }).execute();
      let failed: Error | undefined;
      await generate(other.db, { reports: 10 }).catch((e: Error) => (failed = e));
      expect(failed?.message).to.match(/not generated/);
    } finally {
      await other.drop();
    }
  });
});
