import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Request } from 'express';
import supertest from 'supertest';
import { removeTempFiles, tempDir } from '../../src/attachments/upload.js';
import { eventually, listFiles, tempUploadDir, uploadApp, uploadConfig } from './helpers.js';

describe('attachments: upload middleware', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempUploadDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const tmpEmpty = () => listFiles(tempDir(dir)).length === 0;

  it('receives files into the temp folder under random names, with the text fields', async () => {
    const app = uploadApp(uploadConfig(dir), { keep: true });
    const res = await supertest(app)
      .post('/upload')
      .field('title', 'Jalan rusak')
      .attach('files', Buffer.from('one'), { filename: 'foto jalan é.jpg', contentType: 'image/jpeg' })
      .attach('files', Buffer.from('two'), { filename: 'surat.pdf', contentType: 'application/pdf' })
      .expect(200);
    expect(res.body.body).to.deep.equal({ title: 'Jalan rusak' });
    expect(res.body.files).to.have.length(2);
    for (const f of res.body.files) {
      expect(path.dirname(f.path)).to.equal(tempDir(dir));
      expect(path.basename(f.path)).to.match(/^[0-9a-f]{32}$/);
      expect(f.exists).to.equal(true);
    }
    // UTF-8 names arrive intact (multer's default charset would garble them).
    expect(res.body.files[0].originalname).to.equal('foto jalan é.jpg');
    // Temp files do not outlive the request, even when the handler forgets them.
    await eventually(tmpEmpty);
  });

  it('never uses a path from the client name on disk', async () => {
    const app = uploadApp(uploadConfig(dir), { keep: true });
    const res = await supertest(app)
      .post('/upload')
      .attach('files', Buffer.from('x'), { filename: '../../etc/passwd.jpg' })
      .attach('files', Buffer.from('y'), { filename: 'C:\\x\\y.png' })
      .expect(200);
    for (const f of res.body.files) {
      expect(path.dirname(f.path)).to.equal(tempDir(dir));
      expect(f.originalname).not.to.match(/\.\.[/\\]/);
    }
    await eventually(tmpEmpty);
    expect(fs.existsSync(path.join(dir, '..', 'etc'))).to.equal(false);
  });

  it('ignores a file input left empty (an empty part with filename "")', async () => {
    const app = uploadApp(uploadConfig(dir));
    const boundary = '----epengaduan' + Date.now();
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      '',
      'Lampu mati',
      `--${boundary}`,
      'Content-Disposition: form-data; name="files"; filename=""',
      'Content-Type: application/octet-stream',
      '',
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await supertest(app)
      .post('/upload')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body)
      .expect(200);
    expect(res.body.files).to.deep.equal([]);
    expect(res.body.body).to.deep.equal({ title: 'Lampu mati' });
  });

  it('refuses an oversized file with the limit in the message and leaves no temp file', async () => {
    const app = uploadApp(uploadConfig(dir, { maxFileBytes: Math.round(0.5 * 1024 * 1024) }));
    const res = await supertest(app)
      .post('/upload')
      .attach('files', Buffer.alloc(1000), { filename: 'small.jpg' })
      .attach('files', Buffer.alloc(600 * 1024), { filename: 'big.jpg' })
      .expect(422);
    expect(res.body.errors.files).to.equal('The file "big.jpg" is too large. Each file may be at most 0.5 MB.');
    await eventually(tmpEmpty);
  });

  it('accepts a file of exactly the limit', async () => {
    const app = uploadApp(uploadConfig(dir, { maxFileBytes: 1000 }));
    const res = await supertest(app).post('/upload').attach('files', Buffer.alloc(1000), { filename: 'a.jpg' }).expect(200);
    expect(res.body.files[0].size).to.equal(1000);
  });

  it('refuses more files than allowed and leaves no temp file', async () => {
    const app = uploadApp(uploadConfig(dir, { maxFiles: 5 }));
    let req = supertest(app).post('/upload');
    for (let i = 0; i < 6; i++) req = req.attach('files', Buffer.alloc(10_000), { filename: `f${i}.jpg` });
    const res = await req.expect(422);
    expect(res.body.errors.files).to.equal('At most 5 files can be attached.');
    await eventually(tmpEmpty);
  });

  it('says attachments are off when UPLOAD_MAX_FILES is 0', async () => {
    const app = uploadApp(uploadConfig(dir, { maxFiles: 0 }));
    const res = await supertest(app).post('/upload').attach('files', Buffer.from('x'), { filename: 'a.jpg' }).expect(422);
    expect(res.body.errors.files).to.equal('Attachments cannot be accepted at the moment.');
  });

  it('names the expected field when files come in another one', async () => {
    const app = uploadApp(uploadConfig(dir));
    const res = await supertest(app).post('/upload').attach('foto', Buffer.from('x'), { filename: 'a.jpg' }).expect(422);
    expect(res.body.errors.files).to.equal('Attachments must be sent in the field "files".');
    await eventually(tmpEmpty);
  });

  it('refuses an over-long text field and too many fields', async () => {
    const app = uploadApp(uploadConfig(dir));
    const long = await supertest(app).post('/upload').field('body', 'x'.repeat(90_000)).expect(422);
    expect(long.body.errors).to.deep.equal({ body: 'A field is too long.' });
    // A 20,000-character body in a script of 3-byte characters is still accepted.
    await supertest(app).post('/upload').field('body', 'ꦧ'.repeat(20_000)).expect(200);
    let many = supertest(app).post('/upload');
    for (let i = 0; i < 60; i++) many = many.field(`f${i}`, 'x');
    const res = await many.expect(422);
    expect(res.body.errors).to.deep.equal({ _form: 'The form has too many fields.' });
  });

  it('answers 400 to a malformed multipart body', async () => {
    const app = uploadApp(uploadConfig(dir));
    const res = await supertest(app)
      .post('/upload')
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\n\r\nunterminated')
      .expect(400);
    expect(res.body.code).to.equal('bad_request');
    await eventually(tmpEmpty);
  });

  it('removeTempFiles never rejects, since callers fire and forget it', async () => {
    const stubborn = path.join(dir, 'not-a-file');
    fs.mkdirSync(path.join(stubborn, 'inside'), { recursive: true });
    const warnings: unknown[] = [];
    const req = { files: [{ path: stubborn }], log: { warn: (o: unknown) => warnings.push(o) } } as unknown as Request;
    await removeTempFiles(req);
    expect(warnings).to.have.length(1);
    await removeTempFiles({} as Request);
  });

  it('passes requests that are not multipart through untouched', async () => {
    const app = uploadApp(uploadConfig(dir));
    const res = await supertest(app).post('/upload').send({ a: 1 }).expect(200);
    expect(res.body.files).to.deep.equal([]);
  });
});
