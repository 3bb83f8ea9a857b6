import Joi from 'joi';
import { heldFormFields } from '../attachments/heldForm.js';
import { type ReportKind, SOCIAL_PLATFORMS, type SocialPlatform, STAFF_SOURCES, type StaffSource } from '../db/schema.js';
import { fromFormFields, intakeRules, type IntakeInput, type WebReportForm } from '../intake/schema.js';
import type { StaffTaking } from '../intake/commands/submitReport.js';

/**
 * A report staff received by telephone, in person, by letter, on social media or from
 * SP4N-LAPOR!: the citizen's fields with the citizen's rules (intake/schema.ts), and where
 * it came from. The reporter may stay unnamed and give no contact (a walk-in may wish to);
 * a contact given is checked like the web form's. Fields of another source than the one
 * chosen are dropped: the form without JavaScript sends them all.
 */

/**
 * An SP4N-LAPOR! tracking ID. Published ones are numbers ("tracking ID #1916449", and
 * lapor.go.id/pengaduan/<TrackingID>); newer ones may carry letters, so 5 to 20 letters
 * and digits are taken, with or without the '#', and kept upper case without it.
 */
const LAPOR_NUMBER = /^#?\s*[A-Za-z0-9]{5,20}$/;

/** A date 'YYYY-MM-DD' that exists and is not after today (Jakarta): a letter's own date. */
function pastDate(value: string, helpers: Joi.CustomHelpers) {
  const day = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return helpers.message({ custom: 'staffintake:errors.letterDate' });
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  if (value > today) return helpers.message({ custom: 'staffintake:errors.letterDateFuture' });
  return value;
}

const only = (source: StaffSource, schema: Joi.Schema) => Joi.any().when('source', { is: source, then: schema, otherwise: Joi.any().strip() });

const sourceFields = {
  source: Joi.string().valid(...STAFF_SOURCES).required().label('staffintake:fields.source').messages({
    'any.only': 'staffintake:errors.source',
    'any.required': 'staffintake:errors.source',
    'string.empty': 'staffintake:errors.source',
  }),
  platform: only(
    'social_media',
    Joi.string().valid(...SOCIAL_PLATFORMS).required().label('staffintake:fields.platform').messages({
      'any.only': 'staffintake:errors.platform',
      'any.required': 'staffintake:errors.platform',
      'string.empty': 'staffintake:errors.platform',
    }),
  ),
  url: only(
    'social_media',
    Joi.string().trim().max(2000).uri({ scheme: ['http', 'https'] }).empty('').allow(null).default(null).label('staffintake:fields.url').messages({
      'string.uri': 'staffintake:errors.url',
      'string.uriCustomScheme': 'staffintake:errors.url',
    }),
  ),
  laporNumber: only(
    'lapor',
    Joi.string().trim().pattern(LAPOR_NUMBER).required().label('staffintake:fields.laporNumber')
      .custom((value: string) => value.replace(/^#\s*/, '').toUpperCase())
      .messages({
        'string.pattern.base': 'staffintake:errors.laporNumber',
        'any.required': 'staffintake:errors.laporRequired',
        'string.empty': 'staffintake:errors.laporRequired',
      }),
  ),
  letterNumber: only('letter', Joi.string().trim().max(100).empty('').allow(null).default(null).label('staffintake:fields.letterNumber')),
  letterDate: only(
    'letter',
    Joi.string().trim().empty('').allow(null).default(null).pattern(/^\d{4}-\d{2}-\d{2}$/).custom(pastDate).label('staffintake:fields.letterDate')
      .messages({ 'string.pattern.base': 'staffintake:errors.letterDate' }),
  ),
};

interface SourceInput {
  source: StaffSource;
  platform?: SocialPlatform;
  url?: string | null;
  laporNumber?: string;
  letterNumber?: string | null;
  letterDate?: string | null;
}

/** The citizen's form fields (intake/schema.ts), without what only a citizen sends (consent, the honeypot, the WhatsApp choice), and the source. */
export interface StaffReportForm extends SourceInput, Omit<WebReportForm, 'consent' | 'website' | 'notifyWhatsApp'> {}

/** The staff page /staf/laporan/baru: flat field names, like the citizen's form. */
export const staffFormSchema = Joi.object<StaffReportForm>({
  ...sourceFields,
  ...intakeRules.report,
  kecamatan: intakeRules.regionCode.label('intake:fields.kecamatan'),
  desa: intakeRules.regionCode.label('intake:fields.desa'),
  name: intakeRules.name,
  email: intakeRules.email,
  phone: intakeRules.phone,
  nik: intakeRules.nik,
  ...heldFormFields,
})
  .custom(intakeRules.pairedPoint)
  .messages({ 'any.custom': 'intake:errors.latLng' });

export interface StaffReportApi extends SourceInput {
  kind: ReportKind;
  title: string;
  body: string;
  categoryId: number | null;
  regionCode: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter: { name: string | null; email: string | null; phone: string | null; nik: string | null };
  anonymous: boolean;
  confidential: boolean;
}

/** POST /api/v1/staff/reports: the citizen API's shape (reporter as an object) with the source. */
export const staffApiSchema = Joi.object<StaffReportApi>({
  ...sourceFields,
  ...intakeRules.report,
  regionCode: intakeRules.regionCode.label('intake:fields.region'),
  reporter: Joi.object({ name: intakeRules.name, email: intakeRules.email, phone: intakeRules.phone, nik: intakeRules.nik }).default(),
})
  .custom(intakeRules.pairedPoint)
  .messages({ 'any.custom': 'intake:errors.latLng' });

/** The source columns of the report (migration 0031). */
export function sourceOf(input: SourceInput): StaffTaking['source'] {
  return {
    staff_source: input.source,
    source_platform: input.platform ?? null,
    source_url: input.url ?? null,
    lapor_number: input.laporNumber ?? null,
    letter_number: input.letterNumber ?? null,
    letter_date: input.letterDate ?? null,
  };
}

export function fromStaffForm(form: StaffReportForm): IntakeInput {
  return fromFormFields(form);
}

export function fromStaffApi(body: StaffReportApi): IntakeInput {
  const { reporter } = body;
  return {
    kind: body.kind,
    title: body.title,
    body: body.body,
    categoryId: body.categoryId,
    regionCode: body.regionCode,
    address: body.address,
    lat: body.lat,
    lng: body.lng,
    reporter: { name: reporter.name, email: reporter.email, phone: reporter.phone, nik: reporter.nik },
    anonymous: body.anonymous,
    confidential: body.confidential,
  };
}
