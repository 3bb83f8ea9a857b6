import Joi from 'joi';

export interface RuleInput {
  categoryId: number;
  /** A kecamatan code, or null for the category anywhere. */
  regionCode: string | null;
  agencyId: number;
  note: string | null;
}

/** Adding a rule. Whether the ids exist is the command's business (it needs the DB). */
export const ruleSchema = Joi.object<RuleInput>({
  categoryId: Joi.number().integer().positive().empty('').required().label('routing:fields.category'),
  // An empty select option means "the whole regency".
  regionCode: Joi.string().trim().pattern(/^\d{2}\.\d{2}\.\d{2}$/).empty('').allow(null).default(null)
    .label('routing:fields.region'),
  agencyId: Joi.number().integer().positive().empty('').required().label('routing:fields.agency'),
  note: Joi.string().trim().max(500).empty('').allow(null).default(null).label('routing:fields.note'),
});
