import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { PAGE_SIZE, type PortalFilter } from './schema.js';

/**
 * Every public read goes through `published()`: the publications table, status published.
 * Nothing here joins to reports, so a draft, a declined case or a rahasia report (which
 * never has a row) cannot appear on a public page, feed, export or API.
 */
function published(db: Db) {
  return db
    .selectFrom('publications as p')
    .leftJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('categories as c', 'c.id', 'p.category_id')
    .leftJoin('regions as g', 'g.code', 'p.kecamatan_code')
    .where('p.status', '=', 'published');
}

const CASE_COLUMNS = [
  'p.code', 'p.title', 'p.body', 'p.answer', 'p.kind', 'p.photo_ids', 'p.submitted_at', 'p.answered_at', 'p.resolved_at',
  'p.published_at', 'p.answer_days', 'a.code as agency_code', 'a.name as agency', 'c.code as category_code', 'c.name as category',
  'g.name as kecamatan', 'p.kecamatan_code',
] as const;

/** Published cases matching the filters other than the words. */
function filtered(db: Db, filter: PortalFilter) {
  let q = published(db).select([...CASE_COLUMNS]);
  if (filter.agency) q = q.where('a.code', '=', filter.agency);
  if (filter.category) q = q.where('c.code', '=', filter.category);
  if (filter.region) q = q.where('p.kecamatan_code', '=', filter.region);
  if (filter.from) q = q.where('p.submitted_at', '>=', new Date(`${filter.from}T00:00:00+07:00`));
  if (filter.to) q = q.where('p.submitted_at', '<', new Date(new Date(`${filter.to}T00:00:00+07:00`).getTime() + 86_400_000));
  return q;
}

/**
 * The portal's search. Words are matched with Indonesian full text ("jalan rusak" finds
 * "jalannya rusak"), newest first, which the published_at index serves without ranking
 * every match. Only when a first page finds fewer than a page, titles that contain words
 * like the ones typed are added after them, most alike first (typos: "jlan rusk"): the
 * trigram index answers that, and the common case never pays for it.
 */
export async function searchPublished(db: Db, filter: PortalFilter) {
  const text = filter.q;
  const all = filtered(db, filter);
  const words = text ? all.where(sql<boolean>`p.search_vector @@ websearch_to_tsquery('indonesian', ${text})`) : all;
  const rows = await words
    .orderBy('p.published_at', 'desc')
    .orderBy('p.report_id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  if (!text || filter.page > 1 || rows.length >= PAGE_SIZE) return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
  const found = new Set(rows.map((r) => r.code));
  const alike = await db.transaction().execute(async (trx) => {
    // Word similarity 0.5 (pg_trgm's default is 0.6) still finds two typos in a short
    // query ("jlan rusk" ~ "Jalan rusak": 0.59) and keeps the index's candidates few.
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`.execute(trx);
    return filtered(trx, filter)
      .where(sql<boolean>`${text} <% p.title`)
      .orderBy(sql`word_similarity(${text}, p.title)`, 'desc')
      .orderBy('p.published_at', 'desc')
      .limit(PAGE_SIZE)
      .execute();
  });
  const more = alike.filter((r) => !found.has(r.code)).slice(0, PAGE_SIZE - rows.length);
  return { rows: [...rows, ...more], hasNext: false };
}

export type PublishedCase = Awaited<ReturnType<typeof searchPublished>>['rows'][number];

export function findPublished(db: Db, code: string) {
  return published(db).select([...CASE_COLUMNS]).where('p.code', '=', code).executeTakeFirst();
}

/** The newest published cases, all or one OPD's: feeds and the embeddable block. */
export function latestPublished(db: Db, opts: { agencyCode?: string; limit: number }) {
  let q = published(db).select([...CASE_COLUMNS]);
  if (opts.agencyCode) q = q.where('a.code', '=', opts.agencyCode);
  return q.orderBy('p.published_at', 'desc').orderBy('p.report_id', 'desc').limit(opts.limit).execute();
}

/** Every published case, oldest first, in pages: the open-data export streams these. */
export async function* allPublished(db: Db, batch = 1000) {
  let after = 0;
  for (;;) {
    const rows = await published(db).select([...CASE_COLUMNS, 'p.report_id as id']).where('p.report_id', '>', after).orderBy('p.report_id').limit(batch).execute();
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

/** A published photo: only one the coordinator chose for a published case. */
export function publishedPhoto(db: Db, attachmentId: number) {
  return db
    .selectFrom('attachments as t')
    .innerJoin('publications as p', (j) => j.onRef('p.report_id', '=', 't.report_id').on('p.status', '=', 'published'))
    .select(['t.storage_key', 't.thumbnail_key', 't.mime_type'])
    .where('t.id', '=', attachmentId)
    .where(sql<boolean>`${attachmentId} = any(p.photo_ids)`)
    .executeTakeFirst();
}

/**
 * Public figures per OPD: reports received and answered (all reports, so an OPD cannot
 * look better by publishing little), and the median working days to an answer of the
 * published cases.
 */
export async function publicStatistics(db: Db, since: Date) {
  const [received, medians] = await Promise.all([
    db
      .selectFrom('reports')
      .select([
        'assigned_agency_id as agencyId',
        (eb) => eb.fn.countAll<string>().as('received'),
        sql<string>`count(*) filter (where answered_at is not null)`.as('answered'),
      ])
      .where('submitted_at', '>=', since)
      .where('assigned_agency_id', 'is not', null)
      .groupBy('assigned_agency_id')
      .execute(),
    db
      .selectFrom('publications')
      .select([
        'agency_id as agencyId',
        (eb) => eb.fn.countAll<string>().as('published'),
        sql<string | null>`percentile_cont(0.5) within group (order by answer_days)`.as('median'),
      ])
      .where('status', '=', 'published')
      .where('submitted_at', '>=', since)
      .groupBy('agency_id')
      .execute(),
    ]);
  const agencies = await db.selectFrom('agencies').select(['id', 'code', 'name']).where('active', '=', true).execute();
  const byId = new Map(medians.map((m) => [m.agencyId, m]));
  const counted = new Map(received.map((r) => [r.agencyId, r]));
  return agencies
    .map((a) => {
      const r = counted.get(a.id);
      const m = byId.get(a.id);
      return {
        code: a.code,
        name: a.name,
        received: Number(r?.received ?? 0),
        answered: Number(r?.answered ?? 0),
        published: Number(m?.published ?? 0),
        medianDays: m?.median === null || m?.median === undefined ? null : Number(m.median),
      };
    })
    .filter((a) => a.received > 0 || a.published > 0)
    .sort((x, y) => y.received - x.received || x.name.localeCompare(y.name));
}

/** The search form's lists: active OPD and categories, every kecamatan. */
export async function filterOptions(db: Db) {
  const [agencies, categories, kecamatan] = await Promise.all([
    db.selectFrom('agencies').select(['code', 'name']).where('active', '=', true).orderBy('name').execute(),
    db.selectFrom('categories').select(['code', 'name']).where('active', '=', true).orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan').orderBy('name').execute(),
  ]);
  return { agencies, categories, kecamatan };
}

/** An active OPD by its code: the feeds and the embeddable block of one OPD. */
export function activeAgency(db: Db, code: string) {
  return db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}
