import type { Request } from 'express';
import type { Db } from '../db/database.js';
import { reportScope } from '../reports/access.js';
import { jakartaDate } from '../shared/calendar.js';
import { notFound, ValidationError } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import type { DashboardFilter } from './metrics.js';
import { type DashboardQuery, dashboardQuerySchema } from './schema.js';

const DAY_MS = 86_400_000;
const jakartaMidnight = (ymd: string) => new Date(`${ymd}T00:00:00+07:00`);

export interface ResolvedFilter {
  query: DashboardQuery & { from: string; to: string };
  filter: DashboardFilter;
  /** The OPD a Kepala OPD is held to: they see their own only, whatever the URL says. */
  ownAgency: { id: number; code: string } | null;
  /** The same filters as a query string (without page), for links, downloads and the API. */
  params: URLSearchParams;
  /** The period before, of the same length, with the same filters: "is it getting better?". */
  previous: { from: string; to: string; filter: DashboardFilter };
}

const utcDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const ymdOf = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (ymd: string, n: number) => ymdOf(new Date(utcDay(ymd).getTime() + n * DAY_MS));

/**
 * The period just before [from, to] (days, `to` included) of the same length: whole
 * calendar months when the period is whole months (October before November, not the 31
 * days before), else as many days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const end = utcDay(to);
  const wholeMonths = from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  if (wholeMonths) {
    const start = utcDay(from);
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth() + 1;
    return { from: ymdOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1))), to: addDays(from, -1) };
  }
  const days = Math.round((end.getTime() - utcDay(from).getTime()) / DAY_MS) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/**
 * The request's filters as the metrics take them: a period of Jakarta days (default the
 * last 30 days, today included), codes turned into ids (an unknown code is a 422, not an
 * empty dashboard), and a Kepala OPD held to their own OPD.
 */
export async function resolveFilter(db: Db, req: Request, source: unknown = req.query): Promise<ResolvedFilter> {
  const t = req.res!.locals.t;
  const q = check(dashboardQuerySchema, source, t);
  const today = jakartaDate(new Date());
  const to = q.to ?? today;
  const from = q.from ?? jakartaDate(new Date(jakartaMidnight(to).getTime() - 29 * DAY_MS));
  if (from > to) throw new ValidationError({ from: t('dashboard:errors.period') });
  // A Kepala OPD sees their own OPD's figures only (reports/access.ts), whatever the URL says.
  const scope = reportScope(req.user!);
  if (scope === null) throw notFound();
  const ownAgency: ResolvedFilter['ownAgency'] =
    scope === 'all' ? null : await db.selectFrom('agencies').select(['id', 'code']).where('id', '=', scope).executeTakeFirstOrThrow();
  const agencyCode = ownAgency?.code ?? q.agency;
  const [agency, category] = await Promise.all([
    agencyCode ? db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirst() : undefined,
    q.category ? db.selectFrom('categories').select('id').where('code', '=', q.category).executeTakeFirst() : undefined,
  ]);
  // An unknown code is a mistake to name, not an empty dashboard.
  if (agencyCode && !agency) throw new ValidationError({ agency: t('dashboard:errors.agency') });
  if (q.category && !category) throw new ValidationError({ category: t('dashboard:errors.category') });
  const filter: DashboardFilter = {
    from: jakartaMidnight(from),
    to: new Date(jakartaMidnight(to).getTime() + DAY_MS),
    ...(agency ? { agencyId: agency.id } : {}),
    ...(category ? { categoryId: category.id } : {}),
    ...(q.kecamatan ? { kecamatan: q.kecamatan } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
  };
  const params = new URLSearchParams({ from, to });
  for (const key of ['category', 'kecamatan', 'channel'] as const) if (q[key]) params.set(key, String(q[key]));
  if (agencyCode) params.set('agency', agencyCode);
  const before = previousPeriod(from, to);
  const previous = { ...before, filter: { ...filter, from: jakartaMidnight(before.from), to: jakartaMidnight(from) } };
  return { query: { ...q, from, to, agency: agencyCode }, filter, ownAgency, params, previous };
}
