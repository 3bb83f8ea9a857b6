import { expect } from 'chai';
import { takeNumber } from '../../src/letters/commands/issueLetter.js';
import { formatLetterNumber, jakartaYearMonth } from '../../src/letters/numbering.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { ANSWER, staffApi } from '../answers/helpers.js';
import { dpupr } from './helpers.js';

describe('letters: numbering', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    // A database of its own: the numbers start at 1 and nothing else takes any.
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' }, database);
  });
  after(async () => {
    await database.drop();
  });

  it('fills the pattern: {n}, {tahun} and {bulan} (Roman) in Asia/Jakarta', () => {
    // 31 December 2025, 20:00 UTC is already 1 January 2026 in Pati.
    expect(formatLetterNumber('000.9/{n}/DPUPR/{bulan}/{tahun}', 7, new Date('2025-12-31T20:00:00Z'))).to.equal('000.9/7/DPUPR/I/2026');
  });

  it('gives a number back when the transaction that took it rolls back', async () => {
    const agency = await dpupr(t);
    const first = await database.db.transaction().execute((trx) => takeNumber(trx, agency, 2031));
    let rolledBack: number | undefined;
    try {
      await database.db.transaction().execute(async (trx) => {
        rolledBack = await takeNumber(trx, agency, 2031);
        throw new Error('the answer failed after its number was taken');
      });
    } catch {
      // expected
    }
    const next = await database.db.transaction().execute((trx) => takeNumber(trx, agency, 2031));
    expect([first, rolledBack, next]).to.deep.equal([1, 2, 2]);
    // Another year starts again at 1.
    expect(await database.db.transaction().execute((trx) => takeNumber(trx, agency, 2032))).to.equal(1);
  });

  it('numbers concurrent approvals without a gap or a duplicate (PostgreSQL server)', async function () {
    if (!onServer()) this.skip(); // needs several connections at once; PGlite has one
    this.timeout(120_000);
    const COUNT = 12;
    const staff = await staffApi(t, 'agency_staff');
    const drafts: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const r = await buildReport(t);
      await advanceTo(database.db, r.report.id, 'in_progress');
      const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
      const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
      await staff.post(`${base}/${draft.id}/submit`).expect(200);
      drafts.push(`${base}/${draft.id}/approve`);
    }
    // Four heads of the same OPD approve at the same moment, over the app's connection pool.
    const heads = await Promise.all([1, 2, 3, 4].map(() => staffApi(t, 'agency_head')));
    const answers = await Promise.all(drafts.map((url, i) => heads[i % heads.length]!.post(url, { warningsRead: true })));
    expect(answers.map((a) => a.status)).to.deep.equal(drafts.map(() => 200));
    const letters = await database.db.selectFrom('answer_letters').select(['seq', 'number']).where('agency_id', '=', await dpupr(t)).execute();
    const { year } = jakartaYearMonth(new Date());
    const seqs = letters.map((l) => l.seq).sort((a, b) => a - b);
    expect(seqs).to.deep.equal(Array.from({ length: COUNT }, (_, i) => i + 1));
    expect(new Set(letters.map((l) => l.number)).size).to.equal(COUNT);
    expect(letters.map((l) => l.number).sort()).to.deep.equal(seqs.map((n) => `${n}/DPUPR/${year}`).sort());
  });
});
