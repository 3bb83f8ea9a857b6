import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { jpeg, reportBody, seeded, type Seeded } from '../api/helpers.js';

/**
 * POST /api/v1/reports with an Idempotency-Key (issue 24): a phone that lost the answer
 * sends the same request again and gets the first answer, secret included, and no second
 * report; twins sent at once make one report; the same key with another report is refused.
 */
describe('idempotency: POST /api/v1/reports with an Idempotency-Key', () => {
  let t: TestApp;
  let ref: Seeded;
  let uploadDir: string;

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-idem-api-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '10' });
    ref = await seeded(t);
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const newKey = () => `"${crypto.randomUUID()}"`;
  const post = (key: string | undefined, body: object) => {
    const req = supertest(t.app).post('/api/v1/reports');
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  /** Multipart with one photo, as a phone's queued send would make it. */
  const postWithPhoto = (key: string, body: ReturnType<typeof reportBody>, photo: Buffer) => {
    let req = supertest(t.app).post('/api/v1/reports').set('Idempotency-Key', key);
    for (const [k, v] of Object.entries(body)) {
      if (k === 'reporter') for (const [rk, rv] of Object.entries(v as object)) req = req.field(`reporter[${rk}]`, String(rv));
      else if (v !== null) req = req.field(k, String(v));
    }
    return req.attach('files', photo, { filename: 'jalan-rusak.jpg', contentType: 'image/jpeg' });
  };

  /** Stored files under the upload folder (not the temp uploads of requests), as keys. */
  function storedFiles(): string[] {
    return (fs.readdirSync(uploadDir, { recursive: true }) as string[])
      .filter((f) => !f.startsWith('.tmp') && fs.statSync(path.join(uploadDir, f)).isFile())
      .map((f) => f.split(path.sep).join('/'));
  }

  /** Reports with this title, the mails and attachments of them, and the answers kept for them. */
  async function written(title: string) {
    const db = t.database.db;
    const reports = await db.selectFrom('reports').select(['id', 'tracking_code']).where('title', '=', title).execute();
    const ids = reports.length ? reports.map((r) => r.id) : [0];
    const count = async (table: 'outbox' | 'attachments' | 'idempotent_answers' | 'report_events') =>
      Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).where('report_id', 'in', ids).executeTakeFirstOrThrow()).n);
    return { reports: reports.length, codes: reports.map((r) => r.tracking_code), outbox: await count('outbox'), attachments: await count('attachments'), kept: await count('idempotent_answers'), events: await count('report_events') };
  }

  it('answers a repeat with the first 201 (same body, secret included, Idempotent-Replayed: true) and makes one report and one acknowledgement', async () => {
    const key = newKey();
    const body = reportBody(ref);
    const first = await post(key, body).expect(201);
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    expect(first.body.secret).to.match(/^[2-9A-HJ-NP-Z]{16}$/);

    const again = await post(key, body).expect(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.location).to.equal(first.headers.location);
    // The replayed secret opens the report like the first one.
    await supertest(t.app).get(`/api/v1/reports/${again.body.code}`).set('X-Tracking-Token', again.body.secret).expect(200);

    expect(await written(body.title)).to.include({ reports: 1, outbox: 1, kept: 1, events: 1 });
  });

  it('takes the key bare, as Stripe clients send it, and as a Structured Field String with parameters', async () => {
    const uuid = crypto.randomUUID();
    const body = reportBody(ref);
    const first = await post(uuid, body).expect(201);
    const quoted = await post(`"${uuid}";client=1`, body).expect(201);
    expect(quoted.headers['idempotent-replayed']).to.equal('true');
    expect(quoted.body.code).to.equal(first.body.code);
    expect(await written(body.title)).to.include({ reports: 1 });
  });

  it('without the header behaves as before: a second send is the duplicate guard\'s 200 without the secret', async () => {
    const body = reportBody(ref);
    await post(undefined, body).expect(201);
    const again = await post(undefined, body).expect(200);
    expect(again.body.duplicate).to.equal(true);
    expect(again.body).to.not.have.property('secret');
    expect(await written(body.title)).to.include({ reports: 1, kept: 0 });
  });

  for (const shape of ['JSON with a contact', 'JSON, anonymous without contact', 'multipart with a photo', 'multipart with a photo, anonymous without contact'] as const) {
    it(`makes one report when repeats arrive at once (${shape}): every answer has the same code and secret`, async () => {
      const key = newKey();
      const anonymous = shape.includes('anonymous');
      const body = reportBody(ref, anonymous ? { anonymous: true, reporter: {} } : {});
      const photo = shape.startsWith('multipart') ? await jpeg() : undefined;
      const send = () => (photo ? postWithPhoto(key, body, photo) : post(key, body));
      const filesBefore = new Set(storedFiles());
      const answers = await Promise.all([send(), send(), send()]);
      for (const res of answers) expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(new Set(answers.map((r) => r.body.code)).size).to.equal(1);
      expect(new Set(answers.map((r) => r.body.secret)).size).to.equal(1);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).to.have.length(2);
      const rows = await written(body.title);
      expect(rows).to.include({ reports: 1, kept: 1, events: 1, outbox: anonymous ? 0 : 1, attachments: photo ? 1 : 0 });
      expect(rows.codes).to.deep.equal([answers[0]!.body.code]);
      // The twins' photos were stored and rolled back with their reports: only the report's own stay on disk.
      const kept = await t.database.db.selectFrom('attachments as a').innerJoin('reports as r', 'r.id', 'a.report_id')
        .select(['a.storage_key', 'a.thumbnail_key']).where('r.title', '=', body.title).execute();
      const added = storedFiles().filter((f) => !filesBefore.has(f)).sort();
      expect(added).to.deep.equal(kept.flatMap((a) => [a.storage_key, a.thumbnail_key].filter((k): k is string => Boolean(k))).sort());
    });
  }

  it('refuses the same key with another report (422, "reused with a different payload") and writes nothing', async () => {
    const key = newKey();
    const body = reportBody(ref);
    await post(key, body).expect(201);
    const other = reportBody(ref);
    const res = await post(key, other).set('Accept-Language', 'en').expect(422);
    expect(res.body.errors).to.deep.equal([
      { field: 'Idempotency-Key', message: 'Idempotency-Key reused with a different payload: this key was already used for a different request. Nothing was saved. Use a new key for a new report.' },
    ]);
    expect(await written(other.title)).to.include({ reports: 0 });
    // A changed photo is another request too.
    const photoKey = newKey();
    const withPhoto = reportBody(ref);
    await postWithPhoto(photoKey, withPhoto, await jpeg()).expect(201);
    const otherPhoto = await sharpVariant();
    const refused = await postWithPhoto(photoKey, withPhoto, otherPhoto).expect(422);
    expect(refused.body.errors[0].field).to.equal('Idempotency-Key');
    expect(await written(withPhoto.title)).to.include({ reports: 1, attachments: 1 });
  });

  it('refuses the second of two different reports sent at once with one key: one 201, one 422, one report', async () => {
    const key = newKey();
    const [a, b] = [reportBody(ref, { anonymous: true, reporter: {} }), reportBody(ref, { anonymous: true, reporter: {} })];
    const answers = await Promise.all([post(key, a), post(key, b)]);
    expect(answers.map((r) => r.status).sort()).to.deep.equal([201, 422]);
    const [made, refused] = answers[0]!.status === 201 ? [a, b] : [b, a];
    expect(await written(made.title)).to.include({ reports: 1, kept: 1 });
    expect(await written(refused.title)).to.include({ reports: 0 });
  });

  it('refuses a malformed key with 422 and a message in the asked language, before anything is written', async () => {
    const body = reportBody(ref);
    for (const bad of ['"too-short"', 'kunci dengan spasi 1234567890', '"8e03978e-40d5-43e8-bc93-6894a57f9324', `"${'a'.repeat(256)}"`, '"ünïcödé-0123456789"', '?1', '"a\\"b-0123456789abcdef"']) {
      const res = await post(bad, body).expect(422);
      expect(res.body.errors[0].field, bad).to.equal('Idempotency-Key');
      expect(res.body.errors[0].message).to.contain('Idempotency-Key tidak sah');
    }
    const en = await post('"short"', body).set('Accept-Language', 'en').expect(422);
    expect(en.body.errors[0].message).to.contain('Invalid Idempotency-Key');
    expect(await written(body.title)).to.include({ reports: 0 });
  });

  it('is documented in the OpenAPI document: the optional header, the replay header and the 422', async () => {
    const doc = (await supertest(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const op = doc.paths['/api/v1/reports'].post;
    expect(op.parameters).to.deep.include({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(doc.components.parameters.IdempotencyKey).to.include({ name: 'Idempotency-Key', in: 'header' });
    expect(doc.components.parameters.IdempotencyKey.required ?? false).to.equal(false);
    expect(op.responses['201'].headers['Idempotent-Replayed']).to.deep.equal({ $ref: '#/components/headers/IdempotentReplayed' });
    expect(op.responses['422'].description).to.contain('Idempotency-Key reused with a different payload');
  });

  /** Another real JPEG, of other bytes. */
  async function sharpVariant(): Promise<Buffer> {
    const { default: sharp } = await import('sharp');
    return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();
  }
});
