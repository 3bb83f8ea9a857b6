import type { RequestHandler } from 'express';
import { isLocale, type Locale, translator } from './i18n.js';

export const LOCALE_COOKIE = 'lang';

/**
 * Picks the language of each request: a signed-in user's own setting, then the `lang`
 * cookie set by the language switch, then the browser's Accept-Language, then the
 * configured default. Puts `locale` and `t` on res.locals for handlers and views.
 */
export function localeMiddleware(defaultLocale: Locale): RequestHandler {
  return (req, res, next) => {
    const fromUser = req.user?.locale;
    const fromCookie = req.cookies?.[LOCALE_COOKIE];
    let locale: Locale = defaultLocale;
    if (isLocale(fromUser)) locale = fromUser;
    else if (isLocale(fromCookie)) locale = fromCookie;
    else {
      const accepted = req.acceptsLanguages('id', 'en');
      if (isLocale(accepted) && req.headers['accept-language']) locale = accepted;
    }
    res.locals.locale = locale;
    res.locals.t = translator(locale);
    next();
  };
}
