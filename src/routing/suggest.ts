import type { Db } from '../db/database.js';

/**
 * Which OPD should handle a report, and why. The coordinator sees the suggestion with its
 * reason; categories marked auto_forward go there right after verification.
 *
 * Order: a rule for (category, the report's kecamatan), then a rule for the category
 * anywhere, then the category's default agency, then the office of the report's
 * kecamatan (a known category with no OPD of its own); no category: nothing.
 * Inactive rules and inactive agencies never count.
 */
export type SuggestionReason = 'rule_region' | 'rule_category' | 'category_default' | 'kecamatan_office' | 'none';

export interface Suggestion {
  agencyId: number | null;
  agencyName: string | null;
  /** The agency's short name (DPUPR) where it has one, else its name. */
  agencyLabel: string | null;
  reason: SuggestionReason;
  ruleId?: number;
  /** For the reason text. */
  categoryName?: string;
  kecamatanName?: string;
  note?: string | null;
}

export interface RoutableReport {
  category_id: number | null;
  region_code: string | null;
}

/** The kecamatan of a region code: a desa 33.18.01.2001 lies in kecamatan 33.18.01. */
export function kecamatanOf(regionCode: string | null | undefined): string | null {
  if (!regionCode || regionCode.length < 8) return null;
  return regionCode.slice(0, 8);
}

const NONE: Suggestion = { agencyId: null, agencyName: null, agencyLabel: null, reason: 'none' };

export async function suggestAgency(db: Db, report: RoutableReport): Promise<Suggestion> {
  if (report.category_id === null) return NONE;
  const category = await db
    .selectFrom('categories')
    .leftJoin('agencies', (j) => j.onRef('agencies.id', '=', 'categories.default_agency_id').on('agencies.active', '=', true))
    .select(['categories.name', 'agencies.id as agency_id', 'agencies.name as agency_name', 'agencies.short_name'])
    .where('categories.id', '=', report.category_id)
    .executeTakeFirst();
  if (!category) return NONE;
  const kecamatan = kecamatanOf(report.region_code);
  const kecamatanName = kecamatan
    ? (await db.selectFrom('regions').select('name').where('code', '=', kecamatan).executeTakeFirst())?.name
    : undefined;
  const base = { categoryName: category.name, ...(kecamatanName ? { kecamatanName } : {}) };

  // One indexed lookup for both rule kinds: the kecamatan's rule sorts first.
  const rule = await db
    .selectFrom('routing_rules')
    .innerJoin('agencies', 'agencies.id', 'routing_rules.agency_id')
    .select([
      'routing_rules.id', 'routing_rules.region_code', 'routing_rules.note',
      'agencies.id as agency_id', 'agencies.name as agency_name', 'agencies.short_name',
    ])
    .where('routing_rules.category_id', '=', report.category_id)
    .where('routing_rules.active', '=', true)
    .where('agencies.active', '=', true)
    .where((eb) =>
      kecamatan
        ? eb.or([eb('routing_rules.region_code', '=', kecamatan), eb('routing_rules.region_code', 'is', null)])
        : eb('routing_rules.region_code', 'is', null),
    )
    .orderBy((eb) => eb('routing_rules.region_code', 'is', null))
    .limit(1)
    .executeTakeFirst();
  if (rule) {
    return {
      ...base,
      agencyId: rule.agency_id,
      agencyName: rule.agency_name,
      agencyLabel: rule.short_name ?? rule.agency_name,
      reason: rule.region_code ? 'rule_region' : 'rule_category',
      ruleId: rule.id,
      note: rule.note,
    };
  }
  if (category.agency_id !== null && category.agency_name !== null) {
    return {
      ...base,
      agencyId: category.agency_id,
      agencyName: category.agency_name,
      agencyLabel: category.short_name ?? category.agency_name,
      reason: 'category_default',
    };
  }
  if (kecamatan) {
    const office = await db
      .selectFrom('agencies')
      .select(['id', 'name', 'short_name'])
      .where('kind', '=', 'kecamatan')
      .where('region_code', '=', kecamatan)
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirst();
    if (office) {
      return { ...base, agencyId: office.id, agencyName: office.name, agencyLabel: office.short_name ?? office.name, reason: 'kecamatan_office' };
    }
  }
  return { ...NONE, ...base };
}

/** True when the category is marked for forwarding right after verification. */
export async function shouldAutoForward(db: Db, categoryId: number | null): Promise<boolean> {
  if (categoryId === null) return false;
  const row = await db
    .selectFrom('categories')
    .select('auto_forward')
    .where('id', '=', categoryId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.auto_forward ?? false;
}
