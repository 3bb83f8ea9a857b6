import { expect } from 'chai';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('migrations', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(async () => {
    await database.drop();
  });

  it('build the whole schema from an empty database, and are a no-op the second time', async () => {
    const all = Object.keys(await migrationProvider.getMigrations());
    expect(all[0]).to.equal('0001_core');
    expect(await migrateToLatest(database.db)).to.deep.equal(all);
    expect(await migrateToLatest(database.db)).to.deep.equal([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db);
    expect(tables.rows.map((r) => r.table_name)).to.include.members([
      'agencies', 'attachments', 'categories', 'holidays', 'messages', 'outbox', 'regions', 'report_events', 'reports',
      'session', 'sla_policies', 'users',
    ]);
  });

  it('index the deadline queues and Indonesian full-text search', async () => {
    const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'reports'`.execute(database.db);
    expect(indexes.rows.map((r) => r.indexname)).to.include.members([
      'reports_verify_due_idx', 'reports_response_due_idx', 'reports_close_due_idx', 'reports_agency_status_idx', 'reports_search_idx',
    ]);
    const stem = await sql<{ v: string }>`select to_tsvector('indonesian', 'perbaikan jalanan') as v`.execute(database.db);
    expect(stem.rows[0]!.v).to.contain("'jalan'");
  });

  it('refuse rows that break the rules of the domain', async () => {
    const db = database.db;
    // An OPD role without its OPD.
    let error: unknown;
    try {
      await db.insertInto('users').values({ email: 'x@y.example', name: 'X', password_hash: 'x', role: 'agency_staff', agency_id: null }).execute();
    } catch (err) {
      error = err;
    }
    expect((error as { code?: string })?.code).to.equal('23514');
    // A NIK that is not 16 digits.
    error = undefined;
    try {
      await db.insertInto('reports').values({
        tracking_code: 'ABCD2345', tracking_secret_hash: 'h', kind: 'pengaduan', channel: 'web', title: 't', body: 'b', reporter_nik: '12345',
      }).execute();
    } catch (err) {
      error = err;
    }
    expect((error as { code?: string })?.code).to.equal('23514');
  });
});
