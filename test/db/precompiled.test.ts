import { expect } from 'chai';
import { precompiled } from '../../src/db/precompiled.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * db/precompiled.ts: a query compiled once must answer every later call with that call's
 * values, exactly as the same query built afresh does, constants of the query included.
 */
describe('precompiled queries', () => {
  let database: TestDatabase;
  type Level = 'kecamatan' | 'desa' | 'kelurahan';
  before(async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('regions')
      .values([
        { code: '99.01.01', parent_code: null, level: 'kecamatan', name: 'Kecamatan Satu' },
        { code: '99.01.02', parent_code: null, level: 'kecamatan', name: 'Kecamatan Dua' },
        { code: '99.01.01.2001', parent_code: '99.01.01', level: 'desa', name: 'Desa Satu' },
        { code: '99.01.01.2002', parent_code: '99.01.01', level: 'desa', name: 'Desa Dua' },
        { code: '99.01.02.2001', parent_code: '99.01.02', level: 'desa', name: 'Desa Tiga' },
        { code: '99.01.02.1001', parent_code: '99.01.02', level: 'kelurahan', name: 'Kelurahan Satu' },
      ])
      .execute();
  });
  after(() => database.drop());

  const byLevel = precompiled((db, p: { level: Level; prefix: string }) =>
    db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('level', '=', p.level)
      .where('code', 'like', p.prefix)
      // A constant of the query: a parameter that is not a slot stays the same on every run.
      .where('code', '<>', 'no-such-code')
      .orderBy('code')
      .limit(3),
  );

  it('answers each call with its own values, as the query built afresh does', async () => {
    const { db } = database;
    const seen: number[] = [];
    for (const [level, prefix] of [['kecamatan', '99%'], ['desa', '99%'], ['desa', '99.01.02%'], ['kelurahan', '99%'], ['desa', 'nothing%']] as const) {
      const fresh = await db
        .selectFrom('regions')
        .select(['code', 'level'])
        .where('level', '=', level)
        .where('code', 'like', prefix)
        .where('code', '<>', 'no-such-code')
        .orderBy('code')
        .limit(3)
        .execute();
      const rows = await byLevel.execute(db, { level, prefix });
      expect(rows, `${level} ${prefix}`).to.deep.equal(fresh);
      expect(rows.every((r) => r.level === level)).to.equal(true);
      seen.push(rows.length);
    }
    // Different values, different answers: not the first call's rows again.
    expect(seen).to.deep.equal([2, 3, 1, 1, 0]);
  });

  it('keeps one compiled statement per shape, named by the caller', async () => {
    const { db } = database;
    const counted = precompiled((db, p: { level: Level }) => db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', p.level));
    const first = counted.compile(db, { level: 'desa' }, 'a');
    const again = counted.compile(db, { level: 'kecamatan' }, 'a');
    expect(again.sql).to.equal(first.sql);
    expect(first.parameters).to.deep.equal(['desa']);
    expect(again.parameters).to.deep.equal(['kecamatan']);
    const [desa] = await counted.execute(db, { level: 'desa' }, 'a');
    const [kecamatan] = await counted.execute(db, { level: 'kecamatan' }, 'a');
    expect([Number(desa!.n), Number(kecamatan!.n)]).to.deep.equal([3, 2]);
  });
});
