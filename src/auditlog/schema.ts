import Joi from 'joi';

export interface AuditFilter {
  /** A user id, or part of the actor's name. */
  actor?: string;
  /** One action name (AUDIT_ACTIONS, or any event type). */
  action?: string;
  /** A report's tracking code, as typed (normalised by the handler). */
  report?: string;
  /** Days in Asia/Jakarta, inclusive. */
  from?: string;
  to?: string;
  /** Keyset paging: entries older than this id. */
  before?: number;
}

/** YYYY-MM-DD, and a real day (no 2026-02-30): the database casts it. */
const day = () =>
  Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}$/)
    .custom((v: string, helpers) => (new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? v : helpers.error('any.invalid')))
    .empty('');

export const auditFilterSchema = Joi.object<AuditFilter>({
  actor: Joi.string().trim().max(100).empty('').label('auditlog:fields.actor'),
  action: Joi.string().trim().pattern(/^[a-z][a-z0-9_.]{0,63}$/).empty('').label('auditlog:fields.action'),
  report: Joi.string().trim().max(64).empty('').label('auditlog:fields.report'),
  from: day().label('auditlog:fields.from'),
  to: day().label('auditlog:fields.to'),
  before: Joi.number().integer().min(1).empty('').label('auditlog:fields.before'),
}).unknown(false);
