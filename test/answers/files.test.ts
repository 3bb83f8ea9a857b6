import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';
import { mp4, pdf, PLANTED, photo } from '../attachments/fixtures.js';
import { ANSWER, type StaffApi, staffApi } from './helpers.js';

/** Item 4 of issue 21: photos and PDFs staff attach to an answer. */
describe('answers: files with the answer (photos before/after, PDFs)', () => {
  let t: TestApp;
  let uploadDir: string;
  let staff: StaffApi;
  let head: StaffApi;
  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'answer-files-'));
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0', UPLOAD_DIR: uploadDir, UPLOAD_MAX_FILES: '3', UPLOAD_MAX_MB: '1' });
    staff = await staffApi(t, 'agency_staff');
    head = await staffApi(t, 'agency_head');
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const db = () => t.database.db;
  const filesOf = (messageId: number) => db().selectFrom('attachments').selectAll().where('message_id', '=', messageId).orderBy('id').execute();

  /** A DPUPR report being worked on, with a saved draft; the citizen's browser holds its access. */
  async function drafted() {
    const email = `warga.${Math.random().toString(36).slice(2)}@example.com`;
    const r = await buildReport(t, { reporter: { name: 'Siti Aminah', email, phone: null, nik: null } });
    await advanceTo(db(), r.report.id, 'in_progress');
    const base = `/api/v1/staff/reports/${r.report.tracking_code}/answers`;
    const { body: draft } = await staff.post(base, { body: ANSWER }).expect(201);
    const citizen = supertest.agent(t.app);
    await citizen.get(`/lacak/${r.report.tracking_code}?k=${r.secret}`).expect(303);
    return { ...r, email, base, citizen, draft: draft as { id: number; version: number }, files: `/staf/laporan/${r.report.tracking_code}/jawaban/${draft.id}/lampiran` };
  }

  async function attach(who: StaffApi, url: string, files: { content: Buffer; name: string }[]) {
    let req = who.agent.post(url).field('_csrf', await who.csrf());
    for (const f of files) req = req.attach('files', f.content, { filename: f.name });
    return req;
  }

  it('inspects staff’s files as citizens’ (metadata gone), shows them to the citizen with the answer once sent, and lists them in the mail', async () => {
    const r = await drafted();
    const before = await photo('jpeg', 400, 300);
    const res = await attach(staff, r.files, [{ content: before, name: 'sebelum.jpg' }, { content: pdf(), name: 'berita-acara.pdf' }]);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/staf/laporan/${r.report.tracking_code}#jawaban`);
    const [jpg, doc] = await filesOf(r.draft.id);
    expect(jpg).to.include({ original_name: 'sebelum.jpg', mime_type: 'image/jpeg', uploaded_by: 'staff', report_id: r.report.id, show_public: false });
    expect(doc).to.include({ original_name: 'berita-acara.pdf', mime_type: 'application/pdf' });
    // Re-encoded as a citizen's photo is: the camera's metadata is gone, and the EXIF rotation applied.
    const stored = fs.readFileSync(path.join(uploadDir, jpg!.storage_key));
    expect(stored.toString('latin1')).to.not.contain(PLANTED.owner).and.not.contain(PLANTED.gpsDatum);
    expect([jpg!.width, jpg!.height]).to.deep.equal([300, 400]);

    // The staff page lists them with the draft.
    const page = await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200);
    expect(page.text).to.contain(`href="/staf/lampiran/${jpg!.id}"`).and.contain('berita-acara.pdf');

    // Not the citizen's before the answer is sent: neither listed nor served.
    expect((await r.citizen.get(`/lacak/${r.report.tracking_code}`).expect(200)).text).to.not.contain('sebelum.jpg');
    await r.citizen.get(`/lacak/${r.report.tracking_code}/lampiran/${jpg!.id}`).expect(404);

    await staff.post(`${r.base}/${r.draft.id}/submit`).expect(200);
    await head.post(`${r.base}/${r.draft.id}/approve`, { warningsRead: true }).expect(200);

    const tracking = (await r.citizen.get(`/lacak/${r.report.tracking_code}`).expect(200)).text;
    expect(tracking).to.contain(`<img src="/lacak/${r.report.tracking_code}/lampiran/${jpg!.id}/kecil"`);
    expect(tracking).to.contain(`<a href="/lacak/${r.report.tracking_code}/lampiran/${doc!.id}">berita-acara.pdf</a>`);
    const thumb = await r.citizen.get(`/lacak/${r.report.tracking_code}/lampiran/${jpg!.id}/kecil`).expect(200);
    expect(thumb.headers['content-type']).to.equal('image/webp');
    const download = await r.citizen.get(`/lacak/${r.report.tracking_code}/lampiran/${doc!.id}`).expect(200);
    expect(download.headers['content-disposition']).to.match(/^attachment/);

    // Nobody else: a browser without the report's access, another citizen's session, the open internet.
    await supertest(t.app).get(`/lacak/${r.report.tracking_code}/lampiran/${doc!.id}`).expect(404);
    const other = await drafted();
    await other.citizen.get(`/lacak/${r.report.tracking_code}/lampiran/${doc!.id}`).expect(404);
    await other.citizen.get(`/lacak/${other.report.tracking_code}/lampiran/${doc!.id}`).expect(404);

    const [mail] = await db().selectFrom('outbox').select('text_body').where('to_address', '=', r.email).where('subject', 'like', 'Jawaban%').execute();
    expect(mail!.text_body).to.contain('Jawaban ini disertai 2 lampiran, yang dapat Anda lihat dan unduh di halaman pelacakan:');
    expect(mail!.text_body).to.match(/- sebelum\.jpg \(\d+ KB\)/).and.match(/- berita-acara\.pdf \(\d+ KB\)/);
  });

  it('refuses what citizens’ uploads refuse (type, size, count), and a video, writing nothing', async () => {
    const r = await drafted();
    const page = `/staf/laporan/${r.report.tracking_code}`;
    const notice = async () => (await staff.agent.get(page).expect(200)).text;

    let res = await attach(staff, r.files, [{ content: Buffer.from('<html><script>alert(1)</script></html>'), name: 'foto.jpg' }]);
    expect(res.status).to.equal(303);
    expect(await notice()).to.contain('Berkas &quot;foto.jpg&quot; tidak dapat diterima. Jenis yang diterima: JPEG, PNG, WebP, PDF.');

    res = await attach(staff, r.files, [{ content: Buffer.alloc(2 * 1024 * 1024, 1), name: 'besar.pdf' }]);
    expect(res.status).to.equal(303);
    expect(await notice()).to.contain('Berkas &quot;besar.pdf&quot; terlalu besar. Setiap berkas maksimal 1 MB.');

    res = await attach(staff, r.files, [{ content: mp4(), name: 'video.mp4' }]);
    expect(res.status).to.equal(303);
    expect(await notice()).to.contain('Berkas &quot;video.mp4&quot; tidak dapat diterima');

    // Three at most for the answer as a whole, counting those already attached.
    await attach(staff, r.files, [{ content: pdf(), name: 'a.pdf' }, { content: pdf(), name: 'b.pdf' }]).then((x) => expect(x.status).to.equal(303));
    res = await attach(staff, r.files, [{ content: pdf(), name: 'c.pdf' }, { content: pdf(), name: 'd.pdf' }]);
    expect(res.status).to.equal(303);
    expect(await notice()).to.contain('Lampiran maksimal 3 berkas.');
    expect((await filesOf(r.draft.id)).map((f) => f.original_name)).to.deep.equal(['a.pdf', 'b.pdf']);
    // Nothing of the refused files is stored: every file in the folders is a row's.
    const rows = await db().selectFrom('attachments').select(['storage_key', 'thumbnail_key']).execute();
    const known = new Set(rows.flatMap((x) => [x.storage_key, x.thumbnail_key]));
    const onDisk = fs.readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(uploadDir, path.join(d.parentPath, d.name)));
    expect(onDisk.filter((k) => !k.startsWith('.tmp') && !known.has(k))).to.deep.equal([]);
  });

  it('refuses before reading the body a request without the CSRF token, and anyone who may not write the draft', async () => {
    const r = await drafted();
    // A forged form: no token in the session's header, none in a field read before the files.
    const forged = await staff.agent.post(r.files).attach('files', pdf(), { filename: 'x.pdf' });
    expect(forged.status).to.equal(403);
    // A coordinator validates answers, never writes them; another OPD's report does not exist.
    const coordinator = await staffApi(t, 'coordinator', null);
    expect((await attach(coordinator, r.files, [{ content: pdf(), name: 'x.pdf' }])).status).to.equal(403);
    const dinkes = await staffApi(t, 'agency_staff', 'dinkes');
    expect((await attach(dinkes, r.files, [{ content: pdf(), name: 'x.pdf' }])).status).to.equal(404);
    expect(await filesOf(r.draft.id)).to.have.length(0);
  });

  it('takes no files once submitted; staff remove a file while it is theirs', async () => {
    const r = await drafted();
    await attach(staff, r.files, [{ content: await photo('png', 64, 64), name: 'sesudah.png' }]);
    const [png] = await filesOf(r.draft.id);
    const csrf = await staff.csrf();
    await staff.agent.post(`${r.files}/${png!.id}/hapus`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await filesOf(r.draft.id)).to.have.length(0);
    expect(fs.existsSync(path.join(uploadDir, png!.storage_key))).to.equal(false);

    await staff.post(`${r.base}/${r.draft.id}/submit`).expect(200);
    await attach(staff, r.files, [{ content: pdf(), name: 'telat.pdf' }]);
    expect(await filesOf(r.draft.id)).to.have.length(0);
  });

  it('proposes a photo, never a PDF, for the public page: only a proposal the coordinator decides on', async () => {
    const r = await drafted();
    await attach(staff, r.files, [{ content: await photo('jpeg', 200, 100), name: 'sesudah.jpg' }, { content: pdf(), name: 'surat.pdf' }]);
    const [jpg, doc] = await filesOf(r.draft.id);
    const csrf = await staff.csrf();
    await staff.agent.post(`${r.files}/${jpg!.id}/publik`).type('form').send({ _csrf: csrf, show: ['0', '1'] }).expect(303);
    await staff.agent.post(`${r.files}/${doc!.id}/publik`).type('form').send({ _csrf: csrf, show: ['0', '1'] }).expect(303);
    expect((await filesOf(r.draft.id)).map((f) => f.show_public)).to.deep.equal([true, false]);
    const page = (await staff.agent.get(`/staf/laporan/${r.report.tracking_code}`).expect(200)).text;
    expect(page).to.contain('Hanya foto yang dapat ditampilkan di halaman publik');
    expect(page).to.contain(`id="pub-${jpg!.id}" type="checkbox" name="show" value="1" checked`);
    // Unticked: the hidden "0" alone.
    await staff.agent.post(`${r.files}/${jpg!.id}/publik`).type('form').send({ _csrf: csrf, show: '0' }).expect(303);
    expect((await filesOf(r.draft.id))[0]!.show_public).to.equal(false);
  });
  it('in the staff API: attach (CSRF in the header, checked before the body), propose, remove, and preview as the mail will be queued', async () => {
    const r = await drafted();
    const url = `${r.base}/${r.draft.id}/files`;
    const token = (await staff.agent.get('/api/v1/session')).body.csrfToken as string;
    // No token: refused before the files are read.
    await staff.agent.post(url).attach('files', pdf(), { filename: 'x.pdf' }).expect(403);
    const added = await staff.agent.post(url).set('X-CSRF-Token', token)
      .attach('files', await photo('jpeg', 200, 100), { filename: 'sesudah.jpg' })
      .attach('files', pdf(), { filename: 'surat.pdf' })
      .expect(201);
    expect(added.body.files.map((f: { name: string; mimeType: string; public: boolean }) => [f.name, f.mimeType, f.public])).to.deep.equal([
      ['sesudah.jpg', 'image/jpeg', false],
      ['surat.pdf', 'application/pdf', false],
    ]);
    const [jpg, doc] = added.body.files as { id: number }[];
    const refused = await staff.agent.post(url).set('X-CSRF-Token', token).attach('files', Buffer.from('MZ not a photo'), { filename: 'foto.jpg' }).expect(422);
    expect(refused.body.errors[0].field).to.equal('files');

    const proposed = await staff.put(`${url}/${jpg!.id}`, { public: true }).expect(200);
    expect(proposed.body.files.map((f: { public: boolean }) => f.public)).to.deep.equal([true, false]);
    const pdfRefused = await staff.put(`${url}/${doc!.id}`, { public: true }).expect(422);
    expect(pdfRefused.body.errors[0].message).to.contain('Hanya foto');
    await staff.agent.delete(`${url}/${doc!.id}`).set('X-CSRF-Token', token).expect(204);
    await staff.agent.delete(`${url}/${doc!.id}`).set('X-CSRF-Token', token).expect(422);

    const preview = (await staff.agent.get(`${r.base}/${r.draft.id}/preview`).expect(200)).body;
    expect(preview.tracking.files.map((f: { name: string }) => f.name)).to.deep.equal(['sesudah.jpg']);
    await staff.post(`${r.base}/${r.draft.id}/submit`).expect(200);
    await head.post(`${r.base}/${r.draft.id}/approve`, { warningsRead: true }).expect(200);
    const [mail] = await db().selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', r.email).where('subject', 'like', 'Jawaban%').execute();
    expect({ subject: mail!.subject, text: mail!.text_body }).to.deep.equal({ subject: preview.mail.subject, text: preview.mail.text.replace('{nama_pelapor}', 'Siti Aminah') });
  });
  it('answers a refused upload before its body is read: a wrong token, another OPD, a role that does not write answers', async () => {
    const r = await drafted();
    const server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const before = fs.readdirSync(uploadDir, { recursive: true }).length;
    /** Sends the headers and the start of a 36 MB body, never the rest: an answer that comes at all came before the files were read. */
    const unfinished = (who: StaffApi, token: string) =>
      new Promise<number>((resolve, reject) => {
        const jar = (who.agent as unknown as { jar: { getCookies(o: object): { name: string; value: string }[] } }).jar;
        const cookie = jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).map((c) => `${c.name}=${c.value}`).join('; ');
        const req = http.request({
          host: '127.0.0.1', port, path: r.files, method: 'POST',
          headers: { 'Content-Type': 'multipart/form-data; boundary=xxB', 'Content-Length': String(36 * 1024 * 1024), Cookie: cookie, 'X-CSRF-Token': token },
        });
        req.on('response', (res) => { req.destroy(); resolve(res.statusCode!); });
        req.on('error', () => undefined);
        req.setTimeout(10_000, () => reject(new Error('no answer before the body was sent')));
        req.write('--xxB\r\nContent-Disposition: form-data; name="files"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
        req.write(Buffer.alloc(256 * 1024, 0xff));
      });
    try {
      const tokenOf = async (who: StaffApi) => (await who.agent.get('/api/v1/session')).body.csrfToken as string;
      expect(await unfinished(staff, 'bukan-token-sesi-ini')).to.equal(403);
      const dinkes = await staffApi(t, 'agency_staff', 'dinkes');
      expect(await unfinished(dinkes, await tokenOf(dinkes))).to.equal(404);
      const coordinator = await staffApi(t, 'coordinator', null);
      expect(await unfinished(coordinator, await tokenOf(coordinator))).to.equal(403);
      expect(fs.readdirSync(uploadDir, { recursive: true }).length).to.equal(before);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
