import Joi from 'joi';
import { heldFormFields } from '../attachments/heldForm.js';
import { LIMITS } from '../reports/limits.js';
import { normalizePhone } from '../reports/reporter.js';
import { normalizeCode } from '../reports/tracking.js';

export const lookupSchema = Joi.object({
  code: Joi.string().trim().max(64).required().label('tracking:fields.code'),
  secret: Joi.string().trim().max(64).required().label('tracking:fields.secret'),
});

/** "Kirim ulang tautan": the code, and the e-mail or phone the report was sent with. */
export const resendSchema = Joi.object<{ code: string; contact: string }>({
  code: Joi.string()
    .trim()
    .max(64)
    .required()
    .label('tracking:fields.code')
    .custom((value: string, helpers) => normalizeCode(value) ?? helpers.message({ custom: 'tracking:resend.errors.code' })),
  contact: Joi.string()
    .trim()
    .max(254)
    .required()
    .label('tracking:fields.contact')
    .custom((value: string, helpers) =>
      (value.includes('@') ? /^[^\s@]+@[^\s@]+$/.test(value) : normalizePhone(value)) ? value : helpers.message({ custom: 'tracking:resend.errors.contact' }),
    ),
});

export const messageSchema = Joi.object<{ body: string; held: string | null; removeHeld: string[] }>({
  body: Joi.string().trim().min(2).max(LIMITS.messageMax).required().label('tracking:fields.body'),
  // Files an earlier try of this form sent (attachments/heldForm.ts).
  ...heldFormFields,
});

export const responseSchema = Joi.object<{ reply: string; appeal: boolean }>({
  reply: Joi.string().trim().min(2).max(LIMITS.messageMax).required().label('tracking:fields.reply'),
  appeal: Joi.boolean().truthy('1', 'on').falsy('0', '').default(false),
});

const rating = Joi.number().integer().min(1).max(5).label('tracking:fields.rating');
const comment = Joi.string().trim().max(1000).empty('').allow(null).default(null).label('tracking:fields.comment');

export const rateSchema = Joi.object<{ rating: number; comment: string | null }>({
  rating: rating.required(),
  comment,
});

export const resolveSchema = Joi.object<{ rating: number | null; comment: string | null }>({
  rating: rating.empty('').allow(null).default(null),
  comment,
});
