import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { unauthorized } from '../shared/errors.js';
import { markTokenUsed } from './commands/markTokenUsed.js';
import { toSessionUser } from './queries.js';

/**
 * API tokens for integrations: `Authorization: Bearer epg_...`. 256 random bits, shown
 * once, stored as a SHA-256 hash. A token acts as its user, with the user's role and
 * OPD, and stops working when revoked or when the user is deactivated. Requests that
 * carry a token carry no session cookie, so they need no CSRF token.
 */
export const TOKEN_PREFIX = 'epg_';

export function newApiToken(): string {
  return `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function bearerAuth(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header || !req.path.startsWith('/api/')) return next();
    const match = /^Bearer\s+(epg_[A-Za-z0-9_-]{20,100})$/.exec(header);
    if (!match) return next(unauthorized());
    try {
      const row = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .selectAll('u')
        .select('t.id as token_id')
        .where('t.token_hash', '=', hashApiToken(match[1]!))
        .where('t.revoked_at', 'is', null)
        .where('u.active', '=', true)
        .executeTakeFirst();
      if (!row) return next(unauthorized());
      await markTokenUsed(db, row.token_id);
      req.user = toSessionUser(row);
      next();
    } catch (err) {
      next(err);
    }
  };
}
