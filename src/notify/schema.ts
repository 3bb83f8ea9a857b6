import Joi from 'joi';

/** 'dev': kept in the development outbox (sent with no SMTP server configured). */
export const OUTBOX_FILTER_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dev'] as const;
export type OutboxFilterStatus = (typeof OUTBOX_FILTER_STATUSES)[number];

export interface OutboxFilter {
  /** Part of the recipient's address. */
  q?: string;
  status?: OutboxFilterStatus;
  page: number;
}

export const outboxFilterSchema = Joi.object<OutboxFilter>({
  q: Joi.string().trim().max(254).empty('').label('notify:fields.q'),
  status: Joi.string().valid(...OUTBOX_FILTER_STATUSES).empty('').label('notify:fields.status'),
  page: Joi.number().integer().min(1).max(10_000).empty('').default(1).label('notify:fields.page'),
}).unknown(false);
