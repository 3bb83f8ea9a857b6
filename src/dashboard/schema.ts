import Joi from 'joi';
import { CHANNELS, type Channel } from '../db/schema.js';
import { FIGURES, type Figure, QUALITY_FIGURES, type QualityFigure } from './metrics.js';

export interface DashboardQuery {
  /** YYYY-MM-DD, Asia/Jakarta; `to` inclusive. */
  from?: string;
  to?: string;
  agency?: string;
  category?: string;
  kecamatan?: string;
  channel?: Channel;
  figure?: Figure | QualityFigure;
  page: number;
}

const day = (label: string) => Joi.string().trim().pattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).empty('').label(label);

/** The dashboard's filters, on the page, the downloads, the lists and the API alike. */
export const dashboardQuerySchema = Joi.object<DashboardQuery>({
  from: day('dashboard:fields.from'),
  to: day('dashboard:fields.to'),
  agency: Joi.string().trim().lowercase().pattern(/^[a-z0-9][a-z0-9-]{1,39}$/).empty('').label('dashboard:fields.agency'),
  category: Joi.string().trim().lowercase().pattern(/^[a-z0-9][a-z0-9-]{1,59}$/).empty('').label('dashboard:fields.category'),
  kecamatan: Joi.string().trim().pattern(/^\d{2}\.\d{2}\.\d{2}$/).empty('').label('dashboard:fields.kecamatan'),
  channel: Joi.string().valid(...CHANNELS).empty('').label('dashboard:fields.channel'),
  figure: Joi.string().valid(...FIGURES, ...QUALITY_FIGURES).empty('').label('dashboard:fields.figure'),
  page: Joi.number().integer().min(1).max(1000).empty('').default(1).label('dashboard:fields.page'),
}).unknown(false);

export const monthSchema = Joi.object({ bulan: Joi.string().pattern(/^\d{4}-(0[1-9]|1[0-2])$/).empty('').label('dashboard:fields.month') });
