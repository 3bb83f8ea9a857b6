import { expect } from 'chai';
import express from 'express';
import { type Options, rateLimit } from 'express-rate-limit';
import { sql } from 'kysely';
import supertest from 'supertest';
import { loadConfig } from '../../src/config.js';
import { DatabaseRateLimitStore } from '../../src/http/rateLimitStore.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

function store(database: TestDatabase, prefix: string, windowMs = 60_000, batchMs = 0): DatabaseRateLimitStore {
  const s = new DatabaseRateLimitStore(database.db, prefix, batchMs);
  s.init({ windowMs } as Options);
  return s;
}

/**
 * Rate limits counted in the database (src/http/rateLimitStore.ts): what makes a limit hold
 * across app processes. Here two apps on one database stand for two processes; the test
 * in test/multiprocess/ does it with real ones on a PostgreSQL server.
 */
describe('rate limits in the database', function () {
  // Two databases of its own (each a fresh PGlite without DATABASE_URL).
  this.timeout(60_000);
  let database: TestDatabase;
  before(async () => {
    // Migrated only: a login refused for a user nobody created needs no reference data.
    database = await createTestDatabase();
  });
  after(async () => database.drop());

  it('is where counters live by default with DATABASE_URL, and in memory without', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/x' }).rateLimitStore).to.equal('database');
    expect(loadConfig({}).rateLimitStore).to.equal('memory');
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/x', RATE_LIMIT_STORE: 'memory' }).rateLimitStore).to.equal('memory');
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'redis' })).to.throw(/RATE_LIMIT_STORE/);
  });

  it('allows the login limit once across two apps on one database, not once per app', async () => {
    const env = { RATE_LIMIT_STORE: 'database', LOGIN_IP_LIMIT: '3' };
    const apps: TestApp[] = [await buildTestApp(env, database), await buildTestApp(env, database)];
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await supertest(apps[i % 2]!.app)
        .post('/api/v1/session')
        .set('Accept-Language', 'en')
        .send({ email: 'tidak.ada@test.patikab.go.id', password: 'salah-sandi-sekali' });
      statuses.push(res.status);
      remaining.push(/remaining=(\d+)/.exec(String(res.headers.ratelimit))?.[1] ?? '?');
    }
    // Three tries in all, whichever app answered; then 429 from both.
    expect(statuses.slice(0, 3)).to.not.include(429);
    expect(statuses.slice(3)).to.deep.equal([429, 429, 429]);
    expect(remaining.slice(0, 3)).to.deep.equal(['2', '1', '0']);
  });

  it('counts each limit apart for the same address', async () => {
    const [login, intake] = [store(database, 'apart-login:'), store(database, 'apart-intake:')];
    await login.increment('198.51.100.7');
    await login.increment('198.51.100.7');
    expect((await intake.increment('198.51.100.7')).totalHits).to.equal(1);
    expect((await login.increment('198.51.100.7')).totalHits).to.equal(3);
  });

  it('counts concurrent requests from two stores one by one, none lost', async () => {
    const [a, b] = [store(database, 'race:'), store(database, 'race:')];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment('203.0.113.40')));
    expect(results.map((r) => r.totalHits).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await a.get('203.0.113.40'))?.totalHits).to.equal(40);
  });

  it('starts a new window once the old one has ended', async () => {
    const s = store(database, 'window:', 60_000);
    const first = await s.increment('203.0.113.50');
    await s.increment('203.0.113.50');
    expect(first.resetTime!.getTime()).to.be.closeTo(Date.now() + 60_000, 5_000);
    // The window ends (as the database's clock sees it).
    await database.db.updateTable('rate_limits').set({ reset_at: sql<Date>`now() - interval '1 second'` }).where('key', '=', 'window:203.0.113.50').execute();
    expect(await s.get('203.0.113.50')).to.equal(undefined);
    const again = await s.increment('203.0.113.50');
    expect(again.totalHits).to.equal(1);
    expect(again.resetTime!.getTime()).to.be.greaterThan(Date.now() + 50_000);
  });

  it('takes a request back (decrement) and forgets a client (resetKey)', async () => {
    const s = store(database, 'undo:');
    await s.increment('203.0.113.60');
    await s.increment('203.0.113.60');
    await s.decrement('203.0.113.60');
    expect((await s.get('203.0.113.60'))?.totalHits).to.equal(1);
    await s.resetKey('203.0.113.60');
    expect(await s.get('203.0.113.60')).to.equal(undefined);
    expect((await s.increment('203.0.113.60')).totalHits).to.equal(1);
  });

  describe('with hits added in batches (every limit but the login\'s)', () => {
    // Batches far apart: each test adds them itself (flush), as the timer would.
    const batched = (prefix: string, windowMs = 60_000) => store(database, prefix, windowMs, 60_000);
    const shared = async (key: string) =>
      (await database.db.selectFrom('rate_limits').select('hits').where('key', '=', key).executeTakeFirst())?.hits;

    it("counts a process's own hits one by one, and adds them to the shared count in one statement", async () => {
      const s = batched('batch-own:');
      const counts = [];
      for (let i = 0; i < 5; i++) counts.push((await s.increment('203.0.113.80')).totalHits);
      expect(counts).to.deep.equal([1, 2, 3, 4, 5]);
      expect(await shared('batch-own:203.0.113.80'), 'the first hit of a window is counted at once').to.equal(1);
      await s.flush();
      expect(await shared('batch-own:203.0.113.80')).to.equal(5);
      expect((await s.increment('203.0.113.80')).totalHits).to.equal(6);
    });

    it("loses no hit of two processes, and each learns the other's at its next batch", async () => {
      const [a, b] = [batched('batch-two:'), batched('batch-two:')];
      const key = '203.0.113.81';
      await a.increment(key);
      await b.increment(key);
      await Promise.all(Array.from({ length: 38 }, (_, i) => (i % 2 ? a : b).increment(key)));
      await Promise.all([a.flush(), b.flush()]);
      expect(await shared(`batch-two:${key}`)).to.equal(40);
      // Both know all 40 now (the later of the two batches saw the other's).
      const [x, y] = [await a.increment(key), await b.increment(key)];
      expect(Math.max(x.totalHits, y.totalHits)).to.equal(41);
    });

    it('refuses past the limit with the hits not yet added: a process never lets its own burst through', async () => {
      const s = batched('batch-limit:');
      const app = express();
      app.use(rateLimit({ windowMs: 60_000, limit: 3, store: s, standardHeaders: 'draft-7', legacyHeaders: false }));
      app.get('/', (_req, res) => void res.send('ok'));
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await supertest(app).get('/')).status);
      expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
    });

    it('counts the first hit of a new window at once, and takes back a hit not yet added', async () => {
      const s = batched('batch-window:');
      const key = '203.0.113.82';
      await s.increment(key);
      await s.increment(key);
      await s.decrement(key);
      await s.flush();
      expect(await shared(`batch-window:${key}`)).to.equal(1);
      await database.db.updateTable('rate_limits').set({ reset_at: sql<Date>`now() - interval '1 second'` }).where('key', '=', `batch-window:${key}`).execute();
      // This process still thinks the window runs; the shared count decides when it ended.
      await s.increment(key);
      await s.flush();
      expect(await shared(`batch-window:${key}`), 'a new window, from the pending hit').to.equal(1);
    });
  });

  it('deletes ended windows as requests come in', async () => {
    // A database of its own: the cleanup runs at most every ten minutes per database.
    const fresh = await createTestDatabase();
    try {
      await fresh.db
        .insertInto('rate_limits')
        .values([
          { key: 'old:203.0.113.70', hits: 9, reset_at: sql<Date>`now() - interval '1 hour'` },
          { key: 'live:203.0.113.71', hits: 2, reset_at: sql<Date>`now() + interval '1 hour'` },
        ])
        .execute();
      await store(fresh, 'live:').increment('203.0.113.72');
      const deadline = Date.now() + 5_000;
      let keys: string[] = [];
      do {
        keys = (await fresh.db.selectFrom('rate_limits').select('key').orderBy('key').execute()).map((r) => r.key);
        if (!keys.includes('old:203.0.113.70')) break;
        await new Promise((r) => setTimeout(r, 50));
      } while (Date.now() < deadline);
      expect(keys).to.deep.equal(['live:203.0.113.71', 'live:203.0.113.72']);
    } finally {
      await fresh.drop();
    }
  });
});
