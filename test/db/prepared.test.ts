import { expect } from 'chai';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { databaseOptions } from '../../src/db/database.js';
import { runPrepared } from '../../src/db/prepared.js';
import type { DB } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * db/prepared.ts: the texts named there run as named prepared statements on each
 * connection; every other text as before; and a statement prepared before a column was
 * added to its table (a migration by a newer process) is prepared afresh, not left failing.
 */
describe('prepared statements', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  const run = async (db: Kysely<DB>, text: string, values: unknown[]) => (await db.executeQuery(CompiledQuery.raw(text, values))).rows;
  const preparedOn = async (db: Kysely<DB>) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

  it('runs a named text as a prepared statement on the connection that ran it, and other texts as before', async () => {
    const named = "select code from regions where code = $1 and level <> 'named-test'";
    const plain = "select code from regions where code = $1 and level <> 'plain-test'";
    runPrepared(named);
    await database.db.connection().execute(async (conn) => {
      expect(await run(conn, named, ['no-such-code'])).to.deep.equal([]);
      expect(await run(conn, plain, ['no-such-code'])).to.deep.equal([]);
      const prepared = await preparedOn(conn);
      expect(prepared).to.include(named);
      expect(prepared).to.not.include(plain);
    });
  });

  /** A table of one row, and `select *` of it run as a prepared statement. */
  async function preparedSelectAll(table: string): Promise<string> {
    await sql`create table ${sql.table(table)} (id int primary key, a text)`.execute(database.db);
    await sql`insert into ${sql.table(table)} values (1, 'a')`.execute(database.db);
    const text = `select * from ${table} where id = $1`;
    runPrepared(text);
    return text;
  }

  it('runs it again, prepared afresh, once a column was added to its table', async () => {
    const text = await preparedSelectAll('prepared_probe');
    await database.db.connection().execute(async (conn) => {
      expect(await run(conn, text, [1])).to.deep.equal([{ id: 1, a: 'a' }]);
      await sql`alter table prepared_probe add column b text default 'b'`.execute(conn);
      expect(await run(conn, text, [1])).to.deep.equal([{ id: 1, a: 'a', b: 'b' }]);
    });
  });

  it('inside a transaction, fails that transaction as any error would; the next run prepares afresh', async () => {
    const text = await preparedSelectAll('prepared_probe_tx');
    await database.db.connection().execute(async (conn) => {
      await run(conn, text, [1]);
      await sql`alter table prepared_probe_tx add column b text default 'b'`.execute(conn);
      let error: { code?: string } | undefined;
      try {
        await conn.transaction().execute((trx) => run(trx, text, [1]));
      } catch (err) {
        error = err as { code?: string };
      }
      expect(error?.code).to.equal('0A000');
      expect(await run(conn, text, [1])).to.deep.equal([{ id: 1, a: 'a', b: 'b' }]);
    });
  });

  it('is on by default, and off with DATABASE_PREPARED_STATEMENTS=false (a pooler that cannot carry them)', () => {
    expect(databaseOptions(loadConfig({})).preparedStatements).to.equal(true);
    expect(databaseOptions(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' })).preparedStatements).to.equal(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'sometimes' })).to.throw(/DATABASE_PREPARED_STATEMENTS/);
  });
});
