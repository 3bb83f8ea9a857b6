import type { Request, RequestHandler } from 'express';
import { parseIdempotencyKey } from './key.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer given again for a repeat (the name Stripe and most APIs use). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

const keys = new WeakMap<Request, string>();

/**
 * Reads the Idempotency-Key header before the body is received: a malformed key is refused
 * (422) before any file is uploaded. No header: the request goes on as without one.
 */
export const idempotencyKeyHeader: RequestHandler = (req, _res, next) => {
  const key = parseIdempotencyKey(req.get(IDEMPOTENCY_KEY_HEADER), IDEMPOTENCY_KEY_HEADER);
  if (key) keys.set(req, key);
  next();
};

/** The key idempotencyKeyHeader read from this request, if it sent one. */
export function idempotencyKeyOf(req: Request): string | undefined {
  return keys.get(req);
}
