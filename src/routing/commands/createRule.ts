import type { Selectable } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { RoutingRulesTable } from '../../db/schema.js';
import { InputError } from '../../shared/errors.js';
import type { RuleInput } from '../schema.js';

export type RoutingRule = Selectable<RoutingRulesTable>;

/**
 * Adds a routing rule. The category and agency must exist and be active, the region must
 * be a kecamatan; one rule per (category, kecamatan or "anywhere"), inactive ones included.
 */
export async function createRule(db: Db, input: RuleInput): Promise<RoutingRule & { categoryName: string }> {
  const [category, agency, region] = await Promise.all([
    db.selectFrom('categories').select(['id', 'name']).where('id', '=', input.categoryId).where('active', '=', true).executeTakeFirst(),
    db.selectFrom('agencies').select('id').where('id', '=', input.agencyId).where('active', '=', true).executeTakeFirst(),
    input.regionCode === null
      ? Promise.resolve(null)
      : db.selectFrom('regions').select('code').where('code', '=', input.regionCode).where('level', '=', 'kecamatan').executeTakeFirst(),
  ]);
  const errors: Record<string, string> = {};
  if (!category) errors.categoryId = 'routing:errors.categoryUnknown';
  if (region === undefined) errors.regionCode = 'routing:errors.regionUnknown';
  if (!agency) errors.agencyId = 'routing:errors.agencyUnknown';
  if (Object.keys(errors).length) throw new InputError(errors);
  try {
    const rule = await audited(db, (trx) => trx
      .insertInto('routing_rules')
      .values({ category_id: input.categoryId, region_code: input.regionCode, agency_id: input.agencyId, note: input.note })
      .returningAll()
      .executeTakeFirstOrThrow(),
      (r) => ({ action: 'routing_rule_create', target: { type: 'routing_rule', id: r.id }, details: { categoryId: r.category_id, regionCode: r.region_code, agencyId: r.agency_id } }));
    return { ...rule, categoryName: category!.name };
  } catch (err) {
    if (isUniqueViolation(err, 'routing_rules_category_region_key')) {
      throw new InputError({ regionCode: 'routing:errors.duplicate' });
    }
    throw err;
  }
}
