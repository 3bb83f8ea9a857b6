import Joi from 'joi';
import { heldFormFields } from '../attachments/heldForm.js';
import { REPORT_KINDS, type ReportKind } from '../db/schema.js';
import { LIMITS } from '../reports/limits.js';
import { normalizePhone } from '../reports/reporter.js';

/**
 * One shape for a new report, whatever the channel: the web form and the API are
 * validated into it, and the intake service takes nothing else.
 */
export interface IntakeInput {
  kind: ReportKind;
  title: string;
  body: string;
  /** null: the reporter does not know ("tidak tahu"); the coordinator chooses. */
  categoryId: number | null;
  /** A kecamatan or desa/kelurahan code, or null for the whole regency / unknown. */
  regionCode: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter: {
    name: string | null;
    email: string | null;
    /** Normalised to +62... */
    phone: string | null;
    /**
     * Open311 only: a phone the client sent that is no usable number, kept as given for
     * staff and never contacted. The web form and the JSON API refuse such a phone.
     */
    phoneUnverified?: string | null;
    nik: string | null;
  };
  anonymous: boolean;
  confidential: boolean;
  /** The citizen who gave both an e-mail and a phone asked for news by WhatsApp too (notify/citizen.ts). */
  notifyWhatsApp?: boolean;
}

const text = (max: number) => Joi.string().trim().max(max);
const optionalText = (max: number) => text(max).empty('').allow(null).default(null);

const phone = Joi.string()
  .trim()
  .max(30)
  .empty('')
  .allow(null)
  .default(null)
  .custom((value: string, helpers) => normalizePhone(value) ?? helpers.message({ custom: 'intake:errors.phone' }));

const nik = Joi.string()
  .trim()
  .empty('')
  .allow(null)
  .default(null)
  .pattern(/^\d{16}$/)
  .messages({ 'string.pattern.base': 'intake:errors.nik' });

// A name is needed unless the report is anonymous.
const name = optionalText(LIMITS.nameMax).label('intake:fields.name');

const reporterSchema = Joi.object({
  name: name.when('...anonymous', { is: false, then: Joi.required() }),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(254).empty('').allow(null).default(null).label('intake:fields.email'),
  phone: phone.label('intake:fields.phone'),
  nik: nik.label('intake:fields.nik'),
}).default();

const common = {
  kind: Joi.string().valid(...REPORT_KINDS).required().label('intake:fields.kind'),
  title: text(LIMITS.titleMax).min(LIMITS.titleMin).required().label('intake:fields.title'),
  body: text(LIMITS.bodyMax).min(LIMITS.bodyMin).required().label('intake:fields.body'),
  categoryId: Joi.number().integer().positive().empty('').allow(null).default(null).label('intake:fields.category'),
  address: optionalText(LIMITS.addressMax).label('intake:fields.address'),
  lat: Joi.number().min(-90).max(90).empty('').allow(null).default(null).label('intake:fields.lat'),
  lng: Joi.number().min(-180).max(180).empty('').allow(null).default(null).label('intake:fields.lng'),
  anonymous: Joi.boolean().truthy('on', '1').falsy('', '0').default(false),
  confidential: Joi.boolean().truthy('on', '1').falsy('', '0').default(false),
  consent: Joi.boolean().truthy('on', '1').valid(true).required().label('intake:fields.consent').messages({
    'any.only': 'intake:errors.consent',
    'any.required': 'intake:errors.consent',
  }),
};

/** A map point is both coordinates or neither; the error goes to the one missing. */
function pairedPoint<T extends { lat: number | null; lng: number | null }>(value: T, helpers: Joi.CustomHelpers) {
  if ((value.lat === null) !== (value.lng === null)) {
    return helpers.error('any.custom', { missing: [value.lat === null ? 'lat' : 'lng'] });
  }
  return value;
}

const regionCode = Joi.string()
  .trim()
  .pattern(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/)
  .empty('')
  .allow(null)
  .default(null)
  .messages({ 'string.pattern.base': 'intake:errors.region' });

/** The JSON API: POST /api/v1/reports. */
export const apiReportSchema = Joi.object({
  ...common,
  regionCode: regionCode.label('intake:fields.region'),
  reporter: reporterSchema,
})
  .custom(pairedPoint)
  .messages({ 'any.custom': 'intake:errors.latLng' });

export interface WebReportForm {
  kind: ReportKind;
  title: string;
  body: string;
  categoryId: number | null;
  kecamatan: string | null;
  desa: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  nik: string | null;
  anonymous: boolean;
  confidential: boolean;
  notifyWhatsApp: boolean;
  consent: true;
  /** Honeypot: hidden from people, filled by bots. */
  website: string;
  held: string | null;
  removeHeld: string[];
  /**
   * The form's idempotency key (a hidden field, src/idempotency): a repeat of the same send
   * leads to the report it made. Read by the handler; empty on a form from before the field.
   */
  idempotency_key?: string;
}

/** The web form /lapor: flat field names, a kecamatan and a desa select. */
export const webReportSchema = Joi.object<WebReportForm>({
  ...common,
  kecamatan: regionCode.label('intake:fields.kecamatan'),
  desa: regionCode.label('intake:fields.desa'),
  name: name.when('anonymous', { is: false, then: Joi.required() }),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(254).empty('').allow(null).default(null).label('intake:fields.email'),
  phone: phone.label('intake:fields.phone'),
  nik: nik.label('intake:fields.nik'),
  website: Joi.string().allow('').max(200).default(''),
  notifyWhatsApp: Joi.boolean().truthy('on', '1').falsy('', '0').default(false),
  // Files an earlier try of this form sent, held under a key (attachments/heldForm.ts),
  // and those the citizen ticked to take off; read by the hold itself, from the raw body.
  ...heldFormFields,
  // Checked by the handler (idempotency/key.ts), whose refusal renders the form with a new key.
  idempotency_key: Joi.string().allow('').max(2000).default(''),
})
  .custom(pairedPoint)
  .messages({ 'any.custom': 'intake:errors.latLng' });

/** The report fields of a form (the citizen's, or staff's for a report they took), as the intake takes them. */
export function fromFormFields(form: Omit<WebReportForm, 'consent' | 'website' | 'notifyWhatsApp'>): IntakeInput {
  return {
    kind: form.kind,
    title: form.title,
    body: form.body,
    categoryId: form.categoryId,
    regionCode: form.desa ?? form.kecamatan,
    address: form.address,
    lat: form.lat,
    lng: form.lng,
    reporter: { name: form.name, email: form.email, phone: form.phone, nik: form.nik },
    anonymous: form.anonymous,
    confidential: form.confidential,
  };
}

export function fromWebForm(form: WebReportForm): IntakeInput {
  return { ...fromFormFields(form), notifyWhatsApp: form.notifyWhatsApp };
}

/**
 * The rules every channel's form shares, for the form staff fill in for a report taken by
 * telephone, in person, by letter, on social media or from SP4N-LAPOR! (src/staffintake):
 * the same limits and messages as the citizen's.
 */
export const intakeRules = {
  report: (({ consent: _consent, ...fields }) => fields)(common),
  name: optionalText(LIMITS.nameMax).label('intake:fields.name'),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(254).empty('').allow(null).default(null).label('intake:fields.email'),
  phone: phone.label('intake:fields.phone'),
  nik: nik.label('intake:fields.nik'),
  regionCode,
  pairedPoint,
};
