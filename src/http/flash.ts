import type { Request } from 'express';

export interface Flash {
  kind: 'success' | 'info' | 'error';
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    flash?: Flash[];
  }
}

/** A one-time notice shown on the next page (after a redirect). */
export function flash(req: Request, kind: Flash['kind'], message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, message }];
}

export function takeFlash(req: Request): Flash[] {
  const messages = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  return messages;
}
