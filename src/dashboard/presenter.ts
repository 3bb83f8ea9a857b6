import { formatCode } from '../reports/tracking.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { Column } from './export.js';
import type { ResolvedFilter } from './filter.js';
import type { AgencyFigures, BreakdownRow, Figure, Figures, OverdueReport, Ranking, reportsBehind, TrendPoint } from './metrics.js';

/**
 * Numbers as people read them: 1,5 hari in Indonesian, 1.5 days in English; a dash for none.
 * One set per locale, made once: an Intl.NumberFormat costs far more to make (and to use the
 * first time) than to use, and a page formats every cell of a hundred rows (profiled under
 * load, /dasbor spent a quarter of its time making formatters).
 */
export function formatters(locale: Locale) {
  let made = FORMATTERS.get(locale);
  if (!made) FORMATTERS.set(locale, (made = makeFormatters(locale)));
  return made;
}

const FORMATTERS = new Map<Locale, ReturnType<typeof makeFormatters>>();

function makeFormatters(locale: Locale) {
  const tag = locale === 'en' ? 'en-GB' : 'id-ID';
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  return {
    count: (n: number) => number.format(n),
    days: (n: number | null) => (n === null ? '—' : number.format(n)),
    share: (n: number | null) => (n === null ? '—' : percent.format(n)),
    rating: (n: number | null) => (n === null ? '—' : number.format(n)),
  };
}

/** The cells of one row of figures as shown (and as the live update writes them). */
export function displayFigures(f: Figures, locale: Locale) {
  const fmt = formatters(locale);
  return {
    received: fmt.count(f.received),
    open: fmt.count(f.open),
    overdue: fmt.count(f.overdue),
    answeredInTimeShare: fmt.share(f.answeredInTimeShare),
    firstResponseMedian: fmt.days(f.firstResponseMedian),
    firstResponseP90: fmt.days(f.firstResponseP90),
    answerMedian: fmt.days(f.answerMedian),
    answerP90: fmt.days(f.answerP90),
    ratingAverage: fmt.rating(f.ratingAverage),
    appealed: fmt.count(f.appealed),
  };
}

/** The sum of several rows' counts; shares and averages recomputed, medians left out (not additive). */
export function totalOf(rows: Figures[]): Figures {
  const sum = (k: keyof Figures) => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0);
  const answeredWithDeadline = sum('answeredWithDeadline');
  const rated = sum('rated');
  return {
    received: sum('received'), open: sum('open'), overdue: sum('overdue'), firstResponse: sum('firstResponse'),
    respondedInTime: sum('respondedInTime'), answered: sum('answered'), answeredWithDeadline, answeredInTime: sum('answeredInTime'),
    answeredInTimeShare: answeredWithDeadline ? sum('answeredInTime') / answeredWithDeadline : null,
    firstResponseMedian: null, firstResponseP90: null, answerMedian: null, answerP90: null,
    rated,
    ratingAverage: rated ? Math.round((rows.reduce((s, r) => s + (r.ratingAverage ?? 0) * r.rated, 0) / rated) * 100) / 100 : null,
    appealed: sum('appealed'), reopened: sum('reopened'),
  };
}

/** The table's columns: the figure, its label, and the figure whose reports it links to. */
export function columns(t: Translate) {
  return [
    { key: 'received', label: t('dashboard:columns.received'), list: 'received' },
    { key: 'open', label: t('dashboard:columns.open'), list: 'open' },
    { key: 'overdue', label: t('dashboard:columns.overdue'), list: 'overdue' },
    { key: 'answeredInTimeShare', label: t('dashboard:columns.inTime'), list: 'answeredInTime' },
    { key: 'firstResponseMedian', label: t('dashboard:columns.firstResponseMedian'), list: 'firstResponse' },
    { key: 'firstResponseP90', label: t('dashboard:columns.firstResponseP90'), list: 'firstResponse' },
    { key: 'answerMedian', label: t('dashboard:columns.answerMedian'), list: 'answered' },
    { key: 'answerP90', label: t('dashboard:columns.answerP90'), list: 'answered' },
    { key: 'ratingAverage', label: t('dashboard:columns.rating'), list: 'rated' },
    { key: 'appealed', label: t('dashboard:columns.appealed'), list: 'appealed' },
  ] as const;
}

const clockTime = (locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export interface DashboardParts {
  resolved: ResolvedFilter;
  /** The page is as old as its oldest part. */
  asOf: Date;
  unit: 'week' | 'month';
  rows: AgencyFigures[];
  points: TrendPoint[];
  categories: BreakdownRow[];
  kecamatan: BreakdownRow[];
  overdue: OverdueReport[];
  agencyCodes: Map<number, string>;
  /** The OPD ranked (metrics/ranking.ts), with the minimum count in force. */
  ranking: Ranking;
}

/** The dashboard page (and the monthly report): every table's cells, links, downloads and chart data. */
export function presentDashboard(p: DashboardParts, t: Translate, locale: Locale) {
  const { resolved, asOf, unit, rows, points, categories, kecamatan, overdue, agencyCodes, ranking: ranked } = p;
  const params = resolved.params;
  // The filters of a row once, then each cell's figure (params never holds a figure).
  const rowLink = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(params);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const base = `/dasbor/laporan?${q}&figure=`;
    return (figure: Figure) => base + figure;
  };
  const link = (figure: Figure) => rowLink()(figure);
  const cols = columns(t);
  const asRow = (name: string, f: Figures, extra: Record<string, string>) => {
    const shown = displayFigures(f, locale);
    const href = rowLink(extra);
    return { name, cells: cols.map((c) => ({ key: c.key, value: shown[c.key], href: href(c.list as Figure) })) };
  };
  const total = totalOf(rows);
  const fmt = formatters(locale);
  // "Nov 2025" for a month, "mg. 3 Nov 2025" for the week from that Monday.
  const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const periodLabel = (ymd: string) => {
    const d = new Date(`${ymd}T00:00:00Z`);
    return unit === 'month' ? month.format(d) : t('dashboard:trend.weekOf', { date: day.format(d) });
  };
  return {
    title: t('dashboard:title'),
    asOf: asOf.toISOString(),
    asOfTime: clockTime(locale).format(asOf),
    query: resolved.query,
    ownAgency: Boolean(resolved.ownAgency),
    columns: cols,
    summary: displayFigures(total, locale),
    summaryLinks: { received: link('received'), open: link('open'), overdue: link('overdue'), inTime: link('answeredInTime'), answered: link('answered') },
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
    trend: points.map((p) => ({ period: periodLabel(p.period), ...displayFigures(p, locale) })),
    categories: categories.map((c) => asRow(c.name ?? t('dashboard:none'), c, c.key === null ? {} : { category: String(c.key) })),
    kecamatan: kecamatan.map((k) => asRow(k.name ?? t('dashboard:none'), k, k.key === null ? {} : { kecamatan: String(k.key) })),
    overdue: overdue.map((o) => ({ ...o, code: o.trackingCode, displayCode: formatCode(o.trackingCode), days: fmt.days(o.daysOverdue) })),
    downloads: (['opd', 'mutu', 'kategori', 'kecamatan', 'tren', 'terlambat'] as const).map((table) => ({
      table,
      label: t(`dashboard:tables.${table}`),
      csv: `/dasbor/unduh/${table}.csv?${params}`,
      xlsx: `/dasbor/unduh/${table}.xlsx?${params}`,
    })),
    chartData: JSON.stringify({
      api: `/api/v1/dashboard/agencies?${params}`,
      trend: {
        labels: points.map((p) => periodLabel(p.period)),
        received: points.map((p) => p.received),
        answered: points.map((p) => p.answered),
        receivedLabel: t('dashboard:columns.received'),
        answeredLabel: t('dashboard:trend.answered'),
      },
      // The ranked OPD, the most often late first: the overview's sorted bar chart.
      opd: {
        labels: ranked.byShare.map((r) => r.agencyName ?? ''),
        share: ranked.byShare.map((r) => (r.answeredInTimeShare === null ? null : Math.round(r.answeredInTimeShare * 100))),
        median: ranked.byShare.map((r) => r.answerMedian),
        shareLabel: t('dashboard:overview.chartShare'),
        medianLabel: t('dashboard:overview.chartMedian'),
        shareAxis: t('dashboard:overview.axisShare'),
        medianAxis: t('dashboard:overview.axisMedian'),
      },
    }),
  };
}

/** The filter form's choices, the chosen one marked. */
export function options(list: { code: string; name: string }[], chosen?: string) {
  return list.map((o) => ({ value: o.code, label: o.name, selected: o.code === chosen }));
}

type BehindRow = Awaited<ReturnType<ReturnType<typeof reportsBehind>['execute']>>[number];

/** A row of the list of reports behind a figure. */
export function presentBehind(r: BehindRow, t: Translate, locale: Locale) {
  return {
    code: r.tracking_code,
    displayCode: formatCode(r.tracking_code),
    title: r.title,
    status: t(`reports:statuses.${r.status}`),
    submittedAt: r.submitted_at,
    answerDays: formatters(locale).days(r.answer_days === null ? null : Number(r.answer_days)),
  };
}

/** The figures per OPD as the API gives them: numbers, and the cells as the page shows them. */
export function presentAgenciesApi(p: { resolved: ResolvedFilter; asOf: Date; rows: AgencyFigures[]; agencyCodes: Map<number, string> }, locale: Locale) {
  const total = totalOf(p.rows);
  return {
    from: p.resolved.query.from,
    to: p.resolved.query.to,
    /** When these figures were computed (they include every change committed before). */
    asOf: p.asOf.toISOString(),
    total: { ...total, display: displayFigures(total, locale) },
    agencies: p.rows.map((r) => ({
      code: r.agencyId === null ? null : (p.agencyCodes.get(r.agencyId) ?? null),
      name: r.agencyName,
      ...r,
      display: displayFigures(r, locale),
    })),
  };
}

/** The figure columns of a downloaded table: numbers stay numbers, shares in percent. */
export function figureColumns<R extends Figures>(t: Translate): Column<R>[] {
  return [
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
}

/** The columns of the overdue list as a file. */
export function overdueColumns(t: Translate, locale: Locale): Column<OverdueReport>[] {
  const jakartaTime = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' });
  return [
    { label: t('dashboard:overdue.code'), value: (r) => formatCode(r.trackingCode) },
    { label: t('dashboard:overdue.reportTitle'), value: (r) => r.title },
    { label: t('dashboard:columns.agency'), value: (r) => r.agencyName },
    // As people read it, in Jakarta time; the file is for the Bupati's staff, not a machine.
    { label: t('dashboard:overdue.due'), value: (r) => jakartaTime.format(r.dueAt) },
    { label: t('dashboard:overdue.days'), value: (r) => r.daysOverdue },
  ];
}
