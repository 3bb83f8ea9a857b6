import Joi from 'joi';
import { ANSWER_CHECK_DEFAULTS, type AnswerCheckSettings, answerCheckSchema } from './answerCheck.js';

/**
 * Settings admins change at run time, one row each in `settings`. Each is declared here
 * with its default and its shape, so a missing or damaged row reads as the default and
 * the rest of the code asks for a typed value by name.
 */
export const DEFINITIONS = {
  /** A coordinator validates each answer the Kepala OPD approved before the citizen gets it. */
  answerValidation: { key: 'answer_validation', schema: Joi.boolean(), default: false },
  /**
   * Personal data retention (UU 27/2022; src/privacy/retention.ts applies them daily), in
   * months; 0 keeps the data. Months after a report closed before its reporter's identity
   * and contact details are erased (the report's content and figures stay).
   */
  retentionReporterMonths: { key: 'retention_reporter_months', schema: Joi.number().integer().min(0).max(240), default: 24 },
  /** Months an inbound mail's raw text, sender and subject are kept. */
  retentionInboundMailMonths: { key: 'retention_inbound_mail_months', schema: Joi.number().integer().min(0).max(240), default: 6 },
  /** Months a sent or failed outgoing mail's address and text are kept. */
  retentionOutboxMonths: { key: 'retention_outbox_months', schema: Joi.number().integer().min(0).max(240), default: 12 },
  /**
   * The leadership dashboard ranks an OPD only with at least this many answered reports in
   * the period: a median or a share of two reports is chance. Set at /admin/sla.
   */
  dashboardRankMinAnswered: { key: 'dashboard_rank_min_answered', schema: Joi.number().integer().min(1).max(1000), default: 5 },
  /** The draft checker's thresholds and word lists (answerCheck.ts). Set at /admin/jawaban/pemeriksa. */
  answerCheck: { key: 'answer_check', schema: answerCheckSchema, default: ANSWER_CHECK_DEFAULTS as AnswerCheckSettings },
} as const;

export type SettingName = keyof typeof DEFINITIONS;
export type ValueOf<N extends SettingName> = (typeof DEFINITIONS)[N]['default'] extends boolean
  ? boolean
  : (typeof DEFINITIONS)[N]['default'] extends number
    ? number
    : (typeof DEFINITIONS)[N]['default'];
