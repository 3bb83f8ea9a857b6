import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, RequestHandler } from 'express';

/**
 * Who is asking and from where, for the audit log. Commands know what they do but not
 * the HTTP request; rather than thread the address and browser through every command's
 * props, the request is kept here for the length of its handling, and recordAudit reads
 * it. Outside a request (the sweeper, the command line) there is none: the actor is then
 * the system, unless the caller names one.
 */
const storage = new AsyncLocalStorage<Request>();

/**
 * Mounted after the session and passport (so req.user is known) and the body parsers
 * (whose stream callbacks would otherwise run outside the context).
 */
export const auditContext: RequestHandler = (req, _res, next) => {
  storage.run(req, next);
};

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  user: { id: number; role: string; name: string } | null;
}

export function currentRequest(): RequestContext | undefined {
  const req = storage.getStore();
  if (!req) return undefined;
  return {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
    user: req.user ? { id: req.user.id, role: req.user.role, name: req.user.name } : null,
  };
}
