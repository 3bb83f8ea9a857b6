import { formatNumber } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { AgencyFigures, Figures, Ranking } from './metrics.js';
import { formatters } from './presenter.js';

/**
 * The dashboard's first screen: who is late, and is it getting better. The key figures
 * against the period before (of the same length), the ranked OPD as a sorted bar chart and
 * the same numbers as a table (the chart's equivalent for screen readers and without
 * scripts), and the fastest and slowest by median days to answer.
 */

export type Direction = 'better' | 'worse' | 'same' | 'none';

export interface Change {
  direction: Direction;
  /** ▲ up, ▼ down, = the same, '' nothing to compare: the number's way, beside its words (better or worse is `direction`). */
  arrow: '▲' | '▼' | '=' | '';
  /** In words, with the number before: "naik 8 poin dari 64%". */
  text: string;
}

const arrowOf = (diff: number): Change['arrow'] => (diff > 0 ? '▲' : diff < 0 ? '▼' : '=');

/** Whole percentage points from 0..1 shares. */
const points = (share: number) => Math.round(share * 100);

/** The change of the share answered within the deadline (up is better). */
export function shareChange(now: number | null, before: number | null, t: Translate, locale: Locale): Change {
  if (now === null || before === null) return { direction: 'none', arrow: '', text: t('dashboard:change.none') };
  const diff = points(now) - points(before);
  const was = formatters(locale).share(before);
  if (diff === 0) return { direction: 'same', arrow: '=', text: t('dashboard:change.shareSame', { before: was }) };
  return {
    direction: diff > 0 ? 'better' : 'worse',
    arrow: arrowOf(diff),
    text: t(diff > 0 ? 'dashboard:change.shareUp' : 'dashboard:change.shareDown', { diff: formatNumber(Math.abs(diff), locale, 0), before: was }),
  };
}

/** The change of a median in working days (down is better). */
export function daysChange(now: number | null, before: number | null, t: Translate, locale: Locale): Change {
  if (now === null || before === null) return { direction: 'none', arrow: '', text: t('dashboard:change.none') };
  const diff = Math.round((now - before) * 10) / 10;
  const was = formatNumber(before, locale, 1);
  if (diff === 0) return { direction: 'same', arrow: '=', text: t('dashboard:change.daysSame', { before: was }) };
  return {
    direction: diff < 0 ? 'better' : 'worse',
    arrow: arrowOf(diff),
    text: t(diff < 0 ? 'dashboard:change.faster' : 'dashboard:change.slower', { count: Math.abs(diff), diff: formatNumber(Math.abs(diff), locale, 1), before: was }),
  };
}

/** The change of a count, which is neither better nor worse in itself (more reports may be more trust). */
export function countChange(now: number, before: number, t: Translate, locale: Locale): Change {
  const diff = now - before;
  const was = formatNumber(before, locale, 0);
  if (diff === 0) return { direction: 'same', arrow: '=', text: t('dashboard:change.countSame', { before: was }) };
  return { direction: 'none', arrow: arrowOf(diff), text: t(diff > 0 ? 'dashboard:change.countUp' : 'dashboard:change.countDown', { diff: formatNumber(Math.abs(diff), locale, 0), before: was }) };
}

/** "7 Nov – 6 Des 2025" / "1–31 Okt 2025": a period of Jakarta days as people write it. */
export function periodText(from: string, to: string, locale: Locale): string {
  const f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const a = new Date(`${from}T00:00:00Z`);
  return from === to ? f.format(a) : f.formatRange(a, new Date(`${to}T00:00:00Z`));
}

export interface OverviewParts {
  period: { from: string; to: string };
  previous: { from: string; to: string };
  total: Figures;
  previousTotal: Figures;
  ranking: Ranking;
  previousRows: AgencyFigures[];
  /** An OPD's row of figures links here (its reports answered in the period). */
  agencyLink: (agencyId: number) => string;
  agencyCode: (agencyId: number) => string;
}

export function presentOverview(p: OverviewParts, t: Translate, locale: Locale) {
  const fmt = formatters(locale);
  const { total, previousTotal, ranking } = p;
  const before = new Map(p.previousRows.map((r) => [r.agencyId, r]));
  const share = shareChange(total.answeredInTimeShare, previousTotal.answeredInTimeShare, t, locale);
  const median = daysChange(total.answerMedian, previousTotal.answerMedian, t, locale);
  const previousText = periodText(p.previous.from, p.previous.to, locale);
  // Is it getting better? The share within the deadline decides; the median when the share holds.
  const verdict: Direction = share.direction === 'same' ? median.direction : share.direction;
  // "Most often late" means something only among several (not for a Kepala OPD's own OPD alone).
  const worst = ranking.byShare.length > 1 ? ranking.byShare[0] : undefined;
  const ranked = ranking.byShare.map((r, i) => ({
    rank: i + 1,
    name: r.agencyName ?? '',
    code: p.agencyCode(r.agencyId!),
    href: p.agencyLink(r.agencyId!),
    share: fmt.share(r.answeredInTimeShare),
    median: fmt.days(r.answerMedian),
    answered: fmt.count(r.answered),
    overdue: fmt.count(r.overdue),
    change: shareChange(r.answeredInTimeShare, before.get(r.agencyId)?.answeredInTimeShare ?? null, t, locale),
  }));
  const named = (r: AgencyFigures) => ({ name: r.agencyName ?? '', days: fmt.days(r.answerMedian), answered: r.answered });
  return {
    periodText: periodText(p.period.from, p.period.to, locale),
    previousText,
    verdict,
    verdictLabel: t(`dashboard:overview.verdict.${verdict}`),
    sentence: [
      total.answeredInTimeShare === null
        ? t('dashboard:overview.noAnswers')
        : t('dashboard:overview.share', { share: fmt.share(total.answeredInTimeShare), change: share.text, period: previousText }),
      total.answerMedian === null ? '' : t('dashboard:overview.median', { days: fmt.days(total.answerMedian), change: median.text }),
      worst && worst.answeredInTimeShare !== null ? t('dashboard:overview.worst', { name: worst.agencyName, share: fmt.share(worst.answeredInTimeShare) }) : '',
    ].filter(Boolean).join(' '),
    figures: {
      received: countChange(total.received, previousTotal.received, t, locale),
      inTime: share,
      median: { value: fmt.days(total.answerMedian), change: median },
    },
    ranked,
    minCount: ranking.minCount,
    fastest: ranking.fastest.map(named),
    slowest: ranking.slowest.map(named),
    unranked: ranking.unranked.map((r) => ({ name: r.agencyName ?? '', answered: r.answered })),
  };
}
