import Joi from 'joi';

export interface TemplateInput {
  name: string;
  /** Null: offered for every category. */
  categoryId: number | null;
  body: string;
  sortOrder: number;
}

/** A template as the admin form sends it; whether the category exists is the command's business. */
export const templateSchema = Joi.object<TemplateInput>({
  name: Joi.string().trim().min(2).max(100).required().label('answers:admin.fields.name'),
  categoryId: Joi.number().integer().positive().max(2_147_483_647).empty('').allow(null).default(null).label('answers:admin.fields.category'),
  body: Joi.string().trim().min(20).max(10_000).required().label('answers:admin.fields.body'),
  sortOrder: Joi.number().integer().min(0).max(999).empty('').default(0).label('answers:admin.fields.sortOrder'),
});

export const settingsSchema = Joi.object({
  // A checkbox: present when ticked, absent otherwise.
  answerValidation: Joi.string().valid('on', '1', 'true').empty('').optional(),
});

/** The draft checker's settings form (checkForm.ts reads its lists line by line). */
export const checkSettingsSchema = Joi.object({
  maxSentenceWords: Joi.number().integer().min(10).max(200).required().label('answers:check.settings.fields.maxSentenceWords'),
  minWords: Joi.number().integer().min(0).max(2000).required().label('answers:check.settings.fields.minWords'),
  minSharedKeywords: Joi.number().integer().min(0).max(10).required().label('answers:check.settings.fields.minSharedKeywords'),
  abbreviations: Joi.string().allow('').max(40_000).default('').label('answers:check.settings.fields.abbreviations'),
  phrases: Joi.string().allow('').max(80_000).default('').label('answers:check.settings.fields.phrases'),
  stopWords: Joi.string().allow('').max(40_000).default('').label('answers:check.settings.fields.stopWords'),
  greetings: Joi.string().allow('').max(40_000).default('').label('answers:check.settings.fields.greetings'),
});
