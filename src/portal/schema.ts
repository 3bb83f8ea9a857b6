import Joi from 'joi';

export interface PortalFilter {
  q?: string;
  /** Agency code, e.g. dpupr. */
  agency?: string;
  /** Category code. */
  category?: string;
  /** Kecamatan code, e.g. 33.18.01. */
  region?: string;
  /** Submitted on or after / before, YYYY-MM-DD (Asia/Jakarta). */
  from?: string;
  to?: string;
  page: number;
}

const code = (pattern: RegExp, label: string) => Joi.string().trim().lowercase().pattern(pattern).empty('').label(label);
const day = (label: string) =>
  Joi.string().trim().pattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).empty('').label(label);

/** The portal's search and filters; the public JSON API takes the same. */
export const portalFilterSchema = Joi.object<PortalFilter>({
  q: Joi.string().trim().max(200).empty('').label('portal:fields.q'),
  agency: code(/^[a-z0-9][a-z0-9-]{1,39}$/, 'portal:fields.agency'),
  category: code(/^[a-z0-9][a-z0-9-]{1,59}$/, 'portal:fields.category'),
  region: Joi.string().trim().pattern(/^\d{2}\.\d{2}\.\d{2}$/).empty('').label('portal:fields.region'),
  from: day('portal:fields.from'),
  to: day('portal:fields.to'),
  page: Joi.number().integer().min(1).max(500).empty('').default(1).label('portal:fields.page'),
  // Stray parameters (utm_source from a shared link) are ignored, not an error.
}).unknown(true);

export const PAGE_SIZE = 20;
