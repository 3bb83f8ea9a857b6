import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import connectPgSimple from 'connect-pg-simple';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

const PgStore = connectPgSimple(session);

/** How often, at most, one process moves a session's expiry forward for mere page views. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/**
 * The PostgreSQL store, writing a session's new expiry for a page view at most once a
 * minute per session (per process) instead of on every request. With `rolling`,
 * express-session touches every unchanged session it served: an UPDATE per page view for
 * every signed-in user and tracking citizen. A session whose data changed is saved in full
 * as before (and counts as touched). The idle timeout stays true to the minute: the row's
 * expiry trails the last request by at most the interval, so an idle session ends between
 * SESSION_MAX_AGE_HOURS minus one minute and SESSION_MAX_AGE_HOURS after its last use.
 */
export class ThrottledTouchStore extends PgStore {
  readonly #touchedAt = new Map<string, number>();
  /** What was last stored of each session object (one per request), by the object: gone with the request. */
  readonly #saved = new WeakMap<object, string>();
  readonly #interval: number;
  #sweptAt = Date.now();

  constructor(options: ConstructorParameters<typeof PgStore>[0] & { touchIntervalMs?: number }) {
    const { touchIntervalMs, ...rest } = options;
    super(rest);
    this.#interval = touchIntervalMs ?? SESSION_TOUCH_INTERVAL_MS;
  }

  override touch(sid: string, sess: session.SessionData, callback?: () => void): void {
    const now = Date.now();
    this.#sweep(now);
    const last = this.#touchedAt.get(sid);
    if (last !== undefined && now - last < this.#interval) {
      callback?.();
      return;
    }
    this.#touchedAt.set(sid, now);
    super.touch(sid, sess, callback);
  }

  override set(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    // The same request's session saved again with nothing changed: once before a redirect
    // (saveSessionBeforeRedirect), then by express-session as the response ends, which
    // cannot see the first save when the session was regenerated (it only tracks saves
    // of the session it loaded). The row already holds it; the expiry it would move is a
    // touch, already throttled.
    const content = `${sid}\n${JSON.stringify({ ...sess, cookie: undefined })}`;
    if (this.#saved.get(sess) === content) {
      callback?.();
      return;
    }
    this.#touchedAt.set(sid, Date.now());
    super.set(sid, sess, (err?: unknown) => {
      if (!err) this.#saved.set(sess, content);
      callback?.(err);
    });
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.#touchedAt.delete(sid);
    super.destroy(sid, callback);
  }

  /** Forgets sessions not seen for an interval, so the map holds only the ones in use. */
  #sweep(now: number): void {
    if (now - this.#sweptAt < this.#interval) return;
    this.#sweptAt = now;
    for (const [sid, at] of this.#touchedAt) if (now - at >= this.#interval) this.#touchedAt.delete(sid);
  }
}

export const SESSION_COOKIE = 'epengaduan.sid';

export function hasSessionCookie(req: Request): boolean {
  return (req.headers.cookie ?? '').split(/;\s*/).some((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

/** Sessions live in PostgreSQL (table `session`), so any app process can serve any user. */
export function sessionMiddleware(config: Config, pool: pg.Pool, logger: Logger): RequestHandler {
  const handler = session({
    name: SESSION_COOKIE,
    store: new ThrottledTouchStore({
      pool,
      tableName: 'session',
      createTableIfMissing: false,
      // Expired rows are pruned hourly; on PGlite the prune shares the one connection.
      pruneSessionInterval: 60 * 60,
      errorLog: (...args: unknown[]) => logger.warn({ detail: args.map(String).join(' ') }, 'session store error'),
    }),
    secret: sessionSecret(config),
    resave: false,
    // No row for visitors until something (a CSRF token, a login) is stored.
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: config.sessionMaxAgeHours * 3600 * 1000,
    },
  });
  // express-session saves while the response ends, and hands a failed save (the database
  // away) to the `next` it was given, a second time. By then the router has run to its end,
  // so the error reaches Express's final handler, which destroys the socket of a response
  // already written: the client sees a cut connection instead of the page. Only the
  // first call goes on; a late one is logged.
  return (req, res, next) => {
    let called = false;
    handler(req, res, (err?: unknown) => {
      if (!called) {
        called = true;
        return next(err);
      }
      if (err) logger.warn({ err: (err as Error).message }, 'session not saved after the response');
    });
  };
}

/**
 * SESSION_SECRET is required in production (config enforces it). Elsewhere one is made
 * on first start and kept beside the embedded database, so logins survive a restart.
 * With several processes their primary settles it once and gives it to each (server.ts).
 */
export function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.env === 'test') return crypto.randomBytes(32).toString('hex');
  const file = path.join(config.dataDir, 'session-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/**
 * express-session saves a changed session while the response ends, after the headers
 * went out. A browser may follow a redirect on the headers alone and arrive before the
 * save (seen with a PostgreSQL server: the tracking link landed on the lookup form). So
 * every redirect waits for the session to be stored first, when there is one to store.
 */
export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const session = req.session as (typeof req.session & Record<string, unknown>) | undefined;
    const holdsData = session && Object.keys(session).some((k) => k !== 'cookie');
    if (!session || !holdsData) return redirect(...args);
    session.save(() => redirect(...args));
  }) as typeof res.redirect;
  next();
};
