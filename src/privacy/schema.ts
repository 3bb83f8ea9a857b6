import Joi from 'joi';
import type { ReporterLookupKind } from '../db/schema.js';

export const LOOKUP_KINDS: ReporterLookupKind[] = ['email', 'phone', 'code'];

export interface LookupInput {
  /** How the reporter is identified. */
  kind: ReporterLookupKind;
  /** The e-mail, phone number or tracking code; normalised by queries.normalizeLookup. */
  value: string;
}

const lookupFields = {
  kind: Joi.string().valid(...LOOKUP_KINDS).required().label('privacy:fields.kind'),
  value: Joi.string().trim().min(1).max(254).required().label('privacy:fields.value'),
};

export const lookupSchema = Joi.object<LookupInput>(lookupFields);

export interface EraseInput extends LookupInput {
  /** The word HAPUS, typed: an erasure cannot be undone. */
  confirm: string;
  /** The request's letter or ticket number, kept in the erasure log. */
  reference: string;
}

export const eraseSchema = Joi.object<EraseInput>({
  ...lookupFields,
  confirm: Joi.string().trim().valid('HAPUS').required().label('privacy:fields.confirm').messages({
    'any.only': 'privacy:errors.confirm', 'any.required': 'privacy:errors.confirm', 'string.empty': 'privacy:errors.confirm',
  }),
  reference: Joi.string().trim().min(1).max(200).required().label('privacy:fields.reference').messages({
    'any.required': 'privacy:errors.reference', 'string.empty': 'privacy:errors.reference', 'string.max': 'privacy:errors.reference',
  }),
});

export interface RetentionInput {
  retentionReporterMonths: number;
  retentionInboundMailMonths: number;
  retentionOutboxMonths: number;
}

const months = (label: string) => Joi.number().integer().min(0).max(240).required().label(label);

export const retentionSchema = Joi.object<RetentionInput>({
  retentionReporterMonths: months('privacy:fields.retentionReporterMonths'),
  retentionInboundMailMonths: months('privacy:fields.retentionInboundMailMonths'),
  retentionOutboxMonths: months('privacy:fields.retentionOutboxMonths'),
});
