import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { logLines, runTs, type Spawned } from '../helpers/process.js';

interface Answer {
  status?: number;
  body: string;
  /** The connection failed: refused (never taken), or reset or closed before any answer. */
  error?: string;
}

/** One request on a keep-alive agent, as a browser or an API client sends it. */
function send(port: number, agent: http.Agent, method: string, pathname: string, json?: unknown): Promise<Answer> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathname,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ body: text, error: err.code ?? err.message }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ body: '', error: err.code ?? err.message }));
    req.end(body);
  });
}

/**
 * Issue 25: an app process told to stop (SIGTERM, as a deployment or a load balancer's
 * rolling restart does) while keep-alive clients keep sending reports and opening pages
 * must exit, with code 0, and answer every request it took before it goes: a citizen
 * whose report was saved gets its code, not a cut connection, and no page fails because
 * the database closed under it.
 */
describe('stopping the server under load', function () {
  // A real process on a new database: its first start takes seconds.
  this.timeout(120_000);
  const RUN = Date.now().toString(36);
  let dataDir: string | undefined;
  let server: TestDatabase | undefined;
  let app: Spawned | undefined;

  after(async () => {
    await app?.stop();
    await server?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request it took, then exits with code 0', async () => {
    let env: Record<string, string>;
    if (onServer()) {
      server = await createTestDatabase();
      env = { DATABASE_URL: server.url! };
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epengaduan-stop-'));
      env = { DATA_DIR: dataDir };
    }
    app = runTs('src/server.ts', { ...env, PORT: '0', REPORT_IP_LIMIT_PER_HOUR: '100000' });
    await app.waitFor(/e-Pengaduan is ready/);
    const port = logLines(app, 'e-Pengaduan is ready')[0]!.port as number;

    const agent = new http.Agent({ keepAlive: true });
    const category = (JSON.parse((await send(port, agent, 'GET', '/api/v1/categories')).body) as { id: number }[])[0]!.id;
    const region = (JSON.parse((await send(port, agent, 'GET', '/api/v1/regions?level=desa')).body) as { code: string }[])[0]!.code;

    // Six clients, each on its own keep-alive connection, one request after the other until
    // the server no longer takes connections: reports through the API and public pages.
    const answers: { what: string; answer: Answer }[] = [];
    const acknowledged = new Set<string>();
    let sent = 0;
    let loaded: () => void;
    const underLoad = new Promise<void>((resolve) => (loaded = resolve));
    const client = async (c: number) => {
      const own = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (let n = 0; ; n++) {
        const title = `Jalan berlubang di depan rumah ${RUN}-${c}-${n}`;
        const [what, answer] =
          n % 3 === 0
            ? [title, await send(port, own, 'POST', '/api/v1/reports', {
              kind: 'pengaduan',
              title,
              body: `Jalan di depan rumah nomor ${c}-${n} berlubang dan membahayakan pengendara sejak pekan lalu.`,
              categoryId: category,
              regionCode: region,
              reporter: { name: `Warga ${c}`, email: `warga.${RUN}.${c}.${n}@example.com` },
              consent: true,
            })]
            : n % 3 === 1 ? ['GET /lacak', await send(port, own, 'GET', '/lacak')] : ['GET /publik', await send(port, own, 'GET', '/publik?q=jalan')];
        answers.push({ what, answer });
        if (answer.status === 201) acknowledged.add(title);
        if (++sent === 36) loaded();
        if (answer.error) return own.destroy();
      }
    };
    const clients = Promise.all([0, 1, 2, 3, 4, 5].map(client));

    // Stopped while every client has a request on its way.
    await underLoad;
    app.child.kill('SIGTERM');
    const code = await app.exited;
    await clients;
    agent.destroy();

    expect(code, app.output().slice(-3000)).to.equal(0);
    expect(logLines(app, 'shutdown did not finish in time; exiting')).to.deep.equal([]);
    // Taken by the app and never answered: the connection closed under the request.
    expect(logLines(app, 'request aborted').map((l) => l.req), 'requests taken and never answered').to.deep.equal([]);
    expect(answers.filter((a) => (a.answer.status ?? 0) >= 500).map((a) => a.what), 'answered with a server error').to.deep.equal([]);
    // Every report the database kept was answered with its code to the one who sent it.
    // The embedded database is read once the process has let go of its folder.
    const database: Database = server ?? (await openDatabase({ dataDir: dataDir! }));
    try {
      const stored = await database.db.selectFrom('reports').select('title').where('title', 'like', `%${RUN}-%`).execute();
      expect(stored.length).to.be.greaterThan(0);
      expect(stored.map((r) => r.title).filter((t) => !acknowledged.has(t)), 'saved, but the sender got no answer').to.deep.equal([]);
    } finally {
      if (!server) await database.close();
    }
  });
});
