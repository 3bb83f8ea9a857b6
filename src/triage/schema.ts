import Joi from 'joi';
import { CHANNELS, REPORT_KINDS } from '../db/schema.js';
import { LIMITS } from '../reports/limits.js';
import { OPD_STATUSES } from '../reports/statuses.js';
import { REJECT_REASONS, type RejectReason } from './commands/close.js';
import { STAFF_ACTIONS, type StaffAction } from './policy.js';

export interface QueueFilter {
  q?: string;
  channel?: (typeof CHANNELS)[number];
  kind?: (typeof REPORT_KINDS)[number];
  categoryId?: number;
  kecamatan?: string;
  status?: 'submitted' | 'needs_info' | 'returned';
  overdue?: boolean;
  /** Keyset cursor: the last row's deadline and id, "<ms>_<id>". */
  after?: string;
}

export const queueFilterSchema = Joi.object<QueueFilter>({
  q: Joi.string().trim().max(100).empty(''),
  channel: Joi.string().valid(...CHANNELS).empty(''),
  kind: Joi.string().valid(...REPORT_KINDS).empty(''),
  categoryId: Joi.number().integer().positive().empty(''),
  kecamatan: Joi.string().pattern(/^\d{2}\.\d{2}\.\d{2}$/).empty(''),
  status: Joi.string().valid('submitted', 'needs_info', 'returned').empty(''),
  overdue: Joi.boolean().truthy('1', 'on').falsy('', '0').empty(''),
  after: Joi.string().pattern(/^-?\d{1,15}_\d{1,15}$/).empty(''),
});

const text = (max: number) => Joi.string().trim().min(2).max(max);

/** An OPD by id, or by its code (the API's integrations name OPDs by code). */
type AgencyRef = number | string;

/** What each action takes, as its schema leaves it (trimmed, converted, defaults filled). */
export interface ActionParams {
  forward: { agency?: AgencyRef; supporting: AgencyRef[] };
  request_info: { message: string };
  reject: { reason: RejectReason; note: string | null };
  merge: { into: string };
  update: { title?: string; categoryId?: number | null };
  return: { reason: string };
  extend: { days: number; reason: string };
  acknowledge: Record<string, never>;
  take: Record<string, never>;
  assign: { user: number };
  note: { body: string };
}

/** One schema per action, for the pages and the staff API alike. */
export const actionSchemas: { [A in StaffAction]: Joi.ObjectSchema<ActionParams[A]> } = {
  forward: Joi.object({
    // Omitted: the routing suggestion, for categories marked to forward automatically.
    agency: Joi.alternatives(Joi.number().integer().positive(), Joi.string().trim().max(40)).empty('').label('triage:fields.agency'),
    supporting: Joi.array().items(Joi.alternatives(Joi.number().integer().positive(), Joi.string().trim().max(40))).single().max(10).default([]),
  }),
  request_info: Joi.object({ message: text(LIMITS.messageMax).required().label('triage:fields.message') }),
  reject: Joi.object({
    // No default: the coordinator names why (an empty choice is "required", not "invalid").
    reason: Joi.string().valid(...REJECT_REASONS).empty('').required().label('triage:fields.reason'),
    note: Joi.string().trim().max(2000).empty('').allow(null).default(null).label('triage:fields.note')
      .when('reason', { is: 'not_government', then: Joi.required() }),
  }),
  merge: Joi.object({ into: Joi.string().trim().max(20).required().label('triage:fields.into') }),
  update: Joi.object({
    title: Joi.string().trim().min(LIMITS.titleMin).max(LIMITS.titleMax).label('triage:fields.title'),
    categoryId: Joi.number().integer().positive().empty('').allow(null).label('triage:fields.category'),
  }).or('title', 'categoryId'),
  return: Joi.object({ reason: text(2000).required().label('triage:fields.returnReason') }),
  extend: Joi.object({
    days: Joi.number().integer().min(1).max(30).required().label('triage:fields.days'),
    reason: text(2000).required().label('triage:fields.reason'),
  }),
  acknowledge: Joi.object({}),
  take: Joi.object({}),
  assign: Joi.object({ user: Joi.number().integer().positive().required().label('triage:fields.assignee') }),
  note: Joi.object({ body: text(LIMITS.messageMax).required().label('triage:fields.noteBody') }),
};

/** The staff API: `{action, ...parameters}`. */
export const apiActionSchema = Joi.object({ action: Joi.string().valid(...STAFF_ACTIONS).required() }).unknown(true);

export interface OpdFilter {
  q?: string;
  status?: (typeof OPD_STATUSES)[number];
  mine?: boolean;
  overdue?: boolean;
  /** Keyset cursor: the last row's group, deadline (ms, or inf for none) and id, "<g>_<ms>_<id>". */
  after?: string;
}

export const opdFilterSchema = Joi.object<OpdFilter>({
  q: Joi.string().trim().max(100).empty(''),
  status: Joi.string().valid(...OPD_STATUSES).empty(''),
  mine: Joi.boolean().truthy('1', 'on').falsy('', '0').empty(''),
  overdue: Joi.boolean().truthy('1', 'on').falsy('', '0').empty(''),
  after: Joi.string().pattern(/^[01]_(-?\d{1,15}|inf)_\d{1,15}$/).empty(''),
});

/** The header's code box (/staf/cari?kode=...): what was typed; whether it is a code, the handler decides. */
export const findSchema = Joi.object<{ kode?: string }>({
  kode: Joi.string().trim().max(64).empty('').label('triage:find.label'),
});

/** At most this many reports in one bulk action (a queue page holds 25). */
export const BULK_MAX = 50;

export interface BulkInput {
  codes: string[];
  action: 'forward' | 'reject';
  agency?: number;
  reason?: RejectReason;
  note: string | null;
}

/**
 * Forward or reject several reports of the verification queue at once. Each one then goes
 * through the single action's checks and command (actions.ts), so this only asks what the
 * whole batch needs: which reports, which action, and that action's one choice.
 */
export const bulkSchema = Joi.object<BulkInput>({
  codes: Joi.array().items(Joi.string().trim().max(20)).single().min(1).max(BULK_MAX).required().label('triage:fields.codes')
    .messages({ 'array.min': 'triage:bulk.noneChosen', 'any.required': 'triage:bulk.noneChosen', 'array.max': 'triage:bulk.tooMany' }),
  action: Joi.string().valid('forward', 'reject').required().label('triage:fields.bulkAction'),
  agency: Joi.number().integer().positive().empty('').label('triage:fields.agency')
    .when('action', { is: 'forward', then: Joi.required(), otherwise: Joi.any().strip() }),
  reason: Joi.string().valid(...REJECT_REASONS).empty('').label('triage:fields.reason')
    .when('action', { is: 'reject', then: Joi.required(), otherwise: Joi.any().strip() }),
  note: Joi.string().trim().max(2000).empty('').allow(null).default(null).label('triage:fields.note')
    .when('reason', { is: 'not_government', then: Joi.required() }),
});
