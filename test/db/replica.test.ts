import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { sql } from 'kysely';
import pg from 'pg';
import supertest from 'supertest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { withReplica } from '../../src/db/database.js';
import { WROTE_COOKIE } from '../../src/http/replicaReads.js';
import { openReplica, readingFrom, type Replica } from '../../src/db/replica.js';
import { prepareDatabase } from '../../src/prepare.js';
import { issueApiToken } from '../../src/users/commands/apiTokens.js';
import { createUser } from '../../src/users/commands/createUser.js';
import { reportBody, seeded } from '../api/helpers.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp, uniqueEmail } from '../helpers/app.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { resolvedCase } from '../portal/helpers.js';

const run = promisify(execFile);

describe('the DATABASE_REPLICA_URL setting', () => {
  it('is refused without DATABASE_URL, and read with it', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://app@10.0.0.2/pengaduan' })).to.throw(ConfigError, /DATABASE_REPLICA_URL: needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@10.0.0.1/pengaduan', DATABASE_REPLICA_URL: 'mysql://app@10.0.0.2/x' })).to.throw(ConfigError, /DATABASE_REPLICA_URL/);
    const config = loadConfig({ DATABASE_URL: 'postgres://app@10.0.0.1/pengaduan', DATABASE_REPLICA_URL: 'postgres://app@10.0.0.2/pengaduan' });
    expect(config.databaseReplicaUrl).to.equal('postgres://app@10.0.0.2/pengaduan');
    expect(loadConfig({}).databaseReplicaUrl).to.equal(undefined);
  });
});

/**
 * DATABASE_REPLICA_URL against a real hot standby: pg_basebackup copies the CI server into a
 * temporary folder, a second PostgreSQL follows it there on a free port, and the app reads
 * the portal and the dashboard from it. Replay is paused on the standby to make it visibly
 * behind: what a visitor sees then is the standby's, what the one who wrote sees is the
 * primary's. Needs a PostgreSQL server whose role may replicate (.ci/run grants it).
 */
describe('reads from a streaming replica (DATABASE_REPLICA_URL)', function () {
  this.timeout(120_000);
  let database: TestDatabase | undefined;
  let dir: string | undefined;
  let port = 0;
  let standbyRunning = false;
  const replicas: Replica[] = [];
  let t: TestApp;
  let coordinator: SignedIn;
  let leader: SignedIn;
  let leaderToken: string;

  const asRoot = process.getuid?.() === 0;
  const pgBin = () => {
    const version = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0];
    return `/usr/lib/postgresql/${version}/bin`;
  };
  // PostgreSQL refuses to run as root: the CI runs the tests as root, so the standby runs as postgres.
  const asPostgres = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  const standbyUrl = (dbName: string, user = 'epengaduan_ci') => `postgres://${user}@127.0.0.1:${port}/${dbName}`;

  async function onStandby<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    // As the cluster's superuser (the standby's own pg_hba trusts loopback): pausing replay needs it.
    const client = new pg.Client({ connectionString: standbyUrl('postgres', 'postgres') });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  /** Waits until the standby has replayed everything the primary wrote until now. */
  async function caughtUp(): Promise<void> {
    const { rows } = await database!.pool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    for (let i = 0; i < 200; i++) {
      const [row] = await onStandby<{ ok: boolean }>(`select pg_last_wal_replay_lsn() >= '${rows[0]!.lsn}'::pg_lsn as ok`);
      if (row?.ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the standby did not catch up in 10 s');
  }

  async function pauseReplay(): Promise<void> {
    await onStandby('select pg_wal_replay_pause()');
    for (let i = 0; i < 100; i++) {
      const [row] = await onStandby<{ state: string }>('select pg_get_wal_replay_pause_state() as state');
      if (row?.state === 'paused') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('replay did not pause');
  }

  async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port: p } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return p;
  }

  before(async function () {
    if (!onServer()) {
      this.skip(); // A standby follows a PostgreSQL server; the embedded database has none (set DATABASE_URL).
      return;
    }
    // The app's own database, created before the copy so the standby has it from the start.
    database = await createTestDatabase();
    await prepareDatabase(database.db);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-standby-'));
    if (asRoot) await run('chown', ['postgres:postgres', dir]);
    const data = path.join(dir, 'data');
    const primary = new URL(process.env.DATABASE_URL!);
    primary.pathname = '/';
    // -R writes standby.signal and primary_conninfo; -X stream brings the WAL written meanwhile;
    // no fsync of a copy thrown away after the test. It copies the whole cluster, so its time
    // grows with whatever else the server holds (seconds on a CI server, more beside a bench database).
    await asPostgres('pg_basebackup', ['-d', primary.toString(), '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    // A hot standby needs at least the primary's values of these; Debian keeps the primary's
    // configuration files in /etc, so the copy has none and gets its own.
    const { rows } = await database.pool.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in
        ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`,
    );
    port = await freePort();
    const conf = [
      ...rows.map((r) => `${r.name} = ${r.setting}`),
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      "shared_buffers = '32MB'",
      'hot_standby = on',
      // Nor at start (a copy starts with recovery, which would sync the whole folder first).
      'fsync = off',
      'logging_collector = off',
    ];
    fs.writeFileSync(path.join(data, 'postgresql.conf'), `${conf.join('\n')}\n`);
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    if (asRoot) await run('chown', ['-R', 'postgres:postgres', dir]);
    await asPostgres(path.join(pgBin(), 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'standby.log'), '-w', '-t', '30', 'start']);
    standbyRunning = true;
    await caughtUp();

    const dbName = new URL(database.url!).pathname.slice(1);
    // Lag tolerated generously here: the test pauses replay and looks at what the standby serves.
    const replica = await openReplica(standbyUrl(dbName), database.pool, { maxLagMs: 60_000, probeMs: 200, retryAfterMs: 500 });
    replicas.push(replica);
    t = await buildTestApp({ DASHBOARD_CACHE_SECONDS: '0' }, { ...database, ...withReplica(database, replica) });
    coordinator = await loginAs(t, 'coordinator');
    leader = await loginAs(t, 'leader');
    const { user } = await createUser(database.db, { email: uniqueEmail('leader'), name: 'Bupati', role: 'leader', agencyId: null });
    leaderToken = await issueApiToken(database.db, { userId: user.id, name: 'dasbor', createdBy: user.id });
  });

  after(async () => {
    for (const r of replicas) await r.close().catch(() => {});
    if (standbyRunning && dir) {
      await asPostgres(path.join(pgBin(), 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']).catch(() => {});
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  const received = async (app = t.app) => {
    const res = await supertest(app).get('/api/v1/dashboard/agencies').set('Authorization', `Bearer ${leaderToken}`).expect(200);
    return res.body.total.received as number;
  };

  it('serves the portal and the dashboard from the standby, and those who just wrote from the primary', async () => {
    const c = await resolvedCase(t, { publish: false, coordinatorId: coordinator.user.id });
    const ref = await seeded(t);
    await caughtUp();
    const before = await received();
    await pauseReplay();
    try {
      await whilePaused();
    } finally {
      await onStandby('select pg_wal_replay_resume()');
    }
    async function whilePaused() {
      // Writes go to the primary (the standby is read-only, and paused): the coordinator publishes...
      await coordinator.agent.post(`/staf/publikasi/${c.report.tracking_code}/terbitkan`).type('form').send({ _csrf: await coordinator.csrf() }).expect(303);
      // ...and a citizen reports.
      const citizen = supertest.agent(t.app);
      const sent = await citizen.post('/api/v1/reports').send(reportBody(ref)).expect(201);

      // A visitor reads the standby, which has not replayed either yet; so does a leader, signed in
      // with a session (whose sign-in is a write: its window is taken as over here).
      await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(404);
      expect(await received(), 'the dashboard, from the standby').to.equal(before);
      leader.agent.jar.setCookie(`${WROTE_COOKIE}=0; Path=/`, '127.0.0.1', '/');
      const seen = await leader.agent.get('/api/v1/dashboard/agencies').expect(200);
      expect(seen.body.total.received, 'the dashboard of a signed-in leader, from the standby').to.equal(before);
      // The coordinator who just published sees the case; the citizen, their report on the tracking page.
      const own = await coordinator.agent.get(`/publik/${c.report.tracking_code}`).expect(200);
      expect(own.text).to.contain(c.code);
      const tracking = await citizen.get(new URL(sent.body.trackingUrl).pathname + new URL(sent.body.trackingUrl).search).redirects(2).expect(200);
      expect(tracking.text).to.contain(sent.body.code.slice(0, 4));
      // Asking for fresh figures (the dashboard's live refresh) reads the primary.
      const fresh = await supertest(t.app)
        .get('/api/v1/dashboard/agencies')
        .set('Authorization', `Bearer ${leaderToken}`)
        .set('Cache-Control', 'max-age=5')
        .expect(200);
      expect(fresh.body.total.received).to.equal(before + 1);
    }

    // Replay resumed: the visitor and the dashboard see both.
    await caughtUp();
    await supertest(t.app).get(`/publik/${c.report.tracking_code}`).expect(200);
    expect(await received()).to.equal(before + 1);
    expect(replicas[0]!.status().state).to.equal('ok');
  });

  it('runs a statement the standby refuses again on the primary, after its transaction so far', async () => {
    const replica = replicas[0]!;
    const fallbacks = replica.counts.fallbacks;
    // txid_current() takes a transaction id, which a standby cannot: it fails there and only there.
    const rows = await readingFrom('replica', () =>
      replica.db.transaction().execute(async (trx) => {
        const first = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(trx);
        await sql`select set_config('application_name', 'e-pengaduan-replica-test', true)`.execute(trx);
        const second = await sql<{ standby: boolean; name: string }>`select pg_is_in_recovery() as standby, current_setting('application_name') as name, txid_current() as xid`.execute(trx);
        return [first.rows[0], second.rows[0]];
      }),
    );
    expect(rows[0]!.standby, 'begun on the standby').to.equal(true);
    expect(rows[1], 'finished on the primary, the set_config replayed').to.include({ standby: false, name: 'e-pengaduan-replica-test' });
    expect(replica.counts.fallbacks).to.equal(fallbacks + 1);
    // A statement's own failure says nothing of the server: the replica stays in use.
    expect(replica.status().state).to.equal('ok');
  });

  it('reads the primary while the standby is further behind than allowed', async () => {
    const strict = await openReplica(standbyUrl(new URL(database!.url!).pathname.slice(1)), database!.pool, { maxLagMs: 800, probeMs: 100 });
    replicas.push(strict);
    const app = (await buildTestApp({ DASHBOARD_CACHE_SECONDS: '0' }, { ...database!, ...withReplica(database!, strict) })).app;
    await caughtUp();
    const before = await received(app);
    await pauseReplay();
    try {
      await supertest(t.app).post('/api/v1/reports').send(reportBody(await seeded(t))).expect(201);
      const started = Date.now();
      // At first the standby's figures; within the tolerated lag and a probe, the primary's.
      while ((await received(app)) === before) {
        expect(Date.now() - started, 'still reading the paused standby').to.be.below(3_000);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(strict.status().state).to.equal('lagging');
    } finally {
      await onStandby('select pg_wal_replay_resume()');
    }
  });

  it('keeps answering from the primary when the standby stops, and the admin sees it', async () => {
    await asPostgres(path.join(pgBin(), 'pg_ctl'), ['-D', path.join(dir!, 'data'), '-m', 'fast', '-w', 'stop']);
    standbyRunning = false;
    const visitor = supertest(t.app);
    await visitor.get('/publik').expect(200);
    await visitor.get('/publik/statistik').expect(200);
    await visitor.get('/publik/data.json').expect(200);
    const total = await received();
    expect(total).to.be.greaterThan(0);
    expect(replicas[0]!.status().state).to.equal('down');
    const admin = await loginAs(t, 'admin');
    const health = await admin.agent.get('/admin/kesehatan').set('Accept-Language', 'id').expect(200);
    expect(health.text).to.contain('Replika');
  });
});
