import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { jpeg } from '../api/helpers.js';
import { buildTestApp, csrfFrom, type TestApp } from '../helpers/app.js';

/**
 * The report form's idempotency key (issue 24): a fresh key in every new form, kept when the
 * form comes back with a field error; a repeat of a send whose report exists (a double tap,
 * the offline queue replaying a send whose answer was lost) leads to the same thank-you page
 * with the same code and secret, and makes nothing new.
 */
describe('idempotency: the report form /lapor', () => {
  let t: TestApp;
  let uploadDir: string;
  let desa: { code: string; parent_code: string | null };

  before(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-idem-form-'));
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '10' });
    desa = await t.database.db.selectFrom('regions').select(['code', 'parent_code']).where('level', '=', 'desa').orderBy('code').executeTakeFirstOrThrow();
  });
  after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

  const keyOf = (html: string) => /name="idempotency_key" value="([^"]*)"/.exec(html)?.[1];

  async function open() {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/lapor').expect(200);
    return { agent, token: csrfFrom(page.text), key: keyOf(page.text)! };
  }

  const valid = (extra: Record<string, string> = {}) => ({
    kind: 'pengaduan',
    title: `Saluran air tersumbat di ${crypto.randomBytes(3).toString('hex')}`,
    body: 'Saluran air di depan balai desa tersumbat sampah sejak sepekan, air meluap ke jalan setiap hujan turun.',
    categoryId: '',
    kecamatan: desa.parent_code!,
    desa: desa.code,
    address: 'Jl. Raya Tayu RT 01/RW 03',
    name: 'Siti Aminah',
    email: `siti.${crypto.randomBytes(3).toString('hex')}@example.com`,
    phone: '',
    nik: '',
    consent: 'on',
    ...extra,
  });

  function post(agent: supertest.Agent, token: string, fields: Record<string, string>, photo?: Buffer) {
    let req = agent.post('/lapor').field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return photo ? req.attach('files', photo, { filename: 'saluran.jpg', contentType: 'image/jpeg' }) : req;
  }

  /** The code and secret the thank-you page shows this browser. */
  async function thanks(agent: supertest.Agent) {
    const page = await agent.get('/lapor/terkirim').expect(200);
    const code = /data-testid="tracking-code">([^<]+)</.exec(page.text)?.[1];
    const secret = /data-testid="tracking-secret">([^<]+)</.exec(page.text)?.[1];
    return { code, secret };
  }

  async function written(title: string) {
    const db = t.database.db;
    const reports = await db.selectFrom('reports').select('id').where('title', '=', title).execute();
    const ids = reports.length ? reports.map((r) => r.id) : [0];
    const count = async (table: 'outbox' | 'attachments' | 'idempotent_answers') =>
      Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).where('report_id', 'in', ids).executeTakeFirstOrThrow()).n);
    return { reports: reports.length, outbox: await count('outbox'), attachments: await count('attachments'), kept: await count('idempotent_answers') };
  }

  it('puts a fresh random key in every new form', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    expect(a.key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.key).to.not.equal(a.key);
  });

  it('leads a repeat of the same send to the same code and secret, from this browser or another session, and makes one report', async () => {
    const { agent, token, key } = await open();
    const fields = valid({ idempotency_key: key });
    await post(agent, token, fields).expect(303).expect('Location', '/lapor/terkirim');
    const first = await thanks(agent);
    expect(first.code).to.match(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(first.secret).to.be.a('string');

    // A double tap: the same browser sends again.
    await post(agent, token, fields).expect(303).expect('Location', '/lapor/terkirim');
    expect(await thanks(agent)).to.deep.equal(first);
    // The queued send replayed later, in a session that has since changed.
    const later = await open();
    await post(later.agent, later.token, fields).expect(303).expect('Location', '/lapor/terkirim');
    expect(await thanks(later.agent)).to.deep.equal(first);
    // And the replayed secret opens the report's tracking page.
    await supertest(t.app).get(`/api/v1/reports/${first.code!.replace('-', '')}`).set('X-Tracking-Token', first.secret!).expect(200);

    expect(await written(fields.title)).to.deep.equal({ reports: 1, outbox: 1, attachments: 0, kept: 1 });
  });

  it('makes one report when the same send with a photo arrives several times at once; every browser sees the same code and secret', async () => {
    const photo = await jpeg();
    const browsers = await Promise.all([open(), open(), open()]);
    const fields = valid({ idempotency_key: browsers[0].key });
    const answers = await Promise.all(browsers.map((b) => post(b.agent, b.token, fields, photo)));
    for (const res of answers) expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const seen = await Promise.all(browsers.map((b) => thanks(b.agent)));
    expect(new Set(seen.map((s) => `${s.code} ${s.secret}`)).size).to.equal(1);
    expect(seen[0]!.secret).to.be.a('string');
    expect(await written(fields.title)).to.deep.equal({ reports: 1, outbox: 1, attachments: 1, kept: 1 });
  });

  it('keeps the posted key when the form comes back with a field error, and the fixed send makes the report', async () => {
    const { agent, token, key } = await open();
    const fields = valid({ idempotency_key: key });
    const refused = await post(agent, token, { ...fields, title: 'x' }).expect(422);
    expect(keyOf(refused.text)).to.equal(key);
    await post(agent, csrfFrom(refused.text), fields).expect(303);
    expect(await written(fields.title)).to.include({ reports: 1, kept: 1 });
  });

  it('leads a repeat to the same code when the photo was held from a field error (the repeat names the hold, whose files are gone)', async () => {
    const { agent, token, key } = await open();
    const fields = valid({ idempotency_key: key });
    const refused = await post(agent, token, { ...fields, title: 'x' }, await jpeg()).expect(422);
    const held = /name="held" value="([^"]+)"/.exec(refused.text)?.[1];
    expect(held).to.be.a('string');
    const withHold = { ...fields, held: held! };
    await post(agent, csrfFrom(refused.text), withHold).expect(303);
    const first = await thanks(agent);
    await post(agent, csrfFrom(refused.text), withHold).expect(303);
    expect(await thanks(agent)).to.deep.equal(first);
    expect(await written(fields.title)).to.deep.equal({ reports: 1, outbox: 1, attachments: 1, kept: 1 });
  });

  it('refuses the same key with other content (422, nothing written) and gives the form a new key to send it as a new report', async () => {
    const { agent, token, key } = await open();
    const fields = valid({ idempotency_key: key });
    await post(agent, token, fields).expect(303);
    const changed = { ...fields, title: `${fields.title} (diubah)` };
    const refused = await post(agent, token, changed).expect(422);
    expect(refused.text).to.contain('Formulir ini sudah pernah dikirim dengan isi yang berbeda');
    expect(await written(changed.title)).to.include({ reports: 0 });
    const fresh = keyOf(refused.text);
    expect(fresh).to.match(/^[0-9a-f-]{36}$/).and.not.equal(key);
    // What was typed is still there, and sending it again makes the new report.
    expect(refused.text).to.contain('(diubah)');
    await post(agent, csrfFrom(refused.text), { ...changed, idempotency_key: fresh! }).expect(303);
    expect(await written(changed.title)).to.include({ reports: 1 });
  });

  it('without a key (a form cached from before the field) behaves as before: the duplicate guard leads a second send to the report already made', async () => {
    const { agent, token } = await open();
    const fields = valid({ idempotency_key: '' });
    await post(agent, token, fields).expect(303);
    await post(agent, token, fields).expect(303);
    const page = await agent.get('/lapor/terkirim').expect(200);
    expect(page.text).to.not.contain('data-testid="tracking-secret"');
    expect(await written(fields.title)).to.deep.equal({ reports: 1, outbox: 1, attachments: 0, kept: 0 });
  });

  it('refuses a damaged key with a message on the form and a new key, writing nothing', async () => {
    const { agent, token } = await open();
    const fields = valid({ idempotency_key: 'rusak' });
    const refused = await post(agent, token, fields).expect(422);
    expect(refused.text).to.contain('kode pengirimannya rusak');
    expect(keyOf(refused.text)).to.match(/^[0-9a-f-]{36}$/);
    expect(await written(fields.title)).to.include({ reports: 0 });
  });
});
