import { Router } from 'express';
import Joi from 'joi';
import { setLocale } from '../account/commands/setLocale.js';
import type { Db } from '../db/database.js';
import { csrfProtectionOrSameOrigin } from '../http/csrf.js';
import { LOCALE_COOKIE } from '../http/locale.js';
import { safeNext } from '../http/redirects.js';
import { translator } from '../shared/i18n.js';
import { check } from '../shared/validation.js';

const languageSchema = Joi.object({
  lang: Joi.string().valid('id', 'en').required(),
  next: Joi.string().max(2000).allow(''),
});

/** The front page and the language switch, which every page's footer posts to. */
export function homeRouter(db: Db): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const t = res.locals.t;
    res.render('home', {
      title: t('web:home.title'),
      staff: req.user ? { name: req.user.name, role: t(`web:roles.${req.user.role}`) } : null,
    });
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
