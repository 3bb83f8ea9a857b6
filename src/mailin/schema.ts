import Joi from 'joi';
import type { InboundOutcome } from '../db/schema.js';

export const OUTCOMES: InboundOutcome[] = ['report', 'reply', 'note', 'bounce', 'auto_reply', 'machine', 'own', 'limited', 'duplicate', 'duplicate_id', 'unreadable'];

export interface InboundFilter {
  /** Only mails with this outcome; all when left out. */
  outcome?: InboundOutcome;
  /** 1-based, newest first. */
  page: number;
}

/** GET /admin/surel-masuk?outcome=&page= */
export const filterSchema = Joi.object<InboundFilter>({
  outcome: Joi.string().valid(...OUTCOMES).empty('').label('mailin:fields.outcome'),
  page: Joi.number().integer().min(1).max(10_000).empty('').default(1).label('mailin:fields.page'),
}).unknown(false);
