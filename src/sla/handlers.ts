import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { flash } from '../http/flash.js';
import { jakartaDate } from '../shared/calendar.js';
import { type FieldErrors, notFound } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { addHoliday, deleteHoliday, importHolidayYear } from './commands/holidays.js';
import { updatePolicy } from './commands/updatePolicy.js';
import { findPolicy, holidayYears, listHolidays, listPolicies } from './queries.js';
import { HOLIDAY_KINDS, type HolidayInput, type ImportInput, POLICY_FIELDS, type PolicyInput, yearQuerySchema } from './schema.js';

/** The :id of /admin/sla/:id. */
function policyId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

function thisYear(): number {
  return Number(jakartaDate(new Date()).slice(0, 4));
}

/** Admin pages for SLA policies (/admin/sla) and days off (/admin/libur). */
export function slaHandlers(db: Db) {
  async function renderPolicy(res: Response, id: number, values: Record<string, unknown>, errors?: FieldErrors) {
    const policy = await findPolicy(db, id);
    if (!policy) throw notFound();
    const t = res.locals.t;
    res.render('sla/policy', {
      title: t('sla:policies.editTitle', { name: policy.name }),
      id,
      name: values.name,
      fields: POLICY_FIELDS.map((f) => ({ name: f, label: t(`sla:fields.${f}`), value: values[f], error: errors?.[f] })),
      errors,
    });
  }

  async function renderHolidays(res: Response, year: number, extra: { values?: Partial<HolidayInput>; errors?: FieldErrors } = {}) {
    const t = res.locals.t;
    const [rows, years] = await Promise.all([listHolidays(db, year), holidayYears(db, thisYear())]);
    res.render('sla/holidays', {
      title: t('sla:holidays.title', { year }),
      year,
      holidays: rows.map((h) => ({ ...h, kindLabel: t(`sla:holidays.kinds.${h.kind}`) })),
      years: years.map((y) => ({ year: y, current: y === year })),
      kinds: HOLIDAY_KINDS.map((k) => ({ value: k, label: t(`sla:holidays.kinds.${k}`), selected: k === (extra.values?.kind ?? 'cuti_bersama') })),
      values: extra.values ?? {},
      errors: extra.errors,
    });
  }

  return {
    async policies(_req: Request, res: Response) {
      const rows = await listPolicies(db);
      res.render('sla/policies', { title: res.locals.t('sla:policies.title'), policies: rows });
    },

    async editPolicy(req: Request, res: Response) {
      const id = policyId(req);
      const policy = await findPolicy(db, id);
      if (!policy) throw notFound();
      await renderPolicy(res, id, policy);
    },

    async invalidPolicy(req: Request, res: Response, errors: FieldErrors) {
      await renderPolicy(res, policyId(req), req.body ?? {}, errors);
    },

    async savePolicy(req: Request, res: Response) {
      const id = policyId(req);
      const saved = await updatePolicy(db, id, req.input as PolicyInput);
      if (!saved) throw notFound();
      req.log?.info({ policyId: id, by: req.user!.id }, 'sla policy updated');
      flash(req, 'success', res.locals.t('sla:policies.saved'));
      res.redirect(303, '/admin/sla');
    },

    async holidays(req: Request, res: Response) {
      const { year } = check(yearQuerySchema, req.query, res.locals.t);
      await renderHolidays(res, year ?? thisYear());
    },

    /**
     * The year's page again with the form's values: the schema's refusals, or a date
     * already listed (the command's 409, shown beside the date).
     */
    async invalidHoliday(req: Request, res: Response, errors: FieldErrors) {
      const values = (req.input ?? req.body ?? {}) as Partial<HolidayInput>;
      const year = Number(String(values.date ?? '').slice(0, 4)) || thisYear();
      const { _form: conflict, ...fields } = errors;
      await renderHolidays(res, year >= 2000 && year <= 2100 ? year : thisYear(), {
        values,
        errors: conflict ? { ...fields, date: conflict } : fields,
      });
    },

    async addHoliday(req: Request, res: Response) {
      const input = req.input as HolidayInput;
      await addHoliday(db, input);
      req.log?.info({ date: input.date, kind: input.kind, by: req.user!.id }, 'holiday added');
      flash(req, 'success', res.locals.t('sla:holidays.added', { date: input.date }));
      res.redirect(303, `/admin/libur?year=${input.date.slice(0, 4)}`);
    },

    async deleteHoliday(req: Request, res: Response) {
      const date = String(req.params.date);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw notFound();
      if (!(await deleteHoliday(db, date))) throw notFound();
      req.log?.info({ date, by: req.user!.id }, 'holiday deleted');
      flash(req, 'success', res.locals.t('sla:holidays.deleted', { date }));
      res.redirect(303, `/admin/libur?year=${date.slice(0, 4)}`);
    },

    /** A year the import refuses: this year's page, the message above the list. */
    async invalidImport(_req: Request, res: Response, errors: FieldErrors) {
      await renderHolidays(res, thisYear(), { errors });
    },

    async importYear(req: Request, res: Response) {
      const { year } = req.input as ImportInput;
      const { imported, skipped } = await importHolidayYear(db, year);
      req.log?.info({ year, imported, skipped, by: req.user!.id }, 'holidays imported');
      flash(req, 'success', res.locals.t('sla:holidays.imported', { year, count: imported, skipped }));
      res.redirect(303, `/admin/libur?year=${year}`);
    },
  };
}
