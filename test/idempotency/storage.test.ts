import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'kysely';
import supertest from 'supertest';
import { deriveKeys, openAnswer } from '../../src/idempotency/seal.js';
import { eraseOnRequest } from '../../src/privacy/commands/eraseOnRequest.js';
import { applyRetention } from '../../src/privacy/retention.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { reportBody, seeded, type Seeded } from '../api/helpers.js';

/**
 * What is kept of a keyed request's answer (issue 24): nothing readable without the key
 * (not the secret, the code or the reporter's e-mail, not the key), nothing findable from
 * the key except through its derivation; an expired answer is not used and is purged with
 * the retention run; erasing the reporter's data takes it.
 */
describe('idempotency: the kept answers', () => {
  let t: TestApp;
  let ref: Seeded;

  before(async () => {
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '10' });
    ref = await seeded(t);
  });

  const post = (key: string, body: object) => supertest(t.app).post('/api/v1/reports').set('Idempotency-Key', key).send(body);
  const rowOf = (reportCode: string) =>
    t.database.db
      .selectFrom('idempotent_answers as i')
      .innerJoin('reports as r', 'r.id', 'i.report_id')
      .select(['i.lookup_hash', 'i.scope', 'i.fingerprint', 'i.sealed_answer', 'i.report_id', 'i.created_at', 'i.expires_at'])
      .where('r.tracking_code', '=', reportCode)
      .executeTakeFirst();
  const rowsByHash = async (hash: Buffer) =>
    Number((await t.database.db.selectFrom('idempotent_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('lookup_hash', '=', hash).executeTakeFirstOrThrow()).n);

  it('keeps neither the key nor the secret, code, e-mail or title readable, and the row is not found from the key itself', async () => {
    const key = crypto.randomUUID();
    const body = reportBody(ref);
    const res = await post(key, body).expect(201);
    const row = (await rowOf(res.body.code))!;
    expect(row.scope).to.equal('api_report');
    const hours = (row.expires_at.getTime() - row.created_at.getTime()) / 3600_000;
    expect(hours).to.be.closeTo(24, 0.01);

    const stored = Buffer.concat([Buffer.from(row.lookup_hash), Buffer.from(row.fingerprint), Buffer.from(row.sealed_answer)]);
    const secrets = [key, res.body.secret, res.body.code, res.body.displayCode, body.reporter.email, body.title, res.body.trackingUrl];
    for (const text of secrets) {
      for (const encoding of ['utf8', 'utf16le'] as const) expect(stored.includes(Buffer.from(text, encoding)), `${text} in ${encoding}`).to.equal(false);
    }
    // The key, its bytes or a plain hash of it find nothing; only the derivation does.
    for (const guess of [Buffer.from(key), crypto.createHash('sha256').update(key).digest(), crypto.createHash('sha256').update(`"${key}"`).digest()]) {
      expect(await rowsByHash(guess)).to.equal(0);
    }
    expect(await rowsByHash(deriveKeys(key).lookup)).to.equal(1);
    // Opened with the key, it is the first answer; with another key it does not open.
    expect(openAnswer<{ body: unknown }>(deriveKeys(key), 'api_report', row.sealed_answer).body).to.deep.equal(res.body);
    expect(() => openAnswer(deriveKeys(crypto.randomUUID()), 'api_report', row.sealed_answer)).to.throw();
    // Nor does it open as another route's answer.
    expect(() => openAnswer(deriveKeys(key), 'web_report', row.sealed_answer)).to.throw();
  });

  it('does not use an answer past its time: the key then makes a new report, and the retention run purges expired rows', async () => {
    const db = t.database.db;
    const key = crypto.randomUUID();
    const body = reportBody(ref, { reporter: {}, anonymous: true });
    const first = await post(key, body).expect(201);
    const expire = (code: string) =>
      db.updateTable('idempotent_answers')
        .set({ created_at: sql<Date>`now() - interval '25 hours'`, expires_at: sql<Date>`now() - interval '1 hour'` })
        .where('report_id', '=', db.selectFrom('reports').select('id').where('tracking_code', '=', code))
        .execute();
    await expire(first.body.code);

    const later = await post(key, body).expect(201);
    expect(later.headers['idempotent-replayed']).to.equal(undefined);
    expect(later.body.code).to.not.equal(first.body.code);
    expect(await rowOf(first.body.code)).to.equal(undefined);
    expect(await rowOf(later.body.code)).to.not.equal(undefined);
    // The new answer is the one repeats get now.
    expect((await post(key, body).expect(201)).body.code).to.equal(later.body.code);

    await expire(later.body.code);
    const fresh = await post(crypto.randomUUID(), reportBody(ref)).expect(201);
    const result = await applyRetention(db);
    expect(result.keptAnswers).to.be.at.least(1);
    expect(await rowsByHash(deriveKeys(key).lookup)).to.equal(0);
    expect(await rowOf(fresh.body.code), 'an answer still in its day stays').to.not.equal(undefined);
  });

  it('erasing the reporter\'s personal data deletes the kept answers of their reports', async () => {
    const key = crypto.randomUUID();
    const body = reportBody(ref);
    const res = await post(key, body).expect(201);
    const row = (await rowOf(res.body.code))!;
    const admin = await loginAs(t, 'admin');
    await eraseOnRequest(t.database.db, {
      scope: { lookup: { kind: 'code', value: res.body.code }, reportIds: [row.report_id], emails: [body.reporter.email], identity: { names: [], emails: [body.reporter.email], phones: [], niks: [] } },
      lookupKind: 'code',
      reference: 'uji idempotensi',
      adminId: admin.user.id,
    });
    expect(await rowOf(res.body.code)).to.equal(undefined);
    // A repeat of the key is a new request now: nothing is left to give back.
    expect(await rowsByHash(deriveKeys(key).lookup)).to.equal(0);
  });

  it('a deleted report takes its kept answer with it (the foreign key cascades)', async () => {
    const db = t.database.db;
    const res = await post(crypto.randomUUID(), reportBody(ref, { reporter: {}, anonymous: true })).expect(201);
    const { report_id } = (await rowOf(res.body.code))!;
    await sql`delete from report_events where report_id = ${report_id}`.execute(db);
    await sql`delete from reports where id = ${report_id}`.execute(db);
    const left = await db.selectFrom('idempotent_answers').select('report_id').where('report_id', '=', report_id).execute();
    expect(left).to.deep.equal([]);
  });
});
