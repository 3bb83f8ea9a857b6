import path from 'node:path';
import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { CHANNELS } from '../db/schema.js';
import { ROOT_DIR } from '../paths.js';
import { jakartaDate } from '../shared/calendar.js';
import type { Translate } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { filterKey } from './cache.js';
import { resolveFilter } from './filter.js';
import { getSetting } from '../settings/queries.js';
import { answersBehind, DEFINITIONS, isQualityFigure, rankAgencies, reportsBehind } from './metrics.js';
import { presentChannels } from './channelsPresenter.js';
import { presentOverview } from './overview.js';
import { options, presentBehind, presentDashboard } from './presenter.js';
import { presentAnswerBehind, presentQuality } from './qualityPresenter.js';
import { agencyCodes, filterOptions } from './queries.js';
import { monthSchema } from './schema.js';
import type { SharedFigures } from './sharedFigures.js';

const LIST_PAGE = 50;

/** The filters that narrow the figures, named for the folded filter box's summary. */
function activeFilters(lists: Awaited<ReturnType<typeof filterOptions>>, q: { agency?: string; category?: string; kecamatan?: string; channel?: string }, t: Translate) {
  const named = (list: { code: string; name: string }[], code?: string) => (code ? (list.find((o) => o.code === code)?.name ?? code) : undefined);
  const parts = [
    named(lists.agencies, q.agency), named(lists.categories, q.category), named(lists.kecamatan, q.kecamatan),
    q.channel ? t(`reports:channels.${q.channel}`) : undefined,
  ].filter((p): p is string => Boolean(p));
  return { filtersOpen: parts.length > 0, filterText: parts.join(' · ') };
}

/** 'YYYY-MM' of the month before `month` ('YYYY-MM'). */
function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** 'YYYY-MM' of the month before this one in Jakarta: the last month whose figures are whole. */
export function lastCompleteMonth(now = new Date()): string {
  return monthBefore(jakartaDate(now).slice(0, 7));
}
const CHART_JS = path.join(ROOT_DIR, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');

/**
 * The leadership dashboard's pages /dasbor (leader, admin, coordinator; a Kepala OPD their
 * own OPD, routes.ts): per-OPD figures, ranking, trend, breakdowns, the overdue list, the
 * reports behind every figure, and a printable monthly report.
 */
export function dashboardHandlers(db: Db, figures: SharedFigures) {
  /** The page's view-model for the request's filter (or `query`), built once per set of figures. */
  async function model(req: Request, res: Response, query?: Record<string, string>) {
    const t = res.locals.t;
    const locale = res.locals.locale;
    const resolved = await resolveFilter(db, req, query);
    const { filter } = resolved;
    const days = (filter.to.getTime() - filter.from.getTime()) / 86_400_000;
    const unit = days > 120 ? 'month' : 'week';
    const cached = figures.of(req, filter);
    const before = figures.of(req, resolved.previous.filter);
    const [parts, minCount] = await Promise.all([
      Promise.all([cached.agencies(), cached.trend(unit), cached.breakdown('category'), cached.breakdown('kecamatan'), cached.overdue(), cached.total(), before.agencies(), before.total(), cached.quality(), cached.channels()]),
      getSetting(db, 'dashboardRankMinAnswered'),
    ]);
    const [rows, points, categories, kecamatan, overdue] = [parts[0].value, parts[1].value, parts[2].value, parts[3].value, parts[4].value];
    const [total, previousRows, previousTotal, quality, channels] = [parts[5].value, parts[6].value, parts[7].value, parts[8].value, parts[9].value];
    // The page is as old as its oldest part.
    const asOf = new Date(Math.min(...parts.map((p) => p.asOf.getTime())));
    // The page's view-model (links, formatted cells) from the same figures, in the same
    // language, for the same scope and query, is the same: built once (profiled under load,
    // building it was 15% of a page view's time).
    const key = [locale, resolved.ownAgency ? 'own' : 'any', JSON.stringify(resolved.query), filterKey(filter), minCount, ...parts.map((p) => p.asOf.getTime())].join(' ');
    const build = async () => {
      const codes = await agencyCodes(db);
      const ranking = rankAgencies(rows, { minCount });
      const page = presentDashboard({ resolved, asOf, unit, rows, points, categories, kecamatan, overdue, agencyCodes: codes, ranking }, t, locale);
      const overview = presentOverview({
        period: { from: resolved.query.from, to: resolved.query.to },
        previous: resolved.previous,
        total, previousTotal, ranking, previousRows,
        agencyCode: (id) => codes.get(id) ?? '',
        agencyLink: (id) => {
          const q = new URLSearchParams(resolved.params);
          q.set('agency', codes.get(id) ?? '');
          q.set('figure', 'answeredWithDeadline');
          return `/dasbor/laporan?${q}`;
        },
      }, t, locale);
      return { ...page, overview, channels: presentChannels(channels, resolved.params, t, locale), quality: presentQuality({ rows: quality, params: resolved.params, agencyCodes: codes, minCount }, t, locale) };
    };
    const page = (await figures.pages.get(key, build)).value;
    return { resolved, page };
  }

  return {
    /** Chart.js from our own origin (DESIGN: no third-party scripts). */
    chartJs(_req: Request, res: Response) {
      res.set('Cache-Control', 'public, max-age=604800').type('application/javascript').sendFile(CHART_JS);
    },

    async index(req: Request, res: Response) {
      const { page } = await model(req, res);
      const lists = await filterOptions(db);
      res.render('dashboard/index', {
        ...page,
        // Eleven columns of figures: the page may use a wide screen's whole width.
        wide: true,
        // The filters are folded away (the lead says the period) unless one narrows the figures.
        ...activeFilters(lists, page.ownAgency ? { ...page.query, agency: undefined } : page.query, res.locals.t),
        agencyOptions: options(lists.agencies, page.query.agency),
        categoryOptions: options(lists.categories, page.query.category),
        kecamatanOptions: options(lists.kecamatan, page.query.kecamatan),
        channelOptions: CHANNELS.map((c) => ({ value: c, label: res.locals.t(`reports:channels.${c}`), selected: c === page.query.channel })),
      });
    },

    definitions(_req: Request, res: Response) {
      const locale = res.locals.locale as 'id' | 'en';
      res.render('dashboard/definitions', { title: res.locals.t('dashboard:definitions.title'), definitions: DEFINITIONS.map((d) => ({ key: d.key, ...d[locale] })) });
    },

    /** The reports a figure counts, a page at a time. */
    async reports(req: Request, res: Response) {
      const t = res.locals.t;
      const { filter, query, params } = await resolveFilter(db, req);
      const figure = query.figure ?? 'received';
      const [offset, pageLink] = [(query.page - 1) * LIST_PAGE, (n: number) => `/dasbor/laporan?${new URLSearchParams([...params, ['figure', figure], ['page', String(n)]])}`];
      const common = { title: t('dashboard:list.title', { figure: t(`dashboard:figures.${figure}`) }), back: `/dasbor?${params}`, previous: query.page > 1 ? pageLink(query.page - 1) : null };
      // The answer quality figures count answers sent in the period, not reports submitted in it.
      if (isQualityFigure(figure)) {
        const rows = await answersBehind(db, filter, figure).limit(LIST_PAGE + 1).offset(offset).execute();
        return res.render('dashboard/answers', {
          ...common,
          answers: rows.slice(0, LIST_PAGE).map((r) => presentAnswerBehind(r, t, res.locals.locale)),
          next: rows.length > LIST_PAGE ? pageLink(query.page + 1) : null,
        });
      }
      const rows = await reportsBehind(db, filter, figure).limit(LIST_PAGE + 1).offset(offset).execute();
      res.render('dashboard/reports', {
        ...common,
        reports: rows.slice(0, LIST_PAGE).map((r) => presentBehind(r, t, res.locals.locale)),
        next: rows.length > LIST_PAGE ? pageLink(query.page + 1) : null,
      });
    },

    /** The monthly report for the Bupati: one month, every OPD, printable (print stylesheet). */
    async monthly(req: Request, res: Response) {
      const t = res.locals.t;
      const { bulan } = check(monthSchema, req.query, t) as { bulan?: string };
      const month = bulan ?? lastCompleteMonth();
      const [y, mo] = month.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      const { page } = await model(req, res, { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` });
      res.render('dashboard/monthly', {
        ...page,
        month,
        previousMonth: monthBefore(month),
        maxMonth: jakartaDate(new Date()).slice(0, 7),
        title: t('dashboard:monthly.title', { month: new Intl.DateTimeFormat(res.locals.locale === 'en' ? 'en-GB' : 'id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 1))) }),
        // The figures are as of this (they may have been computed a few seconds before).
        printedAt: new Date(page.asOf),
      });
    },
  };
}
