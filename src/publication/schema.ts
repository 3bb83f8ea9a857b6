import Joi from 'joi';
import type { PublicationEdit } from './commands/review.js';
import type { TermDecision } from './commands/terms.js';

const text = (max: number, label: string) => Joi.string().trim().min(1).max(max).required().label(label);

/** The text of the publication a page showed (version.ts): a save or a publish over another one is refused (409). */
const version = Joi.string().hex().length(20).label('publication:fields.version');

export type EditInput = PublicationEdit & { version?: string };

/** The coordinator's corrections, from the page form or the staff API. */
export const editSchema = Joi.object<EditInput>({
  title: text(200, 'publication:fields.title'),
  body: text(20_000, 'publication:fields.body'),
  answer: Joi.string().trim().min(1).max(20_000).label('publication:fields.answer'),
  // A form sends one value or several under the same name, plus an empty one that says the
  // choice is on the form (so none ticked means none shown); the API an array.
  photoIds: Joi.array()
    .items(Joi.number().integer().positive().empty(''))
    .sparse()
    .single()
    .max(21)
    .custom((ids: (number | undefined)[]) => ids.filter((id) => id !== undefined))
    .label('publication:fields.photos'),
  version,
});

/**
 * Publishing. The page sends what is on its screen (the same fields as a save) and the
 * version it showed: that text is saved and published in one transaction. The API may send
 * nothing (publish what is stored) or the version alone (only if it is still that one).
 */
export type PublishInput = Partial<PublicationEdit> & { version?: string };

export const publishSchema = (editSchema.fork(['title', 'body'], (field) => field.optional()) as Joi.ObjectSchema<PublishInput>).and('title', 'body');

export const declineSchema = Joi.object<DeclineInput>({ reason: Joi.string().trim().min(3).max(1000).required().label('publication:fields.reason') });

export interface DeclineInput {
  /** Why the case is not published; kept for the record. */
  reason: string;
}

/** A publish request as the command takes it: the edit when the text was sent, and the version shown. */
export function publishRequest(input: PublishInput): { edit?: PublicationEdit; version?: string } {
  const { version, title, body, ...rest } = input;
  return { version, ...(title !== undefined && body !== undefined ? { edit: { title, body, ...rest } } : {}) };
}

export interface TermInput {
  term: string;
  decision: TermDecision;
  version?: string;
}

/** One click on a finding of the redaction: remove the term everywhere, or keep it readable. */
export const termSchema = Joi.object<TermInput>({
  term: Joi.string().trim().min(2).max(200).required().label('publication:fields.term'),
  decision: Joi.string().valid('keep', 'remove').required().label('publication:fields.decision'),
  version,
});
