import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fillSecret } from '../../src/notify/secrets.js';
import sharp from 'sharp';
import supertest from 'supertest';
import { html as htmlBytes, photo, PLANTED } from '../attachments/fixtures.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';

/** Every file under a folder, except the temporary uploads of running requests. */
function storedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => !f.startsWith('.tmp') && fs.statSync(path.join(dir, f)).isFile());
}

/** An attribute value as the browser reads it (Handlebars escapes = as &#x3D;). */
export function linkFrom(html: string): string | undefined {
  return /data-testid="tracking-link" value="([^"]+)"/.exec(html)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

function tempFiles(dir: string): string[] {
  const tmp = path.join(dir, '.tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

describe('the report form /lapor', () => {
  let t: TestApp;
  let uploadDir: string;
  let desa: { code: string; parent_code: string | null; name: string };
  let otherKecamatan: string;

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-uploads-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '10' });
    desa = await t.database.db.selectFrom('regions').select(['code', 'parent_code', 'name']).where('level', '=', 'desa').orderBy('code').executeTakeFirstOrThrow();
    otherKecamatan = (await t.database.db.selectFrom('regions').select('code').where('level', '=', 'kecamatan').where('code', '<>', desa.parent_code!).executeTakeFirstOrThrow()).code;
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  async function open() {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/lapor').expect(200);
    return { agent, token: csrfFrom(page.text), page: page.text };
  }

  const valid = (extra: Record<string, string> = {}) => ({
    kind: 'pengaduan',
    title: `Lampu jalan mati di ${Math.random().toString(36).slice(2, 8)}`,
    body: 'Lampu penerangan jalan di depan pasar mati sejak sepekan, jalan gelap dan rawan kecelakaan.',
    categoryId: '',
    kecamatan: desa.parent_code!,
    desa: desa.code,
    address: 'Jl. Pemuda RT 02/RW 01',
    name: 'Ahmad Fauzi',
    email: 'ahmad.fauzi@example.com',
    phone: '0812-3456-7890',
    nik: '',
    consent: 'on',
    ...extra,
  });

  function post(agent: supertest.Agent, token: string, fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []) {
    let req = agent.post('/lapor').field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    for (const f of files) req = req.attach('files', f.bytes, { filename: f.name, contentType: f.type ?? 'image/jpeg' });
    return req;
  }

  async function countRows() {
    const db = t.database.db;
    const [r, e, a, o] = await Promise.all([
      db.selectFrom('reports').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('report_events').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('attachments').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('outbox').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { reports: Number(r.n), events: Number(e.n), attachments: Number(a.n), outbox: Number(o.n) };
  }

  it('offers every field with its limit, in Bahasa Indonesia, and every kecamatan with its desa', async () => {
    const { page } = await open();
    for (const text of ['Jenis laporan', 'Pengaduan', 'Aspirasi', 'Permintaan informasi', 'Judul', '5–150 karakter', 'Isi laporan',
      'Tidak tahu', 'Kecamatan', 'Desa/kelurahan', 'maksimal 5 berkas, masing-masing 10 MB', 'NIK', '16 angka', 'Anonim', 'Rahasia']) {
      expect(page, text).to.contain(text);
    }
    expect(page.match(/<optgroup /g)).to.have.length(21);
    expect(page.match(/<option value="\d\d\.\d\d\.\d\d\.\d{4}"/g)).to.have.length(406);
    expect(page).to.contain('enctype="multipart/form-data"');
  });

  it('accepts a report, shows its code and secret link, and writes report, event and mail in one go', async () => {
    const before = await countRows();
    const { agent, token } = await open();
    const fields = valid();
    const res = await post(agent, token, fields).expect(303);
    expect(res.headers.location).to.equal('/lapor/terkirim');
    const done = await agent.get('/lapor/terkirim').expect(200);
    const code = /data-testid="tracking-code">([A-Z0-9-]+)</.exec(done.text)?.[1];
    expect(code).to.match(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const link = linkFrom(done.text);
    expect(link).to.match(new RegExp(`/lacak/${code!.replace('-', '')}\\?k=[2-9A-HJ-NP-Z]{16}$`));
    expect(done.text).to.contain('Diskominfo memeriksa laporan Anda paling lambat').and.contain('ahmad.fauzi@example.com');
    const key = /data-testid="tracking-secret">([A-Z0-9-]+)</.exec(done.text)?.[1];
    expect(key?.replace(/-/g, '')).to.equal(link!.split('k=')[1]);

    const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', code!.replace('-', '')).executeTakeFirstOrThrow();
    expect(row).to.include({ status: 'submitted', channel: 'web', region_code: desa.code, reporter_phone: '+6281234567890', title: fields.title });
    expect(row.verify_due_at!.getTime()).to.be.greaterThan(Date.now() + 24 * 3600_000);
    expect(row.tracking_secret_hash).to.not.contain(link!.split('k=')[1]);
    const after = await countRows();
    expect(after.reports - before.reports).to.equal(1);
    expect(after.events - before.events).to.equal(1);
    expect(after.outbox - before.outbox).to.equal(1);
    const mail = await t.database.db.selectFrom('outbox').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(mail.to_address).to.equal('ahmad.fauzi@example.com');
    expect(mail.subject).to.contain(code!);
    // The mail carries the link and key as it leaves; the stored text holds slots only.
    expect(fillSecret(mail.text_body, mail.secret!)).to.contain(link!).and.contain(key!);
    expect(mail.text_body).to.not.contain(link!).and.not.contain(key!);
  });

  it('explains every problem next to its field and at the top, keeps what was typed, and writes nothing', async () => {
    const before = await countRows();
    const { agent, token } = await open();
    const res = await post(agent, token, valid({ title: 'x'.repeat(10_000), nik: '123456789012345', consent: '', body: 'pendek', name: '' })).expect(422);
    expect(res.text).to.contain('Periksa kembali isian berikut');
    expect(res.text).to.contain('Judul maksimal 150 karakter.');
    expect(res.text).to.contain('Isi laporan minimal 20 karakter.');
    expect(res.text).to.contain('NIK harus 16 angka.');
    expect(res.text).to.contain('Centang pernyataan persetujuan');
    expect(res.text).to.contain('Nama wajib diisi.');
    expect(res.text).to.contain('value="Jl. Pemuda RT 02/RW 01"');
    expect(res.text).to.contain(`value="${desa.code}" selected`);
    expect(await countRows()).to.deep.equal(before);
  });

  it('refuses a desa that is not in the chosen kecamatan', async () => {
    const { agent, token } = await open();
    const res = await post(agent, token, valid({ kecamatan: otherKecamatan })).expect(422);
    expect(res.text).to.contain('tidak berada di kecamatan yang dipilih');
  });

  it('shows <script> typed in every field as text, never as markup', async () => {
    const x = '<script>alert(1)</script>';
    const { agent, token } = await open();
    const res = await post(agent, token, valid({ title: `${x} judul`, body: `${x} isi laporan yang cukup panjang`, address: x, name: x, nik: 'abc' })).expect(422);
    expect(res.text).to.not.contain(x);
    expect(res.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await post(agent, token, valid({ title: `${x} judul`, body: `${x} isi laporan yang cukup panjang`, address: x, name: x })).expect(303);
    const done = await agent.get('/lapor/terkirim');
    const link = linkFrom(done.text)!;
    const page = await agent.get(new URL(link).pathname + new URL(link).search).redirects(1).expect(200);
    expect(page.text).to.not.contain(x);
    expect(page.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; judul');
  });

  it('stores a photo re-encoded without its GPS data, with a thumbnail', async () => {
    const { agent, token } = await open();
    await post(agent, token, valid(), [{ name: 'IMG_2024.jpg', bytes: await photo('jpeg', 1200, 900) }]).expect(303);
    const done = await agent.get('/lapor/terkirim');
    const code = /data-testid="tracking-code">([A-Z0-9-]+)</.exec(done.text)![1]!.replace('-', '');
    const report = await t.database.db.selectFrom('reports').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    const att = await t.database.db.selectFrom('attachments').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow();
    expect(att).to.include({ mime_type: 'image/jpeg', original_name: 'IMG_2024.jpg', uploaded_by: 'citizen' });
    const file = path.join(uploadDir, att.storage_key);
    const meta = await sharp(file).metadata();
    expect(meta.exif, 'EXIF removed').to.equal(undefined);
    expect(fs.readFileSync(file).includes(Buffer.from(PLANTED.gpsDatum))).to.equal(false);
    expect(fs.existsSync(path.join(uploadDir, att.thumbnail_key!))).to.equal(true);
    expect(tempFiles(uploadDir)).to.deep.equal([]);
  });

  it('refuses an HTML page named .jpg, says which file, and keeps no file', async () => {
    const before = await countRows();
    const filesBefore = storedFiles(uploadDir).length;
    const { agent, token } = await open();
    const res = await post(agent, token, valid(), [{ name: '../../etc/foto.jpg', bytes: htmlBytes() }]).expect(422);
    expect(res.text).to.contain('Berkas &quot;foto.jpg&quot; tidak dapat diterima');
    expect(res.text).to.not.contain('Sudah terlampir');
    expect(res.text).to.not.contain('../../etc');
    expect(await countRows()).to.deep.equal(before);
    expect(storedFiles(uploadDir).length).to.equal(filesBefore);
    expect(tempFiles(uploadDir)).to.deep.equal([]);
  });

  it('refuses a file over the size limit with the limit in the message', async () => {
    const small = await buildTestApp({ UPLOAD_DIR: uploadDir, UPLOAD_MAX_MB: '0.1' });
    const agent = supertest.agent(small.app);
    const token = csrfFrom((await agent.get('/lapor')).text);
    const res = await post(agent, token, valid(), [{ name: 'besar.jpg', bytes: Buffer.alloc(200 * 1024, 1) }]).expect(422);
    // In the reader's language: "0,1 MB" in Bahasa Indonesia.
    expect(res.text).to.contain('maksimal 0,1 MB').and.not.contain('0.1 MB');
    expect(tempFiles(uploadDir)).to.deep.equal([]);
  });

  it('refuses a form without its CSRF token and removes its uploaded files', async () => {
    const agent = supertest.agent(t.app);
    await agent.get('/lapor');
    const res = await agent.post('/lapor').field('title', 'x').attach('files', await photo('jpeg'), 'a.jpg').expect(403);
    expect(res.text).to.contain('Formulir kedaluwarsa');
    await new Promise((r) => setTimeout(r, 50));
    expect(tempFiles(uploadDir)).to.deep.equal([]);
  });

  it('answers a bot that fills the hidden field without making a report', async () => {
    const before = await countRows();
    const { agent, token } = await open();
    const res = await post(agent, token, valid({ website: 'http://spam.example' })).expect(422);
    expect(res.text).to.contain('Laporan tidak dapat diterima.');
    expect(await countRows()).to.deep.equal(before);
  });

  it('returns the existing code when the same report is sent twice', async () => {
    const fields = valid();
    const first = await open();
    await post(first.agent, first.token, fields).expect(303);
    const code = /data-testid="tracking-code">([A-Z0-9-]+)</.exec((await first.agent.get('/lapor/terkirim')).text)![1];
    const before = await countRows();
    const second = await open();
    await post(second.agent, second.token, fields).expect(303);
    const page = await second.agent.get('/lapor/terkirim').expect(200);
    expect(page.text).to.contain('Laporan yang sama sudah kami terima').and.contain(code!);
    expect(page.text).to.not.contain('data-testid="tracking-link"');
    expect(await countRows()).to.deep.equal(before);
  });

  it('limits submissions per network address', async () => {
    const limited = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1' });
    const agent = supertest.agent(limited.app);
    const token = csrfFrom((await agent.get('/lapor')).text);
    await post(agent, token, valid()).expect(303);
    const res = await post(agent, token, valid()).expect(429);
    expect(res.text).to.contain('Terlalu banyak');
  });

  it('speaks English to a visitor who chose it', async () => {
    const res = await supertest(t.app).get('/lapor').set('Cookie', 'lang=en').expect(200);
    expect(res.text).to.contain('Submit a report').and.contain('Type of report').and.contain('I don’t know');
  });
});
