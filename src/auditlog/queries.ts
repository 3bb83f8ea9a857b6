import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditFilter } from './schema.js';

export const PAGE_SIZE = 50;

/**
 * Entries newest first, narrowed by the filter, a page at a time by id (keyset: the page
 * after a million entries costs what the first does). `report` is a normalised code.
 */
export async function listAudit(db: Db, filter: Omit<AuditFilter, 'report'> & { report?: string }) {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.actor) {
    q = /^\d{1,9}$/.test(filter.actor)
      ? q.where('actor_user_id', '=', Number(filter.actor))
      : q.where('actor_name', 'ilike', `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.report) {
    const code = filter.report;
    // The report's own entries, and views of lists that showed it among others.
    q = q.where((eb) => eb.or([
      eb('report_code', '=', code),
      sql<boolean>`(details -> 'reports') @> jsonb_build_array(${code}::text)`,
    ]));
  }
  // Whole days in Jakarta time, the `to` day included.
  if (filter.from) q = q.where('at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone 'Asia/Jakarta'`);
  if (filter.to) q = q.where('at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Jakarta'`);
  if (filter.before) q = q.where('id', '<', filter.before);
  const rows = await q.orderBy('id', 'desc').limit(PAGE_SIZE + 1).execute();
  return { rows: rows.slice(0, PAGE_SIZE), next: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.id : null };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];

/** Names of what a page of entries refers to by id: people, OPD, categories, regions, and the targets' own names. */
export interface AuditNames {
  users: Map<number, string>;
  agencies: Map<number, string>;
  categories: Map<number, string>;
  regions: Map<string, string>;
  /** By target type ('answer_template', 'sla_policy', 'open311_client', 'api_token'), then id. */
  targets: Map<string, Map<string, string>>;
}

const ids = (values: unknown[]) => [...new Set(values.filter((v): v is number => Number.isSafeInteger(v)))];

/** One query per kind of name, whatever the page holds (at most a few dozen ids each). */
export async function auditNames(db: Db, rows: AuditRow[]): Promise<AuditNames> {
  const d = rows.map((r) => r.details ?? {});
  const nested = (key: string) => d.flatMap((x) => [x.from, x.to].map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined)));
  const targetIds = (type: string) => [...new Set(rows.filter((r) => r.target_type === type && r.target_id).map((r) => Number(r.target_id)))].filter(Number.isSafeInteger);
  const userIds = ids([...d.map((x) => x.userId), ...targetIds('user')]);
  const agencyIds = ids(d.flatMap((x) => [x.agencyId, ...(Array.isArray(x.supporting) ? x.supporting : [])]));
  const categoryIds = ids([...d.map((x) => x.categoryId), ...nested('categoryId')]);
  const regionCodes = [...new Set(d.map((x) => x.regionCode).filter((v): v is string => typeof v === 'string'))];
  const named = async (table: 'answer_templates' | 'sla_policies' | 'open311_clients' | 'api_tokens', list: number[]) =>
    list.length ? db.selectFrom(table).select(['id', 'name']).where('id', 'in', list).execute() : [];
  const [users, agencies, categories, regions, templates, policies, clients, tokens] = await Promise.all([
    userIds.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [],
    agencyIds.length ? db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute() : [],
    categoryIds.length ? db.selectFrom('categories').select(['id', 'name']).where('id', 'in', categoryIds).execute() : [],
    regionCodes.length ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', regionCodes).execute() : [],
    named('answer_templates', targetIds('answer_template')),
    named('sla_policies', targetIds('sla_policy')),
    named('open311_clients', targetIds('open311_client')),
    named('api_tokens', targetIds('api_token')),
  ]);
  const byId = (list: { id: number; name: string }[]) => new Map(list.map((x) => [x.id, x.name]));
  const byKey = (list: { id: number; name: string }[]) => new Map(list.map((x) => [String(x.id), x.name]));
  return {
    users: byId(users),
    agencies: byId(agencies),
    categories: byId(categories),
    regions: new Map(regions.map((r) => [r.code, r.name])),
    targets: new Map([
      ['user', byKey(users)],
      ['answer_template', byKey(templates)],
      ['sla_policy', byKey(policies)],
      ['open311_client', byKey(clients)],
      ['api_token', byKey(tokens)],
    ]),
  };
}
