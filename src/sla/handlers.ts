import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import type { Confirmation } from '../http/confirm.js';
import { flash } from '../http/flash.js';
import { jakartaDate } from '../shared/calendar.js';
import { formatDateLong } from '../shared/format.js';
import { type FieldErrors, notFound } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { setSetting } from '../settings/commands/setSetting.js';
import { getSetting } from '../settings/queries.js';
import { DEFAULT_SLA_POLICY } from '../db/seed/reference.js';
import { addHoliday, deleteHoliday, importHolidayYear } from './commands/holidays.js';
import { updatePolicy } from './commands/updatePolicy.js';
import { findHoliday, findPolicy, holidayYears, listHolidays, listPolicies } from './queries.js';
import { HOLIDAY_KINDS, type HolidayInput, type ImportInput, POLICY_FIELDS, type PolicyInput, type RankingInput, yearQuerySchema } from './schema.js';

/** The :id of /admin/sla/:id. */
function policyId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** The :date of /admin/libur/:date/hapus. */
function holidayDate(req: Request): string {
  const date = String(req.params.date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw notFound();
  return date;
}

/** "Kamis, 1 Januari 2026": a day of the holiday table ('YYYY-MM-DD') as people read it. */
function dayText(ymd: string, res: Response): string {
  return formatDateLong(new Date(`${ymd}T12:00:00+07:00`), res.locals.locale);
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

  async function renderPolicies(res: Response, extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {}) {
    const [rows, rankMin] = await Promise.all([listPolicies(db), getSetting(db, 'dashboardRankMinAnswered')]);
    res.render('sla/policies', {
      title: res.locals.t('sla:policies.title'),
      // The policy every category starts with is named as such, in words, not by its code.
      policies: rows.map((p) => ({ ...p, isDefault: p.code === DEFAULT_SLA_POLICY.code })),
      ranking: { value: extra.values?.rank_min_answered ?? rankMin },
      errors: extra.errors,
    });
  }

  async function renderHolidays(res: Response, year: number, extra: { values?: Partial<HolidayInput>; errors?: FieldErrors } = {}) {
    const t = res.locals.t;
    const [rows, years] = await Promise.all([listHolidays(db, year), holidayYears(db, thisYear())]);
    res.render('sla/holidays', {
      title: t('sla:holidays.title', { year }),
      year,
      // The weekday matters here (a day off on a Saturday changes no deadline): written out in full.
      holidays: rows.map((h) => ({ ...h, dateText: dayText(h.date, res), kindLabel: t(`sla:holidays.kinds.${h.kind}`) })),
      years: years.map((y) => ({ year: y, current: y === year })),
      kinds: HOLIDAY_KINDS.map((k) => ({ value: k, label: t(`sla:holidays.kinds.${k}`), selected: k === (extra.values?.kind ?? 'cuti_bersama') })),
      values: extra.values ?? {},
      errors: extra.errors,
    });
  }

  return {
    async policies(_req: Request, res: Response) {
      await renderPolicies(res);
    },

    /** The dashboard's ranking threshold refused: the list again, the value and its message kept. */
    async invalidRanking(req: Request, res: Response, errors: FieldErrors) {
      await renderPolicies(res, { values: req.body ?? {}, errors });
    },

    async saveRanking(req: Request, res: Response) {
      const { rank_min_answered: value } = req.input as RankingInput;
      await setSetting(db, 'dashboardRankMinAnswered', value, req.user!.id);
      req.log?.info({ value, by: req.user!.id }, 'dashboard ranking threshold changed');
      flash(req, 'success', res.locals.t('sla:ranking.saved', { count: value }));
      res.redirect(303, '/admin/sla');
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
      flash(req, 'success', res.locals.t('sla:holidays.added', { date: dayText(input.date, res) }));
      res.redirect(303, `/admin/libur?year=${input.date.slice(0, 4)}`);
    },

    /** Asked before a day off is deleted (src/http/confirm.ts): which day, and what it changes. */
    async confirmDeleteHoliday(req: Request, res: Response): Promise<Confirmation> {
      const t = res.locals.t;
      const holiday = await findHoliday(db, holidayDate(req));
      if (!holiday) throw notFound();
      const date = dayText(holiday.date, res);
      return {
        title: t('sla:holidays.confirmTitle', { date }),
        consequences: [
          t('sla:holidays.confirmWhat', { name: holiday.name, kind: t(`sla:holidays.kinds.${holiday.kind}`) }),
          t('sla:holidays.confirmDeadlines'),
        ],
        confirmLabel: t('sla:holidays.confirmButton'),
        cancelHref: `/admin/libur?year=${holiday.date.slice(0, 4)}`,
      };
    },

    async deleteHoliday(req: Request, res: Response) {
      const date = holidayDate(req);
      if (!(await deleteHoliday(db, date))) throw notFound();
      req.log?.info({ date, by: req.user!.id }, 'holiday deleted');
      flash(req, 'success', res.locals.t('sla:holidays.deleted', { date: dayText(date, res) }));
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
