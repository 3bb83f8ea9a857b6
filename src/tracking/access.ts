import type { Request, RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { normalizeCode, normalizeSecret, secretMatches } from '../reports/tracking.js';
import { notFound } from '../shared/errors.js';

declare module 'express-session' {
  interface SessionData {
    /** Reports this browser has opened with their secret: code -> true. */
    tracked?: string[];
  }
}

const MAX_TRACKED = 20;

/**
 * The report behind a code and secret, or undefined. An unknown code and a wrong secret
 * are the same answer, so a code alone reveals nothing.
 */
export async function findByCodeAndSecret(db: Db, code: unknown, secret: unknown): Promise<Report | undefined> {
  const c = normalizeCode(code);
  const s = normalizeSecret(secret);
  if (!c || !s) return undefined;
  const report = await db.selectFrom('reports').selectAll().where('tracking_code', '=', c).executeTakeFirst();
  return report && secretMatches(s, report.tracking_secret_hash) ? report : undefined;
}

/** After the secret was shown, this browser may act on the report for the session. */
export function grantTracking(req: Request, code: string): void {
  const list = (req.session.tracked ?? []).filter((c) => c !== code);
  req.session.tracked = [code, ...list].slice(0, MAX_TRACKED);
}

export function hasTracking(req: Request, code: string): boolean {
  return req.session?.tracked?.includes(code) ?? false;
}

export async function findTrackedInSession(db: Db, req: Request, code: unknown): Promise<Report | undefined> {
  const c = normalizeCode(code);
  if (!c || !hasTracking(req, c)) return undefined;
  return db.selectFrom('reports').selectAll().where('tracking_code', '=', c).executeTakeFirst();
}

/**
 * Before an upload's body is read: a browser without this report's access in its session
 * is answered 404 (as the action itself would) and none of its files touch the disk.
 */
export const requireTrackingAccess: RequestHandler = (req, _res, next) => {
  const code = normalizeCode(req.params.code);
  next(code && hasTracking(req, code) ? undefined : notFound());
};
