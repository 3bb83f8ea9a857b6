import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { prepareDatabase } from '../../src/prepare.js';
import { photo } from '../attachments/fixtures.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('a submission that fails inside its transaction', () => {
  let database: TestDatabase;
  let t: TestApp;
  let uploadDir: string;

  before(async () => {
    database = await createTestDatabase();
    await prepareDatabase(database.db);
    // The last step of the transaction (the acknowledgement mail) fails, as a full disk or
    // a lost connection would make it: a real database error, raised by the database.
    await sql
      .raw(`
        create function refuse_outbox() returns trigger language plpgsql as $$
          begin raise exception 'outbox refused for the test'; end $$;
        create trigger refuse_outbox before insert on outbox for each row execute function refuse_outbox();`)
      .execute(database.db);
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-atomic-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir }, database);
  });
  after(async () => {
    await database.drop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  it('leaves no report, event, attachment row or file behind', async () => {
    const agent = supertest.agent(t.app);
    const token = csrfFrom((await agent.get('/lapor')).text);
    const res = await agent
      .post('/lapor')
      .field('_csrf', token)
      .field('kind', 'pengaduan')
      .field('title', 'Saluran air tersumbat')
      .field('body', 'Saluran air di depan sekolah tersumbat sampah dan meluap saat hujan.')
      .field('name', 'Budi')
      .field('email', 'budi@example.com')
      .field('consent', 'on')
      .attach('files', await photo('jpeg', 800, 600), 'saluran.jpg')
      .attach('files', await photo('png', 300, 200), 'denah.png')
      .expect(500);
    expect(res.text).to.contain('Terjadi kesalahan pada sistem');
    const count = async (table: 'reports' | 'report_events' | 'attachments' | 'outbox') =>
      Number((await database.db.selectFrom(table).select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('reports')).to.equal(0);
    expect(await count('report_events')).to.equal(0);
    expect(await count('attachments')).to.equal(0);
    expect(await count('outbox')).to.equal(0);
    await new Promise((r) => setTimeout(r, 50));
    const left = (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(uploadDir, f)).isFile());
    expect(left).to.deep.equal([]);
  });
});
