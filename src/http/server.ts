import http, { type RequestListener } from 'node:http';
import type { Config } from '../config.js';

/**
 * The HTTP server around the app, with its connection timeouts from the settings.
 *
 * Node closes a keep-alive connection idle for 5 s by default, shorter than a load
 * balancer's or proxy's idle timeout (AWS ALB 60 s, nginx upstream keepalive 60 s): the
 * balancer reuses a connection just as Node closes it and the request fails (502 for a
 * user, "fetch failed" for an API client). The server must be the one that waits longer,
 * so the default here is above those. headersTimeout is kept above keepAliveTimeout, as
 * Node requires for the idle timer to be the one that ends an idle connection.
 */
export function createHttpServer(app: RequestListener, config: Pick<Config, 'http'>): http.Server {
  const server = http.createServer(app);
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  server.headersTimeout = config.http.headersTimeoutMs;
  return server;
}
