import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB } from '../db/schema.js';

/**
 * Reads of the Open311 endpoints; no writes. Services come from the categories (public
 * reference data); service requests come from `publications` only, where status is
 * 'published': what the coordinator approved, already redacted, with the case's public
 * code copied at publication. Never joined to `reports`: a rahasia report never gets a
 * publication, and nothing the coordinator did not approve can come along a join. (The
 * one read of `reports`, submittedReceipt, is of the client's own new report.)
 */
export interface ServiceRow {
  code: string;
  name: string;
  name_en: string | null;
  description: string | null;
  agency_name: string | null;
}

/**
 * The catch-all service: a request that fits no other service, which becomes a report
 * without a category for the coordinator to sort (as the web form's "tidak tahu"). It is
 * always offered, whether or not a category of that code exists: when one does (the seed's
 * "Lainnya"), its row names and groups it; otherwise `catchAll` says it in the locale.
 * A published case without a category is shown under it.
 */
export const CATCH_ALL_SERVICE = 'lainnya';

/** The active categories as services, and the catch-all last when no category holds its code. */
export async function listServices(db: Db, catchAll: ServiceRow): Promise<ServiceRow[]> {
  const rows = await servicesQuery(db).orderBy('c.sort_order').orderBy('c.name').execute();
  return rows.some((r) => r.code === CATCH_ALL_SERVICE) ? rows : [...rows, catchAll];
}

export async function findService(db: Db, code: string, catchAll: ServiceRow): Promise<ServiceRow | undefined> {
  const row = await servicesQuery(db).where('c.code', '=', code).executeTakeFirst();
  return row ?? (code === CATCH_ALL_SERVICE ? catchAll : undefined);
}

function servicesQuery(db: Db) {
  return db
    .selectFrom('categories as c')
    .leftJoin('agencies as a', 'a.id', 'c.default_agency_id')
    .select(['c.code', 'c.name', 'c.name_en', 'c.description', 'a.name as agency_name'])
    .where('c.active', '=', true);
}

export function listKecamatan(db: Db) {
  return db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan').orderBy('name').execute();
}

export interface PublishedRow {
  tracking_code: string;
  body: string;
  answer: string;
  photo_ids: number[];
  category_code: string | null;
  category_name: string | null;
  category_name_en: string | null;
  agency_name: string | null;
  kecamatan_name: string | null;
  submitted_at: Date;
  answered_at: Date | null;
  resolved_at: Date | null;
  published_at: Date | null;
}

export interface RequestFilter {
  codes?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

function publishedQuery(db: Db): SelectQueryBuilder<DB, 'publications' | 'categories' | 'agencies' | 'regions', PublishedRow> {
  return db
    .selectFrom('publications')
    .leftJoin('categories', 'categories.id', 'publications.category_id')
    .leftJoin('agencies', 'agencies.id', 'publications.agency_id')
    .leftJoin('regions', 'regions.code', 'publications.kecamatan_code')
    .select([
      'publications.code as tracking_code',
      'publications.body',
      'publications.answer',
      'publications.photo_ids',
      'categories.code as category_code',
      'categories.name as category_name',
      'categories.name_en as category_name_en',
      'agencies.name as agency_name',
      'regions.name as kecamatan_name',
      'publications.submitted_at',
      'publications.answered_at',
      'publications.resolved_at',
      'publications.published_at',
    ])
    .where('publications.status', '=', 'published');
}

/** Published cases, newest submission first. */
export function listPublished(db: Db, f: RequestFilter): Promise<PublishedRow[]> {
  let q = publishedQuery(db);
  if (f.codes) q = q.where('publications.code', 'in', f.codes.length ? f.codes : ['']);
  if (f.serviceCodes) {
    const codes = f.serviceCodes.length ? f.serviceCodes : [''];
    // The catch-all holds the cases published without a category too.
    q = codes.includes(CATCH_ALL_SERVICE)
      ? q.where((eb) => eb.or([eb('categories.code', 'in', codes), eb('publications.category_id', 'is', null)]))
      : q.where('categories.code', 'in', codes);
  }
  if (f.from) q = q.where('publications.submitted_at', '>=', f.from);
  if (f.to) q = q.where('publications.submitted_at', '<=', f.to);
  return q
    .orderBy('publications.submitted_at', 'desc')
    .orderBy('publications.report_id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export function findPublished(db: Db, code: string): Promise<PublishedRow | undefined> {
  return publishedQuery(db).where('publications.code', '=', code).executeTakeFirst();
}

/**
 * The active category behind a service_code, for a new request: null for the catch-all
 * (no category: the coordinator chooses), undefined for a code that is no service.
 */
export async function activeCategoryId(db: Db, code: string): Promise<number | null | undefined> {
  if (code === CATCH_ALL_SERVICE) return null;
  const row = await db.selectFrom('categories').select('id').where('code', '=', code).where('active', '=', true).executeTakeFirst();
  return row?.id;
}


/**
 * What the answer to a POST tells of the report it made, for a request sent twice: the
 * first one's code and verification deadline, the same the client was told the first time.
 */
export function submittedReceipt(db: Db, reportId: number): Promise<{ tracking_code: string; verify_due_at: Date | null }> {
  return db.selectFrom('reports').select(['tracking_code', 'verify_due_at']).where('id', '=', reportId).executeTakeFirstOrThrow();
}
