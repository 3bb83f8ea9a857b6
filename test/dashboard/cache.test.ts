import { expect } from 'chai';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { FiguresCache, requestMaxAgeMs } from '../../src/dashboard/cache.js';
import { agencyId, buildTestApp, loginAs, sharedDatabase, type TestApp } from '../helpers/app.js';
import { advanceTo, buildReport } from '../helpers/reports.js';

/**
 * Counts the queries the app sends to the database that read report_durations: the
 * dashboard's computations (every figure is counted over reports joined with their
 * durations), and nothing else the pages do (sessions, users, the filter's lookups).
 */
class DurationQueries implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    if (JSON.stringify(args.node).includes('"report_durations"')) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

describe('the dashboard shares computed figures between viewers', () => {
  let t: TestApp;
  const queries = new DurationQueries();
  const day = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const today = day(new Date());
  before(async () => {
    const shared = await sharedDatabase();
    // The app's own database, seen through a counter of the queries it sends.
    t = await buildTestApp({ REPORT_IP_LIMIT_PER_HOUR: '1000', DUPLICATE_WINDOW_MINUTES: '0' }, {
      ...shared,
      db: shared.db.withPlugin(queries),
      // The dashboard reads through readDb (the replica's way in, db/replica.ts).
      readDb: shared.readDb.withPlugin(queries),
    });
  });

  it('computes a view once for two leaders, also when they ask at the same moment', async () => {
    const [a, b] = [await loginAs(t, 'leader'), await loginAs(t, 'leader')];
    // Days of their own, so nothing computed before in this run is shared.
    let before = queries.count;
    const first = await a.agent.get('/api/v1/dashboard/agencies?from=2019-03-05&to=2019-03-05').expect(200);
    const once = queries.count - before;
    expect(once, 'queries of one computation').to.be.greaterThan(0);
    before = queries.count;
    const second = await b.agent.get('/api/v1/dashboard/agencies?from=2019-03-05&to=2019-03-05').expect(200);
    expect(queries.count - before, 'queries for the second leader').to.equal(0);
    expect(second.body.asOf).to.equal(first.body.asOf);
    expect(second.body.agencies).to.deep.equal(first.body.agencies);

    before = queries.count;
    const both = await Promise.all([a, b].map((l) => l.agent.get('/api/v1/dashboard/agencies?from=2019-03-06&to=2019-03-06').expect(200)));
    expect(queries.count - before, 'queries for two leaders at once').to.equal(once);
    expect(both[1]!.body.asOf).to.equal(both[0]!.body.asOf);

    // The page and the API share the figures; each viewer gets them in their own language.
    const page = await a.agent.get('/dasbor?from=2019-03-07&to=2019-03-07').expect(200);
    expect(page.text).to.match(/<time datetime="[^"]+">Diperbarui \d\d[.:]\d\d[.:]\d\d WIB\.<\/time>/);
    before = queries.count;
    await b.agent.get('/api/v1/dashboard/agencies?from=2019-03-07&to=2019-03-07').set('accept-language', 'en').expect(200);
    expect(queries.count - before).to.equal(0);
  });

  it('shows a new report at once, and figures changed elsewhere when the refresh asks for fresh ones', async () => {
    const leader = await loginAs(t, 'leader');
    const url = `/api/v1/dashboard/agencies?from=${today}&to=${today}`;
    const before = (await leader.agent.get(url).expect(200)).body;
    // Through this process's intake: the change event recomputes the figures.
    const made = await buildReport(t, { title: 'Lampu penerangan jalan padam di Jalan Kartini' });
    const after = (await leader.agent.get(url).expect(200)).body;
    expect(after.total.received).to.equal(before.total.received + 1);
    expect(after.asOf >= before.asOf).to.equal(true);

    // A change this process hears nothing of (as if made through another process): the
    // cached figures are served until they expire, or until a request asks for younger ones,
    // as the page's live refresh does after it hears of the change.
    await advanceTo(t.database.db, made.report.id, 'assigned');
    const dpupr = await agencyId(t.database, 'dpupr');
    const stale = (await leader.agent.get(url).expect(200)).body;
    expect(stale.asOf).to.equal(after.asOf);
    const fresh = (await leader.agent.get(url).set('cache-control', 'max-age=0').expect(200)).body;
    const row = (body: { agencies: { agencyId: number | null; received: number }[] }) => body.agencies.find((r) => r.agencyId === dpupr)?.received ?? 0;
    expect(row(fresh)).to.equal(row(stale) + 1);
    // The fresh figures are the ones shared from then on.
    expect((await leader.agent.get(url).expect(200)).body.asOf).to.equal(fresh.asOf);
  });

  it('never gives a Kepala OPD the figures cached for another scope', async () => {
    const r = await buildReport(t, { title: 'Drainase tersumbat di Kelurahan Pati Wetan' });
    await advanceTo(t.database.db, r.report.id, 'assigned');
    const [dpupr, dinkes] = [await agencyId(t.database, 'dpupr'), await agencyId(t.database, 'dinkes')];
    const leader = await loginAs(t, 'leader');
    const url = `/api/v1/dashboard/agencies?from=${today}&to=${today}`;
    const all = (await leader.agent.get(url).expect(200)).body;
    const leaderDpupr = (await leader.agent.get(`${url}&agency=dpupr`).expect(200)).body;
    expect(leaderDpupr.agencies.map((a: { agencyId: number }) => a.agencyId)).to.deep.equal([dpupr]);

    const dinkesHead = await loginAs(t, 'agency_head', { agencyId: dinkes });
    for (const asked of [url, `${url}&agency=dpupr`]) {
      const got = (await dinkesHead.agent.get(asked).expect(200)).body;
      expect(got.agencies.map((a: { agencyId: number }) => a.agencyId).filter((id: number) => id !== dinkes), asked).to.deep.equal([]);
      expect(got.total.received).to.be.below(all.total.received);
    }
    const page = await dinkesHead.agent.get(`/dasbor?from=${today}&to=${today}`).expect(200);
    expect(page.text).to.not.contain('data-agency="dpupr"');
    // The head of the same OPD may share the leader's figures of that OPD: the same scope.
    const dpuprHead = await loginAs(t, 'agency_head', { agencyId: dpupr });
    const own = (await dpuprHead.agent.get(url).expect(200)).body;
    expect(own.agencies).to.deep.equal(leaderDpupr.agencies);
    // The same figures, but not the leader's page: a Kepala OPD has no choice of OPD.
    const leaderPage = await leader.agent.get(`/dasbor?from=${today}&to=${today}&agency=dpupr`).expect(200);
    expect(leaderPage.text).to.contain('id="f-agency"');
    const headPage = await dpuprHead.agent.get(`/dasbor?from=${today}&to=${today}`).expect(200);
    expect(headPage.text).to.contain('data-agency="dpupr"').and.not.contain('id="f-agency"');
  });
});

describe('FiguresCache', () => {
  let clock = 0;
  const cache = (ttlMs = 20_000, maxEntries = 3) => new FiguresCache({ ttlMs, maxEntries, now: () => clock });
  const gate = () => {
    let open!: (v: number) => void;
    return { promise: new Promise<number>((resolve) => (open = resolve)), open: (v: number) => open(v) };
  };

  it('shares one computation in flight, and keeps a failed one for nobody', async () => {
    const c = cache();
    const g = gate();
    const first = c.get('k', () => g.promise);
    const second = c.get('k', () => Promise.resolve(-1));
    g.open(7);
    expect((await first).value).to.equal(7);
    expect((await second).value).to.equal(7);
    expect(c.stats).to.deep.equal({ computed: 1, shared: 1 });
    await c.get('bad', () => Promise.reject(new Error('database gone'))).then(
      () => expect.fail('shared a failure'),
      (err: Error) => expect(err.message).to.equal('database gone'),
    );
    expect((await c.get('bad', () => Promise.resolve(1))).value).to.equal(1);
  });

  it('serves figures until they are older than the TTL, or than the request accepts', async () => {
    clock = 1_000_000;
    const c = cache(20_000);
    let runs = 0;
    const compute = () => Promise.resolve(++runs);
    expect((await c.get('k', compute)).value).to.equal(1);
    clock += 19_000;
    expect((await c.get('k', compute)).value).to.equal(1);
    expect((await c.get('k', compute, 5_000)).value, 'the live refresh: at most 5 s old').to.equal(2);
    expect((await c.get('k', compute)).asOf.getTime()).to.equal(clock);
    clock += 20_001;
    expect((await c.get('k', compute)).value).to.equal(3);
    c.invalidate();
    expect((await c.get('k', compute)).value, 'after a change').to.equal(4);
    expect((await cache(0).get('k', compute)).value, 'TTL 0: never shared').to.equal(5);
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const c = cache(20_000, 3);
    for (const k of ['a', 'b', 'c']) await c.get(k, () => Promise.resolve(k));
    await c.get('a', () => Promise.resolve('a again'));
    await c.get('d', () => Promise.resolve('d'));
    expect(c.size).to.equal(3);
    expect((await c.get('a', () => Promise.resolve('a computed'))).value, 'recently used: kept').to.equal('a');
    expect((await c.get('b', () => Promise.resolve('b computed'))).value, 'least recently used: dropped').to.equal('b computed');
    for (let i = 0; i < 100; i++) await c.get(`key ${i}`, () => Promise.resolve(i));
    expect(c.size).to.equal(3);
  });

  it('reads the age a request accepts from Cache-Control', () => {
    expect(requestMaxAgeMs(undefined)).to.equal(undefined);
    expect(requestMaxAgeMs('max-age=5')).to.equal(5000);
    expect(requestMaxAgeMs('no-cache')).to.equal(0);
    expect(requestMaxAgeMs('max-age=0')).to.equal(0);
    expect(requestMaxAgeMs('no-store')).to.equal(undefined);
  });
});
