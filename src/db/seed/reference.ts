import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../database.js';
import type { AgenciesTable, HolidaysTable, RegionsTable } from '../schema.js';
import { CATEGORIES } from './categories.js';
import { type AgencySeed, PATI_AGENCIES, kecamatanOffice, kelurahanOffice } from './pati-agencies.js';

/**
 * Reference data for a new installation: SLA policy, OPD, categories, the kecamatan and
 * desa/kelurahan of Kabupaten Pati, and the days off of 2025-2027. Loaded once, into an
 * empty database (no agencies yet), in one transaction; afterwards admins own this data
 * and a restart never overwrites their edits.
 */

export const PATI_REGENCY_CODE = '33.18';
export const HOLIDAY_YEARS: readonly number[] = [2025, 2026, 2027];

/** SP4N-LAPOR! defaults (DESIGN.md section 1), in working days. */
export const DEFAULT_SLA_POLICY = {
  code: 'default',
  name: 'Standar SP4N-LAPOR!',
  verify_days: 3,
  respond_days: 5,
  resolve_days: 14,
  auto_close_days: 10,
  info_wait_days: 10,
  remind_days_before: 1,
  escalate_after_days: 3,
} as const;

const CHUNK = 300;
/** Any constant: serialises concurrent first starts of several processes. */
const SEED_LOCK_KEY = 7_318_001;

export type RegionSeed = Insertable<RegionsTable>;
export type HolidaySeed = Insertable<HolidaysTable>;

// ---------------------------------------------------------------------------------------
// Regions

/**
 * The kecamatan of Kabupaten Pati and their desa/kelurahan, from idn-area-data (Kemendagri
 * codes and names). Kecamatan first, so parents are inserted before children. The 4-digit
 * village segment tells the kind: 1xxx is a kelurahan, 2xxx a desa.
 */
export async function patiRegions(): Promise<RegionSeed[]> {
  // Loaded here, not with the module: the app imports this file at every start, and the
  // region and holiday packages (about 40 MiB once loaded) are needed only on a first start.
  const { getDistricts, getVillages } = await import('idn-area-data');
  const [districts, villages] = await Promise.all([getDistricts(), getVillages()]);
  const kecamatan = districts
    .filter((d) => d.regency_code === PATI_REGENCY_CODE)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d): RegionSeed => ({ code: d.code, parent_code: null, level: 'kecamatan', name: d.name.trim() }));
  const known = new Set(kecamatan.map((k) => k.code));
  const desa = villages
    .filter((v) => known.has(v.district_code))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((v): RegionSeed => {
      const segment = v.code.split('.')[3] ?? '';
      const level = segment.startsWith('1') ? 'kelurahan' : segment.startsWith('2') ? 'desa' : null;
      if (!level) throw new Error(`Unexpected village code ${v.code} (${v.name}) in idn-area-data`);
      return { code: v.code, parent_code: v.district_code, level, name: v.name.trim() };
    });
  if (kecamatan.length === 0 || desa.length === 0) {
    throw new Error(`idn-area-data has no kecamatan or desa for regency ${PATI_REGENCY_CODE}`);
  }
  return [...kecamatan, ...desa];
}

// ---------------------------------------------------------------------------------------
// Holidays

/**
 * The days off decreed by the SKB 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan,
 * Menteri PANRB) for the years we know them. Where a year is listed here, its national
 * holidays are the SKB's, not date-holidays' estimate: the package computes Islamic
 * dates from a tabular calendar, while Indonesia fixes them by sidang isbat, and they
 * differ by a day in some years (Idul Fitri 2025 and 2026, 1 Muharram 2025).
 */
export const OFFICIAL_HOLIDAYS: Readonly<Record<number, {
  decree: string;
  national: readonly (readonly [string, string])[];
  cutiBersama: readonly (readonly [string, string])[];
}>> = {
  2025: {
    decree: 'SKB Nomor 1017, 2, 2 Tahun 2024; perubahan Nomor 933, 1, 3 Tahun 2025',
    national: [
      ['2025-01-01', 'Tahun Baru 2025 Masehi'],
      ['2025-01-27', 'Isra Mikraj Nabi Muhammad SAW'],
      ['2025-01-29', 'Tahun Baru Imlek 2576 Kongzili'],
      ['2025-03-29', 'Hari Suci Nyepi (Tahun Baru Saka 1947)'],
      ['2025-03-31', 'Hari Raya Idul Fitri 1446 H'],
      ['2025-04-01', 'Hari Raya Idul Fitri 1446 H (hari kedua)'],
      ['2025-04-18', 'Wafat Yesus Kristus'],
      ['2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)'],
      ['2025-05-01', 'Hari Buruh Internasional'],
      ['2025-05-12', 'Hari Raya Waisak 2569 BE'],
      ['2025-05-29', 'Kenaikan Yesus Kristus'],
      ['2025-06-01', 'Hari Lahir Pancasila'],
      ['2025-06-06', 'Hari Raya Idul Adha 1446 H'],
      ['2025-06-27', 'Tahun Baru Islam 1447 H'],
      ['2025-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia'],
      ['2025-09-05', 'Maulid Nabi Muhammad SAW'],
      ['2025-12-25', 'Kelahiran Yesus Kristus (Natal)'],
    ],
    cutiBersama: [
      ['2025-01-28', 'Cuti bersama Tahun Baru Imlek'],
      ['2025-03-28', 'Cuti bersama Hari Suci Nyepi'],
      ['2025-04-02', 'Cuti bersama Idul Fitri'],
      ['2025-04-03', 'Cuti bersama Idul Fitri'],
      ['2025-04-04', 'Cuti bersama Idul Fitri'],
      ['2025-04-07', 'Cuti bersama Idul Fitri'],
      ['2025-05-13', 'Cuti bersama Hari Raya Waisak'],
      ['2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus'],
      ['2025-06-09', 'Cuti bersama Idul Adha'],
      ['2025-08-18', 'Cuti bersama HUT ke-80 Kemerdekaan RI'],
      ['2025-12-26', 'Cuti bersama Hari Raya Natal'],
    ],
  },
  2026: {
    decree: 'SKB Nomor 1497, 2, 5 Tahun 2025',
    national: [
      ['2026-01-01', 'Tahun Baru 2026 Masehi'],
      ['2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'],
      ['2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'],
      ['2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
      ['2026-03-21', 'Hari Raya Idul Fitri 1447 H'],
      ['2026-03-22', 'Hari Raya Idul Fitri 1447 H (hari kedua)'],
      ['2026-04-03', 'Wafat Yesus Kristus'],
      ['2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'],
      ['2026-05-01', 'Hari Buruh Internasional'],
      ['2026-05-14', 'Kenaikan Yesus Kristus'],
      ['2026-05-27', 'Hari Raya Idul Adha 1447 H'],
      ['2026-05-31', 'Hari Raya Waisak 2570 BE'],
      ['2026-06-01', 'Hari Lahir Pancasila'],
      ['2026-06-16', 'Tahun Baru Islam 1448 H'],
      ['2026-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia'],
      ['2026-08-25', 'Maulid Nabi Muhammad SAW'],
      ['2026-12-25', 'Kelahiran Yesus Kristus (Natal)'],
    ],
    cutiBersama: [
      ['2026-02-16', 'Cuti bersama Tahun Baru Imlek'],
      ['2026-03-18', 'Cuti bersama Hari Suci Nyepi'],
      ['2026-03-20', 'Cuti bersama Idul Fitri'],
      ['2026-03-23', 'Cuti bersama Idul Fitri'],
      ['2026-03-24', 'Cuti bersama Idul Fitri'],
      ['2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'],
      ['2026-05-28', 'Cuti bersama Idul Adha'],
      ['2026-12-24', 'Cuti bersama Hari Raya Natal'],
    ],
  },
};

/** Names date-holidays gets wrong or leaves ambiguous in Bahasa Indonesia, by rule. */
const RULE_NAMES: Record<string, string> = {
  '01-01': 'Tahun Baru Masehi',
  '08-17': 'Hari Proklamasi Kemerdekaan Republik Indonesia',
  '12-25': 'Kelahiran Yesus Kristus (Natal)',
  // The package's Indonesian name for 27 Rajab is "Maulid Nabi Muhammad"; it is Isra Mikraj.
  '27 Rajab': 'Isra Mikraj Nabi Muhammad SAW',
  '1 Shawwal': 'Hari Raya Idul Fitri',
  '2 Shawwal': 'Hari Raya Idul Fitri (hari kedua)',
  '12 Rabi al-awwal': 'Maulid Nabi Muhammad SAW',
};

export interface PackageHoliday {
  date: string;
  name: string;
  rule: string;
}

/**
 * Indonesia's days off in `year` according to date-holidays, one per calendar date.
 *
 * Only type 'public' counts: for ID the package has no other types today, and 'bank'
 * (banks closed, offices open), 'optional', 'school' and 'observance' days are working
 * days for the OPD, so they must never stretch a deadline.
 *
 * Dates: the package starts Islamic holidays at 18:00 the evening before (`start` is the
 * eve, and `date` reads e.g. '2026-03-20 00:00:00 -0600'). The first 10 characters of
 * `date` are the day itself in the local calendar; `start` converted to a date would be
 * the eve, one day early. So the date part of `date` is used, never `start`.
 */
export function packageHolidays(year: number): PackageHoliday[] {
  // Synchronous callers, so the package's CommonJS build, loaded on first use (see patiRegions).
  const Holidays = createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  const hd = new Holidays('ID', { languages: ['id'], types: ['public'] });
  const byDate = new Map<string, PackageHoliday>();
  for (const h of hd.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !date.startsWith(String(year))) continue;
    const name = RULE_NAMES[h.rule] ?? h.name;
    const same = byDate.get(date);
    // Two holidays on one day (e.g. Natal and Isra Mikraj on 2027-12-25): one row, both names.
    if (same) same.name = `${same.name}; ${name}`;
    else byDate.set(date, { date, name, rule: h.rule });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Holiday rows for the given years. A year with an SKB in OFFICIAL_HOLIDAYS gets the SKB's
 * national holidays (source 'date-holidays' where the package agrees on the date, 'admin'
 * where the SKB corrects or adds to it) and its cuti bersama (source 'admin'). Other years
 * get the package's dates; admins add their cuti bersama when the SKB is out.
 */
export function holidaySeeds(years: readonly number[] = HOLIDAY_YEARS, log?: (msg: string) => void): HolidaySeed[] {
  const rows: HolidaySeed[] = [];
  for (const year of years) {
    const fromPackage = packageHolidays(year);
    const official = OFFICIAL_HOLIDAYS[year];
    if (!official) {
      for (const h of fromPackage) rows.push({ date: h.date, name: h.name, kind: 'national', source: 'date-holidays' });
      continue;
    }
    const packageDates = new Set(fromPackage.map((h) => h.date));
    const officialDates = new Set(official.national.map(([date]) => date));
    for (const [date, name] of official.national) {
      rows.push({ date, name, kind: 'national', source: packageDates.has(date) ? 'date-holidays' : 'admin' });
    }
    const dropped = fromPackage.filter((h) => !officialDates.has(h.date));
    if (dropped.length && log) {
      log(`holidays ${year}: date-holidays dates replaced by the SKB: ${dropped.map((h) => `${h.date} ${h.name}`).join(', ')}`);
    }
    for (const [date, name] of official.cutiBersama) rows.push({ date, name, kind: 'cuti_bersama', source: 'admin' });
  }
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.date)) throw new Error(`Holiday seed lists ${r.date} twice`);
    seen.add(r.date);
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

// ---------------------------------------------------------------------------------------
// Agencies

/** All agencies, parents before children: the OPD, then the kecamatan and kelurahan offices. */
export function agencySeeds(regions: readonly RegionSeed[]): AgencySeed[] {
  const kecamatan = regions.filter((r) => r.level === 'kecamatan');
  const offices = new Map(kecamatan.map((k) => [k.code, kecamatanOffice(k)]));
  const kelurahan = regions
    .filter((r) => r.level === 'kelurahan')
    .map((r) => {
      const parent = offices.get(r.parent_code ?? '');
      if (!parent) throw new Error(`Kelurahan ${r.code} has no kecamatan`);
      return kelurahanOffice(r, parent.code);
    });
  const all = [...PATI_AGENCIES, ...offices.values(), ...kelurahan];
  const codes = new Set<string>();
  for (const a of all) {
    if (codes.has(a.code)) throw new Error(`Duplicate agency code ${a.code}`);
    if (a.parent && !codes.has(a.parent)) throw new Error(`Agency ${a.code}: parent ${a.parent} must come first`);
    codes.add(a.code);
  }
  return all;
}

// ---------------------------------------------------------------------------------------
// Loading

/**
 * Loads the reference data if the database has no agencies yet; otherwise does nothing.
 * Safe to call at every start, also from several processes at once (an advisory lock
 * serialises them and the check is repeated under it).
 */
export async function seedReference(db: Db, log?: (msg: string) => void): Promise<{ loaded: boolean }> {
  if (await hasAgencies(db)) return { loaded: false };

  // Everything is computed before the transaction opens: on the embedded database the
  // transaction holds the only connection, so it should be short.
  const started = performance.now();
  const regions = await patiRegions();
  const agencies = agencySeeds(regions);
  const holidays = holidaySeeds(HOLIDAY_YEARS, log);

  const loaded = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    if (await hasAgencies(trx)) return false;

    const policy = await trx
      .insertInto('sla_policies')
      .values({ ...DEFAULT_SLA_POLICY })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const chunk of chunks(regions, CHUNK)) await trx.insertInto('regions').values(chunk).execute();

    // Agencies level by level, so every row is inserted with its parent's id.
    const ids = new Map<string, number>();
    let pending = agencies;
    while (pending.length) {
      const ready = pending.filter((a) => !a.parent || ids.has(a.parent));
      if (!ready.length) throw new Error(`Agencies with unknown parents: ${pending.map((a) => a.code).join(', ')}`);
      for (const chunk of chunks(ready, CHUNK)) {
        const rows = chunk.map((a): Insertable<AgenciesTable> => ({
          code: a.code,
          name: a.name,
          short_name: a.short_name,
          kind: a.kind,
          parent_id: a.parent ? ids.get(a.parent)! : null,
          region_code: a.region_code ?? null,
          email: null,
          phone: null,
        }));
        for (const r of await trx.insertInto('agencies').values(rows).returning(['id', 'code']).execute()) {
          ids.set(r.code, r.id);
        }
      }
      const done = new Set(ready.map((a) => a.code));
      pending = pending.filter((a) => !done.has(a.code));
    }

    await trx
      .insertInto('categories')
      .values(CATEGORIES.map((c) => {
        const agencyId = ids.get(c.agency);
        if (agencyId === undefined) throw new Error(`Category ${c.code}: unknown agency ${c.agency}`);
        return {
          code: c.code,
          name: c.name,
          name_en: c.name_en,
          description: c.description,
          default_agency_id: agencyId,
          sla_policy_id: policy.id,
          auto_forward: c.auto_forward,
          sort_order: c.sort_order,
        };
      }))
      .execute();

    for (const chunk of chunks(holidays, CHUNK)) await trx.insertInto('holidays').values(chunk).execute();
    return true;
  });

  if (loaded && log) {
    const kec = regions.filter((r) => r.level === 'kecamatan').length;
    log(
      `reference data loaded in ${Math.round(performance.now() - started)} ms: ${agencies.length} agencies, ` +
        `${CATEGORIES.length} categories, ${kec} kecamatan and ${regions.length - kec} desa/kelurahan, ` +
        `${holidays.length} holidays (${HOLIDAY_YEARS[0]}-${HOLIDAY_YEARS[HOLIDAY_YEARS.length - 1]})`,
    );
  }
  return { loaded };
}

async function hasAgencies(db: Db): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
