import { Router } from 'express';
import type { Database } from '../db/database.js';

/**
 * /healthz: the process is up (for restarts). /readyz: the database answers (for load
 * balancers). Both are cheap, unauthenticated, and never cached.
 */
export function healthRouter(database: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await database.ping(2_000);
      res.json({ status: 'ok', database: 'ok' });
    } catch (err) {
      req.log?.warn({ err: (err as Error).message }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}
