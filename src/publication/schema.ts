import Joi from 'joi';
import type { PublicationEdit } from './commands/review.js';

const text = (max: number, label: string) => Joi.string().trim().min(1).max(max).required().label(label);

/** The coordinator's corrections, from the page form or the staff API. */
export const editSchema = Joi.object<PublicationEdit>({
  title: text(200, 'publication:fields.title'),
  body: text(20_000, 'publication:fields.body'),
  answer: Joi.string().trim().min(1).max(20_000).label('publication:fields.answer'),
  // A form sends one value or several under the same name; the API an array.
  photoIds: Joi.array().items(Joi.number().integer().positive()).single().max(20).label('publication:fields.photos'),
});

export const declineSchema = Joi.object<DeclineInput>({ reason: Joi.string().trim().min(3).max(1000).required().label('publication:fields.reason') });

export interface DeclineInput {
  /** Why the case is not published; kept for the record. */
  reason: string;
}
