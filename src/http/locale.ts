import type { Request, RequestHandler } from 'express';
import { isLocale, type Locale, translator } from '../shared/i18n.js';

export const LOCALE_COOKIE = 'lang';

/**
 * Picks the language of each request: a signed-in user's own setting, then the `lang`
 * cookie set by the language switch, then the configured default. Pages ignore the
 * browser's Accept-Language on purpose: many phones in Indonesia run an English system
 * language, yet their owners expect a government site in Bahasa Indonesia. API clients
 * do choose by Accept-Language. Puts `locale` and `t` on res.locals.
 */
export function localeMiddleware(defaultLocale: Locale): RequestHandler {
  return (req, res, next) => {
    const fromUser = req.user?.locale;
    const fromCookie = req.cookies?.[LOCALE_COOKIE];
    let locale: Locale = defaultLocale;
    if (isLocale(fromUser)) locale = fromUser;
    else if (isLocale(fromCookie)) locale = fromCookie;
    else if (req.path.startsWith('/api/')) locale = apiLocale(req, defaultLocale);
    res.locals.locale = locale;
    res.locals.t = translator(locale);
    next();
  };
}

export function apiLocale(req: Request, fallback: Locale): Locale {
  const accepted = req.headers['accept-language'] ? req.acceptsLanguages('id', 'en') : false;
  return isLocale(accepted) ? accepted : fallback;
}

/** The locale for a request that failed before the middleware above ran. */
export function fallbackLocale(req: Request, defaultLocale: Locale): Locale {
  const fromCookie = req.cookies?.[LOCALE_COOKIE] ?? /(?:^|;\s*)lang=(id|en)\b/.exec(req.headers.cookie ?? '')?.[1];
  if (isLocale(fromCookie)) return fromCookie;
  return req.path.startsWith('/api/') ? apiLocale(req, defaultLocale) : defaultLocale;
}
