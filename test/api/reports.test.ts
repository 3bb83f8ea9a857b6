import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fillSecret } from '../../src/notify/secrets.js';
import supertest from 'supertest';
import { hashSecret } from '../../src/reports/tracking.js';
import { html as htmlBytes } from '../attachments/fixtures.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';
import { countRows, jpeg, reportBody, seeded, type Seeded } from './helpers.js';

describe('API: POST /api/v1/reports', () => {
  let t: TestApp;
  let ref: Seeded;
  let uploadDir: string;

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-api-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '10' });
    ref = await seeded(t);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const api = () => supertest(t.app);
  const post = (body: unknown, lang?: string) => {
    const req = api().post('/api/v1/reports');
    return (lang ? req.set('Accept-Language', lang) : req).send(body as object);
  };
  const errorsOf = (res: supertest.Response) =>
    Object.fromEntries((res.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));

  it('creates a report from JSON: 201 with code, secret, status, tracking URL and deadline; row, first event and mail', async () => {
    const before = await countRows(t);
    const body = reportBody(ref);
    const res = await post(body).expect(201).expect('Content-Type', /application\/json/);
    expect(res.body).to.have.all.keys('code', 'displayCode', 'secret', 'status', 'trackingUrl', 'dueAt');
    expect(res.body.code).to.match(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(res.body.displayCode).to.equal(`${res.body.code.slice(0, 4)}-${res.body.code.slice(4)}`);
    expect(res.body.secret).to.match(/^[2-9A-HJ-NP-Z]{16}$/);
    expect(res.body.status).to.equal('submitted');
    expect(res.body.trackingUrl).to.equal(`${t.config.publicUrl}/lacak/${res.body.code}?k=${res.body.secret}`);
    expect(res.headers.location).to.equal(`/api/v1/reports/${res.body.code}`);

    const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
    expect(row).to.include({
      channel: 'api', status: 'submitted', kind: 'pengaduan', title: body.title, body: body.body, category_id: ref.categoryId,
      region_code: ref.desa, reporter_email: body.reporter.email, reporter_phone: '+6281234567890', reporter_nik: '3318010101800001',
      is_anonymous: false, is_confidential: false,
    });
    expect(row.tracking_secret_hash).to.equal(hashSecret(res.body.secret));
    expect(row.consent_at).to.be.instanceOf(Date);
    expect(res.body.dueAt).to.equal(row.verify_due_at!.toISOString());
    expect(row.verify_due_at!.getTime()).to.be.greaterThan(Date.now());

    const events = await t.database.db.selectFrom('report_events').selectAll().where('report_id', '=', row.id).execute();
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ type: 'submitted', to_status: 'submitted', actor_kind: 'citizen', visibility: 'public' });
    expect(events[0]!.data).to.deep.equal({ channel: 'api', attachments: 0 });
    const mail = await t.database.db.selectFrom('outbox').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(mail.to_address).to.equal(body.reporter.email);
    expect(mail.subject).to.contain(res.body.displayCode);
    // The link goes in as the mail leaves; the stored text holds a slot only.
    expect(fillSecret(mail.text_body, mail.secret!)).to.contain(res.body.trackingUrl);
    expect(mail.text_body).to.not.contain(res.body.secret);

    const after = await countRows(t);
    expect(after.reports - before.reports).to.equal(1);
    expect(after.outbox - before.outbox).to.equal(1);
  });

  it('needs no e-mail: an anonymous report without contact makes no mail', async () => {
    const before = await countRows(t);
    const res = await post(reportBody(ref, { anonymous: true, categoryId: null, regionCode: null, lat: null, lng: null, reporter: {} })).expect(201);
    const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
    expect(row).to.include({ is_anonymous: true, reporter_name: null, reporter_email: null, category_id: null, region_code: null });
    expect((await countRows(t)).outbox).to.equal(before.outbox);
  });

  it('takes multipart with a real JPEG: bracket reporter fields, booleans as strings; the file is stored with its row', async () => {
    const body = reportBody(ref);
    const res = await api()
      .post('/api/v1/reports')
      .field('kind', 'aspirasi')
      .field('title', body.title)
      .field('body', body.body)
      .field('categoryId', String(ref.categoryId))
      .field('regionCode', ref.kecamatan)
      .field('reporter[name]', 'Budi Santoso')
      .field('reporter[email]', body.reporter.email)
      .field('confidential', 'true')
      .field('anonymous', 'false')
      .field('consent', 'true')
      .attach('files', await jpeg(), { filename: 'jembatan.jpg', contentType: 'image/jpeg' })
      .expect(201);
    const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
    expect(row).to.include({ kind: 'aspirasi', region_code: ref.kecamatan, reporter_name: 'Budi Santoso', reporter_email: body.reporter.email, is_confidential: true, is_anonymous: false });
    const files = await t.database.db.selectFrom('attachments').selectAll().where('report_id', '=', row.id).execute();
    expect(files).to.have.length(1);
    expect(files[0]).to.include({ mime_type: 'image/jpeg', original_name: 'jembatan.jpg', uploaded_by: 'citizen', message_id: null });
    expect(fs.existsSync(path.join(uploadDir, files[0]!.storage_key))).to.equal(true);
    expect(fs.existsSync(path.join(uploadDir, files[0]!.thumbnail_key!))).to.equal(true);
    const event = await t.database.db.selectFrom('report_events').select('data').where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(event.data).to.deep.equal({ channel: 'api', attachments: 1 });
    expect(fs.readdirSync(path.join(uploadDir, '.tmp')), 'no temp file left').to.deep.equal([]);
  });

  it('takes the reporter of a multipart request as one JSON field', async () => {
    const body = reportBody(ref);
    const res = await api()
      .post('/api/v1/reports')
      .field('kind', 'informasi')
      .field('title', body.title)
      .field('body', body.body)
      .field('reporter', JSON.stringify({ name: 'Siti Aminah', phone: '0295 381234' }))
      .field('consent', 'true')
      .expect(201);
    const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
    expect(row).to.include({ kind: 'informasi', reporter_name: 'Siti Aminah', reporter_phone: '+62295381234' });

    const bad = await api().post('/api/v1/reports').field('kind', 'informasi').field('title', body.title).field('body', body.body)
      .field('reporter', '{not json').field('consent', 'true').expect(422);
    expect(errorsOf(bad)).to.have.property('reporter');
  });

  it('refuses a file that is not what it claims with 422 on files, and writes nothing', async () => {
    const before = await countRows(t);
    const body = reportBody(ref);
    const res = await api()
      .post('/api/v1/reports')
      .field('kind', 'pengaduan').field('title', body.title).field('body', body.body)
      .field('reporter[name]', 'Budi').field('consent', 'true')
      .attach('files', htmlBytes(), { filename: 'foto.jpg', contentType: 'image/jpeg' })
      .expect(422);
    expect(errorsOf(res)).to.have.property('files').that.contains('foto.jpg');
    const tooMany = api().post('/api/v1/reports').field('kind', 'pengaduan').field('title', body.title).field('body', body.body)
      .field('reporter[name]', 'Budi').field('consent', 'true');
    const image = await jpeg();
    for (let i = 0; i < 6; i++) tooMany.attach('files', image, { filename: `f${i}.jpg`, contentType: 'image/jpeg' });
    const many = await tooMany.expect(422);
    expect(errorsOf(many).files).to.equal('Lampiran maksimal 5 berkas.');
    expect(await countRows(t)).to.deep.equal(before);
  });

  it('explains every invalid field in Indonesian by default, with field paths', async () => {
    const before = await countRows(t);
    const res = await post({ kind: 'keluhan', title: 'abc', body: 'pendek', reporter: { email: 'bukan-email', nik: '123' } }).expect(422);
    const errors = errorsOf(res);
    expect(errors).to.include({
      kind: 'Pilih salah satu Jenis laporan yang tersedia.',
      title: 'Judul minimal 5 karakter.',
      body: 'Isi laporan minimal 20 karakter.',
      'reporter.name': 'Nama wajib diisi.',
      'reporter.email': 'E-mail harus berupa alamat e-mail yang benar.',
      'reporter.nik': 'NIK harus 16 angka.',
      consent: 'Centang pernyataan persetujuan untuk mengirim laporan.',
    });
    expect(await countRows(t)).to.deep.equal(before);
    const point = await post(reportBody(ref, { lat: -6.75, lng: null })).expect(422);
    expect(errorsOf(point)).to.deep.equal({ lng: 'Isi lintang dan bujur keduanya, atau kosongkan keduanya.' });
  });

  it('explains them in English with Accept-Language: en', async () => {
    const res = await post({ kind: 'pengaduan', title: 'abc', body: 'pendek', reporter: { nik: '123' } }, 'en').expect(422);
    expect(errorsOf(res)).to.include({
      title: 'Title must be at least 5 characters.',
      'reporter.name': 'Name is required.',
      'reporter.nik': 'The NIK must be 16 digits.',
      consent: 'Tick the consent statement to send the report.',
    });
  });

  it('refuses a 10,000-character title, a 15-digit NIK, missing or false consent, unknown fields', async () => {
    const before = await countRows(t);
    const long = await post(reportBody(ref, { title: 'x'.repeat(10_000) })).expect(422);
    expect(errorsOf(long)).to.deep.equal({ title: 'Judul maksimal 150 karakter.' });
    const nik = await post(reportBody(ref, { reporter: { name: 'Budi', nik: '331801010180000' } })).expect(422);
    expect(errorsOf(nik)).to.deep.equal({ 'reporter.nik': 'NIK harus 16 angka.' });
    const { consent: _c, ...noConsent } = reportBody(ref);
    expect(errorsOf(await post(noConsent).expect(422))).to.have.all.keys('consent');
    expect(errorsOf(await post(reportBody(ref, { consent: false })).expect(422))).to.have.all.keys('consent');
    // The honeypot belongs to the web form; here it is just a field the API does not know.
    expect(errorsOf(await post(reportBody(ref, { website: 'http://spam.example' })).expect(422))).to.have.all.keys('website');
    expect(await countRows(t)).to.deep.equal(before);
  });

  it('refuses a category and a region that do not exist, on their fields', async () => {
    const before = await countRows(t);
    const category = await post(reportBody(ref, { categoryId: 999_999 })).expect(422);
    expect(errorsOf(category)).to.deep.equal({ categoryId: 'Kategori tidak tersedia. Pilih dari daftar, atau pilih "Tidak tahu".' });
    const region = await post(reportBody(ref, { regionCode: '33.18.99.9999' }), 'en').expect(422);
    expect(errorsOf(region)).to.deep.equal({ regionCode: 'Unknown area.' });
    expect(errorsOf(await post(reportBody(ref, { regionCode: 'Pati' })).expect(422))).to.have.all.keys('regionCode');
    // Both wrong: both named at once, so the client fixes them in one go.
    const both = await post(reportBody(ref, { categoryId: 999_999, regionCode: '33.18.99.9999' }), 'en').expect(422);
    expect(errorsOf(both)).to.have.all.keys('categoryId', 'regionCode');
    expect(await countRows(t)).to.deep.equal(before);
  });

  it('stores <script> in every text field as sent and returns it as JSON, never as HTML', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const body = reportBody(ref, {
      title: `${evil} jalan`,
      body: `${evil} jalan rusak parah di depan pasar`,
      address: evil,
      reporter: { name: evil, email: null, phone: null, nik: null },
    });
    const res = await post(body).expect(201);
    const row = await t.database.db.selectFrom('reports').selectAll().where('tracking_code', '=', res.body.code).executeTakeFirstOrThrow();
    expect(row).to.include({ title: body.title, body: body.body, address: evil, reporter_name: evil });
    const view = await api().get(`/api/v1/reports/${res.body.code}`).set('X-Tracking-Token', res.body.secret).expect(200);
    expect(view.headers['content-type']).to.match(/^application\/json/);
    expect(view.headers['x-content-type-options']).to.equal('nosniff');
    expect(view.body).to.include({ title: body.title, body: body.body, address: evil });
  });

  it('returns the existing code for the same report sent twice: 200, duplicate, no secret but where to ask for one, no second row', async () => {
    const body = reportBody(ref);
    const first = await post(body).expect(201);
    const before = await countRows(t);
    const again = await post(body).expect(200);
    expect(again.body).to.deep.equal({
      code: first.body.code,
      displayCode: first.body.displayCode,
      status: 'submitted',
      duplicate: true,
      // Where a citizen who lost the secret has a new one sent (issue 20, item 7).
      resendUrl: `${t.config.publicUrl}/lacak/kirim-ulang?kode=${first.body.code}`,
    });
    expect(await countRows(t)).to.deep.equal(before);
    const rows = await t.database.db.selectFrom('reports').select('id').where('title', '=', body.title).execute();
    expect(rows).to.have.length(1);
  });

  it('makes one report of the same report sent four times at once (a double tap on a slow network): one 201, the others its code', async () => {
    const body = reportBody(ref);
    const before = await countRows(t);
    const answers = await Promise.all([post(body), post(body), post(body), post(body)]);
    expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 200, 200, 201]);
    const created = answers.find((a) => a.status === 201)!;
    for (const a of answers.filter((x) => x.status === 200)) expect(a.body).to.include({ code: created.body.code, duplicate: true });
    const rows = await t.database.db.selectFrom('reports').select('id').where('title', '=', body.title).execute();
    expect(rows).to.have.length(1);
    // One report's worth of rows: its event and its acknowledgement, nothing of the other three.
    const after = await countRows(t);
    expect(after).to.not.deep.equal(before);
    await post(reportBody(ref)).expect(201);
    const one = await countRows(t);
    for (const table of Object.keys(after) as (keyof typeof after)[]) expect(after[table] - before[table], table).to.equal(one[table] - after[table]);
  });

  it('needs no CSRF token without a session cookie, and wants one with it', async () => {
    await post(reportBody(ref)).expect(201);
    const browser = supertest.agent(t.app);
    const page = await browser.get('/lapor').expect(200);
    const refused = await browser.post('/api/v1/reports').send(reportBody(ref)).expect(403);
    expect(refused.body.error.code).to.equal('csrf_invalid');
    await browser.post('/api/v1/reports').set('X-CSRF-Token', csrfFrom(page.text)).send(reportBody(ref)).expect(201);
  });

  it('answers a JSON body over the size limit with 413, another type with 415, broken JSON with 400', async () => {
    const before = await countRows(t);
    const big = await post(reportBody(ref, { body: 'x'.repeat(200_000) })).expect(413);
    expect(big.body.error.code).to.equal('payload_too_large');
    const text = await api().post('/api/v1/reports').set('Content-Type', 'text/plain').send('kind=pengaduan').expect(415);
    expect(text.body.error).to.deep.equal({ code: 'unsupported_media_type', message: 'Kirim data dalam format JSON (application/json) atau multipart/form-data.' });
    await api().post('/api/v1/reports').type('form').send({ kind: 'pengaduan' }).expect(415);
    const broken = await api().post('/api/v1/reports').set('Content-Type', 'application/json').send('{"kind":').expect(400);
    expect(broken.body.error.code).to.equal('bad_request');
    expect(await countRows(t)).to.deep.equal(before);
  });
});

describe('API: submission rate limit', () => {
  it('answers 429 after REPORT_IP_LIMIT_PER_HOUR submissions, shared with the web form and messages', async () => {
    const t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '2' });
    const ref = await seeded(t);
    const first = await supertest(t.app).post('/api/v1/reports').send(reportBody(ref)).expect(201);
    await supertest(t.app).post('/api/v1/reports').send(reportBody(ref)).expect(201);
    const third = await supertest(t.app).post('/api/v1/reports').send(reportBody(ref)).set('Accept-Language', 'en').expect(429);
    expect(third.body.error.code).to.equal('too_many_requests');
    expect(third.body.error.message).to.contain('Too many requests');
    expect(third.headers).to.have.property('retry-after');
    await supertest(t.app).post('/lapor').type('form').send({}).expect(429);
    await supertest(t.app)
      .post(`/api/v1/reports/${first.body.code}/messages`)
      .set('X-Tracking-Token', first.body.secret)
      .send({ body: 'Tambahan keterangan.' })
      .expect(429);
  });
});
