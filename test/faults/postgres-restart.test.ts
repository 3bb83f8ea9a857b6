import { expect } from 'chai';
import pg from 'pg';
import { onServer } from '../helpers/db.js';
import { type RunningApp, sleep, startApp, type Submission, submitApi, submitWeb, until } from './helpers.js';
import { postgresBin, type PrivateCluster, startCluster } from './postgres.js';

/**
 * Issue 11, faults: the PostgreSQL server restarts while requests flow. The app keeps
 * running and recovers by itself; /readyz says 503 while the database is away and 200
 * once it is back; a request that meets the outage gets a prompt 503 with a message the
 * citizen understands, never a hang or a crash; and every report the app confirmed is
 * there afterwards.
 *
 * Twice: a clean stop, and an immediate one (as a crash: connections drop unannounced and
 * the server recovers from its WAL at start). A private cluster (postgres.ts), never the
 * shared server. A server-only fault: on the
 * embedded database the database lives and dies with the process (see kill.test.ts).
 */
interface Sample {
  at: number;
  ms: number;
  status?: number;
  body?: string;
  error?: string;
}

describe('PostgreSQL restarted under load', function () {
  this.timeout(180_000);
  let cluster: PrivateCluster | undefined;
  let app: RunningApp | undefined;

  before(async function () {
    if (!onServer()) {
      console.log('      (skipped on the embedded database: there is no database server to restart)');
      return this.skip();
    }
    if (!postgresBin()) {
      console.log('      (skipped: no PostgreSQL server binaries under /usr/lib/postgresql)');
      return this.skip();
    }
    cluster = await startCluster();
  });
  after(async () => {
    await app?.proc.stop();
    cluster?.destroy();
  });

  it('recovers without a restart, /readyz tells the truth, and requests in the outage get a prompt 503', async () => {
    app = await startApp({ DATABASE_URL: cluster!.url, MAIL_WORKER: 'true', OUTBOX_POLL_MS: '200', SLA_SWEEP_MS: '500' });
    const base = app.base;

    const ready: Sample[] = [];
    const pages: Sample[] = [];
    const submissions: (Submission & { at: number; ms: number })[] = [];
    let done = false;
    const timed = async (url: string, init: RequestInit = {}): Promise<Sample> => {
      const at = Date.now();
      try {
        const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
        return { at, ms: Date.now() - at, status: res.status, body: await res.text() };
      } catch (err) {
        return { at, ms: Date.now() - at, error: `${url}: ${(err as Error).message} ${(err as { cause?: Error }).cause?.message ?? ''}` };
      }
    };
    const loops = [
      (async () => {
        while (!done) {
          ready.push(await timed(`${base}/readyz`));
          await sleep(100);
        }
      })(),
      (async () => {
        while (!done) {
          pages.push(await timed(`${base}/lapor`, { headers: { accept: 'text/html', 'accept-language': 'id' } }));
          await sleep(50);
        }
      })(),
      ...[0, 1, 2].map(async (i) => {
        while (!done) {
          const at = Date.now();
          const s = i === 0 ? await submitWeb(base, [], AbortSignal.timeout(20_000)) : await submitApi(base, [], AbortSignal.timeout(20_000));
          submissions.push({ ...s, at, ms: Date.now() - at });
          await sleep(20);
        }
      }),
    ];

    // Two outages: a clean stop (connections told 57P01), then a crash-like one (immediate:
    // connections just drop, and the server runs crash recovery at start).
    const outages: { mode: 'fast' | 'immediate'; stopped: number; starting: number; up: number }[] = [];
    for (const mode of ['fast', 'immediate'] as const) {
      const before = submissions.length;
      await until(`confirmed reports before the ${mode} outage`, async () => submissions.slice(before).filter((s) => s.told).length >= 8, 30_000);
      cluster!.stop(mode);
      const stopped = Date.now();
      await sleep(3_000);
      const starting = Date.now();
      cluster!.start();
      outages.push({ mode, stopped, starting, up: Date.now() });
    }
    const last = submissions.length;
    await until('confirmed reports after the outages', async () => submissions.slice(last).filter((s) => s.told).length >= 8, 30_000);
    done = true;
    await Promise.all(loops);

    // The process never went down.
    expect(app.proc.child.exitCode).to.equal(null);
    expect(app.proc.output()).to.not.match(/uncaught|unhandled/i);

    // Nothing hung or broke a connection, and nothing was a 500: each answer is the normal
    // one or a 503, also for requests that straddle a stop or a start.
    for (const s of [...ready, ...pages, ...submissions]) expect((s as { error?: string }).error, `request at ${s.at}`).to.equal(undefined);
    for (const s of [...ready, ...pages]) expect(s.status).to.be.oneOf([200, 503]);
    for (const s of submissions) expect(s.status, `${s.via} submission`).to.be.oneOf([s.via === 'web' ? 303 : 201, 503]);

    const summary: string[] = [];
    for (const o of outages) {
      // /readyz: 503 for every look entirely inside the outage; 200 again after, until the next.
      const inside = <T extends { at: number; ms: number }>(xs: T[]) => xs.filter((s) => s.at >= o.stopped && s.at + s.ms <= o.starting);
      const readyDown = inside(ready);
      expect(readyDown.length, `/readyz looks in the ${o.mode} outage`).to.be.greaterThan(3);
      for (const s of readyDown) {
        expect(s.status).to.equal(503);
        expect(JSON.parse(s.body!)).to.deep.equal({ status: 'unavailable', database: 'unreachable' });
      }
      const next = outages[outages.indexOf(o) + 1]?.stopped ?? Infinity;
      const after = ready.filter((s) => s.at >= o.up && s.at + s.ms < next);
      const firstOk = after.findIndex((s) => s.status === 200);
      expect(firstOk, `/readyz 200 after the ${o.mode} outage`).to.be.greaterThan(-1);
      expect(after.slice(firstOk).every((s) => s.status === 200)).to.equal(true);

      // Requests in the outage: 503 with a message in Bahasa Indonesia, promptly.
      const pagesDown = inside(pages);
      expect(pagesDown.length).to.be.greaterThan(3);
      for (const s of pagesDown) {
        expect(s.status).to.equal(503);
        expect(s.body).to.contain('Layanan sedang tidak tersedia');
      }
      const submitsDown = inside(submissions);
      expect(submitsDown.length).to.be.greaterThan(3);
      for (const s of submitsDown) {
        expect(s.status, `${s.via} in the ${o.mode} outage`).to.equal(503);
        if (s.via === 'api') {
          expect(JSON.parse(s.answer!)).to.deep.equal({
            error: { code: 'service_unavailable', message: 'Sistem sedang mengalami gangguan sementara sehingga permintaan Anda belum dapat diproses. Silakan coba lagi dalam beberapa menit.' },
          });
        } else {
          expect(s.answer).to.contain('Layanan sedang tidak tersedia');
        }
      }
      const slowest = Math.max(...[...pagesDown, ...readyDown, ...submitsDown].map((s) => s.ms));
      summary.push(
        `${o.mode}: ${readyDown.length} /readyz, ${pagesDown.length} pages, ${submitsDown.length} submissions, all 503, slowest ${slowest} ms; ` +
          `ready again ${after[firstOk]!.at - o.up} ms after the start`,
      );
    }

    // Every confirmed report is there; the pool serves again without a restart.
    const told = submissions.filter((s) => s.told);
    const client = new pg.Client({ connectionString: cluster!.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ title: string }>('select title from reports where title = any($1)', [told.map((s) => s.title)]);
      expect(rows.map((r) => r.title).sort()).to.deep.equal(told.map((s) => s.title).sort());
    } finally {
      await client.end();
    }
    console.log(`      (${told.length} confirmed; ${summary.join('; ')})`);
  });
});
