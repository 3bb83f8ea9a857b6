import net from 'node:net';
import { expect } from 'chai';
import supertest from 'supertest';
import { openDatabase } from '../../src/db/database.js';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase, onServer } from '../helpers/db.js';

describe('health checks', () => {
  it('/healthz and /readyz answer 200 while the database answers', async () => {
    const t = await buildTestApp();
    await supertest(t.app).get('/healthz').expect(200, { status: 'ok' });
    const res = await supertest(t.app).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', database: 'ok' });
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('/readyz answers 503 when the database is gone, while /healthz still answers', async () => {
    const database = await createTestDatabase();
    const t = await buildTestApp({}, database);
    await database.close();
    const res = await supertest(t.app).get('/readyz').expect(503);
    expect(res.body).to.deep.equal({ status: 'unavailable', database: 'unreachable' });
    await supertest(t.app).get('/healthz').expect(200);
    await database.drop();
  });

  // A database server that goes away and comes back needs a server: on the embedded
  // database the database lives and dies with the process.
  if (onServer()) {
    it('/readyz recovers by itself when the database server comes back', async function () {
      this.timeout(30_000);
      const database = await createTestDatabase();
      const upstream = new URL(database.url!);
      // A TCP proxy in front of the server that we can cut and restore.
      const sockets = new Set<net.Socket>();
      let proxy = await startProxy();
      function startProxy(port = 0): Promise<net.Server> {
        return new Promise((resolve) => {
          const server = net.createServer((client) => {
            const up = net.connect(Number(upstream.port || 5432), upstream.hostname);
            sockets.add(client).add(up);
            client.pipe(up).pipe(client);
            const close = () => {
              client.destroy();
              up.destroy();
            };
            client.on('error', close).on('close', close);
            up.on('error', close).on('close', close);
          });
          server.listen(port, '127.0.0.1', () => resolve(server));
        });
      }
      const port = (proxy.address() as net.AddressInfo).port;
      const viaProxy = new URL(database.url!);
      viaProxy.host = `127.0.0.1:${port}`;
      const proxied = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '', poolMax: 2 });
      const t = await buildTestApp({}, { ...proxied, drop: async () => {} });
      await supertest(t.app).get('/readyz').expect(200);

      // Cut: no new connections, and the open ones die like a server restart kills them.
      const closed = new Promise<void>((resolve) => proxy.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      await supertest(t.app).get('/readyz').expect(503);
      await supertest(t.app).get('/readyz').expect(503);

      proxy = await startProxy(port);
      await supertest(t.app).get('/readyz').expect(200);
      await proxied.close();
      const done = new Promise<void>((resolve) => proxy.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await done;
      await database.drop();
    });
  }
});
