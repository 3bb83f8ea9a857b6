import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { removeOrphanFiles } from '../../src/attachments/orphans.js';
import { html as htmlBytes, photo } from '../attachments/fixtures.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';

/** A form that comes back with an error keeps the files it had sent (issue 19 item 12, issue 24 item 3). */
describe('/lapor keeps the files of a form that comes back with an error', () => {
  let t: TestApp;
  let uploadDir: string;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-held-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000', UPLOAD_MAX_FILES: '3' });
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const held = () => (fs.existsSync(path.join(uploadDir, '.tmp')) ? fs.readdirSync(path.join(uploadDir, '.tmp')) : []);

  function fields(extra: Record<string, string | string[]> = {}) {
    return {
      kind: 'pengaduan',
      title: `Pohon tumbang ${Math.random().toString(36).slice(2, 8)}`,
      body: 'Pohon besar tumbang menutup separuh jalan di depan pasar sejak kemarin sore, kendaraan harus bergantian lewat.',
      name: 'Rina Marlina',
      consent: 'on',
      ...extra,
    };
  }

  function send(agent: supertest.Agent, token: string, values: Record<string, string | string[]>, files: { name: string; bytes: Buffer; type: string }[] = []) {
    let req = agent.post('/lapor').field('_csrf', token);
    for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) req = req.field(k, one);
    for (const f of files) req = req.attach('files', f.bytes, { filename: f.name, contentType: f.type });
    return req;
  }

  const heldKey = (html: string) => /name="held" value="([^"]+)"/.exec(html)?.[1];
  const removeValues = (html: string) => [...html.matchAll(/name="removeHeld" type="checkbox" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);

  async function attachmentsOf(title: string) {
    const report = await t.database.db.selectFrom('reports').select('id').where('title', '=', title).executeTakeFirstOrThrow();
    return t.database.db.selectFrom('attachments').select(['original_name', 'mime_type']).where('report_id', '=', report.id).orderBy('id').execute();
  }

  async function open() {
    const agent = supertest.agent(t.app);
    return { agent, token: csrfFrom((await agent.get('/lapor').expect(200)).text) };
  }

  it('lists the photo and document of a form with a field error as attached, and sends them with the corrected form', async () => {
    const { agent, token } = await open();
    const values = fields();
    const first = await send(agent, token, { ...values, title: 'x' }, [
      { name: 'pohon.jpg', bytes: await photo('jpeg', 800, 600), type: 'image/jpeg' },
      { name: 'laporan-rt.pdf', bytes: pdf, type: 'application/pdf' },
    ]).expect(422);
    expect(first.text).to.contain('Judul minimal');
    expect(first.text).to.contain('Sudah terlampir').and.contain('pohon.jpg').and.contain('laporan-rt.pdf');
    expect(first.text).to.contain('Anda masih dapat menambah 1 berkas.');
    expect(first.text).to.not.contain('Pilih lagi');
    const key = heldKey(first.text);
    expect(key).to.match(/^[A-Za-z0-9_-]{32}$/);
    // Held, not stored: no report, no row.
    expect(await t.database.db.selectFrom('reports').select('id').where('title', '=', values.title).execute()).to.have.length(0);
    expect(held().length).to.equal(3, 'the photo, its thumbnail and the document');

    await send(agent, csrfFrom(first.text), { ...values, held: key! }).expect(303);
    expect((await attachmentsOf(values.title)).map((a) => a.original_name)).to.deep.equal(['pohon.jpg', 'laporan-rt.pdf']);
    expect(held()).to.deep.equal([], 'nothing left held once sent');
  });

  it('keeps held files through a second error, adds new ones, and takes off the ones ticked', async () => {
    const { agent, token } = await open();
    const values = fields();
    const first = await send(agent, token, { ...values, consent: '' }, [
      { name: 'satu.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
      { name: 'dua.png', bytes: await photo('png'), type: 'image/png' },
    ]).expect(422);
    const key = heldKey(first.text)!;
    const [one] = removeValues(first.text);
    const second = await send(agent, csrfFrom(first.text), { ...values, body: 'pendek', held: key, removeHeld: one! }, [
      { name: 'tiga.webp', bytes: await photo('webp'), type: 'image/webp' },
    ]).expect(422);
    expect(heldKey(second.text)).to.equal(key);
    expect(second.text).to.contain('dua.png').and.contain('tiga.webp').and.not.contain('satu.jpg');
    await send(agent, csrfFrom(second.text), { ...values, held: key }).expect(303);
    expect((await attachmentsOf(values.title)).map((a) => a.original_name)).to.deep.equal(['dua.png', 'tiga.webp']);
    expect(held()).to.deep.equal([]);
  });

  it('a refused file is named and the good ones are kept', async () => {
    const { agent, token } = await open();
    const values = fields();
    const res = await send(agent, token, values, [
      { name: 'foto.jpg', bytes: htmlBytes(), type: 'image/jpeg' },
      { name: 'jalan.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
    ]).expect(422);
    expect(res.text).to.contain('Berkas &quot;foto.jpg&quot; tidak dapat diterima');
    expect(res.text).to.contain('Sudah terlampir').and.contain('jalan.jpg');
    await send(agent, csrfFrom(res.text), { ...values, held: heldKey(res.text)! }).expect(303);
    expect((await attachmentsOf(values.title)).map((a) => a.original_name)).to.deep.equal(['jalan.jpg']);
  });

  it('holds no more than the limit, and says so', async () => {
    const { agent, token } = await open();
    const values = fields();
    const first = await send(agent, token, { ...values, title: 'x' }, [
      { name: 'a.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
      { name: 'b.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
    ]).expect(422);
    const res = await send(agent, csrfFrom(first.text), { ...values, held: heldKey(first.text)! }, [
      { name: 'c.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
      { name: 'd.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
    ]).expect(422);
    expect(res.text).to.contain('Lampiran maksimal 3 berkas.');
    expect(removeValues(res.text)).to.have.length(3);
    expect(res.text).to.contain('c.jpg').and.not.contain('d.jpg');
  });

  it('the key works only in the browser whose form it came from', async () => {
    const a = await open();
    const values = fields();
    const first = await send(a.agent, a.token, { ...values, title: 'x' }, [{ name: 'milik-a.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' }]).expect(422);
    const key = heldKey(first.text)!;
    const b = await open();
    const other = fields();
    await send(b.agent, b.token, { ...other, held: key }).expect(303);
    expect(await attachmentsOf(other.title)).to.deep.equal([]);
    // Still A's to send.
    await send(a.agent, csrfFrom(first.text), { ...values, held: key }).expect(303);
    expect((await attachmentsOf(values.title)).map((f) => f.original_name)).to.deep.equal(['milik-a.jpg']);
  });

  it('an upload the upload step refuses (too large) keeps what was held, and asks for the rest again', async () => {
    const small = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000', UPLOAD_MAX_MB: '0.1' });
    const agent = supertest.agent(small.app);
    const values = fields();
    const first = await send(agent, csrfFrom((await agent.get('/lapor')).text), { ...values, title: 'x' }, [
      { name: 'kecil.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' },
    ]).expect(422);
    const res = await send(agent, csrfFrom(first.text), { ...values, held: heldKey(first.text)! }, [
      { name: 'besar.jpg', bytes: Buffer.alloc(200 * 1024, 1), type: 'image/jpeg' },
    ]).expect(422);
    expect(res.text).to.contain('besar.jpg').and.contain('maksimal 0,1 MB');
    expect(res.text).to.contain('kecil.jpg').and.contain('Sebagian berkas lampiran belum tersimpan');
    // Everything typed is kept.
    expect(res.text).to.contain(values.title).and.contain('Rina Marlina');
  });

  it('says plainly when held files are gone, and sends the rest of the form', async () => {
    const { agent, token } = await open();
    const values = fields();
    const before = new Set(held());
    const first = await send(agent, token, { ...values, title: 'x' }, [{ name: 'hilang.jpg', bytes: await photo('jpeg'), type: 'image/jpeg' }]).expect(422);
    const mine = held().filter((f) => !before.has(f));
    expect(mine).to.have.length(2);
    // The orphan sweep removes held files nobody sent (here: made old at once).
    const old = new Date(Date.now() - 2 * 86_400_000);
    for (const f of mine) fs.utimesSync(path.join(uploadDir, '.tmp', f), old, old);
    const swept = await removeOrphanFiles(t.database.db, uploadDir, 86_400_000);
    expect(swept.removed).to.include.members(mine.map((f) => `.tmp/${f}`));
    const res = await send(agent, csrfFrom(first.text), { ...values, held: heldKey(first.text)!, title: 'y' }).expect(422);
    expect(res.text).to.contain('Berkas lampiran yang Anda pilih belum tersimpan').and.not.contain('Sudah terlampir');
  });
});
