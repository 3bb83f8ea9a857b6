import type { Request, Response } from 'express';
import { attachmentPath } from '../attachments/store.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { normalizeCode } from '../reports/tracking.js';
import { notFound } from '../shared/errors.js';
import { formatDateLong, formatNumber } from '../shared/format.js';
import { check } from '../shared/validation.js';
import { dayLabel, excerpt, formatDays, options, presentCase } from './presenter.js';
import { filterOptions, findPublished, publicStatistics, publishedPhoto, searchPublished } from './queries.js';
import { portalFilterSchema } from './schema.js';
import { cardInput, cardKey } from './shareCard.js';
import { shareCardStore } from './shareCardStore.js';
import { shareMeta } from './shareMeta.js';

/** Public pages: cache briefly in shared caches; a publication shows within a minute. */
const PUBLIC_CACHE = 'public, max-age=60';
const OPTIONS_TTL_MS = 60_000;
/** A card asked for by its version never changes: shared caches and platforms may keep it. */
const CARD_CACHE_VERSIONED = 'public, max-age=31536000, immutable';
/** Without the version (or an older one): the current card, checked again soon. */
const CARD_CACHE_CURRENT = 'public, max-age=300';

/** The public portal /publik: search, a page per case, statistics, photos. No login. */
export function portalHandlers(db: Db, config: Config) {
  const cards = shareCardStore(config);
  /**
   * The filter form's lists, kept for OPTIONS_TTL_MS: three queries per search otherwise,
   * for lists an admin changes a few times a year. The page itself may be cached for a
   * minute (PUBLIC_CACHE), so a renamed OPD shows within the same minute either way.
   */
  let cachedOptions: { at: number; value: ReturnType<typeof filterOptions> } | undefined;
  function filterLists() {
    const now = Date.now();
    if (!cachedOptions || now - cachedOptions.at >= OPTIONS_TTL_MS) {
      const value = filterOptions(db);
      cachedOptions = { at: now, value };
      // A failed load is not kept: the next request asks the database again.
      value.catch(() => {
        if (cachedOptions?.value === value) cachedOptions = undefined;
      });
    }
    return cachedOptions.value;
  }

  async function photo(req: Request, res: Response, thumbnail: boolean) {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
    const row = await publishedPhoto(db, id);
    const key = row && (thumbnail ? row.thumbnail_key : row.storage_key);
    if (!row || !key) throw notFound();
    res.set({ 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" });
    res.type(thumbnail ? 'image/webp' : row.mime_type);
    res.sendFile(attachmentPath(config.uploadDir, key), { dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) res.status(404).end();
    });
  }

  return {
    async list(req: Request, res: Response) {
      const t = res.locals.t;
      const filter = check(portalFilterSchema, req.query, t);
      const [{ rows, hasNext }, lists] = await Promise.all([searchPublished(db, filter), filterLists()]);
      const link = (page: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
        const s = params.toString();
        return s ? `/publik?${s}` : '/publik';
      };
      const daysLabel = (days: number) => dayLabel(res.locals.locale, days, t);
      res.set('Cache-Control', PUBLIC_CACHE);
      res.render('portal/list', {
        title: t('portal:list.title'),
        filter,
        cases: rows.map((r) => {
          const c = presentCase(r, config);
          return { ...c, excerpt: excerpt(c.question), days: c.answerWorkingDays === null ? null : daysLabel(c.answerWorkingDays) };
        }),
        agencies: options(lists.agencies, filter.agency),
        categories: options(lists.categories, filter.category),
        kecamatan: options(lists.kecamatan, filter.region),
        previous: filter.page > 1 ? link(filter.page - 1) : null,
        next: hasNext ? link(filter.page + 1) : null,
        feedAtom: `${config.publicUrl}/publik/feed.atom`,
      });
    },

    async statistics(_req: Request, res: Response) {
      const t = res.locals.t;
      const locale = res.locals.locale;
      // The last twelve months.
      const since = new Date(Date.now() - 365 * 86_400_000);
      const rows = await publicStatistics(db, since);
      res.set('Cache-Control', 'public, max-age=300');
      res.render('portal/statistics', {
        title: t('portal:stats.title'),
        since: formatDateLong(since, res.locals.locale),
        rows: rows.map((r) => ({
          ...r,
          received: formatNumber(r.received, locale, 0),
          answered: formatNumber(r.answered, locale, 0),
          published: formatNumber(r.published, locale, 0),
          median: r.medianDays === null ? t('portal:stats.none') : formatDays(r.medianDays, locale),
        })),
      });
    },

    photo: (req: Request, res: Response) => photo(req, res, false),
    thumbnail: (req: Request, res: Response) => photo(req, res, true),

    /** One published case; anything else under /publik/... that is not a case is a 404. */
    async casePage(req: Request, res: Response) {
      const code = normalizeCode(req.params.code);
      const row = code ? await findPublished(db, code) : undefined;
      if (!row) throw notFound();
      const t = res.locals.t;
      const c = presentCase(row, config);
      const locale = res.locals.locale;
      res.set('Cache-Control', PUBLIC_CACHE);
      res.render('portal/case', {
        title: c.title,
        c,
        dates: {
          submitted: formatDateLong(row.submitted_at, locale),
          answered: row.answered_at ? formatDateLong(row.answered_at, locale) : null,
          resolved: row.resolved_at ? formatDateLong(row.resolved_at, locale) : null,
        },
        took: c.answerWorkingDays === null ? null : dayLabel(locale, c.answerWorkingDays, t, 'portal:case.takeDays'),
        // Share previews (Open Graph, X): the published, redacted text and the share card.
        og: shareMeta(c, row, config, locale),
      });
    },

    /**
     * The share card of a published case (a 1200×630 PNG); 404, and its cards removed, for
     * a case that is not (or no longer) published: a draft, declined or rahasia case. At
     * /publik/{code}/kartu/{version}.png (the pages link this: kept a year), and at
     * /publik/{code}/kartu.png or an older version's address: the current card, for minutes.
     */
    async card(req: Request, res: Response) {
      const code = normalizeCode(req.params.code);
      if (!code) throw notFound();
      const row = await findPublished(db, code);
      if (!row) {
        await cards.forget(code);
        throw notFound();
      }
      const input = cardInput(row, config);
      const key = cardKey(input, config);
      const png = await cards.get(code, key, input);
      res.set({
        'Cache-Control': req.params.version === key ? CARD_CACHE_VERSIONED : CARD_CACHE_CURRENT,
        ETag: `"${key}"`,
        'X-Content-Type-Options': 'nosniff',
        // Made to be shown by other sites (helmet's default would keep it to ours).
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      // res.send answers 304 to a matching If-None-Match.
      res.type('image/png').send(png);
    },
  };
}
