import crypto from 'node:crypto';
import type { Db } from '../../src/db/database.js';

/** A category of this test's own, so rules made by one test never meet another's. */
export async function newCategory(db: Db, opts: { defaultAgency?: string | null; autoForward?: boolean; name?: string } = {}) {
  const code = `uji-${crypto.randomBytes(4).toString('hex')}`;
  const policy = await db.selectFrom('sla_policies').select('id').orderBy('id').executeTakeFirstOrThrow();
  const agency = opts.defaultAgency
    ? await db.selectFrom('agencies').select('id').where('code', '=', opts.defaultAgency).executeTakeFirstOrThrow()
    : null;
  return db
    .insertInto('categories')
    .values({
      code,
      name: opts.name ?? `Kategori ${code}`,
      sla_policy_id: policy.id,
      default_agency_id: agency?.id ?? null,
      auto_forward: opts.autoForward ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A kecamatan of the seeded Pati data by name, with one of its desa. */
export async function kecamatan(db: Db, name: string) {
  const kec = await db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan')
    .where('name', '=', name).executeTakeFirstOrThrow();
  const desa = await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', kec.code)
    .orderBy('code').executeTakeFirstOrThrow();
  return { code: kec.code, name: kec.name, desaCode: desa.code, desaName: desa.name };
}

export async function agency(db: Db, code: string) {
  return db.selectFrom('agencies').select(['id', 'name', 'short_name']).where('code', '=', code).executeTakeFirstOrThrow();
}

export async function addRule(db: Db, values: { categoryId: number; regionCode?: string | null; agencyId: number; active?: boolean }) {
  return db
    .insertInto('routing_rules')
    .values({
      category_id: values.categoryId,
      region_code: values.regionCode ?? null,
      agency_id: values.agencyId,
      active: values.active ?? true,
      note: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A word no other report has, so trigram and text matches stay within one test. */
export function nonce(): string {
  return `zq${crypto.randomBytes(3).toString('hex').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}`;
}
