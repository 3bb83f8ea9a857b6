import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

/** A route or middleware layer of an Express router, as far as the gate reads it. */
interface Layer {
  route?: { path?: unknown };
  /** The path the layer was made with (router 2.x); absent or not a string: unknown. */
  rawPath?: unknown;
}

/**
 * The first path segment of every layer of `router`, lower-cased ('lacak' for
 * '/lacak/:code'), or undefined when one of them could match under any segment (a
 * middleware without a path, a parameter or pattern first, a regular expression).
 */
function firstSegments(router: Router): Set<string> | undefined {
  const segments = new Set<string>();
  for (const layer of router.stack as Layer[]) {
    const raw = layer.route ? layer.route.path : layer.rawPath;
    for (const path of Array.isArray(raw) ? raw : [raw]) {
      if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
      const first = path.split('/')[1]!;
      if (/[:*?(){}\\]/.test(first)) return undefined;
      if (first === '' && !layer.route) return undefined; // router.use(fn): every path
      segments.add(first.toLowerCase());
    }
  }
  return segments;
}

/**
 * A capability's router, entered only by requests whose first path segment one of its
 * routes starts with. Express tries every layer of every router in turn, matching each
 * route's pattern against the path: a request for one of the last routers was matched
 * against some two hundred patterns first, on every request (~4 % of an API submission's
 * CPU under load). The segments are read from the router's own routes on its first request
 * (they are all declared by then), so no route is listed twice; a router with a layer that
 * could match under any segment is always entered, as without the gate. Matching itself
 * stays Express's, case-insensitive as its default routing is.
 */
export function gated(router: Router): RequestHandler {
  let segments: Set<string> | null | undefined = null;
  const gate = (req: Request, res: Response, next: NextFunction) => {
    if (segments === null) segments = firstSegments(router);
    if (segments && !segments.has((req.path.split('/')[1] ?? '').toLowerCase())) return next();
    return router(req, res, next);
  };
  // The router's routes stay where Express keeps a mounted router's (handle.stack), for
  // whatever lists the app's routes (the OpenAPI test does).
  return Object.assign(gate, { stack: router.stack });
}
