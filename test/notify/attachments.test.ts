import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { createLogger } from '../../src/logger.js';
import { enqueueMail } from '../../src/notify/commands/enqueueMail.js';
import { startOutboxWorker } from '../../src/notify/worker.js';
import { prepareDatabase } from '../../src/prepare.js';
import { buildTestApp, type TestApp, testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buildReport } from '../helpers/reports.js';
import { startSmtp, type TestSmtp } from './smtp.js';

describe('outbox: files a mail carries, read when it leaves', () => {
  let database: TestDatabase;
  let t: TestApp;
  let smtp: TestSmtp;
  let uploadDir: string;
  before(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtp()]);
    await prepareDatabase(database.db);
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' }, database);
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-outbox-files-'));
  });
  after(async () => {
    await smtp.close();
    await database.drop();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  /** An uploaded file as storage leaves it: bytes under UPLOAD_DIR, a row naming them. */
  async function storedPhoto(reportId: number) {
    const bytes = crypto.randomBytes(2048);
    fs.mkdirSync(path.join(uploadDir, 'x'), { recursive: true });
    const key = `x/${crypto.randomUUID()}.jpg`;
    fs.writeFileSync(path.join(uploadDir, key), bytes);
    const row = await database.db
      .insertInto('attachments')
      .values({ report_id: reportId, storage_key: key, original_name: 'jalan-sesudah.jpg', mime_type: 'image/jpeg', size_bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), uploaded_by: 'staff' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, bytes };
  }

  const run = async (readUpload?: (key: string) => Promise<Buffer>) => {
    const worker = startOutboxWorker({ db: database.db, config: testConfig({ SMTP_URL: smtp.url }), logger: createLogger('silent'), poll: false, readUpload });
    try {
      while ((await worker.runOnce()) > 0);
    } finally {
      await worker.stop();
    }
  };

  it('attaches an uploaded file by reference, read from the upload folder at send time', async () => {
    const r = await buildReport(t);
    const photo = await storedPhoto(r.report.id);
    await enqueueMail(database.db, { to: 'lampiran.ok@example.com', subject: 'Foto perbaikan', text: 'Terlampir.', reportId: r.report.id, attachments: [{ attachmentId: photo.id, filename: 'foto-1.jpg' }] });
    await run((key) => fs.promises.readFile(path.join(uploadDir, key)));
    const [mail] = smtp.mailsTo('lampiran.ok@example.com');
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).to.deep.equal([['foto-1.jpg', 'image/jpeg']]);
    expect(parsed.attachments[0]!.content.equals(photo.bytes)).to.equal(true);
    const row = await database.db.selectFrom('outbox').select(['status']).where('to_address', '=', 'lampiran.ok@example.com').executeTakeFirstOrThrow();
    expect(row.status).to.equal('sent');
  });

  it('sends nothing, and tries again later, when a file cannot be read', async () => {
    const r = await buildReport(t);
    const photo = await storedPhoto(r.report.id);
    await enqueueMail(database.db, { to: 'lampiran.gagal@example.com', subject: 'Foto perbaikan', text: 'Terlampir.', reportId: r.report.id, attachments: [{ attachmentId: photo.id, filename: 'foto-1.jpg' }] });
    await run(); // a sender that cannot read uploads
    expect(smtp.mailsTo('lampiran.gagal@example.com')).to.have.length(0);
    const row = await database.db.selectFrom('outbox').select(['status', 'last_error']).where('to_address', '=', 'lampiran.gagal@example.com').executeTakeFirstOrThrow();
    expect(row.status).to.equal('pending');
    expect(row.last_error).to.contain('foto-1.jpg');
  });
});
