import path from 'node:path';
import { type Request, type Response, Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { CHANNELS } from '../db/schema.js';
import { ROOT_DIR } from '../paths.js';
import { formatCode } from '../reports/tracking.js';
import { notFound } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { subscribe } from '../notify/live/bus.js';
import { FiguresCache, filterKey, requestMaxAgeMs } from './cache.js';
import { type Column, sendTable } from './export.js';
import { resolveFilter } from './filter.js';
import { agencyFigures, breakdown, type DashboardFilter, DEFINITIONS, type Figure, overdueList, rankAgencies, reportsBehind, trend } from './metrics.js';
import { columns, displayFigures, formatters, totalOf } from './presenter.js';
import { monthSchema } from './schema.js';

const LIST_PAGE = 50;
const CHART_JS = path.join(ROOT_DIR, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');
/** Keys of cached figures (cache.ts): a few kinds of figures per filter; a few KB each. */
const CACHE_ENTRIES = 500;
/** Built page view-models (routes.ts model()): up to a few hundred KB each. */
const PAGE_ENTRIES = 20;

export interface DashboardOptions {
  /** How long computed figures are shared between requests (cache.ts); 0: not at all. */
  cacheMs: number;
}

/**
 * The leadership dashboard /dasbor (leader, admin, coordinator; a Kepala OPD their own OPD):
 * per-OPD figures, ranking, trend, breakdowns, the overdue list, the reports behind every
 * figure, CSV/XLSX of every table, a printable monthly report, and the same figures as JSON.
 */
export function dashboardRouter(db: Db, opts: DashboardOptions = { cacheMs: 0 }): Router {
  const may = requirePermission('dashboard:view');
  const router = Router();
  const cache = new FiguresCache({ ttlMs: opts.cacheMs, maxEntries: CACHE_ENTRIES });
  // Built pages are larger (a few hundred KB of links each): fewer of them.
  const pages = new FiguresCache({ ttlMs: opts.cacheMs, maxEntries: PAGE_ENTRIES });
  // A change made through this process: its figures are computed again (cache.ts says why
  // all of them, and how other processes' changes reach the page). Held weakly, so an app
  // that is dropped (tests build many) is not kept alive by the bus.
  const ref = new WeakRef(cache);
  const pagesRef = new WeakRef(pages);
  const unsubscribe = subscribe(() => {
    const live = ref.deref();
    if (live) live.invalidate();
    else unsubscribe();
    pagesRef.deref()?.invalidate();
  });

  /**
   * The figures the page, the API and the downloads show, shared through the cache. Call
   * only after resolveFilter: it checked the viewer's permission and holds a Kepala OPD's
   * filter to their OPD, and the key is the filter.
   */
  const figures = (req: Request, filter: DashboardFilter) => {
    const maxAge = requestMaxAgeMs(req.get('cache-control'));
    const key = filterKey(filter);
    return {
      agencies: () => cache.get(`agencies ${key}`, () => agencyFigures(db, filter), maxAge),
      trend: (unit: 'week' | 'month') => cache.get(`trend:${unit} ${key}`, () => trend(db, filter, unit), maxAge),
      breakdown: (by: 'category' | 'kecamatan') => cache.get(`${by} ${key}`, () => breakdown(db, filter, by), maxAge),
      overdue: () => cache.get(`overdue ${key}`, () => overdueList(db, filter, 20), maxAge),
    };
  };
  const clockTime = (locale: string) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', second: '2-digit' });

  // Chart.js from our own origin (DESIGN: no third-party scripts).
  router.get('/static/vendor/chart.umd.min.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=604800').type('application/javascript').sendFile(CHART_JS);
  });

  async function model(req: Request, res: Response, query?: Record<string, string>) {
    const t = res.locals.t;
    const locale = res.locals.locale;
    const resolved = await resolveFilter(db, req, query);
    const { filter, params } = resolved;
    const days = (filter.to.getTime() - filter.from.getTime()) / 86_400_000;
    const unit = days > 120 ? 'month' : 'week';
    const cached = figures(req, filter);
    const parts = await Promise.all([cached.agencies(), cached.trend(unit), cached.breakdown('category'), cached.breakdown('kecamatan'), cached.overdue()]);
    const [rows, points, categories, kecamatan, overdue] = [parts[0].value, parts[1].value, parts[2].value, parts[3].value, parts[4].value];
    // The page is as old as its oldest part.
    const asOf = new Date(Math.min(...parts.map((p) => p.asOf.getTime())));
    // The page's view-model (links, formatted cells) from the same figures, in the same
    // language, for the same scope and query, is the same: built once (profiled under load,
    // building it was 15% of a page view's time).
    const key = [locale, resolved.ownAgency ? 'own' : 'any', JSON.stringify(resolved.query), filterKey(filter), ...parts.map((p) => p.asOf.getTime())].join(' ');
    const page = (await pages.get(key, build)).value;
    return { resolved, page };

    async function build() {
      const agencyCodes = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]));
      // The filters of a row once, then each cell's figure (params never holds a figure).
      const rowLink = (extra: Record<string, string> = {}) => {
        const p = new URLSearchParams(params);
        for (const [k, v] of Object.entries(extra)) p.set(k, v);
        const base = `/dasbor/laporan?${p}&figure=`;
        return (figure: Figure) => base + figure;
      };
      const link = (figure: Figure) => rowLink()(figure);
      const cols = columns(t);
      const asRow = (name: string, f: Parameters<typeof displayFigures>[0], extra: Record<string, string>) => {
        const shown = displayFigures(f, locale);
        const href = rowLink(extra);
        return { name, cells: cols.map((c) => ({ key: c.key, value: shown[c.key], href: href(c.list as Figure) })) };
      };
      const total = totalOf(rows);
      const ranked = rankAgencies(rows);
      const fmt = formatters(locale);
      return {
        title: t('dashboard:title'),
        asOf: asOf.toISOString(),
        asOfTime: clockTime(locale).format(asOf),
        query: resolved.query,
        ownAgency: Boolean(resolved.ownAgency),
        columns: cols,
        summary: displayFigures(total, locale),
        summaryLinks: { received: link('received'), open: link('open'), overdue: link('overdue'), inTime: link('answeredInTime') },
        agencies: rows.map((r) => ({
          code: r.agencyId === null ? '' : (agencyCodes.get(r.agencyId) ?? ''),
          ...asRow(r.agencyName ?? t('dashboard:unassigned'), r, { agency: r.agencyId === null ? '' : (agencyCodes.get(r.agencyId) ?? '') }),
        })),
        ranking: {
          minCount: ranked.minCount,
          fastest: ranked.fastest.map((r) => ({ name: r.agencyName, days: fmt.days(r.answerMedian), answered: r.answered })),
          slowest: ranked.slowest.map((r) => ({ name: r.agencyName, days: fmt.days(r.answerMedian), answered: r.answered })),
        },
        trendUnit: t(`dashboard:trend.${unit}`),
        trend: points.map((p) => ({ period: p.period, ...displayFigures(p, locale) })),
        categories: categories.map((c) => asRow(c.name ?? t('dashboard:none'), c, c.key === null ? {} : { category: String(c.key) })),
        kecamatan: kecamatan.map((k) => asRow(k.name ?? t('dashboard:none'), k, k.key === null ? {} : { kecamatan: String(k.key) })),
        overdue: overdue.map((o) => ({ ...o, code: o.trackingCode, displayCode: formatCode(o.trackingCode), days: fmt.days(o.daysOverdue) })),
        downloads: (['opd', 'kategori', 'kecamatan', 'tren', 'terlambat'] as const).map((table) => ({
          table,
          label: t(`dashboard:tables.${table}`),
          csv: `/dasbor/unduh/${table}.csv?${params}`,
          xlsx: `/dasbor/unduh/${table}.xlsx?${params}`,
        })),
        chartData: JSON.stringify({
          api: `/api/v1/dashboard/agencies?${params}`,
          trend: {
            labels: points.map((p) => p.period),
            received: points.map((p) => p.received),
            answered: points.map((p) => p.answered),
            receivedLabel: t('dashboard:columns.received'),
            answeredLabel: t('dashboard:trend.answered'),
          },
          ranking: {
            label: t('dashboard:columns.answerMedian'),
            labels: [...ranked.fastest, ...ranked.slowest.filter((s) => !ranked.fastest.includes(s))].map((r) => r.agencyName),
            values: [...ranked.fastest, ...ranked.slowest.filter((s) => !ranked.fastest.includes(s))].map((r) => r.answerMedian),
          },
        }),
      };
    }
  }

  router.get('/dasbor', may, async (req, res) => {
    const { page } = await model(req, res);
    const [agencies, categories, kecamatan] = await Promise.all([
      db.selectFrom('agencies').select(['code', 'name']).where('active', '=', true).orderBy('name').execute(),
      db.selectFrom('categories').select(['code', 'name']).where('active', '=', true).orderBy('name').execute(),
      db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan').orderBy('name').execute(),
    ]);
    const opts = (list: { code: string; name: string }[], chosen?: string) => list.map((o) => ({ value: o.code, label: o.name, selected: o.code === chosen }));
    res.set('Cache-Control', 'no-store');
    res.render('dashboard/index', {
      ...page,
      agencyOptions: opts(agencies, page.query.agency),
      categoryOptions: opts(categories, page.query.category),
      kecamatanOptions: opts(kecamatan, page.query.kecamatan),
      channelOptions: CHANNELS.map((c) => ({ value: c, label: res.locals.t(`reports:channels.${c}`), selected: c === page.query.channel })),
    });
  });

  router.get('/dasbor/definisi', may, (_req, res) => {
    const locale = res.locals.locale as 'id' | 'en';
    res.render('dashboard/definitions', { title: res.locals.t('dashboard:definitions.title'), definitions: DEFINITIONS.map((d) => ({ key: d.key, ...d[locale] })) });
  });

  router.get('/dasbor/laporan', may, async (req, res) => {
    const t = res.locals.t;
    const { filter, query, params } = await resolveFilter(db, req);
    const figure = query.figure ?? 'received';
    const rows = await reportsBehind(db, filter, figure).limit(LIST_PAGE + 1).offset((query.page - 1) * LIST_PAGE).execute();
    const pageLink = (n: number) => `/dasbor/laporan?${new URLSearchParams([...params, ['figure', figure], ['page', String(n)]])}`;
    const fmt = formatters(res.locals.locale);
    res.set('Cache-Control', 'no-store');
    res.render('dashboard/reports', {
      title: t('dashboard:list.title', { figure: t(`dashboard:figures.${figure}`) }),
      back: `/dasbor?${params}`,
      reports: rows.slice(0, LIST_PAGE).map((r) => ({
        code: r.tracking_code,
        displayCode: formatCode(r.tracking_code),
        title: r.title,
        status: t(`reports:statuses.${r.status}`),
        submittedAt: r.submitted_at,
        answerDays: fmt.days(r.answer_days === null ? null : Number(r.answer_days)),
      })),
      previous: query.page > 1 ? pageLink(query.page - 1) : null,
      next: rows.length > LIST_PAGE ? pageLink(query.page + 1) : null,
    });
  });

  router.get('/dasbor/unduh/:file', may, async (req, res) => {
    const m = /^(opd|kategori|kecamatan|tren|terlambat)\.(csv|xlsx)$/.exec(String(req.params.file));
    if (!m) throw notFound();
    const [, table, format] = m as unknown as [string, 'opd' | 'kategori' | 'kecamatan' | 'tren' | 'terlambat', 'csv' | 'xlsx'];
    const t = res.locals.t;
    const { filter, query } = await resolveFilter(db, req);
    const cached = figures(req, filter);
    const name = `dasbor-${table}-${query.from}-${query.to}`;
    const figureColumns = <R extends Parameters<typeof displayFigures>[0]>(): Column<R>[] => [
      { label: t('dashboard:columns.received'), value: (r) => r.received },
      { label: t('dashboard:columns.open'), value: (r) => r.open },
      { label: t('dashboard:columns.overdue'), value: (r) => r.overdue },
      { label: t('dashboard:columns.answered'), value: (r) => r.answered },
      { label: t('dashboard:columns.inTime'), value: (r) => (r.answeredInTimeShare === null ? null : Math.round(r.answeredInTimeShare * 1000) / 10) },
      { label: t('dashboard:columns.firstResponseMedian'), value: (r) => r.firstResponseMedian },
      { label: t('dashboard:columns.firstResponseP90'), value: (r) => r.firstResponseP90 },
      { label: t('dashboard:columns.answerMedian'), value: (r) => r.answerMedian },
      { label: t('dashboard:columns.answerP90'), value: (r) => r.answerP90 },
      { label: t('dashboard:columns.rating'), value: (r) => r.ratingAverage },
      { label: t('dashboard:columns.appealed'), value: (r) => r.appealed },
    ];
    if (table === 'opd') {
      const rows = (await cached.agencies()).value;
      return sendTable(res, format, name, [{ label: t('dashboard:columns.agency'), value: (r) => r.agencyName ?? t('dashboard:unassigned') }, ...figureColumns<(typeof rows)[number]>()], rows);
    }
    if (table === 'kategori' || table === 'kecamatan') {
      const rows = (await cached.breakdown(table === 'kategori' ? 'category' : 'kecamatan')).value;
      return sendTable(res, format, name, [{ label: t(`dashboard:tables.${table}`), value: (r) => r.name ?? t('dashboard:none') }, ...figureColumns<(typeof rows)[number]>()], rows);
    }
    if (table === 'tren') {
      const rows = (await cached.trend('week')).value;
      return sendTable(res, format, name, [{ label: t('dashboard:trend.period'), value: (r) => r.period }, ...figureColumns<(typeof rows)[number]>()], rows);
    }
    const jakartaTime = new Intl.DateTimeFormat(res.locals.locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' });
    const rows = await overdueList(db, filter, 10_000);
    return sendTable(res, format, name, [
      { label: t('dashboard:overdue.code'), value: (r) => formatCode(r.trackingCode) },
      { label: t('dashboard:overdue.reportTitle'), value: (r) => r.title },
      { label: t('dashboard:columns.agency'), value: (r) => r.agencyName },
      // As people read it, in Jakarta time; the file is for the Bupati's staff, not a machine.
      { label: t('dashboard:overdue.due'), value: (r) => jakartaTime.format(r.dueAt) },
      { label: t('dashboard:overdue.days'), value: (r) => r.daysOverdue },
    ], rows);
  });

  /** The monthly report for the Bupati: one month, every OPD, printable (print stylesheet). */
  router.get('/dasbor/bulanan', may, async (req, res) => {
    const t = res.locals.t;
    const { bulan } = check(monthSchema, req.query, t) as { bulan?: string };
    const month = bulan ?? new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const [y, mo] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const { page } = await model(req, res, { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` });
    res.set('Cache-Control', 'no-store');
    res.render('dashboard/monthly', {
      ...page,
      title: t('dashboard:monthly.title', { month: new Intl.DateTimeFormat(res.locals.locale === 'en' ? 'en-GB' : 'id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 1))) }),
      // The figures are as of this (they may have been computed a few seconds before).
      printedAt: new Date(page.asOf),
    });
  });

  router.get('/api/v1/dashboard/agencies', may, async (req, res) => {
    const resolved = await resolveFilter(db, req);
    const { value: rows, asOf } = await figures(req, resolved.filter).agencies();
    const codes = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]));
    const total = totalOf(rows);
    res.set('Cache-Control', 'no-store').json({
      from: resolved.query.from,
      to: resolved.query.to,
      /** When these figures were computed (they include every change committed before). */
      asOf: asOf.toISOString(),
      total: { ...total, display: displayFigures(total, res.locals.locale) },
      agencies: rows.map((r) => ({
        code: r.agencyId === null ? null : (codes.get(r.agencyId) ?? null),
        name: r.agencyName,
        ...r,
        display: displayFigures(r, res.locals.locale),
      })),
    });
  });
  return router;
}
