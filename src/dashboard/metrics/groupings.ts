import { type RawBuilder, sql } from 'kysely';
import type { RollupDimension } from '../../db/schema.js';

/**
 * The ways the dashboard groups reports, each as a text key over the report r ('' for
 * none), and the summary dimension that holds the same grouping (null: none does, the
 * reports are always read). The summaries are built with these same expressions
 * (commands/rebuildSummaries.ts), so a figure read from a summary and one read from the reports agree.
 */
export interface Grouping {
  key: RawBuilder<string>;
  rollup: RollupDimension | null;
  /**
   * Keyed by the month or week of submission: a summary is read per month or day ('*', its
   * key taken from the summary's date), and a year's cannot serve; a month's cannot serve a week.
   */
  period?: 'month' | 'week';
}

const jakartaTrunc = (unit: 'week' | 'month') =>
  sql<string>`to_char(date_trunc(${sql.lit(unit)}, r.submitted_at at time zone 'Asia/Jakarta'), 'YYYY-MM-DD')`;

export const GROUPINGS = {
  agency: { key: sql<string>`coalesce(r.assigned_agency_id::text, '')`, rollup: 'agency' },
  category: { key: sql<string>`coalesce(r.category_id::text, '')`, rollup: 'category' },
  /** A desa counts in its kecamatan (the first 8 characters of its code). */
  kecamatan: { key: sql<string>`coalesce(left(r.region_code, 8), '')`, rollup: 'kecamatan' },
  /** Every report of the filter as one group (the overall median, which rows per OPD cannot give). */
  // A cast, not a bare '' (PostgreSQL refuses a plain constant in GROUP BY); '' as the '*' summary's key.
  total: { key: sql<string>`''::text`, rollup: '*' },
  /** The first day of the month of submission; the summaries' own month column. */
  month: { key: jakartaTrunc('month'), rollup: '*', period: 'month' },
  /**
   * The channel, a staff-taken report's with its source ('staff:telephone'): the dashboard's
   * "Laporan per kanal". A summary dimension of its own (migration 0031), so a year costs no
   * more than per category.
   */
  channel: { key: sql<string>`r.channel || coalesce(':' || r.staff_source, '')`, rollup: 'channel' },
  /** Monday of the ISO week of submission; weeks cross months, so only day summaries hold them. */
  week: { key: jakartaTrunc('week'), rollup: '*', period: 'week' },
} as const satisfies Record<string, Grouping>;

export type GroupingName = keyof typeof GROUPINGS;

/** The key of each summary dimension when a month is built. */
export const ROLLUP_KEYS: Record<RollupDimension, RawBuilder<string>> = {
  '*': sql<string>`''`,
  agency: GROUPINGS.agency.key,
  category: GROUPINGS.category.key,
  kecamatan: GROUPINGS.kecamatan.key,
  channel: GROUPINGS.channel.key,
};
