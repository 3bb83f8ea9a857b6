import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { useKey } from './commands/useKey.js';
import { forbiddenKey } from './errors.js';

/**
 * Open311 api_keys, issued by an admin to a client application (a civic app, an OPD's
 * own site). Like API tokens (auth/apiTokens.ts): 256 random bits, shown once, stored
 * as a SHA-256 hash (a slow hash buys nothing against 256 bits). A prefix tells them
 * apart from staff API tokens in logs and leaks.
 */
export const KEY_PREFIX = 'o311_';
const KEY_PATTERN = /^o311_[A-Za-z0-9_-]{43}$/;

export function newOpen311Key(): string {
  return `${KEY_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashOpen311Key(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface Open311Client {
  id: number;
  name: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's request types live in a global namespace: augmenting them takes one
  namespace Express {
    interface Locals {
      /** The client whose api_key signed this Open311 request (set by requireApiKey). */
      open311Client?: Open311Client;
    }
  }
}

/**
 * POST requests carry `api_key` in the form body, as the spec says. Missing, malformed,
 * unknown and deactivated keys all get the same 403. The key is removed from the body
 * so that nothing downstream can log or store it. (A failing database rejects the
 * promise, which Express 5 hands to the error handler.)
 */
export function requireApiKey(db: Db): RequestHandler {
  return async (req, res, next) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = body.api_key;
    delete body.api_key;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return next(forbiddenKey());
    const client = await useKey(db, hashOpen311Key(key));
    if (!client) return next(forbiddenKey());
    res.locals.open311Client = client;
    next();
  };
}
