import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { insertAttachments } from '../../src/attachments/commands/insertAttachments.js';
import { inspectUploads } from '../../src/attachments/inspect.js';
import { withStoredAttachments } from '../../src/attachments/store.js';
import { tempDir, uploadMiddleware } from '../../src/attachments/upload.js';
import { InputError } from '../../src/shared/errors.js';
import { translator } from '../../src/shared/i18n.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import * as make from './fixtures.js';
import { eventually, listFiles, tempUploadDir, uploadConfig } from './helpers.js';

/**
 * The whole path as a form handler takes it: receive, inspect, store, write the rows in
 * one transaction. The app is the sketch intake follows.
 */
describe('attachments: upload to rows, as a handler does it', () => {
  let database: TestDatabase;
  let dir: string;
  let app: express.Express;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.drop();
  });
  beforeEach(() => {
    dir = tempUploadDir();
    const config = uploadConfig(dir);
    const db = database.db;
    app = express();
    app.post('/reports', uploadMiddleware(config), async (req, res) => {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const body = req.body as { title: string; fail?: string };
      const inspected = await inspectUploads(files, config);
      const id = await withStoredAttachments(inspected, config.uploadDir, (stored) =>
        db.transaction().execute(async (trx) => {
          const report = await trx
            .insertInto('reports')
            .values({
              tracking_code: crypto.randomBytes(4).toString('hex'),
              tracking_secret_hash: 'x',
              kind: 'pengaduan',
              channel: 'web',
              title: body.title,
              body: 'Isi laporan.',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await insertAttachments(trx, { reportId: report.id, uploadedBy: 'citizen' }, stored);
          if (body.fail) throw new Error('the transaction failed');
          return report.id;
        }),
        { db },
      );
      res.status(201).json({ id });
    });
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (err instanceof InputError) return void res.status(422).json({ errors: err.fields(translator('id')) });
      res.status(500).json({ message: String(err) });
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const tmpEmpty = () => listFiles(tempDir(dir)).length === 0;

  it('stores a photo and a PDF with their rows', async () => {
    const res = await supertest(app)
      .post('/reports')
      .field('title', 'Lampu jalan mati')
      .attach('files', await make.photo('webp'), { filename: 'lampu.webp', contentType: 'image/webp' })
      .attach('files', make.pdf(), { filename: 'surat.pdf', contentType: 'application/pdf' })
      .expect(201);
    const rows = await database.db.selectFrom('attachments').selectAll().where('report_id', '=', res.body.id).execute();
    expect(rows.map((r) => r.original_name).sort()).to.deep.equal(['lampu.webp', 'surat.pdf']);
    await eventually(tmpEmpty);
    expect(listFiles(dir)).to.have.length(3);
  });

  it('refuses HTML sent as image/jpeg, in Bahasa Indonesia, and keeps nothing', async () => {
    const res = await supertest(app)
      .post('/reports')
      .field('title', 'x')
      .attach('files', await make.photo('jpeg'), { filename: 'asli.jpg', contentType: 'image/jpeg' })
      .attach('files', make.html(), { filename: 'bukan-foto.jpg', contentType: 'image/jpeg' })
      .expect(422);
    expect(res.body.errors.files).to.equal('Berkas "bukan-foto.jpg" tidak dapat diterima. Jenis yang diterima: JPEG, PNG, WebP, PDF, MP4.');
    await eventually(tmpEmpty);
    expect(listFiles(dir)).to.deep.equal([]);
  });

  it('a failed transaction leaves no row, no stored file and no temp file', async () => {
    const before = await database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await supertest(app)
      .post('/reports')
      .field('title', 'x')
      .field('fail', '1')
      .attach('files', await make.photo('png'), { filename: 'a.png' })
      .expect(500);
    const after = await database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).to.equal(Number(before.n));
    await eventually(tmpEmpty);
    expect(listFiles(dir)).to.deep.equal([]);
  });

  it('says the limit in Bahasa Indonesia for an oversized file', async () => {
    const res = await supertest(app)
      .post('/reports')
      .field('title', 'x')
      .attach('files', Buffer.alloc(10 * 1024 * 1024 + 1), { filename: 'video.mp4' })
      .expect(422);
    expect(res.body.errors.files).to.equal('Berkas "video.mp4" terlalu besar. Setiap berkas maksimal 10 MB.');
    await eventually(tmpEmpty);
  });
});
