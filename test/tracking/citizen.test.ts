import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { forwardReport } from '../../src/triage/commands/forward.js';
import { mergeReport } from '../../src/triage/commands/close.js';
import { photo } from '../attachments/fixtures.js';
import { agencyId, buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/**
 * What the citizen sees of their own report beyond its status: the OPD it was really
 * forwarded to (issue 19 item 1), the report a merged one joined (item 9), and their own
 * photos and documents (item 14), on the page and in the API.
 */
describe('the citizen’s own report: forwarding, merging, files', () => {
  let t: TestApp;
  let uploadDir: string;
  let diskominfo: number;
  let dpupr: number;
  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-tracking-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000' });
    diskominfo = await agencyId(t.database, 'diskominfo');
    dpupr = await agencyId(t.database, 'dpupr');
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  /** A browser that opened the secret link. */
  async function follow(trackingUrl: string) {
    const agent = supertest.agent(t.app);
    const url = new URL(trackingUrl);
    await agent.get(url.pathname + url.search).expect(303);
    return agent;
  }

  const coordinator = () => ({ kind: 'staff' as const, userId: null, agencyId: diskominfo });
  const api = (code: string, secret: string) => supertest(t.app).get(`/api/v1/reports/${code}`).set('X-Tracking-Token', secret).expect(200);

  describe('forwarding (item 1)', () => {
    it('names the OPD the report went to, not the coordinator’s own agency, on the page and in the API', async () => {
      const r = await buildReport(t);
      await forwardReport(t.database.db, t.config, { report: r.report, agencyId: dpupr, actor: coordinator() });
      const page = await (await follow(r.trackingUrl)).get(`/lacak/${r.report.tracking_code}`).expect(200);
      expect(page.text).to.contain('Diperiksa dan diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang');
      expect(page.text).to.not.contain('diteruskan ke Dinas Komunikasi dan Informatika');
      const view = (await api(r.report.tracking_code, r.secret)).body as { timeline: { event?: string; text: string }[] };
      const verify = view.timeline.find((e) => e.event === 'verify');
      expect(verify?.text).to.equal('Diperiksa dan diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang');
    });

    it('the OPD that starts the follow-up is still the one that acted', async () => {
      const r = await buildReport(t);
      await forwardReport(t.database.db, t.config, { report: r.report, agencyId: dpupr, actor: coordinator() });
      await advanceTo(t.database.db, r.report.id, 'in_progress');
      const page = await (await follow(r.trackingUrl)).get(`/lacak/${r.report.tracking_code}`).expect(200);
      expect(page.text).to.contain('Dinas Pekerjaan Umum dan Penataan Ruang mulai menindaklanjuti');
    });
  });

  describe('a merged report (item 9)', () => {
    async function mergedPair() {
      const target = await buildReport(t, { reporter: { name: 'Bambang Sutrisno', email: 'bambang@example.com', phone: null, nik: null } });
      const dup = await buildReport(t);
      await mergeReport(t.database.db, t.config, { report: dup.report, into: target.report.tracking_code, actor: coordinator() });
      return { target, dup };
    }
    const code = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;

    it('shows the report it joined: its status and deadline, never its reporter or text', async () => {
      const { target, dup } = await mergedPair();
      await forwardReport(t.database.db, t.config, { report: target.report, agencyId: dpupr, actor: coordinator() });
      await t.database.db.insertInto('messages').values({
        report_id: target.report.id, kind: 'internal_note', author_kind: 'staff', body: 'Catatan internal: cek anggaran', visibility: 'internal',
      }).execute();
      const page = (await (await follow(dup.trackingUrl)).get(`/lacak/${dup.report.tracking_code}`).expect(200)).text;
      expect(page).to.contain('Digabung dengan laporan lain');
      expect(page).to.contain(`Tindak lanjut: laporan ${code(target.report.tracking_code)}`);
      expect(page).to.contain('Diteruskan ke perangkat daerah yang berwenang');
      expect(page).to.match(/Dijawab paling lambat \w+, \d+ \w+ \d{4}/);
      expect(page).to.contain('Dinas Pekerjaan Umum dan Penataan Ruang');
      expect(page).to.contain('Belum ada jawaban');
      expect(page).to.not.contain('Bambang').and.not.contain('bambang@example.com');
      expect(page).to.not.contain(target.report.title).and.not.contain('Catatan internal');
    });

    it('shows the answer once sent, on the page and in the API', async () => {
      const { target, dup } = await mergedPair();
      await advanceTo(t.database.db, target.report.id, 'awaiting_approval');
      // A draft is not an answer yet.
      await t.database.db.insertInto('messages').values({
        report_id: target.report.id, kind: 'answer', author_kind: 'staff', body: 'Draf yang belum disetujui', visibility: 'public', answer_status: 'draft', agency_id: dpupr,
      }).execute();
      const agent = await follow(dup.trackingUrl);
      expect((await agent.get(`/lacak/${dup.report.tracking_code}`)).text).to.not.contain('Draf yang belum disetujui');
      await t.database.db.updateTable('messages').set({ answer_status: 'returned' }).where('report_id', '=', target.report.id).where('answer_status', '=', 'draft').execute();
      await advanceTo(t.database.db, target.report.id, 'answered', 'Jalan di depan balai desa sudah ditambal pada 3 Maret.');
      const page = (await agent.get(`/lacak/${dup.report.tracking_code}`).expect(200)).text;
      expect(page).to.contain('Sudah dijawab').and.contain('Jalan di depan balai desa sudah ditambal pada 3 Maret.');
      expect(page).to.contain('Jawaban Dinas Pekerjaan Umum dan Penataan Ruang');
      // Their own report is closed: nothing to reply to, resolve or add.
      expect(page).to.not.contain('Tanggapi jawaban').and.not.contain('Kirim informasi');

      const view = (await api(dup.report.tracking_code, dup.secret)).body as {
        status: string; mergedInto: { code: string; status: string; answers: { body: string }[] } | null;
      };
      expect(view.status).to.equal('merged');
      expect(view.mergedInto?.code).to.equal(target.report.tracking_code);
      expect(view.mergedInto?.status).to.equal('answered');
      expect(view.mergedInto?.answers.map((a) => a.body)).to.deep.equal(['Jalan di depan balai desa sudah ditambal pada 3 Maret.']);
      expect(JSON.stringify(view)).to.not.contain('Bambang').and.not.contain(target.report.title);
      const own = (await api(target.report.tracking_code, target.secret)).body as { mergedInto: unknown };
      expect(own.mergedInto).to.equal(null);
    });

    it('follows a report merged again to the one that carries the follow-up, in English too', async () => {
      const { target, dup } = await mergedPair();
      const last = await buildReport(t);
      await mergeReport(t.database.db, t.config, { report: target.report, into: last.report.tracking_code, actor: coordinator() });
      const agent = await follow(dup.trackingUrl);
      const page = (await agent.get(`/lacak/${dup.report.tracking_code}`).set('Cookie', 'lang=en').expect(200)).text;
      expect(page).to.contain(`Follow-up: report ${code(last.report.tracking_code)}`);
      expect(page).to.contain('Received, waiting for Diskominfo to check it');
    });
  });

  describe('the citizen’s own files (item 14)', () => {
    async function submitWithFiles() {
      const agent = supertest.agent(t.app);
      const token = csrfFrom((await agent.get('/lapor').expect(200)).text);
      const title = `Saluran tersumbat ${Math.random().toString(36).slice(2, 8)}`;
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      await agent.post('/lapor').field('_csrf', token).field('kind', 'pengaduan').field('title', title)
        .field('body', 'Saluran air di depan sekolah tersumbat sampah sehingga air meluap ke jalan setiap hujan.')
        .field('name', 'Dewi Lestari').field('consent', 'on')
        .attach('files', await photo('jpeg', 400, 300), { filename: 'saluran.jpg', contentType: 'image/jpeg' })
        .attach('files', pdf, { filename: 'surat.pdf', contentType: 'application/pdf' })
        .expect(303);
      const report = await t.database.db.selectFrom('reports').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
      const files = await t.database.db.selectFrom('attachments').selectAll().where('report_id', '=', report.id).orderBy('id').execute();
      return { agent, report, files };
    }

    it('shows their photo as a thumbnail opening the original, and a document as a link', async () => {
      const { agent, report, files } = await submitWithFiles();
      const [jpg, pdf] = files;
      const page = (await agent.get(`/lacak/${report.tracking_code}`).expect(200)).text;
      expect(page).to.contain(`<img src="/lacak/${report.tracking_code}/lampiran/${jpg!.id}/kecil" alt="Foto 1: saluran.jpg"`);
      expect(page).to.contain(`href="/lacak/${report.tracking_code}/lampiran/${jpg!.id}"`);
      expect(page).to.contain(`<a href="/lacak/${report.tracking_code}/lampiran/${pdf!.id}">surat.pdf</a>`);

      const thumb = await agent.get(`/lacak/${report.tracking_code}/lampiran/${jpg!.id}/kecil`).expect(200);
      expect(thumb.headers['content-type']).to.equal('image/webp');
      expect(thumb.headers['cache-control']).to.equal('private, max-age=3600');
      expect(thumb.headers['x-content-type-options']).to.equal('nosniff');
      const original = await agent.get(`/lacak/${report.tracking_code}/lampiran/${jpg!.id}`).expect(200);
      expect(original.headers['content-type']).to.equal('image/jpeg');
      expect(original.headers['content-disposition']).to.match(/^inline/);
      const doc = await agent.get(`/lacak/${report.tracking_code}/lampiran/${pdf!.id}`).expect(200);
      expect(doc.headers['content-type']).to.equal('application/pdf');
      expect(doc.headers['content-disposition']).to.match(/^attachment; filename="?surat\.pdf/);
      expect(doc.headers['content-security-policy']).to.contain('sandbox');
      await agent.get(`/lacak/${report.tracking_code}/lampiran/${pdf!.id}/kecil`).expect(404);
    });

    it('serves files only to the browser holding the report’s access, and only those the citizen may see', async () => {
      const { agent, report, files } = await submitWithFiles();
      const other = await submitWithFiles();
      const url = `/lacak/${report.tracking_code}/lampiran/${files[0]!.id}`;
      await supertest(t.app).get(url).expect(404);
      await supertest(t.app).get(`${url}/kecil`).expect(404);
      // Another report's file under this report's code, and this report's under the other's.
      await agent.get(`/lacak/${report.tracking_code}/lampiran/${other.files[0]!.id}`).expect(404);
      await agent.get(`/lacak/${other.report.tracking_code}/lampiran/${files[0]!.id}`).expect(404);
      await agent.get(`/lacak/${report.tracking_code}/lampiran/abc`).expect(404);
      // A file of an internal note (the same stored bytes) stays with staff.
      const note = await t.database.db.insertInto('messages').values({
        report_id: report.id, kind: 'internal_note', author_kind: 'staff', body: 'Foto survei', visibility: 'internal',
      }).returning('id').executeTakeFirstOrThrow();
      const copy = files[0]!.storage_key.replace(/[0-9a-f-]{36}/, crypto.randomUUID());
      fs.copyFileSync(path.join(uploadDir, files[0]!.storage_key), path.join(uploadDir, copy));
      const hidden = await t.database.db.insertInto('attachments').values({
        report_id: report.id, message_id: note.id, storage_key: copy, thumbnail_key: null,
        original_name: 'survei.jpg', mime_type: 'image/jpeg', size_bytes: files[0]!.size_bytes, sha256: files[0]!.sha256, uploaded_by: 'staff',
      }).returning('id').executeTakeFirstOrThrow();
      await agent.get(`/lacak/${report.tracking_code}/lampiran/${hidden.id}`).expect(404);
      expect((await agent.get(`/lacak/${report.tracking_code}`)).text).to.not.contain('survei.jpg');
    });

    it('shows the photos that came with information added later, in the timeline', async () => {
      const { agent, report } = await submitWithFiles();
      const token = csrfFrom((await agent.get(`/lacak/${report.tracking_code}`)).text);
      await agent.post(`/lacak/${report.tracking_code}/informasi`).field('_csrf', token).field('body', 'Foto terbaru setelah hujan semalam.')
        .attach('files', await photo('png', 300, 200), { filename: 'banjir.png', contentType: 'image/png' })
        .expect(303);
      const added = await t.database.db.selectFrom('attachments').select('id').where('report_id', '=', report.id).where('message_id', 'is not', null).executeTakeFirstOrThrow();
      const page = (await agent.get(`/lacak/${report.tracking_code}`)).text;
      expect(page).to.contain(`<img src="/lacak/${report.tracking_code}/lampiran/${added.id}/kecil" alt="Foto 3: banjir.png"`);
    });

    it('information refused for its text keeps its photo for the next try (issue 19 item 12)', async () => {
      const { agent, report } = await submitWithFiles();
      const token = csrfFrom((await agent.get(`/lacak/${report.tracking_code}`)).text);
      const refused = await agent.post(`/lacak/${report.tracking_code}/informasi`).field('_csrf', token).field('body', '')
        .attach('files', await photo('jpeg', 300, 200), { filename: 'genangan.jpg', contentType: 'image/jpeg' })
        .expect(422);
      expect(refused.text).to.contain('Informasi tambahan wajib diisi.').and.contain('Sudah terlampir').and.contain('genangan.jpg');
      const key = /name="held" value="([^"]+)"/.exec(refused.text)![1]!;
      await agent.post(`/lacak/${report.tracking_code}/informasi`).field('_csrf', csrfFrom(refused.text)).field('body', 'Genangan setinggi lutut pagi ini.').field('held', key)
        .expect(303);
      const rows = await t.database.db.selectFrom('attachments').innerJoin('messages', 'messages.id', 'attachments.message_id')
        .select(['attachments.original_name', 'messages.body']).where('attachments.report_id', '=', report.id).execute();
      expect(rows).to.deep.equal([{ original_name: 'genangan.jpg', body: 'Genangan setinggi lutut pagi ini.' }]);
    });
  });
});
