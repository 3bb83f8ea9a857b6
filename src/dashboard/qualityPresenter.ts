import { formatCode } from '../reports/tracking.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { Column } from './export.js';
import type { answersBehind, QualityFigure, QualityFigures } from './metrics.js';
import { formatters } from './presenter.js';

/**
 * The answer quality table (issue 21, item 7): per OPD, the answers it sent in the period,
 * each figure a link to the reports behind it, and OPD with fewer answers than the ranking's
 * minimum marked: a share of two answers is chance, not quality.
 */

/** Columns: the figure's key, its label, the list its cell links to. */
export function qualityColumns(t: Translate) {
  return [
    { key: 'sent', label: t('dashboard:quality.columns.sent'), list: 'answersSent' },
    { key: 'complete', label: t('dashboard:quality.columns.complete'), list: 'answersComplete' },
    { key: 'incomplete', label: t('dashboard:quality.columns.incomplete'), list: 'answersIncomplete' },
    { key: 'unchecked', label: t('dashboard:quality.columns.unchecked'), list: 'answersUnchecked' },
    { key: 'sentBack', label: t('dashboard:quality.columns.sentBack'), list: 'answersSentBack' },
    { key: 'reopened', label: t('dashboard:quality.columns.reopened'), list: 'answersReopened' },
    { key: 'rating', label: t('dashboard:quality.columns.rating'), list: 'answersRated' },
  ] as const satisfies readonly { key: string; label: string; list: QualityFigure }[];
}

type CellKey = ReturnType<typeof qualityColumns>[number]['key'];

/** The cells as shown: a share with the count it rests on, "78% (18)"; a rating with its number of ratings. */
function displayQuality(q: QualityFigures, locale: Locale): Record<CellKey, string> {
  const fmt = formatters(locale);
  const withCount = (value: string, n: number) => `${value} (${fmt.count(n)})`;
  return {
    sent: fmt.count(q.sent),
    complete: withCount(fmt.share(q.completeShare), q.complete),
    incomplete: fmt.count(q.incomplete),
    unchecked: fmt.count(q.unchecked),
    sentBack: withCount(fmt.share(q.sentBackShare), q.sentBack),
    reopened: withCount(fmt.share(q.reopenedShare), q.reopened),
    rating: withCount(fmt.rating(q.ratingAverage), q.rated),
  };
}

export function presentQuality(
  p: { rows: QualityFigures[]; params: URLSearchParams; agencyCodes: Map<number, string>; minCount: number },
  t: Translate,
  locale: Locale,
) {
  const cols = qualityColumns(t);
  return {
    minCount: p.minCount,
    columns: cols,
    rows: p.rows.map((r) => {
      const code = r.agencyId === null ? '' : (p.agencyCodes.get(r.agencyId) ?? '');
      const q = new URLSearchParams(p.params);
      q.set('agency', code);
      const base = `/dasbor/laporan?${q}&figure=`;
      const shown = displayQuality(r, locale);
      const few = r.sent < p.minCount;
      return {
        code,
        name: r.agencyName ?? t('dashboard:unassigned'),
        few,
        fewText: few ? t('dashboard:quality.few', { count: r.sent, min: p.minCount }) : '',
        cells: cols.map((c) => ({ key: c.key, value: shown[c.key], href: base + c.list })),
      };
    }),
  };
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** The quality table as a file: numbers stay numbers, shares in percent, the few marked. */
export function qualityFileColumns(t: Translate, minCount: number): Column<QualityFigures>[] {
  return [
    { label: t('dashboard:columns.agency'), value: (r) => r.agencyName ?? t('dashboard:unassigned') },
    { label: t('dashboard:quality.columns.sent'), value: (r) => r.sent },
    { label: t('dashboard:quality.file.completeShare'), value: (r) => percent(r.completeShare) },
    { label: t('dashboard:quality.file.complete'), value: (r) => r.complete },
    { label: t('dashboard:quality.columns.incomplete'), value: (r) => r.incomplete },
    { label: t('dashboard:quality.columns.unchecked'), value: (r) => r.unchecked },
    { label: t('dashboard:quality.file.sentBackShare'), value: (r) => percent(r.sentBackShare) },
    { label: t('dashboard:quality.file.sentBack'), value: (r) => r.sentBack },
    { label: t('dashboard:quality.file.reopenedShare'), value: (r) => percent(r.reopenedShare) },
    { label: t('dashboard:quality.file.reopened'), value: (r) => r.reopened },
    { label: t('dashboard:quality.file.rating'), value: (r) => r.ratingAverage },
    { label: t('dashboard:quality.file.rated'), value: (r) => r.rated },
    { label: t('dashboard:quality.file.few', { min: minCount }), value: (r) => (r.sent < minCount ? t('dashboard:quality.file.yes') : t('dashboard:quality.file.no')) },
  ];
}

type AnswerRow = Awaited<ReturnType<ReturnType<typeof answersBehind>['execute']>>[number];

/** A row of the list of answers behind a quality figure: the report, and what its answer was. */
export function presentAnswerBehind(r: AnswerRow, t: Translate, locale: Locale) {
  return {
    code: r.tracking_code,
    displayCode: formatCode(r.tracking_code),
    title: r.title,
    status: t(`reports:statuses.${r.status}`),
    agencyName: r.agency_name ?? t('dashboard:unassigned'),
    sentAt: r.sent_at,
    elements: t(`dashboard:quality.elements.${r.elements_complete === null ? 'unchecked' : r.elements_complete ? 'complete' : 'incomplete'}`),
    rating: formatters(locale).rating(r.rating === null ? null : Number(r.rating)),
  };
}
