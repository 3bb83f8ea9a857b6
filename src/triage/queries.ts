import { sql } from 'kysely';
import { AGENCY_ROLES } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import { OPD_STATUSES, overdueSql, WAITING_ON_GOVERNMENT } from '../reports/statuses.js';
import type { OpdFilter, QueueFilter } from './schema.js';

export const QUEUE_PAGE = 25;

/**
 * The coordinator's queue: reports waiting for verification (new, returned, or waiting
 * for the reporter), most urgent deadline first. Keyset paging on (verify_due_at, id)
 * through the partial index, so page 400 costs what page 1 does.
 */
export async function verificationQueue(db: Db, filter: QueueFilter) {
  let q = db
    .selectFrom('reports as r')
    .leftJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('regions as g', 'g.code', 'r.region_code')
    // A desa is named with its kecamatan ("Prawoto, Sukolilo"): many desa share a name.
    .leftJoin('regions as gp', 'gp.code', 'g.parent_code')
    .select([
      'r.id', 'r.tracking_code', 'r.title', 'r.kind', 'r.channel', 'r.status', 'r.verify_due_at', 'r.response_due_at', 'r.submitted_at',
      'r.returned_count', 'r.region_code', 'c.name as category_name', 'g.name as region_name', 'gp.name as kecamatan_name',
    ])
    .where('r.status', 'in', ['submitted', 'needs_info']);
  if (filter.status === 'returned') q = q.where('r.status', '=', 'submitted').where('r.returned_count', '>', 0);
  else if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.channel) q = q.where('r.channel', '=', filter.channel);
  if (filter.kind) q = q.where('r.kind', '=', filter.kind);
  if (filter.categoryId) q = q.where('r.category_id', '=', filter.categoryId);
  if (filter.kecamatan) {
    const k = filter.kecamatan;
    q = q.where((eb) => eb.or([eb('r.region_code', '=', k), eb('r.region_code', 'like', `${k}.%`)]));
  }
  if (filter.overdue) q = q.where(overdueSql());
  if (filter.q) q = q.where(sql<boolean>`r.search_vector @@ websearch_to_tsquery('indonesian', ${filter.q})`);
  if (filter.after) {
    const [ms, id] = filter.after.split('_').map(Number) as [number, number];
    q = q.where(sql<boolean>`(r.verify_due_at, r.id) > (${new Date(ms)}, ${id})`);
  }
  const rows = await q.orderBy('r.verify_due_at').orderBy('r.id').limit(QUEUE_PAGE + 1).execute();
  const more = rows.length > QUEUE_PAGE;
  const page = rows.slice(0, QUEUE_PAGE);
  const last = page[page.length - 1];
  return { rows: page, next: more && last?.verify_due_at ? `${last.verify_due_at.getTime()}_${last.id}` : null };
}

export async function queueCounters(db: Db) {
  const row = await db
    .selectFrom('reports as r')
    .select([
      sql<number>`count(*) filter (where status = 'submitted' and returned_count = 0)`.as('new'),
      sql<number>`count(*) filter (where status = 'submitted' and returned_count > 0)`.as('returned'),
      sql<number>`count(*) filter (where status = 'needs_info')`.as('needs_info'),
      sql<number>`count(*) filter (where ${overdueSql()})`.as('overdue'),
    ])
    .where('r.status', 'in', ['submitted', 'needs_info'])
    .executeTakeFirstOrThrow();
  return { new: Number(row.new), returned: Number(row.returned), needs_info: Number(row.needs_info), overdue: Number(row.overdue) };
}

/** The active OPD, by name, with what groups them (kind) and places a kecamatan office (region_code). */
export function agencyOptions(db: Db) {
  return db.selectFrom('agencies').select(['id', 'code', 'name', 'short_name', 'kind', 'region_code']).where('active', '=', true).orderBy('name').execute();
}

/** Active categories, by name: the filter of the queue and the correction form. */
export function activeCategories(db: Db) {
  return db.selectFrom('categories').select(['id', 'name']).where('active', '=', true).orderBy('name').execute();
}

/** An OPD's name, for what the pages say was done ("Diteruskan ke ..."). */
export async function agencyName(db: Db, agencyId: number): Promise<string | undefined> {
  const row = await db.selectFrom('agencies').select(['name', 'short_name']).where('id', '=', agencyId).executeTakeFirst();
  return row ? (row.short_name ?? row.name) : undefined;
}

/** A report's code by its id (the report another was merged into). */
export async function reportCodeById(db: Db, reportId: number): Promise<string | undefined> {
  return (await db.selectFrom('reports').select('tracking_code').where('id', '=', reportId).executeTakeFirst())?.tracking_code;
}

/** Whom a report is assigned to, by name. */
export async function userName(db: Db, userId: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name;
}

export async function resolveAgencyRef(db: Db, ref: number | string): Promise<number | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where(typeof ref === 'number' ? 'id' : 'code', '=', ref as never)
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.id;
}

/**
 * An OPD's queue, a page at a time: its open reports and those it supports, what waits on
 * the OPD first (its deadline runs: overdue, then due today, then the rest), then what waits
 * on the citizen (needs_info, answered), each by deadline, reports without one last.
 * Keyset paging on (group, deadline, id), each group read in order from its partial index
 * (migration 0037), so page 40 costs what page 1 does. The OPD's own reports and the ones
 * it supports are read apart and merged: one query with "assigned to the OPD OR supported
 * by it" cannot use an index for the OR and read every open report of every OPD (236 ms at
 * 1,000,000 reports).
 */
export async function opdQueue(db: Db, agencyId: number, userId: number, filter: OpdFilter) {
  const after = filter.after ? parseOpdCursor(filter.after) : undefined;
  const statusGroup = filter.status ? OPD_GROUPS.findIndex((g) => (g as readonly string[]).includes(filter.status!)) : null;
  const shape = JSON.stringify({ statusGroup, mine: Boolean(filter.mine), overdue: Boolean(filter.overdue), q: Boolean(filter.q), afterGroup: after?.group ?? null });
  const rows = await queue.execute(
    db,
    { agencyId, userId, status: filter.status ?? '', q: filter.q ?? '', afterDue: after?.due ?? 'infinity', afterId: after?.id ?? 0 },
    shape,
  );
  const more = rows.length > QUEUE_PAGE;
  const page = rows.slice(0, QUEUE_PAGE);
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? opdCursor(last) : null };
}

/**
 * The two groups of the OPD queue, in the order shown: waiting on the OPD (the statuses whose
 * deadline is the government's, reports/statuses.ts), then waiting on the citizen.
 */
const OPD_GROUPS = [
  OPD_STATUSES.filter((s) => s in WAITING_ON_GOVERNMENT),
  OPD_STATUSES.filter((s) => !(s in WAITING_ON_GOVERNMENT)),
] as const;

/** "<group>_<deadline in ms, or inf for none>_<id>" of the last row of a page. */
function opdCursor(row: { queue_group: number; response_due_at: Date | null; id: number }): string {
  return `${row.queue_group}_${row.response_due_at ? row.response_due_at.getTime() : 'inf'}_${row.id}`;
}

function parseOpdCursor(after: string): { group: number; due: string; id: number } {
  const [group, due, id] = after.split('_') as [string, string, string];
  return { group: Number(group), due: due === 'inf' ? 'infinity' : new Date(Number(due)).toISOString(), id: Number(id) };
}

// The OPD's busiest page: compiled once per combination of filters and cursor (db/precompiled.ts), and prepared.
const queue = precompiled((db, p: { agencyId: number; userId: number; status: string; q: string; afterDue: string; afterId: number }, shape) => {
  const filter = JSON.parse(shape) as { statusGroup: number | null; mine: boolean; overdue: boolean; q: boolean; afterGroup: number | null };
  // The order and the cursor's key, in each arm and in the merge (both name their rows r).
  const dueKey = sql<Date>`coalesce(r.response_due_at, 'infinity'::timestamptz)`;
  const arm = (group: number, own: boolean) => {
    let q = db
      .selectFrom('reports as r')
      .select(['r.id', 'r.tracking_code', 'r.title', 'r.status', 'r.verify_due_at', 'r.response_due_at', 'r.assigned_user_id', 'r.category_id'])
      .select(sql<number>`${sql.lit(group)}::int`.as('queue_group'))
      // Literals: the planner picks the group's partial index only when it sees the statuses.
      .where(sql<boolean>`r.status in (${sql.join(OPD_GROUPS[group]!.map((s) => sql.lit(s)))})`);
    if (filter.statusGroup !== null) q = q.where('r.status', '=', p.status as (typeof OPD_STATUSES)[number]);
    q = own
      ? q.where('r.assigned_agency_id', '=', p.agencyId)
      : q.where('r.id', 'in', db.selectFrom('report_supporting_agencies').select('report_id').where('agency_id', '=', p.agencyId));
    if (filter.mine) q = q.where('r.assigned_user_id', '=', p.userId);
    if (filter.overdue) q = q.where(overdueSql());
    if (filter.q) q = q.where(sql<boolean>`r.search_vector @@ websearch_to_tsquery('indonesian', ${p.q})`);
    if (filter.afterGroup === group) q = q.where(sql<boolean>`(${dueKey}, r.id) > (cast(${p.afterDue} as timestamptz), ${p.afterId})`);
    return db.selectFrom(q.orderBy(dueKey).orderBy('r.id').limit(QUEUE_PAGE + 1).as('arm')).selectAll();
  };
  const groups = [0, 1].filter((g) => (filter.statusGroup === null || filter.statusGroup === g) && (filter.afterGroup === null || g >= filter.afterGroup));
  const arms = groups.flatMap((g) => [arm(g, true), arm(g, false)]);
  // UNION, not UNION ALL: a report assigned to the OPD that also lists it as supporting shows once.
  const all = arms.slice(1).reduce((u, a) => u.union(a), arms[0]!);
  return db
    .selectFrom(all.as('r'))
    .leftJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('users as u', 'u.id', 'r.assigned_user_id')
    .select(['r.id', 'r.tracking_code', 'r.title', 'r.status', 'r.verify_due_at', 'r.response_due_at', 'r.assigned_user_id', 'r.queue_group', 'u.name as assignee_name', 'c.name as category_name'])
    .orderBy('r.queue_group')
    .orderBy(dueKey)
    .orderBy('r.id')
    .limit(QUEUE_PAGE + 1);
  // Prepared (db/prepared.ts): planning the four arms and their partial indexes cost PostgreSQL
  // more than running them. Every arm is an index range read whatever the OPD, so the plan
  // PostgreSQL keeps for all of them is the one it would choose for each.
}, { prepared: true });

/** Who the head may assign: the OPD's active staff and heads. */
export function opdMembers(db: Db, agencyId: number | null) {
  if (agencyId === null) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('role', 'in', AGENCY_ROLES)
    .orderBy('name')
    .execute();
}

/**
 * The mails a report came from and that joined it, as received: the quoted history the
 * intake cut from them is here, for staff, when the cut took too much.
 */
export function originalMails(db: Db, reportId: number) {
  return db
    .selectFrom('inbound_mails')
    .select(['received_at as at', 'subject', 'full_text as text', 'skipped_parts'])
    .where('report_id', '=', reportId)
    .where('outcome', 'in', ['report', 'reply'])
    .where('full_text', 'is not', null)
    .orderBy('id')
    .execute();
}
