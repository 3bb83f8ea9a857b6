import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { insertAttachments } from '../../src/attachments/commands/insertAttachments.js';
import { inspectUploads } from '../../src/attachments/inspect.js';
import { removeOrphanFiles, scheduleOrphanSweep } from '../../src/attachments/orphans.js';
import { attachmentPath, discardStored, storeFiles, withStoredAttachments } from '../../src/attachments/store.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import * as make from './fixtures.js';
import { eventually, listFiles, tempUploadDir, uploadConfig } from './helpers.js';

describe('attachments: storing with the database', () => {
  let database: TestDatabase;
  let dir: string;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.drop();
  });
  beforeEach(() => {
    dir = tempUploadDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function report(): Promise<number> {
    const row = await database.db
      .insertInto('reports')
      .values({
        tracking_code: crypto.randomBytes(4).toString('hex').toUpperCase(),
        tracking_secret_hash: 'x',
        kind: 'pengaduan',
        channel: 'web',
        title: 'Jalan berlubang',
        body: 'Jalan di depan pasar berlubang.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function inspected() {
    return inspectUploads(
      [make.asUpload(dir, await make.photo('jpeg'), 'foto.jpg'), make.asUpload(dir, make.pdf(), 'surat.pdf')],
      uploadConfig(dir),
    );
  }

  const rowsOf = (reportId: number) =>
    database.db.selectFrom('attachments').selectAll().where('report_id', '=', reportId).orderBy('id').execute();

  it('a committed transaction leaves both rows and files, and nothing in .tmp', async () => {
    const reportId = await report();
    const files = await inspected();
    const inserted = await withStoredAttachments(files, dir, (stored) =>
      database.db.transaction().execute((trx) => insertAttachments(trx, { reportId, uploadedBy: 'citizen' }, stored)),
    );
    expect(inserted).to.have.length(2);
    const rows = await rowsOf(reportId);
    expect(rows.map((r) => [r.mime_type, r.original_name, r.uploaded_by])).to.deep.equal([
      ['image/jpeg', 'foto.jpg', 'citizen'],
      ['application/pdf', 'surat.pdf', 'citizen'],
    ]);
    const [photo, pdf] = rows;
    expect(photo!.storage_key).to.match(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
    expect(photo!.thumbnail_key).to.equal(photo!.storage_key.replace('.jpg', '-thumb.webp'));
    expect([photo!.width, photo!.height]).to.deep.equal([100, 200]);
    expect(pdf!.thumbnail_key).to.equal(null);
    for (const r of rows) {
      const bytes = fs.readFileSync(attachmentPath(dir, r.storage_key));
      expect(bytes.length).to.equal(r.size_bytes);
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).to.equal(r.sha256);
    }
    expect(fs.existsSync(attachmentPath(dir, photo!.thumbnail_key!))).to.equal(true);
    expect(listFiles(dir)).to.have.members([photo!.storage_key, photo!.thumbnail_key!, pdf!.storage_key]);
  });

  it('a transaction that throws after insertAttachments leaves no rows and no files', async () => {
    const reportId = await report();
    const files = await inspected();
    let seen: string[] = [];
    const failure = new Error('something later in the transaction failed');
    try {
      await withStoredAttachments(files, dir, (stored) =>
        database.db.transaction().execute(async (trx) => {
          await insertAttachments(trx, { reportId, uploadedBy: 'citizen' }, stored);
          // The files really were in place while the transaction ran.
          seen = listFiles(dir);
          throw failure;
        }),
      );
      expect.fail('no error');
    } catch (err) {
      expect(err).to.equal(failure);
    }
    expect(seen).to.have.length(3);
    expect(await rowsOf(reportId)).to.deep.equal([]);
    expect(listFiles(dir)).to.deep.equal([]);
  });

  it('a failing insert (unknown report) discards the files too', async () => {
    const files = await inspected();
    try {
      await withStoredAttachments(files, dir, (stored) =>
        database.db.transaction().execute((trx) => insertAttachments(trx, { reportId: 999_999_999, uploadedBy: 'citizen' }, stored)),
      );
      expect.fail('no error');
    } catch (err) {
      expect(String(err)).to.match(/foreign key/i);
    }
    expect(listFiles(dir)).to.deep.equal([]);
  });

  it('discarding with the database keeps files whose rows did commit (a COMMIT whose answer was lost)', async () => {
    const reportId = await report();
    const stored = await storeFiles(await inspected(), dir);
    await database.db.transaction().execute((trx) => insertAttachments(trx, { reportId, uploadedBy: 'citizen' }, stored.slice(0, 1)));
    await discardStored(stored, { db: database.db });
    // The committed photo and its thumbnail stay; the PDF, which has no row, goes.
    expect(listFiles(dir)).to.have.members([stored[0]!.storageKey, stored[0]!.thumbnailKey!]);
  });

  it('storing is all or none: a file missing halfway discards the ones already moved', async () => {
    const files = await inspected();
    fs.rmSync(files[1]!.path);
    try {
      await storeFiles(files, dir);
      expect.fail('no error');
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).to.equal('ENOENT');
    }
    expect(listFiles(dir)).to.deep.equal([]);
  });

  it('no files: the work runs with an empty list', async () => {
    expect(await withStoredAttachments([], dir, async (stored) => stored.length)).to.equal(0);
  });

  it('attachmentPath refuses keys that leave the folder or reach .tmp', () => {
    const key = '2026/11/0f8fad5b-d9cb-469f-a165-70867728950e.jpg';
    expect(attachmentPath(dir, key)).to.equal(path.join(dir, '2026', '11', '0f8fad5b-d9cb-469f-a165-70867728950e.jpg'));
    for (const bad of ['', '../x.jpg', '2026/../../x.jpg', '/etc/passwd', '.tmp/abc', '2026//x.jpg', 'a\\..\\b', 'C:/x', '2026/11/.hidden', 'x\0.jpg']) {
      expect(() => attachmentPath(dir, bad), bad).to.throw(/invalid storage key/);
    }
  });

  describe('removeOrphanFiles', () => {
    const HOUR = 60 * 60_000;
    function write(key: string, ageMs: number): void {
      const file = path.join(dir, ...key.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'x');
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(file, when, when);
    }

    it('removes old unreferenced files, keeps referenced, young and foreign ones', async () => {
      const reportId = await report();
      const stored = await storeFiles(await inspected(), dir);
      await database.db.transaction().execute((trx) => insertAttachments(trx, { reportId, uploadedBy: 'citizen' }, stored));
      for (const s of stored) {
        for (const p of [s.path, s.thumbnailPath]) if (p) fs.utimesSync(p, new Date(Date.now() - 48 * HOUR), new Date(Date.now() - 48 * HOUR));
      }
      const orphan = '2025/01/5d1f8b0e-8f7c-4b49-9d0e-2f6c0b1a9e11.jpg';
      const orphanThumb = '2025/01/5d1f8b0e-8f7c-4b49-9d0e-2f6c0b1a9e11-thumb.webp';
      const young = '2026/11/7a1c2e3d-4b5f-4a6b-8c7d-9e0f1a2b3c4d.pdf';
      const oldTemp = '.tmp/0123456789abcdef0123456789abcdef';
      const oldTempOutput = '.tmp/0123456789abcdef0123456789abcdef.main';
      const youngTemp = '.tmp/fedcba9876543210fedcba9876543210';
      const foreign = ['notes.txt', '2025/01/readme.txt', '2025/01/sub/5d1f8b0e-8f7c-4b49-9d0e-2f6c0b1a9e11.jpg', 'backup/2025/01/x.jpg'];
      write(orphan, 48 * HOUR);
      write(orphanThumb, 48 * HOUR);
      write(young, 60_000);
      write(oldTemp, 48 * HOUR);
      write(oldTempOutput, 48 * HOUR);
      write(youngTemp, 1000);
      for (const f of foreign) write(f, 48 * HOUR);

      const result = await removeOrphanFiles(database.db, dir, 24 * HOUR);
      expect(result.removed).to.have.members([orphan, orphanThumb, oldTemp, oldTempOutput]);
      const referenced = stored.flatMap((s) => [s.storageKey, s.thumbnailKey]).filter((k): k is string => Boolean(k));
      expect(listFiles(dir)).to.have.members([...referenced, young, youngTemp, ...foreign]);
    });

    it('a missing UPLOAD_DIR is an empty one', async () => {
      const result = await removeOrphanFiles(database.db, path.join(dir, 'nope'), 0);
      expect(result).to.deep.equal({ checked: 0, removed: [] });
    });

    it('scheduleOrphanSweep sweeps at start and can be stopped', async () => {
      write('2025/02/5d1f8b0e-8f7c-4b49-9d0e-2f6c0b1a9e12.png', 2 * HOUR);
      const logged: unknown[] = [];
      const logger = { info: (o: unknown) => void logged.push(o), error: (o: unknown) => void logged.push(o) };
      const stop = scheduleOrphanSweep(database.db, dir, logger as never, { olderThanMs: HOUR });
      try {
        await eventually(() => listFiles(dir).length === 0);
        await eventually(() => logged.length === 1);
        expect(logged[0]).to.deep.equal({ checked: 1, removed: 1 });
      } finally {
        stop();
      }
    });
  });
});
