import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import { createUser } from '../../src/users/commands/createUser.js';
import { csrfFrom, uniqueEmail } from '../helpers/app.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { logLines, runTs, type Spawned } from '../helpers/process.js';

interface Answer {
  status: number;
  body: string;
  setCookie: string[];
  location?: string;
}

/**
 * One request on a connection of its own (no agent): node:cluster hands each new
 * connection to the next process in turn, so consecutive requests reach different ones.
 */
function request(port: number, method: string, pathname: string, opts: { cookie?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathname,
        agent: false,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, setCookie: res.headers['set-cookie'] ?? [], location: res.headers.location }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function sessionCookie(answer: Answer, previous?: string): string | undefined {
  const set = answer.setCookie.find((c) => c.startsWith('epengaduan.sid='));
  return set ? set.split(';')[0] : previous;
}

/** The pids of a process's children: the primary's workers. */
function childrenOf(pid: number): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * WEB_CONCURRENCY (src/cluster.ts): several app processes share one port, as `npm start`
 * runs them on a PostgreSQL server. What a user would notice: the site answers from every
 * process with the same sign-in, it survives one process dying, the first start prints its
 * one admin login once, a stop ends them all, and a start that cannot work says why and
 * ends instead of trying forever.
 */
describe('several app processes on one port (WEB_CONCURRENCY)', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let app: Spawned | undefined;

  before(async function () {
    if (!onServer()) this.skip(); // The embedded database serves one process only (refused below).
    // Empty: the primary migrates it and makes the first admin, once.
    database = await createTestDatabase({ migrate: false });
  });
  after(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('serves one signed-in session from every process, replaces a process that dies, and stops them all', async () => {
    // No SESSION_SECRET: each process would make up its own in a test run; the primary settles one for all.
    app = runTs('src/server.ts', { DATABASE_URL: database.url, PORT: '0', WEB_CONCURRENCY: '2' });
    await app.waitFor(/"processes":2,.*"msg":"e-Pengaduan is ready"/);
    // The words for the person at the terminal follow the log line.
    await app.waitFor(/npm run user -- reset-password/);
    const ready = logLines(app, 'e-Pengaduan is ready');
    const port = ready.find((l) => l.processes === 2)!.port as number;
    // The first admin's login is printed once, by the primary, not once per process.
    expect(app.output().match(/First start: an administrator account was created/g)).to.have.length(1);
    expect(app.output().match(/Citizens report at/g)).to.have.length(1);
    expect(logLines(app, 'database migrated')).to.have.length(1);
    const workers = childrenOf(app.child.pid!);
    expect(workers).to.have.length(2);

    const { user, password } = await createUser(database.db, { email: uniqueEmail('coordinator'), name: 'Koordinator Proses', role: 'coordinator', agencyId: null });
    const form = await request(port, 'GET', '/masuk');
    let cookie = sessionCookie(form);
    const signIn = await request(port, 'POST', '/masuk', { cookie, form: { _csrf: csrfFrom(form.body), email: user.email, password } });
    expect(signIn.status, signIn.body).to.equal(303);
    cookie = sessionCookie(signIn, cookie);
    // Six connections, three to each process in turn: signed in on every one.
    for (let i = 0; i < 6; i++) {
      const page = await request(port, 'GET', '/akun/sandi', { cookie });
      expect(page.status, `request ${i}: ${page.location ?? ''}`).to.equal(200);
      expect(page.body).to.include('Koordinator Proses');
    }

    // A process that dies is replaced; meanwhile the other one answers.
    process.kill(workers[0]!, 'SIGKILL');
    await app.waitFor(/"msg":"an app process died; starting another"/);
    for (let i = 0; i < 4; i++) expect((await request(port, 'GET', '/healthz')).status).to.equal(200);
    await app.waitFor(/"process":3,.*"msg":"e-Pengaduan is ready"/);
    const now = childrenOf(app.child.pid!);
    expect(now).to.have.length(2);
    expect(now).to.not.include(workers[0]);
    for (let i = 0; i < 4; i++) expect((await request(port, 'GET', '/akun/sandi', { cookie })).status).to.equal(200);

    // A stop stops every process, and the primary reports success.
    app.child.kill('SIGTERM');
    expect(await app.exited).to.equal(0);
    for (const pid of now) expect(() => process.kill(pid, 0), `process ${pid} still running`).to.throw();
    app = undefined;
  });

  it('ends with the reason when its processes cannot start, instead of starting them again and again', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const p = runTs('src/server.ts', { DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(port), WEB_CONCURRENCY: '2' });
      const code = await Promise.race([p.exited, new Promise((r) => setTimeout(() => r('still running'), 60_000))]);
      await p.stop();
      expect(code).to.equal(1);
      expect(p.output()).to.include(`Port ${port} on 127.0.0.1 is already in use`);
      expect(logLines(p, 'an app process died; starting another')).to.deep.equal([]);
    } finally {
      taken.close();
    }
  });

  it('refuses several processes on the embedded database, which one process holds', async () => {
    const p = runTs('src/server.ts', { DATA_DIR: '/nonexistent-never-opened', WEB_CONCURRENCY: '2' });
    expect(await p.exited).to.equal(78);
    expect(p.output()).to.include('WEB_CONCURRENCY: needs DATABASE_URL: the embedded database serves one process only');
  });
});
