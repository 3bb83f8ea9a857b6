import type { Request, RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { Report } from '../db/schema.js';
import { normalizeCode, normalizeSecret, secretMatches } from '../reports/tracking.js';
import { notFound } from '../shared/errors.js';
import { redeemResentSecret } from './commands/resendLink.js';

declare module 'express-session' {
  interface SessionData {
    /**
     * Reports this browser opened with their secret: code -> when the access ends (ms since
     * the epoch), moved on each time it is used. (An older session's `tracked` list is
     * simply no access.)
     */
    tracking?: Record<string, number>;
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
  if (!report) return undefined;
  if (secretMatches(s, report.tracking_secret_hash)) return report;
  // A new secret from "Kirim ulang tautan", opened for the first time.
  return redeemResentSecret(db, report, s);
}

/**
 * After the secret was shown, this browser may act on the report for `idleMinutes` after
 * each use (TRACKING_ACCESS_MINUTES). The session gets a new id first, keeping what it held:
 * a session id planted in the browser beforehand (session fixation) never gains the access.
 */
export async function grantTracking(req: Request, code: string, idleMinutes: number): Promise<void> {
  const kept = Object.fromEntries(Object.entries(req.session).filter(([k]) => k !== 'cookie'));
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  Object.assign(req.session, kept);
  const now = Date.now();
  const live = Object.entries(req.session.tracking ?? {}).filter(([c, until]) => c !== code && until > now);
  req.session.tracking = Object.fromEntries([[code, now + idleMinutes * 60_000], ...live].slice(0, MAX_TRACKED));
}

/** Whether this browser may act on the report now; each use moves the end on. */
export function hasTracking(req: Request, code: string, idleMinutes: number): boolean {
  const until = req.session?.tracking?.[code];
  if (until === undefined) return false;
  const now = Date.now();
  if (until <= now) {
    delete req.session.tracking![code];
    return false;
  }
  // Moved on at most once a minute: a page view need not rewrite the session row each time.
  const idleMs = idleMinutes * 60_000;
  if (now - (until - idleMs) >= 60_000) req.session.tracking![code] = now + idleMs;
  return true;
}

/** "Keluar": this browser gives up the report; its page asks for the code and secret again. */
export function leaveTracking(req: Request, code: string): void {
  if (req.session?.tracking) delete req.session.tracking[code];
}

export async function findTrackedInSession(db: Db, req: Request, code: unknown, idleMinutes: number): Promise<Report | undefined> {
  const c = normalizeCode(code);
  if (!c || !hasTracking(req, c, idleMinutes)) return undefined;
  const [report] = await reportByCode.execute(db, { code: c });
  return report;
}

// Every tracking page view reads it: compiled once (db/precompiled.ts).
const reportByCode = precompiled((db, p: { code: string }) => db.selectFrom('reports').selectAll().where('tracking_code', '=', p.code), { prepared: true });

/**
 * Before an upload's body is read: a browser without this report's access in its session
 * is answered 404 (as the action itself would) and none of its files touch the disk.
 */
export function requireTrackingAccess(idleMinutes: number): RequestHandler {
  return (req, _res, next) => {
    const code = normalizeCode(req.params.code);
    next(code && hasTracking(req, code, idleMinutes) ? undefined : notFound());
  };
}
