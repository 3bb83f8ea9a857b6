import type { AgencyFigures } from './figures.js';

export interface Ranking {
  /** The fewest answered reports an OPD needs in the period to be ranked (a setting). */
  minCount: number;
  /** Ranked OPD, the most often late first: share answered within the deadline, lowest first. */
  byShare: AgencyFigures[];
  /** By median working days to answer: the fastest, and the slowest (slowest first). Never the same OPD in both. */
  fastest: AgencyFigures[];
  slowest: AgencyFigures[];
  /** OPD with reports in the period but too few answered to be ranked. */
  unranked: AgencyFigures[];
}

const byName = (a: AgencyFigures, b: AgencyFigures) => (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'id');

/**
 * The OPD ranking of a period (pure, over rows agencyFigures returned). Only OPD with at
 * least `minCount` answered reports are ranked: a median or a share of two reports is
 * chance, not performance. The fastest and the slowest by median working days to answer
 * are each at most `limit` and at most half of the ranked, so no OPD is in both lists.
 * Ties: more answered first, then by name.
 */
export function rankAgencies(rows: readonly AgencyFigures[], opts: { minCount?: number; limit?: number } = {}): Ranking {
  const minCount = opts.minCount ?? 5;
  const limit = opts.limit ?? 5;
  const assigned = rows.filter((r) => r.agencyId !== null);
  const eligible = assigned.filter((r) => r.answered >= minCount && r.answerMedian !== null);
  const byMedian = [...eligible].sort((a, b) => a.answerMedian! - b.answerMedian! || b.answered - a.answered || byName(a, b));
  const half = Math.min(limit, Math.floor(byMedian.length / 2));
  // No share (nothing answered had a deadline) sorts last: it says nothing about lateness.
  const share = (r: AgencyFigures) => r.answeredInTimeShare ?? Number.POSITIVE_INFINITY;
  const byShare = [...eligible].sort(
    (a, b) => share(a) - share(b) || b.answerMedian! - a.answerMedian! || b.answered - a.answered || byName(a, b),
  );
  return {
    minCount,
    byShare,
    fastest: byMedian.slice(0, half),
    slowest: byMedian.slice(byMedian.length - half).reverse(),
    unranked: assigned.filter((r) => !eligible.includes(r) && r.received > 0).sort(byName),
  };
}
