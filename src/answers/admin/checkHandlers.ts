import type { Request, Response } from 'express';
import type { Db } from '../../db/database.js';
import { flash } from '../../http/flash.js';
import { setSetting } from '../../settings/commands/setSetting.js';
import { getSetting } from '../../settings/queries.js';
import type { FieldErrors } from '../../shared/errors.js';
import { type CheckForm, fromForm, toForm } from './checkForm.js';

export const CHECK_PATH = '/admin/jawaban/pemeriksa';

/** The form's fields in order, each with its textarea's rows (0: a number). */
const FIELDS: [keyof CheckForm, number][] = [
  ['maxSentenceWords', 0],
  ['minWords', 0],
  ['minSharedKeywords', 0],
  ['abbreviations', 12],
  ['phrases', 12],
  ['stopWords', 8],
  ['greetings', 8],
];

/** /admin/jawaban/pemeriksa: the draft checker's thresholds and word lists (src/answers/check/). */
export function checkSettingsHandlers(db: Db) {
  function render(res: Response, values: CheckForm, errors?: FieldErrors) {
    const t = res.locals.t;
    const fields = FIELDS.map(([name, rows]) => ({
      name,
      label: t(`answers:check.settings.fields.${name}`),
      hint: t(`answers:check.settings.hints.${name}`),
      value: values[name],
      error: errors?.[name],
      number: rows === 0,
      rows,
    }));
    res.render('answers/checkSettings', { title: t('answers:check.settings.title'), fields, errors });
  }

  return {
    async page(_req: Request, res: Response) {
      render(res, toForm(await getSetting(db, 'answerCheck')));
    },

    /** The form again with what was typed, for what the schema or the line reader refused. */
    invalid(req: Request, res: Response, errors: FieldErrors) {
      const b = (req.body ?? {}) as Record<string, unknown>;
      render(res, Object.fromEntries(FIELDS.map(([k]) => [k, typeof b[k] === 'string' ? b[k] : ''])) as unknown as CheckForm, errors);
    },

    async save(req: Request, res: Response) {
      const settings = fromForm(req.input as Parameters<typeof fromForm>[0]);
      await setSetting(db, 'answerCheck', settings, req.user!.id);
      req.log?.info({ by: req.user!.id }, 'answer check settings changed');
      flash(req, 'success', res.locals.t('answers:check.settings.saved'));
      res.redirect(303, CHECK_PATH);
    },
  };
}
