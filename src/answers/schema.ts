import Joi from 'joi';

const body = Joi.string().trim().min(20).max(10_000).required().label('answers:fields.body');
const plannedAt = Joi.string().isoDate().pattern(/^\d{4}-\d{2}-\d{2}$/).empty('').allow(null).default(null).label('answers:fields.plannedAt');

// The page form also sends the draft's id (the URL carries it for the API).
const id = Joi.any().strip();

export const createDraftSchema = Joi.object({ body, plannedAt, id });
export const updateDraftSchema = Joi.object({
  body,
  plannedAt,
  version: Joi.number().integer().min(1).required().label('answers:fields.version'),
  id,
});
export const returnSchema = Joi.object({ comment: Joi.string().trim().min(2).max(3000).required().label('answers:fields.comment') });
