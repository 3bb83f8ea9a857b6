import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'kysely';
import { EMBEDDED_SHARED_BUFFERS, openDatabase } from '../../src/db/database.js';

/**
 * Issue 25: the embedded PostgreSQL runs inside the app process, in WebAssembly memory that
 * never shrinks, so its buffer cache is memory the app holds for good. It opens with a
 * small one, in a data folder as `npm start` uses it and in memory as the tests do.
 */
describe('embedded database memory', function () {
  this.timeout(120_000);

  for (const inMemory of [false, true]) {
    it(`keeps a 32 MB buffer cache, not PostgreSQL's 128 MB (${inMemory ? 'in memory' : 'data folder'})`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-embedded-'));
      const database = await openDatabase({ dataDir: inMemory ? '' : dir, inMemory, poolMax: 1 });
      try {
        const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
        expect(rows[0]!.shared_buffers).to.equal(EMBEDDED_SHARED_BUFFERS).and.equal('32MB');
        // The rest of the defaults PGlite starts with still apply (one backend, no workers).
        const workers = await sql<{ max_worker_processes: string }>`show max_worker_processes`.execute(database.db);
        expect(workers.rows[0]!.max_worker_processes).to.equal('0');
      } finally {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
