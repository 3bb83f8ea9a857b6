import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { apiLocale } from '../http/locale.js';
import { normalizeCode } from '../reports/tracking.js';
import { isLocale, translator } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { badRequest, notFound } from './errors.js';
import { type Format, isFormat, sendDocument, type XmlObject } from './format.js';
import { catchAllService, open311Status, PUBLISHED_STATUS, presentDefinition, presentDiscovery, presentRequest, presentService } from './presenter.js';
import { findPublished, findService, listKecamatan, listPublished, listServices, type RequestFilter } from './queries.js';
import { DEFAULT_WINDOW_DAYS, prepareQuery, type RequestsQuery, requestsQuerySchema } from './schema.js';

const DAY_MS = 86_400_000;

/** The API speaks the client's Accept-Language (id or en), like /api/v1; pages' cookies do not apply. */
export function open311Locale(config: Config): RequestHandler {
  return (req, res, next) => {
    const locale = apiLocale(req, config.defaultLocale);
    res.locals.locale = isLocale(locale) ? locale : config.defaultLocale;
    res.locals.t = translator(res.locals.locale);
    next();
  };
}

/** The resource's extension must be .json or .xml; anything else is not a resource here. */
export const requireFormat: RequestHandler = (req, _res, next) => {
  next(isFormat(req.params.format) ? undefined : notFound('open311:errors.format'));
};

/** Public, read-only data: any site may read it from a browser. */
export const publicRead: RequestHandler = (_req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Cache-Control', 'public, max-age=60');
  next();
};

const formatParam = (req: Request) => req.params.format as Format;
const items = (rows: object[]) => rows as unknown as XmlObject[];

export function readHandlers(db: Db, config: Config) {
  return {
    /** GET /open311/v2/discovery.{format} */
    async discovery(req: Request, res: Response) {
      sendDocument(res, formatParam(req), 'discovery', presentDiscovery(config, res.locals.t));
    },

    /** GET /open311/v2/services.{format}: one service per active category, and the catch-all. */
    async services(req: Request, res: Response) {
      const rows = await listServices(db, catchAllService(res.locals.t));
      sendDocument(res, formatParam(req), 'services', items(rows.map((r) => presentService(r, res.locals.locale))));
    },

    /** GET /open311/v2/services/{service_code}.{format} */
    async definition(req: Request, res: Response) {
      const code = String(req.params.code);
      const service = await findService(db, code, catchAllService(res.locals.t));
      if (!service) throw notFound('open311:errors.service', { code });
      const kecamatan = await listKecamatan(db);
      sendDocument(res, formatParam(req), 'service_definition', presentDefinition(service, kecamatan, res.locals.t));
    },

    /**
     * GET /open311/v2/requests.{format}: published cases only. service_request_id
     * overrides the other filters (as the spec says); without it the window is the 90
     * days before end_date (or now) unless start_date is given.
     */
    async list(req: Request, res: Response) {
      const q = check(requestsQuerySchema, prepareQuery(req.query as Record<string, unknown>), res.locals.t) as RequestsQuery;
      const filter: RequestFilter = { limit: q.page_size, offset: (q.page - 1) * q.page_size };
      let none = false;
      if (q.service_request_id) {
        filter.codes = q.service_request_id.map((id) => normalizeCode(id)).filter((c): c is string => Boolean(c));
      } else {
        const to = q.end_date;
        filter.to = to;
        filter.from = q.start_date ?? new Date((to?.getTime() ?? Date.now()) - DEFAULT_WINDOW_DAYS * DAY_MS);
        filter.serviceCodes = q.service_code;
        // Every published case is closed: asking for open ones finds none.
        if (q.status && !q.status.includes(open311Status(PUBLISHED_STATUS))) none = true;
      }
      const rows = none ? [] : await listPublished(db, filter);
      sendDocument(res, formatParam(req), 'service_requests', items(rows.map((r) => presentRequest(r, config, catchAllService(res.locals.t), res.locals.locale))));
    },

    /** GET /open311/v2/requests/{service_request_id}.{format}: unpublished, rahasia and unknown answer alike. */
    async show(req: Request, res: Response) {
      const id = String(req.params.id);
      const code = normalizeCode(id);
      const row = code ? await findPublished(db, code) : undefined;
      if (!row) throw notFound('open311:errors.request', { id });
      sendDocument(res, formatParam(req), 'service_requests', items([presentRequest(row, config, catchAllService(res.locals.t), res.locals.locale)]));
    },

    /**
     * GET /open311/v2/tokens/{token}.{format}: tokens exist for servers that cannot make
     * a request at once. Ours answers POST with the service_request_id itself, so no
     * token is ever issued and every token is unknown.
     */
    async token(_req: Request, _res: Response) {
      throw notFound('open311:errors.token');
    },
  };
}

export const requireForm: RequestHandler = (req, _res, next) => {
  next(req.is('application/x-www-form-urlencoded') ? undefined : badRequest('open311:errors.formOnly'));
};
