import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { openDatabase } from '../../src/db/database.js';
import { threadKey } from '../../src/notify/commands/threadKey.js';
import { prepareDatabase } from '../../src/prepare.js';
import { noisyJpeg } from '../attachments/fixtures.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { runTs } from '../helpers/process.js';

/**
 * Issue 11, item 6: a backup made with `npm run backup` and brought back with
 * `npm run restore` into a fresh place gives an app that serves the same report: the
 * citizen's tracking link with its secret opens it, and staff download the photo with
 * the very bytes it had. Embedded database (PGlite, its data folder on disk) always; a
 * PostgreSQL server (Debian's pg_dump and pg_restore) when DATABASE_URL is set.
 */
describe('backup and restore (npm run backup / npm run restore)', function () {
  this.timeout(600_000);
  const dirs: string[] = [];
  const tmp = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `epengaduan-${name}-`));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cli(script: 'backup' | 'restore', env: Record<string, string>, args: string[]) {
    const p = runTs(`src/cli/${script}.ts`, env, args);
    const code = await p.exited;
    return { code, out: p.output() };
  }

  interface Made {
    code: string;
    secret: string;
    title: string;
    attachmentId: number;
    bytes: Buffer;
  }

  /** A report with a photo, through the API as an integration would send it. */
  async function makeReport(t: TestApp): Promise<Made> {
    const title = `Sampah menumpuk di Jembatan Juwana ${Date.now()}`;
    const res = await supertest(t.app)
      .post('/api/v1/reports')
      .field('kind', 'pengaduan')
      .field('title', title)
      .field('body', 'Tumpukan sampah di tepi sungai dekat jembatan belum diangkut dua minggu.')
      .field('consent', 'true')
      .field('reporter', JSON.stringify({ name: 'Siti', email: `siti.${Date.now()}@example.id` }))
      .attach('files', await noisyJpeg(320, 240, 90), 'sampah.jpg')
      .expect(201);
    const code = String(res.body.code ?? res.body.trackingCode).replace('-', '');
    const secret = String(res.body.secret).replace(/-/g, '');
    const row = await t.database.db.selectFrom('attachments as a').innerJoin('reports as r', 'r.id', 'a.report_id').select('a.id').where('r.tracking_code', '=', code).executeTakeFirstOrThrow();
    const served = await servesReport(t, { code, secret, title, attachmentId: row.id, bytes: Buffer.alloc(0) });
    return { code, secret, title, attachmentId: row.id, bytes: served };
  }

  /** The tracking page with the secret, and the photo's bytes as staff download it. */
  async function servesReport(t: TestApp, made: Made): Promise<Buffer> {
    const citizen = supertest.agent(t.app);
    const link = await citizen.get(`/lacak/${made.code}?k=${made.secret}`).expect(303);
    const page = await citizen.get(link.headers.location!).expect(200);
    expect(page.text).to.contain(made.title);
    const admin = await loginAs(t, 'admin');
    const photo = await admin.agent.get(`/staf/lampiran/${made.attachmentId}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(photo.headers['content-type']).to.equal('image/jpeg');
    return photo.body as Buffer;
  }

  it('embedded database: the data folder, uploads and session key, back in a fresh folder', async () => {
    const first = tmp('backup-src');
    const env1 = { DATA_DIR: path.join(first, 'data'), UPLOAD_DIR: path.join(first, 'uploads') };
    const opened = await openDatabase({ dataDir: env1.DATA_DIR });
    const source: TestDatabase = { ...opened, drop: () => opened.close() };
    let made: Made;
    try {
      await prepareDatabase(source.db);
      const t = await buildTestApp({ ...env1, REPORT_IP_LIMIT_PER_HOUR: '1000' }, source);
      made = await makeReport(t);
      expect(made.bytes.length).to.be.greaterThan(1000);
      // While the app holds the folder, a backup is refused: a live copy is not consistent.
      const refused = await cli('backup', env1, ['--out', path.join(first, 'refused')]);
      expect(refused.code, refused.out).to.equal(1);
      expect(refused.out).to.contain('already in use by another e-Pengaduan process');
    } finally {
      await source.drop();
    }

    // The cookie key a development or test install generates beside its database (with
    // NODE_ENV=test the app keeps it in memory, so it is written here as the app would).
    fs.writeFileSync(path.join(env1.DATA_DIR, 'session-secret'), crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
    const out = path.join(first, 'backup');
    const backup = await cli('backup', env1, ['--out', out]);
    expect(backup.code, backup.out).to.equal(0);
    expect(backup.out).to.contain(`Backup written to ${out}`);
    expect(fs.readdirSync(out).sort()).to.deep.equal(['manifest.json', 'pgdata.tar.gz', 'secrets', 'uploads']);
    expect(fs.statSync(out).mode & 0o777).to.equal(0o700);

    // A damaged copy is refused before anything is written.
    const second = tmp('backup-dst');
    const env2 = { DATA_DIR: path.join(second, 'data'), UPLOAD_DIR: path.join(second, 'uploads') };
    const damaged = path.join(first, 'damaged');
    fs.cpSync(out, damaged, { recursive: true });
    fs.appendFileSync(path.join(damaged, 'pgdata.tar.gz'), 'x');
    const refused = await cli('restore', env2, [damaged]);
    expect(refused.code, refused.out).to.equal(1);
    expect(refused.out).to.contain('damaged');
    expect(fs.existsSync(path.join(env2.DATA_DIR, 'pgdata'))).to.equal(false);

    const restored = await cli('restore', env2, [out]);
    expect(restored.code, restored.out).to.equal(0);
    expect(restored.out).to.contain('Verified: counts match and every attachment has its file with the recorded checksum.');
    expect(fs.readFileSync(path.join(env2.DATA_DIR, 'session-secret'), 'utf8')).to.equal(fs.readFileSync(path.join(env1.DATA_DIR, 'session-secret'), 'utf8'));
    // Never over a database that is there.
    const again = await cli('restore', env2, [out]);
    expect(again.code, again.out).to.equal(1);
    expect(again.out).to.contain('already holds');

    const reopened = await openDatabase({ dataDir: env2.DATA_DIR });
    try {
      await prepareDatabase(reopened.db);
      const t2 = await buildTestApp({ ...env2 }, { ...reopened, drop: () => reopened.close() });
      expect((await servesReport(t2, made)).equals(made.bytes)).to.equal(true);
    } finally {
      await reopened.close();
    }
  });

  it('PostgreSQL server: pg_dump and pg_restore into a new database, with the uploads', async function () {
    if (!onServer()) {
      console.log('      (skipped: set DATABASE_URL to a PostgreSQL server to test pg_dump and pg_restore)');
      return this.skip();
    }
    const first = tmp('pgbackup-src');
    const env1 = { DATA_DIR: path.join(first, 'data'), UPLOAD_DIR: path.join(first, 'uploads') };
    const source = await createTestDatabase();
    const target = await createTestDatabase({ migrate: false });
    try {
      await prepareDatabase(source.db);
      const t = await buildTestApp({ ...env1, REPORT_IP_LIMIT_PER_HOUR: '1000' }, source);
      const made = await makeReport(t);
      const signingKey = await threadKey(source.db);
      const out = path.join(first, 'backup');
      // The app keeps running: pg_dump reads one consistent snapshot.
      const backup = await cli('backup', { ...env1, DATABASE_URL: source.url! }, ['--out', out]);
      expect(backup.code, backup.out).to.equal(0);
      expect(fs.readdirSync(out)).to.include.members(['manifest.json', 'database.dump', 'uploads']);
      // The password is not in the manifest or anywhere in the backup's text.
      expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).not.to.contain(new URL(source.url!).password);

      const second = tmp('pgbackup-dst');
      const env2 = { DATA_DIR: path.join(second, 'data'), UPLOAD_DIR: path.join(second, 'uploads'), DATABASE_URL: target.url! };
      const restored = await cli('restore', env2, [out]);
      expect(restored.code, restored.out).to.equal(0);
      expect(restored.out).to.contain('Verified');
      const again = await cli('restore', { ...env2, UPLOAD_DIR: path.join(second, 'other-uploads') }, [out]);
      expect(again.code, again.out).to.equal(1);
      expect(again.out).to.contain('already has tables');

      await prepareDatabase(target.db);
      const t2 = await buildTestApp({ DATA_DIR: env2.DATA_DIR, UPLOAD_DIR: env2.UPLOAD_DIR }, target);
      expect((await servesReport(t2, made)).equals(made.bytes)).to.equal(true);
      // The mail-threading key came with the database: replies to old mails still thread.
      const restoredKey = await target.db.selectFrom('settings').select('value').where('key', '=', 'mail_thread_key').executeTakeFirstOrThrow();
      expect(Buffer.from(String(restoredKey.value), 'base64').equals(signingKey)).to.equal(true);
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
