import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import { createUser } from '../../src/users/commands/createUser.js';
import { createTestDatabase, onServer, type TestDatabase } from '../helpers/db.js';
import { runTs, type Spawned } from '../helpers/process.js';

function readyPort(output: string): number {
  const line = output.split('\n').find((l) => l.includes('e-Pengaduan is ready'));
  return JSON.parse(line!).port as number;
}

/**
 * Two app processes on one PostgreSQL server, as behind a load balancer: a session made
 * on one is good on the other, and a change made through one reaches a staff socket
 * connected to the other (the socket.io PostgreSQL adapter).
 */
if (onServer()) {
  describe('two app processes on one PostgreSQL server', function () {
    this.timeout(120_000);
    let database: TestDatabase;
    const running: Spawned[] = [];
    let socket: Socket | undefined;
    before(async () => {
      database = await createTestDatabase({ migrate: false });
    });
    after(async () => {
      socket?.close();
      await Promise.all(running.map((p) => p.stop()));
      await database.drop();
    });

    it('shares sessions and carries live events between them', async () => {
      const env = { DATABASE_URL: database.url, PORT: '0', MAIL_WORKER: 'false', SLA_SWEEP_MS: '0', SESSION_SECRET: 'rahasia-sesi-bersama-'.padEnd(48, 'x') };
      const [a, b] = [runTs('src/server.ts', env), runTs('src/server.ts', env)];
      running.push(a, b);
      await Promise.all([a.waitFor(/e-Pengaduan is ready/), b.waitFor(/e-Pengaduan is ready/)]);
      const [portA, portB] = [readyPort(a.output()), readyPort(b.output())];
      expect(portA).to.not.equal(portB);

      const email = 'koordinator.dua.proses@test.patikab.go.id';
      const { password } = await createUser(database.db, { email, name: 'Koordinator', role: 'coordinator', agencyId: null });
      // Signed in through A...
      const login = await fetch(`http://127.0.0.1:${portA}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(login.status).to.equal(200);
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
      // ...and known to B.
      const me = await fetch(`http://127.0.0.1:${portB}/api/v1/session`, { headers: { cookie } });
      expect(((await me.json()) as { user?: { email: string } }).user?.email).to.equal(email);

      socket = connect(`http://127.0.0.1:${portB}`, { transports: ['websocket'], extraHeaders: { Cookie: cookie }, reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => {
        socket!.on('connect', () => resolve());
        socket!.on('connect_error', reject);
      });
      const events: { code: string; status: string }[] = [];
      socket.on('reports.changed', (changes: typeof events) => events.push(...changes));
      // Give the adapter's LISTEN a moment on B, then a citizen reports through A.
      await new Promise((r) => setTimeout(r, 500));
      const category = await database.db.selectFrom('categories').select('id').orderBy('id').executeTakeFirstOrThrow();
      const made = await fetch(`http://127.0.0.1:${portA}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'pengaduan', title: 'Lampu jalan padam di dua proses', categoryId: category.id,
          body: 'Lampu jalan di depan pasar padam sejak tiga hari, jalan gelap pada malam hari.',
          reporter: { name: 'Warga', email: null, phone: null, nik: null }, anonymous: false, confidential: false, consent: true,
        }),
      });
      expect(made.status).to.equal(201);
      const { code } = (await made.json()) as { code: string };
      const deadline = Date.now() + 10_000;
      while (!events.some((e) => e.code.replace('-', '') === code.replace('-', '')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(events.map((e) => e.code.replace('-', ''))).to.include(code.replace('-', ''));
    });
  });
}
