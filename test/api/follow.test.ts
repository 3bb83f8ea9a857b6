import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { transition } from '../../src/reports/commands/transition.js';
import { formatSecret } from '../../src/reports/tracking.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { advanceTo } from '../helpers/reports.js';
import { countRows, jpeg, seeded, type Seeded, submitted } from './helpers.js';

describe('API: following a report with its tracking token', () => {
  let t: TestApp;
  let ref: Seeded;
  let uploadDir: string;

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-api-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000' });
    ref = await seeded(t);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const get = (code: string, token?: string, lang?: string) => {
    let req = supertest(t.app).get(`/api/v1/reports/${code}`);
    if (token !== undefined) req = req.set('X-Tracking-Token', token);
    return lang ? req.set('Accept-Language', lang) : req;
  };
  const message = (code: string, token: string) => supertest(t.app).post(`/api/v1/reports/${code}/messages`).set('X-Tracking-Token', token);
  const resolution = (code: string, token: string, body: object, lang?: string) => {
    const req = supertest(t.app).post(`/api/v1/reports/${code}/resolution`).set('X-Tracking-Token', token);
    return (lang ? req.set('Accept-Language', lang) : req).send(body);
  };
  const errorsOf = (res: supertest.Response) =>
    Object.fromEntries((res.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
  const statusOf = async (id: number) =>
    (await t.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  describe('GET /api/v1/reports/:code', () => {
    it('shows the citizen their report: status in words, deadline, place, timeline; no contact, NIK or name', async () => {
      const r = await submitted(t, ref);
      const res = await get(r.code, r.secret).expect(200).expect('Cache-Control', 'no-store');
      const view = res.body;
      expect(view).to.include({
        code: r.code, status: 'submitted', statusText: 'Diterima, menunggu pemeriksaan Diskominfo', open: true, overdue: false,
        kind: 'pengaduan', kindText: 'Pengaduan', title: r.row.title, body: r.row.body, address: r.row.address, anonymous: false,
      });
      expect(view.dueAt).to.equal(r.row.verify_due_at!.toISOString());
      expect(view.submittedAt).to.equal(r.row.submitted_at.toISOString());
      expect(view.category).to.deep.equal({ id: ref.categoryId, name: ref.categoryName });
      expect(view.region).to.include({ code: ref.desa, name: ref.desaName, level: 'desa' });
      expect(view.agency).to.equal(null);
      expect(view.timeline).to.have.length(1);
      expect(view.timeline[0]).to.include({ type: 'event', event: 'submitted', text: 'Laporan diterima' });
      expect(view.actions).to.deep.equal({ addMessage: true, resolve: false, appeal: false });
      const text = JSON.stringify(view);
      for (const secret of [r.row.reporter_email!, '6281234567890', r.row.reporter_nik!, r.row.reporter_name!, r.secret, r.row.tracking_secret_hash]) {
        expect(text).to.not.contain(secret);
      }
    });

    it('speaks English with Accept-Language: en, and takes the code and token as people type them', async () => {
      const r = await submitted(t, ref);
      const code = `${r.code.slice(0, 4).toLowerCase()}-${r.code.slice(4)}`;
      const res = await get(code, formatSecret(r.secret).toLowerCase(), 'en').expect(200);
      expect(res.body).to.include({ statusText: 'Received, waiting for Diskominfo to check it', kindText: 'Complaint' });
      expect(res.body.timeline[0].text).to.equal('Report received');
    });

    it('answers a missing token, a wrong one and an unknown code with the same 404', async () => {
      const r = await submitted(t, ref);
      const missing = await get(r.code).expect(404);
      const wrong = await get(r.code, 'AAAABBBBCCCCDDDD').expect(404);
      const unknown = await get('ZZZZ9999', r.secret).expect(404);
      expect(wrong.body).to.deep.equal({ error: { code: 'not_found', message: 'Alamat yang Anda buka tidak ada atau sudah dipindahkan.' } });
      expect(missing.body).to.deep.equal(wrong.body);
      expect(unknown.body).to.deep.equal(wrong.body);
      expect(wrong.text).to.not.contain(r.row.title);
    });

    it('shows public events and messages and sent answers only: no internal notes, internal events or draft answers', async () => {
      const r = await submitted(t, ref);
      const db = t.database.db;
      await advanceTo(db, r.row.id, 'in_progress');
      await db.insertInto('messages').values([
        { report_id: r.row.id, kind: 'internal_note', author_kind: 'staff', body: 'Catatan internal: pelapor kerabat kepala desa', visibility: 'internal' },
        { report_id: r.row.id, kind: 'answer', author_kind: 'staff', body: 'Draf jawaban belum disetujui', visibility: 'public', answer_status: 'draft' },
      ]).execute();
      await advanceTo(db, r.row.id, 'answered', 'Jembatan sudah diperbaiki pada 3 Maret.');
      const view = (await get(r.code, r.secret).expect(200)).body;
      const text = JSON.stringify(view);
      expect(text).to.not.contain('Catatan internal').and.not.contain('Draf jawaban');
      expect(view.timeline.map((e: { event?: string }) => e.event).filter(Boolean)).to.deep.equal(['submitted', 'verify', 'acknowledge', 'approve']);
      const answer = view.timeline.find((e: { kind?: string }) => e.kind === 'answer');
      expect(answer).to.include({ type: 'message', author: 'staff', body: 'Jembatan sudah diperbaiki pada 3 Maret.' });
      expect(view).to.include({ status: 'answered', statusText: 'Sudah dijawab' });
      expect(view.agency).to.have.property('name').that.is.a('string');
      expect(view.actions).to.deep.equal({ addMessage: true, resolve: true, appeal: true });
    });
  });

  describe('POST /api/v1/reports/:code/messages', () => {
    it('adds information to an open report (JSON), with the event on its timeline', async () => {
      const r = await submitted(t, ref);
      const res = await message(r.code, r.secret).send({ body: 'Retaknya makin lebar setelah hujan <b>semalam</b>.' }).expect(201);
      expect(res.body).to.deep.equal({ status: 'submitted' });
      const rows = await t.database.db.selectFrom('messages').selectAll().where('report_id', '=', r.row.id).execute();
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ kind: 'citizen_info', author_kind: 'citizen', visibility: 'public', body: 'Retaknya makin lebar setelah hujan <b>semalam</b>.' });
      const view = (await get(r.code, r.secret).expect(200)).body;
      expect(view.timeline.map((e: { type: string; event?: string; kind?: string }) => e.event ?? e.kind)).to.deep.equal(['submitted', 'citizen_message', 'citizen_info']);
    });

    it('adds information with a photo (multipart); a report waiting for information goes back to where it was', async () => {
      const r = await submitted(t, ref);
      await transition(t.database.db, {
        reportId: r.row.id, action: 'request_info', actor: { kind: 'staff' }, visibility: 'public', reason: 'Mohon foto jembatan.',
        set: { paused_at: sql`now()`, info_due_at: sql`now() + interval '14 days'` },
      });
      const res = await message(r.code, r.secret)
        .field('body', 'Ini fotonya.')
        .attach('files', await jpeg(), { filename: 'retak.jpg', contentType: 'image/jpeg' })
        .expect(201);
      expect(res.body).to.deep.equal({ status: 'submitted' });
      const msg = await t.database.db.selectFrom('messages').select('id').where('report_id', '=', r.row.id).executeTakeFirstOrThrow();
      const files = await t.database.db.selectFrom('attachments').selectAll().where('report_id', '=', r.row.id).execute();
      expect(files).to.have.length(1);
      expect(files[0]).to.include({ message_id: msg.id, mime_type: 'image/jpeg' });
      expect(fs.existsSync(path.join(uploadDir, files[0]!.storage_key))).to.equal(true);
    });

    it('is a reply when the report is answered: it reopens it; files are refused with a reply', async () => {
      const r = await submitted(t, ref);
      await advanceTo(t.database.db, r.row.id, 'answered');
      const before = await countRows(t);
      const withFile = await message(r.code, r.secret)
        .field('body', 'Belum selesai, lihat foto.')
        .attach('files', await jpeg(), { filename: 'masih.jpg', contentType: 'image/jpeg' })
        .expect(422);
      expect(errorsOf(withFile)).to.have.all.keys('files');
      expect(await countRows(t)).to.deep.equal(before);
      const res = await message(r.code, r.secret).send({ body: 'Bagian pagar jembatan belum diperbaiki.' }).expect(201);
      expect(res.body).to.deep.equal({ status: 'in_progress' });
      const reply = await t.database.db.selectFrom('messages').selectAll().where('report_id', '=', r.row.id).where('author_kind', '=', 'citizen').executeTakeFirstOrThrow();
      expect(reply).to.include({ kind: 'citizen_reply', body: 'Bagian pagar jembatan belum diperbaiki.' });
    });

    it('refuses a closed report with 409, an empty body with 422, and a stranger with 404', async () => {
      const r = await submitted(t, ref);
      await advanceTo(t.database.db, r.row.id, 'answered');
      await resolution(r.code, r.secret, { accepted: true }).expect(200);
      const closed = await message(r.code, r.secret).send({ body: 'Satu lagi.' }).expect(409);
      expect(closed.body.error).to.deep.equal({ code: 'closed', message: 'Laporan ini sudah ditutup dan tidak dapat ditambah.' });
      const open = await submitted(t, ref);
      const empty = await message(open.code, open.secret).set('Accept-Language', 'en').send({ body: ' ' }).expect(422);
      expect(errorsOf(empty)).to.deep.equal({ body: 'More information is required.' });
      await message(open.code, 'AAAABBBBCCCCDDDD').send({ body: 'Saya bukan pelapornya.' }).expect(404);
      await message(open.code, open.secret).set('Content-Type', 'text/plain').send('teks').expect(415);
      expect(await t.database.db.selectFrom('messages').select('id').where('report_id', '=', open.row.id).execute()).to.have.length(0);
    });
  });

  describe('POST /api/v1/reports/:code/resolution', () => {
    it('accepts the answer: resolved, with the rating and comment', async () => {
      const r = await submitted(t, ref);
      await advanceTo(t.database.db, r.row.id, 'answered');
      const res = await resolution(r.code, r.secret, { accepted: true, rating: 5, comment: 'Cepat dan jelas.' }).expect(200);
      expect(res.body).to.deep.equal({ status: 'resolved' });
      const row = await t.database.db.selectFrom('reports').selectAll().where('id', '=', r.row.id).executeTakeFirstOrThrow();
      expect(row).to.include({ status: 'resolved', rating: 5, rating_comment: 'Cepat dan jelas.' });
      expect(row.resolved_at).to.be.instanceOf(Date);
      const view = (await get(r.code, r.secret).expect(200)).body;
      expect(view).to.include({ status: 'resolved', open: false, dueAt: null });
      expect(view.rating).to.deep.equal({ rating: 5, comment: 'Cepat dan jelas.' });
    });

    it('appeals the answer with its reason: reopened for the agency', async () => {
      const r = await submitted(t, ref);
      await advanceTo(t.database.db, r.row.id, 'answered');
      const missing = await resolution(r.code, r.secret, { accepted: false }).expect(422);
      expect(errorsOf(missing)).to.deep.equal({ comment: 'Keberatan memerlukan alasan: tulis alasannya pada comment.' });
      const rated = await resolution(r.code, r.secret, { accepted: false, rating: 1, comment: 'Tidak benar.' }, 'en').expect(422);
      expect(errorsOf(rated)).to.deep.equal({ rating: 'A rating can only be given when confirming the report is resolved (accepted: true).' });
      expect(await statusOf(r.row.id)).to.equal('answered');
      const res = await resolution(r.code, r.secret, { accepted: false, comment: 'Jembatan masih retak, belum diperbaiki.' }).expect(200);
      expect(res.body).to.deep.equal({ status: 'in_progress' });
      const appeal = await t.database.db.selectFrom('messages').selectAll().where('report_id', '=', r.row.id).where('kind', '=', 'appeal').executeTakeFirstOrThrow();
      expect(appeal.body).to.equal('Jembatan masih retak, belum diperbaiki.');
      const events = await t.database.db.selectFrom('report_events').select('type').where('report_id', '=', r.row.id).orderBy('id').execute();
      expect(events.at(-1)!.type).to.equal('appeal');
    });

    it('refuses a report that is not answered with 409, and bad input with 422', async () => {
      const r = await submitted(t, ref);
      const early = await resolution(r.code, r.secret, { accepted: true }).expect(409);
      expect(early.body.error.code).to.equal('not_answered');
      await advanceTo(t.database.db, r.row.id, 'answered');
      const errors = errorsOf(await resolution(r.code, r.secret, { accepted: 'mungkin', rating: 9 }).expect(422));
      expect(errors).to.have.all.keys('accepted', 'rating');
      const commentOnly = await resolution(r.code, r.secret, { accepted: true, comment: 'Bagus.' }).expect(422);
      expect(errorsOf(commentOnly)).to.have.all.keys('rating');
      await supertest(t.app).post(`/api/v1/reports/${r.code}/resolution`).set('X-Tracking-Token', r.secret).type('form').send({ accepted: 'true' }).expect(415);
      await resolution(r.code, 'AAAABBBBCCCCDDDD', { accepted: true }).expect(404);
      expect(await statusOf(r.row.id)).to.equal('answered');
    });
  });
});
