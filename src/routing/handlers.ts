import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import type { Confirmation } from '../http/confirm.js';
import { flash } from '../http/flash.js';
import { type FieldErrors, notFound } from '../shared/errors.js';
import { deleteRule, setRuleActive } from './commands/changeRule.js';
import { createRule } from './commands/createRule.js';
import { formValues, options, presentRule, type RuleFormValues } from './presenter.js';
import { findRule, listAgencyOptions, listCategoryOptions, listKecamatanOptions, listRules } from './queries.js';
import type { RuleInput } from './schema.js';

const PATH = '/admin/rute';

function ruleId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

export function routingHandlers(db: Db) {
  /** The list with the add form under it; the form keeps its values when it fails. */
  async function renderPage(res: Response, values: RuleFormValues, errors?: FieldErrors) {
    const t = res.locals.t;
    const [rules, categories, kecamatan, agencies] = await Promise.all([
      listRules(db), listCategoryOptions(db), listKecamatanOptions(db), listAgencyOptions(db),
    ]);
    res.render('routing/index', {
      title: t('routing:list.title'),
      rules: rules.map((r) => presentRule(r, t)),
      total: rules.length,
      values,
      errors,
      categories: options(categories.map((c) => ({ value: c.id, label: c.name })), values.categoryId),
      kecamatan: options(kecamatan.map((k) => ({ value: k.code, label: k.name })), values.regionCode),
      agencies: options(agencies.map((a) => ({ value: a.id, label: a.name })), values.agencyId),
    });
  }

  async function setActive(req: Request, res: Response, active: boolean) {
    const id = ruleId(req);
    if (!(await setRuleActive(db, id, active))) throw notFound();
    req.log?.info({ ruleId: id, active, by: req.user!.id }, 'routing rule active changed');
    flash(req, 'success', res.locals.t(active ? 'routing:actions.activated' : 'routing:actions.deactivated'));
    res.redirect(303, PATH);
  }

  return {
    async list(_req: Request, res: Response) {
      await renderPage(res, formValues());
    },

    /** The page again, the form keeping its values: the schema's refusals, or the command's (an unknown id, a rule already there). */
    async invalidCreate(req: Request, res: Response, errors: FieldErrors) {
      await renderPage(res, formValues((req.input ?? req.body ?? {}) as Partial<Record<keyof RuleInput, unknown>>), errors);
    },

    async create(req: Request, res: Response) {
      const rule = await createRule(db, req.input as RuleInput);
      req.log?.info({ ruleId: rule.id, by: req.user!.id }, 'routing rule created');
      flash(req, 'success', res.locals.t('routing:actions.created', { category: rule.categoryName }));
      res.redirect(303, PATH);
    },

    async deactivate(req: Request, res: Response) {
      await setActive(req, res, false);
    },

    async activate(req: Request, res: Response) {
      await setActive(req, res, true);
    },

    /** Asked before a rule is deleted (src/http/confirm.ts): which rule, what changes, and the gentler choice. */
    async confirmRemove(req: Request, res: Response): Promise<Confirmation> {
      const t = res.locals.t;
      const rule = await findRule(db, ruleId(req));
      if (!rule) throw notFound();
      const names = { category: rule.category_name, agency: rule.agency_name, region: rule.region_name ?? t('routing:list.anywhere') };
      return {
        title: t('routing:actions.confirmTitle', names),
        consequences: [
          t('routing:actions.confirmWhat', names),
          t('routing:actions.confirmEffect', names),
          ...(rule.active ? [t('routing:actions.confirmAlternative')] : []),
        ],
        confirmLabel: t('routing:actions.confirmButton'),
        cancelHref: PATH,
      };
    },

    async remove(req: Request, res: Response) {
      const id = ruleId(req);
      if (!(await deleteRule(db, id))) throw notFound();
      req.log?.info({ ruleId: id, by: req.user!.id }, 'routing rule deleted');
      flash(req, 'success', res.locals.t('routing:actions.deleted'));
      res.redirect(303, PATH);
    },
  };
}
