import Joi from 'joi';

export interface PolicyInput {
  name: string;
  verify_days: number;
  respond_days: number;
  resolve_days: number;
  auto_close_days: number;
  info_wait_days: number;
  remind_days_before: number;
  escalate_after_days: number;
}

function days(field: keyof PolicyInput, min: number, max: number) {
  const key = `sla:validation.range${min}to${max}`;
  return Joi.number().integer().min(min).max(max).required().label(`sla:fields.${field}`)
    .messages({ 'number.base': key, 'number.min': key, 'number.max': key, 'number.integer': key, 'any.required': key, 'number.unsafe': key });
}

/** The same ranges as the checks of the sla_policies table. */
export const policySchema = Joi.object<PolicyInput>({
  name: Joi.string().trim().min(2).max(120).required().label('sla:fields.name'),
  verify_days: days('verify_days', 1, 60),
  respond_days: days('respond_days', 1, 60),
  resolve_days: days('resolve_days', 1, 365),
  auto_close_days: days('auto_close_days', 1, 60),
  info_wait_days: days('info_wait_days', 1, 60),
  remind_days_before: days('remind_days_before', 0, 10),
  escalate_after_days: days('escalate_after_days', 1, 60),
});

export const POLICY_FIELDS = [
  'verify_days', 'respond_days', 'resolve_days', 'auto_close_days', 'info_wait_days', 'remind_days_before', 'escalate_after_days',
] as const;

export const HOLIDAY_KINDS = ['cuti_bersama', 'local', 'national'] as const;

export interface HolidayInput {
  date: string;
  name: string;
  kind: (typeof HOLIDAY_KINDS)[number];
}

export const holidaySchema = Joi.object<HolidayInput>({
  date: Joi.string().trim().pattern(/^\d{4}-\d{2}-\d{2}$/).required().label('sla:fields.date')
    .custom((v: string, helpers) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : helpers.error('any.invalid');
    })
    .messages({ 'string.pattern.base': 'sla:validation.date', 'any.invalid': 'sla:validation.date', 'string.empty': 'sla:validation.date' }),
  name: Joi.string().trim().min(3).max(200).required().label('sla:fields.holidayName'),
  kind: Joi.string().valid(...HOLIDAY_KINDS).required().label('sla:fields.kind'),
});

const year = () => Joi.number().integer().min(2000).max(2100).label('sla:fields.year').messages({
  'number.base': 'sla:validation.year', 'number.min': 'sla:validation.year', 'number.max': 'sla:validation.year',
});

export const yearQuerySchema = Joi.object<{ year?: number }>({ year: year().empty('') });
export interface ImportInput {
  year: number;
}

/** Importing a year's days off from the seed data. */
export const importSchema = Joi.object<ImportInput>({ year: year().required() });

export interface RankingInput {
  rank_min_answered: number;
}

/** The leadership dashboard's ranking threshold (settings: dashboardRankMinAnswered), on /admin/sla. */
export const rankingSchema = Joi.object<RankingInput>({
  rank_min_answered: Joi.number().integer().min(1).max(1000).required().label('sla:ranking.field')
    .messages({ 'number.base': 'sla:ranking.range', 'number.min': 'sla:ranking.range', 'number.max': 'sla:ranking.range', 'number.integer': 'sla:ranking.range', 'any.required': 'sla:ranking.range', 'number.unsafe': 'sla:ranking.range' }),
});
