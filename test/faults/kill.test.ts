import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { removeOrphanFiles } from '../../src/attachments/orphans.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { runTs } from '../helpers/process.js';
import { photo, type RunningApp, sleep, startApp, type Submission, submitApi, submitWeb, until, wholeness } from './helpers.js';

/**
 * Issue 11, faults: the process is killed (SIGKILL: no shutdown hook runs) while citizens
 * submit through the web form and the API at once. Every report the app confirmed
 * (303 to the thank-you page, or 201) must exist after a restart on the same database,
 * whole: its event, its acknowledgement mail in the outbox, its files on disk.
 *
 * What a kill may leave, by design (attachments/store.ts): files stored for a transaction
 * that never committed, and temp uploads of requests cut short. No row names them; the
 * orphan sweep deletes them (the app runs it daily on files older than a day, so no
 * in-flight upload of another process is ever taken). The test runs the sweep with no age
 * limit and then wants the folder and the rows to agree exactly.
 *
 * On the embedded database the data folder's lock (db/lock.ts) outlives a killed process
 * until it goes stale (15 s without a refresh): a start in that window is refused with the
 * usual message, and the test checks that too before it waits the window out.
 */
describe('the app killed with SIGKILL during submissions', function () {
  this.timeout(180_000);
  let uploadDir: string;
  let dataDir: string;
  let server: TestDatabase | undefined;
  let env: Record<string, string>;
  const running: RunningApp[] = [];

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-kill-up-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-kill-db-'));
    if (onServer()) server = await createTestDatabase({ migrate: false });
    env = { ...(server ? { DATABASE_URL: server.url! } : { DATA_DIR: dataDir }), UPLOAD_DIR: uploadDir, MAIL_WORKER: 'false' };
  });
  after(async () => {
    await Promise.all(running.map((a) => a.proc.stop()));
    await server?.drop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every report it confirmed, whole, and serves again on the same database', async () => {
    const first = await startApp(env);
    running.push(first);
    const jpeg = await photo();

    // Six citizens at once: three on the web form, three on the API; every other one
    // with two photos. Each goes on until its connection dies with the process.
    const results: Submission[] = [];
    let killed = false;
    const citizen = async (i: number) => {
      while (!killed) {
        const files = i % 2 ? [jpeg, jpeg] : [];
        const s = i < 3 ? await submitWeb(first.base, files) : await submitApi(first.base, files);
        results.push(s);
        if (s.error) return;
        if (!s.told) throw new Error(`a submission was refused before the kill: ${s.via} ${s.status}`);
      }
    };
    const citizens = Array.from({ length: 6 }, (_, i) => citizen(i));
    await until('some confirmed reports', async () => results.filter((r) => r.told).length >= 24, 90_000, 10);
    first.proc.child.kill('SIGKILL');
    await first.proc.exited;
    killed = true;
    await Promise.all(citizens);
    running.pop();

    const told = results.filter((r) => r.told);
    const cut = results.filter((r) => r.error);
    expect(told.filter((r) => r.via === 'web').length, 'web reports confirmed').to.be.greaterThan(0);
    expect(told.filter((r) => r.via === 'api').length, 'API reports confirmed').to.be.greaterThan(0);
    // Each citizen's last request died with the process (cut mid-way, or refused after).
    expect(cut.length).to.equal(6);

    if (!server) {
      // The lock of the dead process still looks fresh: a start now is refused, clearly.
      const early = runTs('src/server.ts', { ...env, PORT: '0' });
      expect(await early.exited).to.equal(1);
      expect(early.output()).to.contain('is already in use by another e-Pengaduan process');
      // It goes stale 15 s after its last refresh; then the folder opens again.
      const lock = path.join(dataDir, '.lock');
      await until('the lock to go stale', async () => !fs.existsSync(lock) || Date.now() - fs.statSync(lock).mtimeMs > 16_000, 30_000, 250);
    }

    const second = await startApp(env);
    running.push(second);
    expect((await fetch(`${second.base}/readyz`)).status).to.equal(200);
    // And it takes reports again, files included.
    const after = await submitWeb(second.base, [jpeg]);
    expect(after.told, `a report after the restart: ${after.status}`).to.equal(true);
    await second.proc.stop();
    running.pop();

    let database: Database;
    if (server) database = server;
    else database = await openDatabase({ dataDir });
    try {
      const rows = await database.db
        .selectFrom('reports')
        .select(['id', 'title', 'channel'])
        .select((eb) => eb.selectFrom('attachments').whereRef('attachments.report_id', '=', 'reports.id').select(eb.fn.countAll<string>().as('n')).as('files'))
        .execute();
      const byTitle = new Map<string, typeof rows>();
      for (const r of rows) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r]);
      for (const s of [...told, after]) {
        const found = byTitle.get(s.title) ?? [];
        expect(found, `confirmed ${s.via} report "${s.title}"`).to.have.length(1);
        expect(found[0]!.channel).to.equal(s.via);
        expect(Number(found[0]!.files), `files of "${s.title}"`).to.equal(s.files);
      }
      // Reports nobody was told about may exist too (committed as the answer was cut): whole as well.
      expect(rows.length).to.be.within(told.length + 1, told.length + 1 + cut.length);

      const state = await wholeness(database.db, uploadDir);
      expect(state.withoutEvent, 'reports without their event').to.deep.equal([]);
      expect(state.withoutMail, 'reports without their acknowledgement').to.deep.equal([]);
      expect(state.missingFiles, 'attachment rows without their file').to.deep.equal([]);
      // What the kill left in the folder is only ever unnamed files, which the sweep takes.
      const swept = await removeOrphanFiles(database.db, uploadDir, 0);
      expect(swept.removed.sort()).to.deep.equal([...state.unreferencedFiles, ...state.tempFiles].sort());
      const clean = await wholeness(database.db, uploadDir);
      expect(clean).to.deep.include({ missingFiles: [], unreferencedFiles: [], tempFiles: [] });
      console.log(
        `      (${told.length} confirmed: ${told.filter((r) => r.via === 'web').length} web, ${told.filter((r) => r.via === 'api').length} API; ` +
          `${cut.length} cut; ${rows.length - 1} in the database; ${swept.removed.length} orphan files swept)`,
      );
    } finally {
      if (!server) await database.close();
    }
    await sleep(0);
  });
});
