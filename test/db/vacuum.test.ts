import { expect } from 'chai';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { vacuumPass } from '../../src/db/vacuum.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * db/vacuum.ts: what autovacuum would do, for the embedded database that runs none. A
 * table with many dead rows is vacuumed (its dead rows are gone), one with many changes
 * is analyzed, a quiet one is left alone, and a second pass finds nothing more to do.
 */
describe('vacuum of the embedded database', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  const stats = async (db: Kysely<DB>, table: string) =>
    (await sql<{ dead: number; vacuumed: Date | null; analyzed: Date | null }>`
      select n_dead_tup as dead, coalesce(last_vacuum, last_autovacuum) as vacuumed, coalesce(last_analyze, last_autoanalyze) as analyzed
      from pg_stat_user_tables where relname = ${table}`.execute(db)).rows[0]!;

  it('vacuums the table full of dead rows, analyzes the changed one, leaves the quiet one', async () => {
    // One connection: the statistics it sends are the ones the pass reads.
    await database.db.connection().execute(async (conn) => {
      await sql`create table vacuum_churn (id int primary key, v text)`.execute(conn);
      await sql`insert into vacuum_churn select g, 'a' from generate_series(1, 1000) g`.execute(conn);
      // Every row updated, as the outbox's are: 1,000 dead row versions.
      await sql`update vacuum_churn set v = 'b'`.execute(conn);
      await sql`create table vacuum_grown (id int primary key)`.execute(conn);
      await sql`insert into vacuum_grown select g from generate_series(1, 1000) g`.execute(conn);
      await sql`create table vacuum_quiet (id int primary key)`.execute(conn);
      await sql`insert into vacuum_quiet select g from generate_series(1, 10) g`.execute(conn);
      // Statistics reach the shared counters at most once a second; now, for the test.
      await sql`select pg_stat_force_next_flush()`.execute(conn);
      await sql`select 1`.execute(conn);
      expect(Number((await stats(conn, 'vacuum_churn')).dead)).to.equal(1000);

      const pass = await vacuumPass(conn);
      expect(pass.vacuumed).to.include('vacuum_churn').and.not.include('vacuum_grown');
      expect(pass.analyzed).to.include('vacuum_grown');
      expect([...pass.vacuumed, ...pass.analyzed]).to.not.include('vacuum_quiet');
      const churn = await stats(conn, 'vacuum_churn');
      expect(Number(churn.dead)).to.equal(0);
      expect(churn.vacuumed).to.be.instanceOf(Date);
      expect((await stats(conn, 'vacuum_grown')).analyzed).to.be.instanceOf(Date);
      const quiet = await stats(conn, 'vacuum_quiet');
      expect(quiet.vacuumed).to.equal(null);
      expect(quiet.analyzed).to.equal(null);

      await sql`select pg_stat_force_next_flush()`.execute(conn);
      await sql`select 1`.execute(conn);
      const again = await vacuumPass(conn);
      for (const table of ['vacuum_churn', 'vacuum_grown']) expect([...again.vacuumed, ...again.analyzed]).to.not.include(table);
    });
  });
});
