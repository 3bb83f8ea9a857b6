import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createHttpServer } from '../../src/http/server.js';
import { buildTestApp, testConfig } from '../helpers/app.js';

/** GET path on the agent's one connection; whether that connection had served a request before. */
function get(port: number, agent: http.Agent, path: string): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

describe('HTTP server behind a load balancer', function () {
  this.timeout(60_000);

  it('keeps an idle connection open longer than Node’s old 5 s, so a balancer reusing it is served', async () => {
    const { app, config } = await buildTestApp();
    const server = createHttpServer(app, config);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Like a balancer's pool: one connection, kept and reused.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(port, agent, '/healthz')).to.deep.equal({ status: 200, reused: false });
      // Idle past Node's default keepAliveTimeout (5 s): with it, the server would have closed
      // the connection and this request would go out on a new one (or fail in the race).
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect(await get(port, agent, '/lapor')).to.deep.equal({ status: 200, reused: true });
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes its timeouts from the settings, headers above keep-alive, and refuses the reverse', () => {
    expect(testConfig().http).to.deep.equal({ keepAliveTimeoutMs: 75_000, headersTimeoutMs: 76_000 });
    expect(testConfig({ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '620' }).http).to.deep.equal({ keepAliveTimeoutMs: 620_000, headersTimeoutMs: 621_000 });
    expect(() => testConfig({ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '90', HTTP_HEADERS_TIMEOUT_SECONDS: '60' })).to.throw(/HTTP_HEADERS_TIMEOUT_SECONDS/);
  });
});
