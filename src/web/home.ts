import { Router } from 'express';
import Joi from 'joi';
import { setLocale } from '../account/commands/setLocale.js';
import { landingPath } from '../auth/landing.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfProtectionOrSameOrigin } from '../http/csrf.js';
import { LOCALE_COOKIE } from '../http/locale.js';
import { safeNext } from '../http/redirects.js';
import { translator } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { homeFigures } from './homeFigures.js';
import { presentHome } from './homePresenter.js';

const languageSchema = Joi.object({
  lang: Joi.string().valid('id', 'en').required(),
  next: Joi.string().max(2000).allow(''),
});

/** The front page and the language switch, which every page's footer posts to. */
export function homeRouter(db: Db, config: Config): Router {
  const router = Router();
  const figures = homeFigures(db);
  router.get('/', async (req, res) => {
    // Staff start on their own work (auth/landing.ts), not on the citizens' front page.
    if (req.user) return res.redirect(303, landingPath(req.user));
    const t = res.locals.t;
    // The figures are a bonus: without them (the database is slow to answer) the page still says what to do.
    const live = await figures().catch((err: unknown) => {
      req.log?.warn({ err }, 'front page figures not computed');
      return null;
    });
    res.render('home', presentHome(config, live, t, res.locals.locale));
  });
  router.post('/bahasa', csrfProtectionOrSameOrigin, async (req, res) => {
    const { lang, next } = check(languageSchema, req.body, res.locals.t);
    res.cookie(LOCALE_COOKIE, lang, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true });
    if (req.user) await setLocale(db, req.user.id, lang);
    req.session.flash = [{ kind: 'info', message: translator(lang)('web:language.switched') }];
    res.redirect(303, safeNext(next));
  });
  return router;
}
