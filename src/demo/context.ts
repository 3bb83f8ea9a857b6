import type { Db } from '../db/database.js';

/** What the generator reads from the database: categories with their SLA, places, staff, taken codes. */

export interface CategoryInfo {
  id: number;
  code: string;
  agencyId: number;
  autoForward: boolean;
  sla: { verify: number; respond: number; resolve: number; autoClose: number; infoWait: number };
}

export interface Place {
  code: string;
  name: string;
  level: 'desa' | 'kelurahan';
  kecamatan: string;
  kecamatanCode: string;
}

export interface Context {
  now: Date;
  holidays: Set<string>;
  categories: Map<string, CategoryInfo>;
  places: Place[];
  agencyName: Map<number, string>;
  /** The kecamatan office of each kecamatan region code (for "bukan wewenang" returns). */
  kecamatanOffice: Map<string, number>;
  coordinators: number[];
  staffOf: Map<number, number[]>;
  headOf: Map<number, number>;
  takenCodes: Set<string>;
  /** Seed of the PRNG: depends on how many reports exist, so a second run adds new ones. */
  seed: number;
  otherCategoryId: number | undefined;
}

export async function loadContext(
  trx: Db,
  agencies: { id: number; code: string; name: string; region_code: string | null }[],
  now: Date,
): Promise<Context> {
  const [cats, regions, holidays, users, codes] = await Promise.all([
    trx
      .selectFrom('categories as c')
      .innerJoin('sla_policies as p', 'p.id', 'c.sla_policy_id')
      .select([
        'c.id', 'c.code', 'c.default_agency_id', 'c.auto_forward', 'p.verify_days', 'p.respond_days',
        'p.resolve_days', 'p.auto_close_days', 'p.info_wait_days',
      ])
      .where('c.active', '=', true)
      .execute(),
    trx.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).execute(),
    trx.selectFrom('holidays').select('date').execute(),
    trx.selectFrom('users').select(['id', 'role', 'agency_id']).where('active', '=', true).orderBy('id').execute(),
    trx.selectFrom('reports').select('tracking_code').execute(),
  ]);

  const categories = new Map<string, CategoryInfo>();
  for (const c of cats) {
    if (c.default_agency_id === null) continue;
    categories.set(c.code, {
      id: c.id,
      code: c.code,
      agencyId: c.default_agency_id,
      autoForward: c.auto_forward,
      sla: {
        verify: c.verify_days, respond: c.respond_days, resolve: c.resolve_days,
        autoClose: c.auto_close_days, infoWait: c.info_wait_days,
      },
    });
  }
  const kecamatanName = new Map(regions.filter((r) => r.level === 'kecamatan').map((r) => [r.code, r.name]));
  const places: Place[] = regions
    .filter((r) => r.level !== 'kecamatan' && r.parent_code)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as 'desa' | 'kelurahan',
      kecamatan: kecamatanName.get(r.parent_code!) ?? '',
      kecamatanCode: r.parent_code!,
    }));
  if (!places.length) throw new Error('No desa/kelurahan in the regions table: load the reference data first');

  const staffOf = new Map<number, number[]>();
  const headOf = new Map<number, number>();
  const coordinators: number[] = [];
  for (const u of users) {
    if (u.role === 'coordinator') coordinators.push(u.id);
    else if (u.role === 'agency_staff' && u.agency_id !== null) {
      staffOf.set(u.agency_id, [...(staffOf.get(u.agency_id) ?? []), u.id]);
    } else if (u.role === 'agency_head' && u.agency_id !== null && !headOf.has(u.agency_id)) {
      headOf.set(u.agency_id, u.id);
    }
  }
  const kecamatanOffice = new Map<string, number>();
  for (const a of agencies) if (a.code.startsWith('kec-') && a.region_code) kecamatanOffice.set(a.region_code, a.id);

  return {
    now,
    holidays: new Set(holidays.map((h) => h.date)),
    categories,
    places,
    agencyName: new Map(agencies.map((a) => [a.id, a.name])),
    kecamatanOffice,
    coordinators,
    staffOf,
    headOf,
    takenCodes: new Set(codes.map((c) => c.tracking_code)),
    seed: 0x9a71 + codes.length,
    otherCategoryId: categories.get('lainnya')?.id,
  };
}
