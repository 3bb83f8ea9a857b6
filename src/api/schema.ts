import Joi from 'joi';
import type { RegionsTable } from '../db/schema.js';
import { type IntakeInput } from '../intake/schema.js';
import { LIMITS } from '../reports/limits.js';

/**
 * Schemas of the citizen API that the form and tracking pages do not share. A new report
 * is validated with intake's `apiReportSchema`, a message with tracking's `messageSchema`.
 */

/** What `apiReportSchema` gives: the intake input and the consent it required. */
export type ApiReport = IntakeInput & { consent: true };

export function toIntakeInput(value: ApiReport): IntakeInput {
  const { consent: _consent, ...input } = value;
  return input;
}

export interface ResolutionInput {
  accepted: boolean;
  rating: number | null;
  comment: string | null;
}

/** POST /api/v1/reports/:code/resolution */
export const resolutionSchema = Joi.object<ResolutionInput>({
  // true: the answer solved it (the report is resolved); false: an appeal (it is reopened).
  accepted: Joi.boolean().required().label('api:fields.accepted'),
  // 1-5, with `accepted: true` only.
  rating: Joi.number()
    .integer()
    .min(1)
    .max(5)
    .allow(null)
    .default(null)
    .label('tracking:fields.rating')
    .when('accepted', {
      is: false,
      then: Joi.valid(null).messages({ 'any.only': 'api:errors.ratingWithAppeal' }),
    }),
  // With `accepted: true`, the comment on the rating; with `false`, the reason of the appeal (required).
  comment: Joi.string()
    .trim()
    .allow(null)
    .label('tracking:fields.comment')
    .when('accepted', {
      is: false,
      then: Joi.string()
        .min(2)
        .max(LIMITS.messageMax)
        .invalid(null)
        .required()
        .messages({ 'any.required': 'api:errors.appealComment', 'any.invalid': 'api:errors.appealComment', 'string.empty': 'api:errors.appealComment' }),
      otherwise: Joi.string().max(1000).empty('').default(null),
    }),
});

export interface RegionsQuery {
  parent: string | null;
  level: RegionsTable['level'] | null;
}

/** GET /api/v1/regions?parent=33.18.01&level=desa */
export const regionsQuerySchema = Joi.object<RegionsQuery>({
  // A kecamatan code: its desa and kelurahan.
  parent: Joi.string()
    .trim()
    .pattern(/^\d{2}\.\d{2}\.\d{2}$/)
    .empty('')
    .default(null)
    .label('api:fields.parent')
    .messages({ 'string.pattern.base': 'intake:errors.region' }),
  level: Joi.string().valid('kecamatan', 'desa', 'kelurahan').empty('').default(null).label('api:fields.level'),
});
