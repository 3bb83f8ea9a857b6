import type { Request, Response } from 'express';
import type { Db } from '../../db/database.js';
import { flash } from '../../http/flash.js';
import { listCategoryOptions } from '../../routing/queries.js';
import { setSetting } from '../../settings/commands/setSetting.js';
import { getSetting } from '../../settings/queries.js';
import { type FieldErrors, notFound } from '../../shared/errors.js';
import { PLACEHOLDERS } from '../placeholders.js';
import { createTemplate, setTemplateActive, updateTemplate } from './commands/templates.js';
import { findTemplate, listTemplates } from './queries.js';
import type { TemplateInput } from './schema.js';

export const PATH = '/admin/jawaban';

interface FormValues {
  name: string;
  categoryId: string;
  body: string;
  sortOrder: string;
}

const formValues = (v: Partial<Record<keyof FormValues, unknown>> = {}): FormValues => ({
  name: String(v.name ?? ''),
  categoryId: v.categoryId === null || v.categoryId === undefined ? '' : String(v.categoryId),
  body: String(v.body ?? ''),
  sortOrder: v.sortOrder === undefined ? '0' : String(v.sortOrder),
});

/**
 * The values a refused form shows again: as the schema converted them when it was the
 * command that refused, as sent when it was the schema (req.input is then unset).
 */
const refusedValues = (req: Request): FormValues => formValues((req.input ?? req.body ?? {}) as Partial<Record<keyof FormValues, unknown>>);

function templateId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

/** /admin/jawaban: answer templates per category, and whether coordinators validate answers. */
export function answerAdminHandlers(db: Db) {
  async function categories(selected: string) {
    return (await listCategoryOptions(db)).map((c) => ({ value: c.id, label: c.name, selected: String(c.id) === selected }));
  }

  async function renderList(res: Response, values: FormValues, errors?: FieldErrors) {
    const t = res.locals.t;
    const [templates, validation, options] = await Promise.all([listTemplates(db), getSetting(db, 'answerValidation'), categories(values.categoryId)]);
    res.render('answers/templates', {
      title: t('answers:admin.title'),
      templates: templates.map((x) => ({ ...x, category: x.category ?? t('answers:admin.allCategories') })),
      validation,
      placeholders: PLACEHOLDERS.map((p) => ({ token: `{${p}}`, label: t(`answers:admin.placeholders.${p}`) })),
      values,
      errors,
      categories: options,
    });
  }

  async function renderEdit(res: Response, id: number, values: FormValues, errors?: FieldErrors) {
    const t = res.locals.t;
    res.render('answers/template', {
      title: t('answers:admin.editTitle', { name: values.name }),
      action: `${PATH}/${id}`,
      values,
      errors,
      categories: await categories(values.categoryId),
      placeholders: PLACEHOLDERS.map((p) => ({ token: `{${p}}`, label: t(`answers:admin.placeholders.${p}`) })),
    });
  }

  return {
    async list(_req: Request, res: Response) {
      await renderList(res, formValues());
    },

    /** The list with its form again, for what the schema or createTemplate refused. */
    async invalidCreate(req: Request, res: Response, errors: FieldErrors) {
      await renderList(res, refusedValues(req), errors);
    },

    async create(req: Request, res: Response) {
      const input = req.input as TemplateInput;
      const id = await createTemplate(db, input);
      req.log?.info({ templateId: id, by: req.user!.id }, 'answer template created');
      flash(req, 'success', res.locals.t('answers:admin.created', { name: input.name }));
      res.redirect(303, PATH);
    },

    async edit(req: Request, res: Response) {
      const id = templateId(req);
      const row = await findTemplate(db, id);
      if (!row) throw notFound();
      await renderEdit(res, id, formValues({ name: row.name, categoryId: row.category_id, body: row.body, sortOrder: row.sort_order }));
    },

    /** The edit form again, for what the schema or updateTemplate refused. */
    async invalidUpdate(req: Request, res: Response, errors: FieldErrors) {
      await renderEdit(res, templateId(req), refusedValues(req), errors);
    },

    async update(req: Request, res: Response) {
      const id = templateId(req);
      const input = req.input as TemplateInput;
      if (!(await updateTemplate(db, id, input))) throw notFound();
      req.log?.info({ templateId: id, by: req.user!.id }, 'answer template updated');
      flash(req, 'success', res.locals.t('answers:admin.updated', { name: input.name }));
      res.redirect(303, PATH);
    },

    setActive(active: boolean) {
      return async (req: Request, res: Response) => {
        const id = templateId(req);
        if (!(await setTemplateActive(db, id, active))) throw notFound();
        req.log?.info({ templateId: id, active, by: req.user!.id }, 'answer template active changed');
        flash(req, 'success', res.locals.t(active ? 'answers:admin.activated' : 'answers:admin.deactivated'));
        res.redirect(303, PATH);
      };
    },

    async saveSettings(req: Request, res: Response) {
      const on = Boolean((req.input as { answerValidation?: string }).answerValidation);
      await setSetting(db, 'answerValidation', on, req.user!.id);
      req.log?.info({ answerValidation: on, by: req.user!.id }, 'answer validation setting changed');
      flash(req, 'success', res.locals.t(on ? 'answers:admin.validationOn' : 'answers:admin.validationOff'));
      res.redirect(303, PATH);
    },
  };
}
