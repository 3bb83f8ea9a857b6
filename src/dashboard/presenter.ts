import type { Locale, Translate } from '../shared/i18n.js';
import type { Figures } from './metrics.js';

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
