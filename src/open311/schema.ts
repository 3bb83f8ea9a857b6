import Joi from 'joi';
import { REPORT_KINDS, type ReportKind } from '../db/schema.js';
import { LIMITS } from '../reports/limits.js';

/**
 * Parameters of the Open311 endpoints, as the spec names them (snake_case), one joi
 * schema per action. Parameters we do not know are let through and ignored: clients
 * send extensions of their own (FixMyStreet sends `lang`, `device_id`...).
 */

/** Most service requests a page can hold, whatever page_size asks. */
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 50;
/** The spec's default window: requests of the last 90 days when no start_date is given. */
export const DEFAULT_WINDOW_DAYS = 90;
/** The spec's limit on a description. */
export const DESCRIPTION_MAX = 4000;
export const MAX_IDS = PAGE_SIZE_MAX;

/** "a,b , c" -> ['a','b','c']: the spec's comma-delimited lists. */
const commaList = (item: Joi.StringSchema, max: number) =>
  Joi.array().items(item).min(1).max(max);

function splitCommas(value: unknown): unknown {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
}

// A jurisdiction_id is accepted and ignored: this server answers for one jurisdiction.
const jurisdiction = Joi.string().trim().max(100).empty('');

export interface RequestsQuery {
  jurisdiction_id?: string;
  service_request_id?: string[];
  service_code?: string[];
  start_date?: Date;
  end_date?: Date;
  status?: ('open' | 'closed')[];
  page: number;
  page_size: number;
}

/** GET /requests: the spec's filters, and page/page_size (a common extension). */
export const requestsQuerySchema = Joi.object<RequestsQuery>({
  jurisdiction_id: jurisdiction,
  // Tracking codes; when given, the other filters are ignored (as the spec says).
  service_request_id: commaList(Joi.string().trim().max(20), MAX_IDS).label('service_request_id'),
  service_code: commaList(Joi.string().trim().max(60), 50).label('service_code'),
  // Earliest and latest requested_datetime, ISO 8601.
  start_date: Joi.date().iso().label('start_date'),
  end_date: Joi.date().iso().min(Joi.ref('start_date')).label('end_date'),
  status: commaList(Joi.string().trim().lowercase().valid('open', 'closed'), 2).label('status'),
  page: Joi.number().integer().min(1).max(10_000).default(1).label('page'),
  // Larger pages are cut to the maximum rather than refused.
  page_size: Joi.number().integer().min(1).default(PAGE_SIZE_DEFAULT).custom((v: number) => Math.min(v, PAGE_SIZE_MAX)).label('page_size'),
}).unknown(true);

/**
 * Query strings arrive as strings; lists are split before joi sees them. An empty
 * parameter (?status=&start_date=) is left out: the spec's optional arguments answer
 * the same whether passed empty or not passed at all.
 */
export function prepareQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    // ?status=open&status=closed arrives as an array: take it as a comma list.
    const value = Array.isArray(v) ? v.join(',') : v;
    const prepared = ['service_request_id', 'service_code', 'status'].includes(k) ? splitCommas(value) : value;
    if (isEmpty(prepared)) continue;
    out[k] = prepared;
  }
  return out;
}

const isEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export interface NewRequest {
  jurisdiction_id?: string;
  device_id?: never;
  account_id?: never;
  service_code: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  /** A kecamatan or desa/kelurahan code (33.18.01 or 33.18.01.2001): our master list of places. */
  address_id: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  description: string;
  media_url: string | null;
  attribute: {
    kind: ReportKind;
    kecamatan: string | null;
    title: string | null;
    anonymous: boolean;
    confidential: boolean;
  };
}

const optional = (schema: Joi.Schema) => schema.empty('').allow(null).default(null);
const regionCode = Joi.string().trim().pattern(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/);
const yesNo = Joi.boolean().truthy('1', 'ya', 'yes').falsy('0', 'tidak', 'no', '').default(false);

/** POST /requests, form-encoded; attribute[x] fields are gathered into `attribute` first. */
export const newRequestSchema = Joi.object<NewRequest>({
  jurisdiction_id: jurisdiction,
  // Required: empty is missing, with the same message.
  service_code: Joi.string().trim().max(60).empty('').required().label('service_code'),
  lat: optional(Joi.number().min(-90).max(90)).label('lat'),
  long: optional(Joi.number().min(-180).max(180)).label('long'),
  address_string: optional(Joi.string().trim().max(LIMITS.addressMax)).label('address_string'),
  address_id: optional(regionCode).label('address_id'),
  email: optional(Joi.string().trim().lowercase().email({ tlds: false }).max(254)).label('email'),
  first_name: optional(Joi.string().trim().max(50)).label('first_name'),
  last_name: optional(Joi.string().trim().max(50)).label('last_name'),
  // Checked and normalised by the intake rules (+62...) in the handler.
  phone: optional(Joi.string().trim().max(30)).label('phone'),
  // Optional in the spec, required here (a report needs its text): empty is missing.
  description: Joi.string().trim().min(LIMITS.bodyMin).max(DESCRIPTION_MAX).empty('').required().label('description'),
  // Recorded as text for staff; never fetched by the server.
  media_url: optional(Joi.string().trim().max(500).uri({ scheme: ['http', 'https'] })).label('media_url'),
  device_id: Joi.any().strip(),
  account_id: Joi.any().strip(),
  attribute: Joi.object({
    kind: Joi.string().trim().lowercase().valid(...REPORT_KINDS).empty('').default('pengaduan').label('attribute[kind]'),
    kecamatan: optional(regionCode).label('attribute[kecamatan]'),
    title: optional(Joi.string().trim().min(LIMITS.titleMin).max(LIMITS.titleMax)).label('attribute[title]'),
    anonymous: yesNo.label('attribute[anonymous]'),
    confidential: yesNo.label('attribute[confidential]'),
  }).default(),
})
  .custom((value: NewRequest, helpers) =>
    // A point is both coordinates or neither.
    (value.lat === null) !== (value.long === null)
      ? helpers.error('any.custom', { missing: [value.lat === null ? 'lat' : 'long'] })
      : value,
  )
  .messages({ 'any.custom': 'open311:errors.latLong' })
  .unknown(true);

/**
 * Form fields attribute[kind]=aspirasi (the app parses forms flat) become
 * { attribute: { kind: 'aspirasi' } }; unknown attributes are dropped.
 */
export function gatherAttributes(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, unknown> =
    body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute) ? { ...(body.attribute as object) } : {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[(\w{1,40})\]$/.exec(k);
    if (m) attribute[m[1]!] = v;
    else if (k !== 'attribute') out[k] = v;
  }
  const known = ['kind', 'kecamatan', 'title', 'anonymous', 'confidential'];
  out.attribute = Object.fromEntries(Object.entries(attribute).filter(([k]) => known.includes(k)));
  return out;
}
